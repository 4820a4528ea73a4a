// The matrix filter in the address bar: read leniently from a query string, written back canonically.
import { NO_FILTER, type Condition, type MatrixFilter } from '../planning/skills.ts';

type AreaRef = { id: number; categoryId: number | null };

const id = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : null);

/**
 * Reads a filter from query parameters. The filter is bookmarked and shared, so it is lenient: a part
 * naming an area or category that no longer exists, or a level outside 1–5, is dropped (the form then
 * shows exactly what is applied) rather than failing the page.
 */
export function parseFilter(query: URLSearchParams, areas: AreaRef[]): MatrixFilter {
  const areaIds = new Set(areas.map((a) => a.id));
  const categoryIds = new Set(areas.map((a) => a.categoryId).filter((c): c is number => c !== null));
  const knownArea = (v: string | undefined) => {
    const n = id(v);
    return n !== null && areaIds.has(n) ? n : null;
  };
  const ca = query.getAll('ca');
  const cl = query.getAll('cl');
  const conditions: Condition[] = [];
  ca.forEach((raw, i) => {
    const areaId = knownArea(raw);
    const min = id(cl[i]);
    if (areaId !== null && min !== null && min >= 1 && min <= 5) conditions.push({ areaId, min });
  });
  const category = id(query.get('category') ?? undefined);
  const sortRaw = query.get('sort') ?? '';
  const sortArea = knownArea(sortRaw);
  return {
    categoryId: category !== null && categoryIds.has(category) ? category : null,
    conditions,
    growAreaId: knownArea(query.get('grow') ?? undefined),
    q: (query.get('q') ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 100),
    sort: sortArea ?? NO_FILTER.sort,
  };
}

/** The canonical address of a filter: only the parts that are set, in a fixed order. */
export function matrixUrl(filter: MatrixFilter): string {
  const q = new URLSearchParams();
  if (filter.q) q.set('q', filter.q);
  if (filter.categoryId !== null) q.set('category', String(filter.categoryId));
  for (const c of filter.conditions) {
    q.append('ca', String(c.areaId));
    q.append('cl', String(c.min));
  }
  if (filter.growAreaId !== null) q.set('grow', String(filter.growAreaId));
  if (filter.sort !== 'name') q.set('sort', String(filter.sort));
  const s = q.toString();
  return s ? `/matrix?${s}` : '/matrix';
}
