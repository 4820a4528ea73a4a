// Offset pages of the API's lists: read one row more than asked, so the answer knows whether another page follows.
import type { PageQuery } from './schemas.ts';

/** What to read for a page: `limit + 1` rows from `offset`. */
export const rowsFor = (q: PageQuery) => ({ limit: q.limit + 1, offset: q.offset });

/** The page of rows read with `rowsFor`. */
export function paged<T>(rows: T[], q: PageQuery) {
  return { data: rows.slice(0, q.limit), page: { limit: q.limit, offset: q.offset, nextOffset: rows.length > q.limit ? q.offset + q.limit : null } };
}

/** The page of a list read whole (the areas: a few dozen at most). */
export const pageOf = <T>(all: T[], q: PageQuery) => paged(all.slice(q.offset, q.offset + q.limit + 1), q);

/** An instant stored as milliseconds, as the API writes it. */
export const iso = (ms: number) => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));
