// The season report: papers read per area against the focus, attendance per session and person, roles, unread papers and carrying them, level movement.
import { EmptyState } from '../components.tsx';
import { formatDate, t } from '../i18n/index.ts';
import { BarChart } from '../ui/bar-chart.tsx';
import { ListTable } from '../ui/list-table.tsx';

export type ReportProps = {
  season: { id: number; number: number; name: string; startsOn: string; endsOn: string; status: 'planned' | 'running' | 'finished'; published: boolean; hasNext: boolean };
  areas: Array<{ id: number; name: string; focus: boolean; read: number }>;
  sessions: Array<{ id: number; position: number; day: string; title: string | null; presenter: string | null; reviewer: string | null; participants: number; came: number; excused: number; missed: number }>;
  people: Array<{ id: number; name: string; participant: boolean; held: number; came: number; presented: number; reviewed: number }>;
  unread: Array<{ id: number; title: string; url: string; votes: number; areas: string[]; carriedTo: boolean }>;
  /** Null before the season has started. */
  movement: { from: number; to: number; areas: Array<{ name: string; rated: number; rose: number; fell: number; medianBefore: number | null; medianAfter: number | null }> } | null;
  manager: boolean;
  /** Why carrying was refused (the next season is missing). */
  carryError?: string;
};

const day = (d: string) => formatDate(Date.parse(`${d}T00:00:00Z`));
const pct = (n: number, of: number) => (of > 0 ? `${Math.round((n / of) * 100)}%` : '–');
const fraction = (n: number, of: number) => t('study.report.fraction', { n, of, pct: pct(n, of) });

export function SeasonReport(p: ReportProps) {
  const s = p.season;
  return (
    <section class="study-report">
      <p>
        <a href={`/study/seasons/${s.id}`}>{t('study.report.back')}</a>
      </p>
      <h1>{t('study.report.title', { name: s.name })}</h1>
      <p class="muted">
        {t('study.report.span', { from: day(s.startsOn), to: day(s.endsOn) })} · {t(`study.report.status.${s.status}`)}
      </p>
      {!s.published && <EmptyState>{t('study.report.notPublished')}</EmptyState>}
      <AreasRead areas={p.areas} held={p.sessions.length > 0} />
      <Attendance sessions={p.sessions} />
      <People people={p.people} />
      <Unread {...p} />
      <Movement movement={p.movement} />
    </section>
  );
}

/** Focus areas with nothing read are called out once sessions have been held (before, every area is at 0). */
function AreasRead(p: { areas: ReportProps['areas']; held: boolean }) {
  const gaps = p.held ? p.areas.filter((a) => a.focus && a.read === 0) : [];
  const label = (a: ReportProps['areas'][number]) => (a.focus ? t('study.report.areas.focusLabel', { name: a.name }) : a.name);
  return (
    <section class="card" aria-labelledby="report-areas">
      <h2 id="report-areas">{t('study.report.areas.title')}</h2>
      <p class="muted">{t('study.report.areas.intro')}</p>
      {p.areas.length === 0 ? (
        <EmptyState>{t('study.report.areas.none')}</EmptyState>
      ) : (
        <>
          {gaps.length > 0 && (
            <p class="report-gap" role="note">
              {t('study.report.areas.focusGap', { count: gaps.length, names: gaps.map((a) => a.name).join(', ') })}
            </p>
          )}
          <BarChart
            id="chart-areas"
            title={t('study.report.areas.chart')}
            max={Math.max(...p.areas.map((a) => a.read))}
            bars={p.areas.map((a) => ({ label: label(a), value: a.read, text: String(a.read), mark: a.focus }))}
          />
          <ListTable labelledBy="report-areas" columns={[{ label: t('study.report.col.area') }, { label: t('study.report.col.focus') }, { label: t('study.report.col.read'), num: true }]}>
            {p.areas.map((a) => (
              <tr>
                <td>{a.name}</td>
                <td>{a.focus ? t('study.report.yes') : ''}</td>
                <td class="num">{a.read}</td>
              </tr>
            ))}
          </ListTable>
        </>
      )}
    </section>
  );
}

function Attendance(p: { sessions: ReportProps['sessions'] }) {
  const came = p.sessions.reduce((n, s) => n + s.came, 0);
  const total = p.sessions.reduce((n, s) => n + s.participants, 0);
  const gap = t('study.report.gap');
  return (
    <section class="card" aria-labelledby="report-attendance">
      <h2 id="report-attendance">{t('study.report.attendance.title')}</h2>
      {p.sessions.length === 0 ? (
        <EmptyState>{t('study.report.attendance.none')}</EmptyState>
      ) : (
        <>
          <p>{t('study.report.attendance.overall', { rate: fraction(came, total) })}</p>
          <BarChart
            id="chart-attendance"
            title={t('study.report.attendance.chart')}
            max={1}
            bars={p.sessions.map((s) => ({ label: `${t('study.report.session', { n: s.position })} · ${s.title ?? gap}`, value: s.participants ? s.came / s.participants : 0, text: fraction(s.came, s.participants) }))}
          />
          <ListTable
            labelledBy="report-attendance"
            class="st-cards"
            columns={[
              { label: t('study.report.col.session') },
              { label: t('study.report.col.paper') },
              { label: t('study.report.col.presenter') },
              { label: t('study.report.col.reviewer') },
              { label: t('study.report.col.came'), num: true },
              { label: t('study.report.col.excused'), num: true },
              { label: t('study.report.col.missed'), num: true },
              { label: t('study.report.col.unmarked'), num: true },
            ]}
          >
            {p.sessions.map((s) => (
              <tr>
                <td data-label={t('study.report.col.session')}>
                  <a href={`/study/sessions/${s.id}`}>{t('study.report.session', { n: s.position })}</a>
                  <br />
                  <span class="muted day">{day(s.day)}</span>
                </td>
                <td data-label={t('study.report.col.paper')}>{s.title ?? gap}</td>
                <td data-label={t('study.report.col.presenter')}>{s.presenter ?? gap}</td>
                <td data-label={t('study.report.col.reviewer')}>{s.reviewer ?? gap}</td>
                <td class="num" data-label={t('study.report.col.came')}>{fraction(s.came, s.participants)}</td>
                <td class="num" data-label={t('study.report.col.excused')}>{s.excused}</td>
                <td class="num" data-label={t('study.report.col.missed')}>{s.missed}</td>
                <td class="num" data-label={t('study.report.col.unmarked')}>{s.participants - s.came - s.excused - s.missed}</td>
              </tr>
            ))}
          </ListTable>
        </>
      )}
    </section>
  );
}

