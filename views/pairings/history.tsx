// /pairings/history: the filter, a page of people with their pair summaries and the grid among them, past rounds; one person's partners.
import { EmptyState } from '../components.tsx';
import { formatDate, t } from '../i18n/index.ts';
import { Select } from '../ui/field.tsx';
import { FilterForm } from '../ui/filter-form.tsx';
import { ListTable } from '../ui/list-table.tsx';
import { formatScore } from './groups.tsx';
import { PairGrid, type PairCell } from './pages.tsx';
import { Pager, type PageSliceView } from './pager.tsx';

export type HistoryFilterShown = { q: string; areaId: number | null; idle: 'never' | number | null };

/** When someone last paired and with whom; `days` whole days ago. */
export type LastPairing = { at: number; days: number; with: Array<{ id: number; name: string }> };

export type HistoryRow = { id: number; name: string; times: number; partners: number; last: LastPairing | null; /** teammates never paired with */ never: number };

export type RoundLineView = { id: number; acceptedAt: number; acceptedByName: string; note: string; groups: number; scoreUnits: number; current: boolean };

export type RoundsProps = { lines: RoundLineView[]; slice: PageSliceView; prev: string; next: string; showScore: boolean };

export type HistoryProps = {
  filter: HistoryFilterShown;
  areas: Array<{ id: number; name: string }>;
  idleChoices: readonly number[];
  rows: HistoryRow[];
  /** Which page of the matching people is shown; `listed` = everyone the history lists. */
  slice: PageSliceView;
  listed: number;
  grid: { people: Array<{ id: number; name: string }>; cells: ReadonlyArray<ReadonlyArray<PairCell | null>> };
  links: { here: string; prev: string; next: string };
  rounds: RoundsProps;
};

const filtering = (f: HistoryFilterShown) => f.q !== '' || f.areaId !== null || f.idle !== null;

function LastCell(p: { last: LastPairing | null }) {
  if (!p.last) return <span class="muted">{t('pairings.grid.never')}</span>;
  return (
    <>
      {p.last.with.map((w, i) => (
        <>
          {i > 0 && ', '}
          <a href={`/pairings/history/${w.id}`}>{w.name}</a>
        </>
      ))}
      <span class="muted"> · {t('pairings.people.when', { date: formatDate(p.last.at), days: p.last.days })}</span>
    </>
  );
}

function HistoryFilterForm(p: HistoryProps) {
  const idle = p.filter.idle;
  const choices: Array<number> = typeof idle === 'number' && !p.idleChoices.includes(idle) ? [...p.idleChoices, idle] : [...p.idleChoices];
  return (
    <FilterForm
      action="/pairings/history"
      results="history-results"
      search={{ id: 'h-q', label: t('pairings.people.search'), value: p.filter.q }}
      fields={
        <>
        <Select id="h-area" name="area" label={t('pairings.people.area')} value={p.filter.areaId} options={p.areas.map((a) => ({ value: a.id, label: a.name }))} blank={t('pairings.people.anyArea')} />
        <Select
          id="h-idle"
          name="idle"
          label={t('pairings.people.idle')}
          value={idle}
          options={[{ value: 'never', label: t('pairings.people.neverAnyone') }, ...choices.map((d) => ({ value: d, label: t('pairings.people.idleDays', { days: d }) }))]}
          blank={t('pairings.people.anyone')}
        />
        </>
      }
    />
  );
}

