// The outcomes page: a headline per area, outcomes against the comparison per area and per mentor, and each learner's path.
import { EmptyState } from '../components.tsx';
import { currentLocale, formatDate, t } from '../i18n/index.ts';
import { ListTable } from '../ui/list-table.tsx';
import { GrowthNav } from './nav.tsx';

export type FiguresView = { people: number; rose: number; medianMonths: number | null; open: number };
export type VerdictView = 'tooFew' | 'supportedAhead' | 'comparisonAhead' | 'same';
type GroupKind = 'mentoring' | 'buddy' | 'study' | 'any';
export type SupportGroupView = { kind: GroupKind; figures: FiguresView; verdict: VerdictView };
export type AreaOutcomeView = {
  name: string;
  /** The kinds of support that happened in the area, then 'any'. */
  groups: SupportGroupView[];
  comparison: FiguresView;
  /** What the headline compares with no support: mentoring where there was some, else any support. */
  headline: SupportGroupView;
};
export type MentorOutcomeView = { name: string; figures: FiguresView; areas: string[] };
type Checkpoint = number | null | 'pending';
export type EventOutcomeView = {
  learner: string;
  kind: 'mentoring' | 'buddy' | 'study';
  mentor: string | null;
  area: string;
  start: number;
  startLevel: number | null;
  at90: Checkpoint;
  at180: Checkpoint;
  now: number | null;
  windowComplete: boolean;
  notCounted: 'notRated' | 'atTop' | 'left' | null;
  rose: boolean | null;
  monthsToRise: number | null;
};
export type OutcomesProps = {
  areas: AreaOutcomeView[];
  mentors: MentorOutcomeView[];
  events: EventOutcomeView[];
  /** All outcomes, of which `events` are the newest (all of them when `showAll`). */
  total: number;
  showAll: boolean;
  minToTell: number;
};

const months = (m: number) => new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: 1 }).format(m);
const pct = (n: number, of: number) => new Intl.NumberFormat(currentLocale(), { style: 'percent' }).format(n / of);
const share = (f: FiguresView) => (f.people === 0 ? t('growth.outcomes.shareNobody') : t('growth.outcomes.share', { rose: f.rose, people: f.people, pct: pct(f.rose, f.people) }));
const verdict = (g: SupportGroupView, min: number) => t(`growth.outcomes.verdict.${g.verdict}`, { min, what: t(`growth.outcomes.what.${g.kind}`) });

export function OutcomesPage(p: OutcomesProps) {
  return (
    <section class="growth-outcomes">
      <GrowthNav current="outcomes" />
      <h1>{t('growth.outcomes.title')}</h1>
      <p class="muted intro">{t('growth.outcomes.intro')}</p>
      <details class="outcome-rules">
        <summary>{t('growth.outcomes.rules.summary')}</summary>
        <ul>
          <li>{t('growth.outcomes.rules.start')}</li>
          <li>{t('growth.outcomes.rules.level')}</li>
          <li>{t('growth.outcomes.rules.rose')}</li>
          <li>{t('growth.outcomes.rules.once')}</li>
          <li>{t('growth.outcomes.rules.comparison')}</li>
          <li>{t('growth.outcomes.rules.small', { min: p.minToTell })}</li>
        </ul>
      </details>
      {p.total === 0 ? (
        <Empty />
      ) : (
        <>
          <Headlines areas={p.areas} minToTell={p.minToTell} />
          <AreaTable areas={p.areas} minToTell={p.minToTell} />
          <Mentors mentors={p.mentors} />
          <EventList {...p} />
        </>
      )}
    </section>
  );
}

function Empty() {
  return (
    <div class="card">
      <EmptyState>{t('growth.outcomes.empty')}</EmptyState>
      <ul class="st-links">
        <li>
          <a href="/pairings">{t('growth.outcomes.empty.pairings')}</a>
        </li>
        <li>
          <a href="/work">{t('growth.outcomes.empty.work')}</a>
        </li>
        <li>
          <a href="/study">{t('growth.outcomes.empty.study')}</a>
        </li>
      </ul>
    </div>
  );
}

/** Colour and a word: green "ahead", amber "behind", grey "too few to tell". */
const VERDICT_CLASS: Record<VerdictView, string> = { tooFew: 'verdict-few', supportedAhead: 'verdict-ahead', comparisonAhead: 'verdict-behind', same: 'verdict-same' };

