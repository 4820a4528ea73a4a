// The /work/plan page: the summary and the run, one filtered page of items with their qualified people, one page of members' loads; one row's full choices.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { idParam } from '../http/forms.ts';
import { isHtmx, notFound, page, wantsPartial } from '../http/render.tsx';
import { getUser } from '../members/queries.ts';
import { byName, t } from '../../views/i18n/index.ts';
import { PlanForm, PlanPage, type PlanFormState, type PlanList } from '../../views/work/plan.tsx';
import { PlanRow, type PlanRowData } from '../../views/work/plan-row.tsx';
import type { MembersPage } from '../../views/work/run.tsx';
import { filterRows, NO_PLAN_FILTER, pageOf, parsePlanView, planViewQuery, type PlanView } from './plan-filter.ts';
import { getRun, isLost, latestRun, LOST_RUN, planningData, versionsHash, viewOf, type PlanRun, type PlanningData, type RunView } from './plan-runs.ts';
import { qualifiedPeople, type Qualified } from './qualified.ts';
import { getItem, listCycles, peopleByIds, teamWithoutLevels, type Cycle } from './queries.ts';

type Ctx = Context<AppEnv>;
/** A stored run, parsed, with what the page says about it. */
type ShownRun = RunView & { lost: boolean; staleItems: number; acceptedByName: string | null };

/** Rows whose qualified people are at most this many list them in the row's selects; beyond, the row loads them on demand. */
const INLINE_CHOICES = 30;

export const runUrl = (cycleId: number, runId: number) => `/work/plan?cycle=${cycleId}&run=${runId}`;
const withQuery = (base: string, query: string) => (query ? `${base}&${query}` : base);

async function runState(c: Ctx, run: PlanRun, data: PlanningData): Promise<ShownRun> {
  const view = viewOf(run);
  const staleItems = run.status === 'done' && run.acceptedAt === null ? view.itemVersions.filter(([id, version]) => data.versions.get(id) !== version).length : 0;
  const acceptedBy = run.acceptedBy ? await getUser(c.get('db'), run.acceptedBy) : null;
  const lost = isLost(run, c.get('now')()) || (run.status === 'failed' && run.error === LOST_RUN);
  return { ...view, lost, staleItems, acceptedByName: acceptedBy?.name ?? null };
}

function stateOfRun(run: RunView | null): PlanFormState {
  if (!run) return { pins: {}, exclusions: [], buddies: true };
  return { pins: { ...(run.input.pins ?? {}) }, exclusions: [...(run.input.exclusions ?? [])], buddies: run.input.buddies };
}

/** The qualified people by name (the query does not sort for display). */
const sortedQualified = (q: Qualified | undefined): Qualified => (q === undefined ? [] : q && byName(q));

/**
 * The whole page, or with htmx (a filter or page link) only the list's form. `query` is where the list is
 * (filter, pages, an item whose choices are open); a re-plan posts it back.
 */
