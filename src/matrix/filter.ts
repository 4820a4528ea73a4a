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

/**
 * Rows per page of the matrix. 50 members × 24 areas is a page a manager can scan (and that renders in
 * a few milliseconds); filters and sort apply to the whole team before paging, and the coverage footer
 * always counts the whole team. `?page=` is kept in every filter/sort/page link.
 */
export const MATRIX_PAGE_SIZE = 50;

/** The requested page number (1-based) as written; anything that is not a small positive integer is 1. */
export function parsePage(query: URLSearchParams): number {
  const raw = query.get('page') ?? '';
  return /^\d{1,6}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : 1;
}

export type PageSlice = { page: number; pages: number; from: number; to: number; total: number };

/** The page actually shown: a page past the end shows the last one (an empty result shows page 1). */
export function pageSlice(total: number, requested: number, size = MATRIX_PAGE_SIZE): PageSlice {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, requested), pages);
  const from = total === 0 ? 0 : (page - 1) * size + 1;
  return { page, pages, from, to: Math.min(total, page * size), total };
}

/** The canonical address of a filter (and page, and past day): only the parts that are set, in a fixed order. */
export function matrixUrl(filter: MatrixFilter & { asOf?: string | null }, page = 1): string {
  const q = new URLSearchParams();
  if (filter.asOf) q.set('asOf', filter.asOf);
  if (filter.q) q.set('q', filter.q);
  if (filter.categoryId !== null) q.set('category', String(filter.categoryId));
  for (const c of filter.conditions) {
    q.append('ca', String(c.areaId));
    q.append('cl', String(c.min));
  }
  if (filter.growAreaId !== null) q.set('grow', String(filter.growAreaId));
  if (filter.sort !== 'name') q.set('sort', String(filter.sort));
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/matrix?${s}` : '/matrix';
}
