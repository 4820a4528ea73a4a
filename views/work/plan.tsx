// /work/plan: the work-split planner: progress while it solves, the proposal's summary, a filtered page of items with pins and exclusions, accept.
import { EmptyState } from '../components.tsx';
import { t } from '../i18n/index.ts';
import { ListTable } from '../ui/list-table.tsx';
import { Pager, type Slice } from './pager.tsx';
import { PlanRow, type PlanRowData } from './plan-row.tsx';
import { points, RunFailed, RunProgress, RunResult, type MembersPage, type RunState } from './run.tsx';

type Cycle = { id: number; name: string };

export type PlanFormState = {
  pins: Record<number, number>;
  exclusions: Array<{ itemId: number; memberId: number }>;
  buddies: boolean;
  /** Item id → what is wrong with its pin or exclusion. */
  itemErrors?: Record<number, string>;
  /** A problem with the whole request (e.g. nobody has capacity). */
  formError?: string;
};

function CyclePicker(p: { cycles: Cycle[]; cycle: Cycle }) {
  return (
    <form method="get" action="/work/plan" class="inline wk-cycle-picker">
      <label for="plan-cycle">{t('work.field.cycle')}</label>{' '}
      <select id="plan-cycle" name="cycle">
        {p.cycles.map((c) => (
          <option value={String(c.id)} selected={c.id === p.cycle.id}>
            {c.name}
          </option>
        ))}
      </select>{' '}
      <button type="submit" class="secondary wk-small">
        {t('work.plan.show')}
      </button>
    </form>
  );
}

/** Where the list is and how to move: links keep the filter (and the run), `here` is this page of the list. */
export type PlanListLinks = { here: string; prev: string; next: string; reset: string; unplaced: string };

export type PlanList = {
  rows: PlanRowData[];
  /** Open items of the cycle, and how many the filter keeps. */
  total: number;
  slice: Slice;
  links: PlanListLinks;
  /** The list's query (filter and page), posted back so a re-plan returns to the same place. */
  view: string;
  filter: PlanFilterValues;
  areas: Array<{ id: number; name: string }>;
  /** Names of the people the rows mention (owners, buddies, pins, exclusions). */
  names: ReadonlyMap<number, string>;
  /** Titles of items not on this page, for their errors. */
  titles: ReadonlyMap<number, string>;
};

export type PlanFilterValues = { q: string; area: string; placed: string; priority: string };

/** The list's filter: a GET form in the address bar; with htmx it swaps the list in place. */
function PlanFilterForm(p: { cycle: Cycle; runId: number | null; list: PlanList; hasResult: boolean }) {
  const v = p.list.filter;
  const select = (name: keyof PlanFilterValues, label: string, options: Array<{ value: string; label: string }>) => (
    <div class="field">
      <label for={`pf-${name}`}>{label}</label>
      <select id={`pf-${name}`} name={name}>
        <option value="">{t('work.filter.any')}</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === v[name]}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form method="get" action="/work/plan" hx-get="/work/plan" hx-target="#plan-form" hx-swap="outerHTML" class="card wk-filters" role="search" aria-label={t('work.plan.filters')}>
      <input type="hidden" name="cycle" value={String(p.cycle.id)} />
      {p.runId !== null && <input type="hidden" name="run" value={String(p.runId)} />}
      <div class="field">
        <label for="pf-q">{t('work.plan.filter.owner')}</label>
        <input id="pf-q" type="search" name="q" value={v.q} maxlength={100} />
      </div>
      {select('area', t('work.field.area'), p.list.areas.map((a) => ({ value: String(a.id), label: a.name })))}
      {p.hasResult &&
        select('placed', t('work.plan.filter.placed'), [
          { value: 'yes', label: t('work.plan.filter.placedYes') },
          { value: 'no', label: t('work.plan.notPlaced') },
        ])}
      {select('priority', t('work.field.priority'), (['high', 'normal', 'low'] as const).map((k) => ({ value: k, label: t(`work.priority.${k}`) })))}
      <div class="wk-filter-actions">
        <button type="submit">{t('common.filter')}</button>
        <a href={p.list.links.reset} class="button secondary">
          {t('common.reset')}
        </a>
      </div>
    </form>
  );
}

/**
 * The pins-and-exclusions form over one page of the items; each row also shows what the current proposal
 * does with the item. Pins and exclusions of items on other pages travel as hidden fields, so planning
 * again from any page keeps them all.
 */
