// The /work/plan assignment-list filter and pages in the address bar: read leniently, written back canonically.
import { idParam } from '../http/forms.ts';
import { pageSlice, parsePage, type PageSlice } from '../matrix/filter.ts';
import { nameMatches } from '../planning/name-search.ts';

export type Placed = 'yes' | 'no';
const PRIORITIES = ['high', 'normal', 'low'] as const;
export type PlanPriority = (typeof PRIORITIES)[number];

/** `q` matches the proposed owner's (or buddy's, or pinned person's) name; `placed` needs a finished run. */
export type PlanFilter = { q: string; areaId: number | null; placed: Placed | null; priority: PlanPriority | null };

/** Items and members per page: 50 rows of selects and reasons render in a few milliseconds at any team size. */
export const PLAN_PAGE_SIZE = 50;

/** Where the list is: its filter, the page of items, the page of members' loads, and the one item whose choices are open. */
export type PlanView = { filter: PlanFilter; page: number; memberPage: number; choose: number | null };

export const NO_PLAN_FILTER: PlanFilter = { q: '', areaId: null, placed: null, priority: null };

/** Lenient, like the matrix filter: an unknown area or value is dropped, so the form shows exactly what applies. */
export function parsePlanView(query: URLSearchParams, areaIds: ReadonlySet<number>): PlanView {
  const areaId = idParam(query.get('area') ?? undefined);
  const placed = query.get('placed');
  const priority = query.get('priority');
  return {
    filter: {
      q: (query.get('q') ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 100),
      areaId: areaId !== null && areaIds.has(areaId) ? areaId : null,
      placed: placed === 'yes' || placed === 'no' ? placed : null,
      priority: (PRIORITIES as readonly string[]).includes(priority ?? '') ? (priority as PlanPriority) : null,
    },
    page: parsePage(query),
    memberPage: parsePage(new URLSearchParams({ page: query.get('mpage') ?? '' })),
    choose: idParam(query.get('choose') ?? undefined),
  };
}

/** The canonical query of a view (only the parts that are set, in a fixed order), without `?`. */
export function planViewQuery(view: Partial<PlanView> & { filter: PlanFilter }): string {
  const q = new URLSearchParams();
  const f = view.filter;
  if (f.q) q.set('q', f.q);
  if (f.areaId !== null) q.set('area', String(f.areaId));
  if (f.placed) q.set('placed', f.placed);
  if (f.priority) q.set('priority', f.priority);
  if (view.page && view.page > 1) q.set('page', String(view.page));
  if (view.memberPage && view.memberPage > 1) q.set('mpage', String(view.memberPage));
  if (view.choose) q.set('choose', String(view.choose));
  return q.toString();
}

type Row = { id: number; priority: string; requirements: ReadonlyArray<{ areaId: number }> };

/**
 * The items the filter keeps, in their order. `placedIds` are the run's placed items (null: no finished run,
 * then `placed` keeps nothing for yes and everything for no); `namesOf` gives the names an owner filter matches.
 */
export function filterRows<T extends Row>(rows: readonly T[], filter: PlanFilter, placedIds: ReadonlySet<number> | null, namesOf: (itemId: number) => string[]): T[] {
  return rows.filter(
    (r) =>
      (filter.areaId === null || r.requirements.some((req) => req.areaId === filter.areaId)) &&
      (filter.priority === null || r.priority === filter.priority) &&
      (filter.placed === null || (filter.placed === 'yes') === (placedIds?.has(r.id) ?? false)) &&
      (filter.q === '' || namesOf(r.id).some((n) => nameMatches(n, filter.q))),
  );
}

/** One page of a list, with the slice shown (a page past the end shows the last one). */
export function pageOf<T>(rows: readonly T[], requested: number): { rows: T[]; slice: PageSlice } {
  const slice = pageSlice(rows.length, requested, PLAN_PAGE_SIZE);
  return { rows: rows.slice(slice.from === 0 ? 0 : slice.from - 1, slice.to), slice };
}