function People(p: { people: ReportProps['people'] }) {
  return (
    <section class="card" aria-labelledby="report-people">
      <h2 id="report-people">{t('study.report.people.title')}</h2>
      <p class="muted">{t('study.report.people.intro')}</p>
      {p.people.length === 0 ? (
        <EmptyState>{t('study.report.people.none')}</EmptyState>
      ) : (
        <ListTable
          labelledBy="report-people"
          columns={[{ label: t('study.report.col.person') }, { label: t('study.report.col.attended'), num: true }, { label: t('study.report.col.presented'), num: true }, { label: t('study.report.col.reviewed'), num: true }]}
        >
          {p.people.map((x) => (
            <tr>
              <td>
                <a href={`/members/${x.id}`}>{x.name}</a>
                {!x.participant && <span class="tag">{t('study.report.people.notParticipant')}</span>}
              </td>
              <td class="num">{x.participant ? fraction(x.came, x.held) : '–'}</td>
              <td class="num">{x.presented}</td>
              <td class="num">{x.reviewed}</td>
            </tr>
          ))}
        </ListTable>
      )}
    </section>
  );
}

function Unread(p: ReportProps) {
  const next = p.season.number + 1;
  const toCarry = p.unread.filter((u) => !u.carriedTo).length;
  return (
    <section class="card" aria-labelledby="report-unread">
      <h2 id="report-unread">{t('study.report.unread.title')}</h2>
      {p.carryError && (
        <p class="error-summary" role="alert">
          {p.carryError}
        </p>
      )}
      {p.unread.length === 0 ? (
        <EmptyState>{t('study.report.unread.none')}</EmptyState>
      ) : (
        <>
          <ListTable labelledBy="report-unread" columns={[{ label: t('study.report.col.paper') }, { label: t('study.report.col.areas') }, { label: t('study.report.col.votes'), num: true }]}>
            {p.unread.map((u) => (
              <tr>
                <td>
                  <a href={u.url} rel="noopener noreferrer">
                    {u.title}
                  </a>
                  {u.carriedTo && <span class="tag ok">{t('study.report.unread.inNext', { number: next })}</span>}
                </td>
                <td>{u.areas.join(', ')}</td>
                <td class="num">{u.votes}</td>
              </tr>
            ))}
          </ListTable>
          {p.manager &&
            (p.season.hasNext ? (
              toCarry > 0 && (
                <form method="post" action={`/study/seasons/${p.season.id}/carry`} class="report-carry">
                  <button type="submit">{t('study.carry.button', { count: toCarry, number: next })}</button>
                  <span class="muted">{t('study.carry.hint', { number: next })}</span>
                </form>
              )
            ) : (
              <p class="muted">{t('study.carry.noNext', { number: next })}</p>
            ))}
        </>
      )}
    </section>
  );
}

function Movement(p: { movement: ReportProps['movement'] }) {
  const m = p.movement;
  const median = (v: number | null) => (v === null ? '–' : String(v));
  return (
    <section class="card" aria-labelledby="report-levels">
      <h2 id="report-levels">{t('study.report.levels.title')}</h2>
      {!m ? (
        <EmptyState>{t('study.report.levels.notStarted')}</EmptyState>
      ) : (
        <>
          <p class="muted">{t('study.report.levels.intro', { from: formatDate(m.from), to: formatDate(m.to - 1) })}</p>
          {m.areas.length === 0 ? (
            <EmptyState>{t('study.report.areas.none')}</EmptyState>
          ) : (
            <ListTable
              labelledBy="report-levels"
              columns={[{ label: t('study.report.col.area') }, { label: t('study.report.col.rated'), num: true }, { label: t('study.report.col.rose'), num: true }, { label: t('study.report.col.fell'), num: true }, { label: t('study.report.col.median'), num: true }]}
            >
              {m.areas.map((a) => (
                <tr>
                  <td>{a.name}</td>
                  <td class="num">{a.rated}</td>
                  <td class="num">{a.rose}</td>
                  <td class="num">{a.fell}</td>
                  <td class="num">{a.rated ? t('study.report.levels.median', { before: median(a.medianBefore), after: median(a.medianAfter) }) : '–'}</td>
                </tr>
              ))}
            </ListTable>
          )}
        </>
      )}
    </section>
  );
}