export function PlanForm(p: { cycle: Cycle; list: PlanList; areaNames: Record<number, string>; state: PlanFormState; run: RunState | null }) {
  const { list, state } = p;
  const shown = new Set(list.rows.map((r) => r.item.id));
  const itemErrors = state.itemErrors ?? {};
  const hasErrors = Boolean(state.formError) || Object.keys(itemErrors).length > 0;
  const elsewhere = Object.entries(itemErrors).filter(([id]) => !shown.has(Number(id)));
  const hiddenPins = Object.entries(state.pins).filter(([id]) => !shown.has(Number(id)));
  const hiddenExclusions = state.exclusions.filter((e) => !shown.has(e.itemId));
  return (
    <form id="plan-form" method="post" action="/work/plan" hx-post="/work/plan" hx-swap="outerHTML" class="stack wk-plan-form">
      <input type="hidden" name="cycle" value={String(p.cycle.id)} />
      <input type="hidden" name="view" value={list.view} />
      {hiddenPins.map(([itemId, memberId]) => (
        <input type="hidden" name="pin" value={`${itemId}:${memberId}`} />
      ))}
      {hiddenExclusions.map((e) => (
        <input type="hidden" name="exclude" value={`${e.itemId}:${e.memberId}`} />
      ))}
      {hasErrors && (
        <div class="error-summary" role="alert">
          <strong>{t('work.plan.notStarted')}</strong>
          <p>{state.formError ?? t('work.plan.fixPins')}</p>
          {elsewhere.length > 0 && (
            <ul>
              {elsewhere.map(([id, error]) => (
                <li>
                  <strong>{list.titles.get(Number(id)) ?? `#${id}`}</strong>: {error}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p class="wk-plan-submit">
        <label>
          <input type="checkbox" name="buddies" value="1" checked={state.buddies} /> {t('work.plan.buddies')}
        </label>
        <button type="submit">{p.run ? t('work.plan.replan') : t('work.plan.plan')}</button>
      </p>
      <p class="muted" role="status">
        {t('work.plan.count', { shown: list.slice.total, total: list.total })}
        {list.slice.pages > 1 && ` · ${t('work.plan.range', { from: list.slice.from, to: list.slice.to, count: list.slice.total })}`}
      </p>
      {list.rows.length === 0 ? (
        <EmptyState>
          {t('work.plan.noMatch')} <a href={list.links.reset}>{t('common.reset')}</a>
        </EmptyState>
      ) : (
        <ListTable labelledBy="plan-items-title" class="wk-plan-items" columns={[{ label: t('work.field.title') }, { label: t('work.plan.proposal') }, { label: t('work.plan.pin') }, { label: t('work.plan.exclude') }]}>
          {list.rows.map((row) => (
            <PlanRow
              row={row}
              names={list.names}
              areaNames={p.areaNames}
              state={{ pin: state.pins[row.item.id], excluded: state.exclusions.filter((e) => e.itemId === row.item.id).map((e) => e.memberId), error: itemErrors[row.item.id] }}
            />
          ))}
        </ListTable>
      )}
      <Pager slice={list.slice} prev={list.links.prev} next={list.links.next} target="#plan-form" label={t('work.plan.pages')} prevText={t('work.plan.prevPage', { size: PAGE })} nextText={t('work.plan.nextPage', { size: PAGE })} />
      <p class="wk-plan-submit">
        <button type="submit">{p.run ? t('work.plan.replan') : t('work.plan.plan')}</button>
      </p>
    </form>
  );
}

/** Rows per page of both lists (the route pages them). */
const PAGE = 50;

export type PlanSummary = { members: number; free: number; items: number; effort: number };

export function PlanPage(p: {
  cycles: Cycle[];
  cycle: Cycle;
  summary: PlanSummary;
  list: PlanList;
  members: MembersPage | null;
  areaNames: Record<number, string>;
  run: RunState | null;
  hash: string;
  state: PlanFormState;
  pageUrl: string;
}) {
  return (
    <section class="wk-plan">
      <p class="wk-crumbs">
        <a href="/work">{t('work.title')}</a>
      </p>
      <div class="wk-page-head">
        <h1>{t('work.plan.title', { cycle: p.cycle.name })}</h1>
        <CyclePicker cycles={p.cycles} cycle={p.cycle} />
      </div>
      <p class="wk-plan-summary">
        {t('work.plan.summary', { members: p.summary.members, free: points(p.summary.free), items: p.summary.items, effort: p.summary.effort })}{' '}
        <a href={`/work/cycles/${p.cycle.id}#capacities`}>{t('work.plan.editCapacities')}</a>
      </p>
      {p.run === null ? null : p.run.run.status === 'running' && !p.run.lost ? (
        <RunProgress run={p.run} pageUrl={p.pageUrl} />
      ) : p.run.result && p.members ? (
        <RunResult run={p.run} hash={p.hash} cycleId={p.cycle.id} members={p.members} unplacedHref={p.list.links.unplaced} />
      ) : (
        <RunFailed run={p.run} />
      )}
      <h2 id="plan-items-title">{t('work.plan.itemsTitle', { count: p.summary.items })}</h2>
      {p.summary.items === 0 ? (
        <EmptyState>{t('work.plan.noItems')}</EmptyState>
      ) : (
        <>
          <p class="muted">{t('work.plan.formHint')}</p>
          <PlanFilterForm cycle={p.cycle} runId={p.run?.run.id ?? null} list={p.list} hasResult={Boolean(p.run?.result)} />
          <PlanForm cycle={p.cycle} list={p.list} areaNames={p.areaNames} state={p.state} run={p.run} />
        </>
      )}
    </section>
  );
}

/** /work/plan before any cycle exists. */
export function NoCyclesPage() {
  return (
    <section>
      <h1>{t('work.plan.titleNoCycle')}</h1>
      <p class="empty">
        {t('work.plan.noCycles')} <a href="/work/cycles#add">{t('work.cycle.add')}</a>
      </p>
    </section>
  );
}