function Headlines(p: { areas: AreaOutcomeView[]; minToTell: number }) {
  return (
    <section class="card" aria-labelledby="outcomes-headlines">
      <h2 id="outcomes-headlines">{t('growth.outcomes.headlines.title')}</h2>
      <ul class="outcome-headlines">
        {p.areas.map((a) => {
          const groups = a.groups.filter((g) => g.kind !== 'any').map((g) => t('growth.outcomes.groupShare', { group: t(`growth.outcomes.group.${g.kind}`), share: share(g.figures) }));
          return (
            <li class={VERDICT_CLASS[a.headline.verdict]}>
              {t('growth.outcomes.headline', { area: a.name, groups: groups.join(' · '), comparison: share(a.comparison) })} <strong class="verdict">{verdict(a.headline, p.minToTell)}</strong>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function FigureCells(p: { f: FiguresView }) {
  return (
    <>
      <td class="num">{p.f.people}</td>
      <td class="num">{p.f.people ? `${p.f.rose} (${pct(p.f.rose, p.f.people)})` : '–'}</td>
      <td class="num">{p.f.medianMonths === null ? '–' : months(p.f.medianMonths)}</td>
      <td class="num">{p.f.open}</td>
    </>
  );
}

function AreaTable(p: { areas: AreaOutcomeView[]; minToTell: number }) {
  return (
    <section class="card" aria-labelledby="outcomes-areas">
      <h2 id="outcomes-areas">{t('growth.outcomes.areas.title')}</h2>
      <ListTable
        labelledBy="outcomes-areas"
        class="outcome-areas"
        columns={[
          { label: t('growth.outcomes.col.area') },
          { label: t('growth.outcomes.col.group') },
          { label: t('growth.outcomes.col.people'), num: true },
          { label: t('growth.outcomes.col.rose'), num: true },
          { label: t('growth.outcomes.col.median'), num: true },
          { label: t('growth.outcomes.col.open'), num: true },
          { label: t('growth.outcomes.col.verdict') },
        ]}
      >
        {p.areas.map((a) => (
          <>
            {a.groups.map((g, i) => (
              <tr class={g.kind === 'any' ? 'outcome-any' : undefined}>
                {i === 0 && (
                  <th scope="rowgroup" rowspan={a.groups.length + 1}>
                    {a.name}
                  </th>
                )}
                <td>{t(`growth.outcomes.row.${g.kind}`)}</td>
                <FigureCells f={g.figures} />
                <td class={`outcome-verdict ${VERDICT_CLASS[g.verdict]}`}>{g.verdict === 'tooFew' ? t('growth.outcomes.tooFewShort', { min: p.minToTell }) : verdict(g, p.minToTell)}</td>
              </tr>
            ))}
            <tr class="outcome-comparison">
              <td>{t('growth.outcomes.row.comparison')}</td>
              <FigureCells f={a.comparison} />
              <td />
            </tr>
          </>
        ))}
      </ListTable>
    </section>
  );
}

function Mentors(p: { mentors: MentorOutcomeView[] }) {
  return (
    <section class="card" aria-labelledby="outcomes-mentors">
      <h2 id="outcomes-mentors">{t('growth.outcomes.mentors.title')}</h2>
      {p.mentors.length === 0 ? (
        <EmptyState>{t('growth.outcomes.mentors.none')}</EmptyState>
      ) : (
        <ul class="outcome-mentors">
          {p.mentors.map((m) => (
            <li>
              {t('growth.outcomes.mentors.line', {
                mentor: m.name,
                learners: m.figures.people,
                rose: m.figures.rose,
                median: m.figures.medianMonths === null ? t('growth.outcomes.mentors.noMedian') : t('growth.outcomes.mentors.median', { months: months(m.figures.medianMonths) }),
              })}{' '}
              <small class="muted">({m.areas.join(', ')})</small>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const level = (l: Checkpoint) => (l === 'pending' ? t('growth.outcomes.pending') : l === null ? t('growth.outcomes.unrated') : String(l));

function Result(p: { e: EventOutcomeView }) {
  const e = p.e;
  if (e.notCounted !== null) return <span class="outcome-result outcome-skip">{t(`growth.outcomes.result.${e.notCounted}`)}</span>;
  if (e.rose) return <span class="outcome-result outcome-rose">▲ {t('growth.outcomes.result.rose', { months: months(e.monthsToRise ?? 0) })}</span>;
  if (!e.windowComplete) return <span class="outcome-result outcome-open">… {t('growth.outcomes.result.notYet')}</span>;
  return <span class="outcome-result outcome-flat">▬ {t('growth.outcomes.result.didNot')}</span>;
}

function EventList(p: OutcomesProps) {
  return (
    <section class="card" aria-labelledby="outcomes-list">
      <h2 id="outcomes-list">{t('growth.outcomes.list.title')}</h2>
      <p class="muted">{t('growth.outcomes.list.order')}</p>
      {!p.showAll && p.total > p.events.length && (
        <p class="muted">
          {t('growth.outcomes.list.shown', { shown: p.events.length, count: p.total })} <a href="/growth/outcomes?all=1#outcomes-list">{t('growth.outcomes.list.showAll', { count: p.total })}</a>
        </p>
      )}
      <ListTable
        label={t('growth.outcomes.list.label')}
        class="st-cards"
        columns={[
          { label: t('growth.outcomes.col.learner') },
          { label: t('growth.outcomes.col.kind') },
          { label: t('growth.outcomes.col.area') },
          { label: t('growth.outcomes.col.started') },
          { label: t('growth.outcomes.col.path') },
          { label: t('growth.outcomes.col.result') },
        ]}
      >
        {p.events.map((e) => (
          <tr>
            <td data-label={t('growth.outcomes.col.learner')}>{e.learner}</td>
            <td data-label={t('growth.outcomes.col.kind')}>{e.kind === 'mentoring' ? t('growth.outcomes.kind.mentoring', { mentor: e.mentor ?? '' }) : t(`growth.outcomes.kind.${e.kind}`)}</td>
            <td data-label={t('growth.outcomes.col.area')}>{e.area}</td>
            <td data-label={t('growth.outcomes.col.started')}>{formatDate(e.start)}</td>
            <td data-label={t('growth.outcomes.col.path')} class="outcome-path">
              {[e.startLevel, e.at90, e.at180, e.now].map(level).join(' → ')}
            </td>
            <td data-label={t('growth.outcomes.col.result')}>
              <Result e={e} />
            </td>
          </tr>
        ))}
      </ListTable>
    </section>
  );
}