/** The swappable region: count, the people's summaries, the pager and the grid among them (what the htmx filter returns). */
export function HistoryResults(p: HistoryProps) {
  return (
    <div id="history-results">
      <p class="muted mx-count" role="status">
        {t('pairings.people.count', { shown: p.slice.total, total: p.listed })}
        {p.slice.pages > 1 && ` · ${t('pairings.people.range', { from: p.slice.from, to: p.slice.to })}`}
      </p>
      {p.rows.length === 0 ? (
        <EmptyState>
          {t('pairings.people.none')} {filtering(p.filter) && <a href="/pairings/history">{t('common.reset')}</a>}
        </EmptyState>
      ) : (
        <ListTable
          labelledBy="people-title"
          class="pair-people"
          columns={[
            { label: t('pairings.people.name') },
            { label: t('pairings.people.times'), num: true },
            { label: t('pairings.people.partners'), num: true },
            { label: t('pairings.people.last') },
            { label: t('pairings.people.never'), num: true },
          ]}
        >
          {p.rows.map((r) => (
            <tr>
              <th scope="row">
                <a href={`/pairings/history/${r.id}`}>{r.name}</a>
              </th>
              <td class="num">{r.times}</td>
              <td class="num">{r.partners}</td>
              <td>
                <LastCell last={r.last} />
              </td>
              <td class="num">{r.never}</td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pager slice={p.slice} prev={p.links.prev} next={p.links.next} label={t('pairings.people.pages')} target="#history-results" />
      <section class="pair-grid-section" aria-labelledby="grid-title">
        <h2 id="grid-title">{t('pairings.grid.title')}</h2>
        <p class="muted">{t('pairings.grid.intro')}</p>
        <PairGrid people={p.grid.people} cells={p.grid.cells} />
      </section>
    </div>
  );
}

function RoundLines(p: RoundsProps) {
  if (p.lines.length === 0) return <EmptyState>{t('pairings.history.none')}</EmptyState>;
  return (
    <>
      <ol class="round-history">
        {p.lines.map((r) => (
          <li class="card">
            <h3>
              <a href={`/pairings/history/rounds/${r.id}`}>{formatDate(r.acceptedAt)}</a> {r.current && <span class="tag ok">{t('pairings.status.current')}</span>}
            </h3>
            <p class="muted">
              {t('pairings.history.acceptedBy', { name: r.acceptedByName, groups: r.groups })}
              {p.showScore && <> · {t('pairings.totalIs', { total: formatScore(r.scoreUnits) })}</>}
            </p>
            {r.note && <p class="round-note">{r.note}</p>}
          </li>
        ))}
      </ol>
      <Pager slice={p.slice} prev={p.prev} next={p.next} label={t('pairings.history.roundPages')} />
    </>
  );
}

export function HistoryPage(p: HistoryProps) {
  return (
    <>
      <section class="pair-grid-section" aria-labelledby="people-title">
        <h2 id="people-title">{t('pairings.people.title')}</h2>
        <p class="muted">{t('pairings.people.intro')}</p>
        <details class="mx-filter-toggle" open={filtering(p.filter) ? true : undefined}>
          <summary>{t('pairings.people.filterToggle')}</summary>
          <HistoryFilterForm {...p} />
        </details>
        <HistoryResults {...p} />
      </section>
      <section class="pair-grid-section" aria-labelledby="rounds-title">
        <h2 id="rounds-title">{t('pairings.history.rounds')}</h2>
        <RoundLines {...p.rounds} />
      </section>
    </>
  );
}

export type PartnerRow = { id: number; name: string; count: number; dates: number[]; days: number };

/** One person's row of the grid: everyone they paired with, how often and on which dates. */
export function PersonHistory(p: { name: string; times: number; never: number; partners: PartnerRow[]; slice: PageSliceView; prev: string; next: string }) {
  return (
    <section class="pair-grid-section" aria-labelledby="person-title">
      <h2 id="person-title">{t('pairings.person.title', { name: p.name })}</h2>
      <p class="muted">{t('pairings.person.summary', { times: p.times, partners: p.slice.total, never: p.never })}</p>
      {p.partners.length === 0 ? (
        <EmptyState>{t('pairings.person.none', { name: p.name })}</EmptyState>
      ) : (
        <ListTable
          labelledBy="person-title"
          class="pair-people"
          columns={[{ label: t('pairings.person.with') }, { label: t('pairings.people.times'), num: true }, { label: t('pairings.person.dates') }]}
        >
          {p.partners.map((r) => (
            <tr>
              <th scope="row">
                <a href={`/pairings/history/${r.id}`}>{r.name}</a>
              </th>
              <td class="num">{r.count}</td>
              <td>
                {r.dates.map((d) => formatDate(d)).join(', ')}
                <span class="muted"> · {t('pairings.grid.ago', { days: r.days })}</span>
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <Pager slice={p.slice} prev={p.prev} next={p.next} label={t('pairings.person.pages')} />
    </section>
  );
}
