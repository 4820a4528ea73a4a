// The /work item filter in the address bar: read leniently from a query string, as the matrix filter is.
import { idParam } from '../http/forms.ts';
import { WORK_KINDS, WORK_STATUSES, type WorkKind, type WorkStatus } from '../domain.ts';
import { currentCycle, type Cycle, type ItemFilter } from './queries.ts';

/** The filter form's values as they are shown again ('' = any; 'none' = no cycle, or no owner). */
export type WorkFilterValues = { cycle: string; kind: string; status: string; area: string; owner: string };

/** What the balance covers: one cycle, the backlog (`cycle: null`), or everything (`all`). */
export type WorkScope = { cycle: Cycle | null; all: boolean };

export type WorkFilter = { scope: WorkScope; items: ItemFilter; values: WorkFilterValues };

const isOneOf = <T extends string>(values: readonly T[], v: string | null): v is T => v !== null && (values as readonly string[]).includes(v);

/**
 * Reads the filter from query parameters. It is bookmarked and shared, so it is lenient: a cycle,
 * area or owner that does not exist and an unknown kind or status are dropped (the form then shows
 * exactly what is applied). Without `cycle` the list shows the current cycle, if there is one.
 */
export function parseFilter(query: URLSearchParams, known: { cycles: readonly Cycle[]; areas: ReadonlyArray<{ id: number }>; today: string }): WorkFilter {
  const values: WorkFilterValues = { cycle: '', kind: '', status: '', area: '', owner: '' };
  const items: ItemFilter = {};
  const cycleRaw = query.get('cycle');
  let scope: WorkScope = { cycle: null, all: true };
  if (cycleRaw === null) {
    const current = currentCycle(known.cycles, known.today);
    if (current) scope = { cycle: current, all: false };
  } else if (cycleRaw === 'none') scope = { cycle: null, all: false };
  else {
    const cycle = known.cycles.find((cy) => String(cy.id) === cycleRaw);
    if (cycle) scope = { cycle, all: false };
  }
  if (!scope.all) {
    items.cycleId = scope.cycle?.id ?? null;
    values.cycle = scope.cycle ? String(scope.cycle.id) : 'none';
  }
  const kind = query.get('kind');
  if (isOneOf<WorkKind>(WORK_KINDS, kind)) items.kind = values.kind = kind;
  const status = query.get('status');
  if (isOneOf<WorkStatus>(WORK_STATUSES, status)) items.status = values.status = status;
  const areaId = idParam(query.get('area') ?? undefined);
  if (areaId && known.areas.some((a) => a.id === areaId)) {
    items.areaId = areaId;
    values.area = String(areaId);
  }
  const owner = query.get('owner');
  if (owner === 'none') {
    items.ownerId = null;
    values.owner = 'none';
  } else {
    const ownerId = idParam(owner ?? undefined);
    if (ownerId) {
      items.ownerId = ownerId;
      values.owner = String(ownerId);
    }
  }
  return { scope, items, values };
}

/** The address of a filter and its pages; `cycle` is always written, as its absence means the current cycle. */
export function workUrl(values: WorkFilterValues, page: number, memberPage: number): string {
  const q = new URLSearchParams({ cycle: values.cycle });
  for (const key of ['kind', 'status', 'area', 'owner'] as const) if (values[key]) q.set(key, values[key]);
  if (page > 1) q.set('page', String(page));
  if (memberPage > 1) q.set('mpage', String(memberPage));
  return `/work?${q}`;
}