export async function planPage(c: Ctx, cycle: Cycle, opts: { runId?: number | null; state?: PlanFormState; status?: 200 | 422; query: URLSearchParams }) {
  const db = c.get('db');
  const [cycles, data] = await Promise.all([listCycles(db), planningData(db, cycle, { levels: false })]);
  const picked = opts.runId ? await getRun(db, opts.runId) : null;
  const run = picked && picked.cycleId === cycle.id ? picked : await latestRun(db, cycle.id);
  const state = run ? await runState(c, run, data) : null;
  const formState = opts.state ?? stateOfRun(state);
  const view: PlanView = parsePlanView(opts.query, new Set(Object.keys(data.areaNames).map(Number)));
  const result = state?.result ?? null;
  const choices = new Map((result?.assignments ?? []).map((a) => [a.itemId, a]));
  const unplaced = new Map((result?.unplaced ?? []).map((u) => [u.itemId, u.why]));
  const names = new Map(data.members.map((m) => [m.id, m.name]));
  for (const m of state?.input.members ?? []) if (!names.has(m.id)) names.set(m.id, m.name);
  const namesOf = (itemId: number) => {
    const a = choices.get(itemId);
    return [a?.ownerId, a?.buddyId, formState.pins[itemId]].flatMap((id) => (id === undefined || id === null ? [] : [names.get(id) ?? '']));
  };
  const kept = filterRows(data.items, view.filter, result ? new Set(choices.keys()) : null, namesOf);
  const { rows: items, slice } = pageOf(kept, view.page);
  const chosen = view.choose !== null && items.some((i) => i.id === view.choose) ? view.choose : null;
  const areaIds = new Set(Object.keys(data.areaNames).map(Number));
  const [qualified, full] = await Promise.all([
    qualifiedPeople(db, items, areaIds, INLINE_CHOICES, data.members),
    chosen === null ? Promise.resolve(new Map<number, Qualified>()) : qualifiedPeople(db, items.filter((i) => i.id === chosen), areaIds, Infinity, data.members),
  ]);
  for (const [id, q] of full) qualified.set(id, q);

  const base = state ? runUrl(cycle.id, state.run.id) : `/work/plan?cycle=${cycle.id}`;
  const at = (v: Partial<PlanView>, hash = '') => withQuery(base, planViewQuery({ ...view, choose: null, ...v })) + hash;
  const rows: PlanRowData[] = items.map((item) => ({
    item,
    choice: choices.get(item.id) ?? null,
    unplaced: unplaced.get(item.id) ?? null,
    qualified: sortedQualified(qualified.get(item.id)),
    chooseHref: at({ choose: item.id }, `#plan-item-${item.id}`),
    choicesHref: `/work/plan/items/${item.id}/choices?cycle=${cycle.id}${state ? `&run=${state.run.id}` : ''}`,
  }));
  const list: PlanList = {
    rows,
    total: data.items.length,
    slice,
    view: planViewQuery({ filter: view.filter, page: slice.page }),
    links: {
      here: at({ page: slice.page }),
      prev: at({ page: slice.page - 1 }),
      next: at({ page: slice.page + 1 }),
      reset: base,
      unplaced: withQuery(base, planViewQuery({ filter: { ...NO_PLAN_FILTER, placed: 'no' } })) + '#plan-items-title',
    },
    filter: { q: view.filter.q, area: view.filter.areaId === null ? '' : String(view.filter.areaId), placed: view.filter.placed ?? '', priority: view.filter.priority ?? '' },
    areas: byName(Object.entries(data.areaNames).map(([id, name]) => ({ id: Number(id), name }))),
    names,
    titles: new Map(data.items.map((i) => [i.id, i.title])),
  };
  if (wantsPartial(c) && opts.status !== 422) c.header('HX-Push-Url', list.links.here);
  if (isHtmx(c) && (opts.status === 422 || wantsPartial(c))) {
    return c.html(<PlanForm cycle={cycle} list={list} areaNames={data.areaNames} state={formState} run={state} />, opts.status ?? 200);
  }
  let members: MembersPage | null = null;
  if (state?.result) {
    const mp = pageOf(byName([...state.input.members]), view.memberPage);
    members = {
      rows: mp.rows.map((m) => ({ id: m.id, name: m.name, budget: data.budgets.get(m.id) ?? null })),
      slice: mp.slice,
      prev: at({ memberPage: mp.slice.page - 1 }, '#plan-members-title'),
      next: at({ memberPage: mp.slice.page + 1 }, '#plan-members-title'),
    };
  }
  const free = data.members.reduce((sum, m) => {
    const b = data.budgets.get(m.id)!;
    return sum + Math.max(0, b.capacity - b.deals - b.planned);
  }, 0);
  const props = {
    cycles,
    cycle,
    summary: { members: data.members.length, free, items: data.items.length, effort: data.items.reduce((sum, i) => sum + i.effort, 0) },
    list,
    members,
    areaNames: data.areaNames,
    run: state,
    hash: state ? versionsHash(state.itemVersions) : '',
    state: formState,
    pageUrl: base,
  };
  return page(c, t('work.plan.title', { cycle: cycle.name }), <PlanPage {...props} />, { current: '/work', status: opts.status, wide: true });
}

/** One row with every qualified person in its selects (htmx); without JS, the page with that row open. */
export const rowChoicesRoutes = new Hono<AppEnv>().get('/plan/items/:id/choices', async (c) => {
  const db = c.get('db');
  const id = idParam(c.req.param('id'));
  const item = id ? await getItem(db, id) : null;
  const cycleId = idParam(c.req.query('cycle'));
  if (!item || item.status !== 'open' || item.cycleId === null || item.cycleId !== cycleId) return notFound(c);
  const runId = idParam(c.req.query('run'));
  const run = runId ? await getRun(db, runId) : null;
  const shown = run && run.cycleId === item.cycleId ? viewOf(run) : null;
  if (!isHtmx(c)) return c.redirect(`${shown ? runUrl(item.cycleId, shown.run.id) : `/work/plan?cycle=${item.cycleId}`}&choose=${item.id}#plan-item-${item.id}`, 303);
  const formState = stateOfRun(shown);
  const excluded = formState.exclusions.filter((e) => e.itemId === item.id).map((e) => e.memberId);
  const choice = shown?.result?.assignments.find((a) => a.itemId === item.id) ?? null;
  const pin = formState.pins[item.id];
  const mentioned = [...excluded, ...(pin === undefined ? [] : [pin]), ...(choice ? [choice.ownerId, ...(choice.buddyId === null ? [] : [choice.buddyId])] : [])];
  const [{ members, areaNames }, people] = await Promise.all([teamWithoutLevels(db), peopleByIds(db, mentioned)]);
  const qualified = await qualifiedPeople(db, [item], new Set(Object.keys(areaNames).map(Number)), Infinity, members);
  const row: PlanRowData = {
    item,
    choice,
    unplaced: shown?.result?.unplaced.find((u) => u.itemId === item.id)?.why ?? null,
    qualified: sortedQualified(qualified.get(item.id)),
    chooseHref: '',
    choicesHref: '',
  };
  const names = new Map([...people.values()].map((p) => [p.id, p.name]));
  return c.html(<PlanRow row={row} names={names} areaNames={areaNames} state={{ pin, excluded, error: undefined }} />);
});
