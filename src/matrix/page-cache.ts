// Rendered /matrix responses, reused while nothing they show has changed.
import type { DbOrTx } from '../db/client.ts';
import { changeCounter } from '../db/change-counters.ts';

/**
 * Rendering a page of the matrix costs tens of milliseconds; reading one counter costs well under one.
 * The key holds the 'matrix' change counter (moved by database triggers on every write to ratings,
 * users, areas and categories — by any process), the viewer, the locale, the query, whether it is the
 * htmx partial, and the hour (staleness marks depend on the clock; they may appear up to an hour late).
 * So a cached copy is only ever served while it is exactly what a fresh render would show; each
 * process keeps its own small LRU and nothing shared lives only in memory.
 */
const MAX_ENTRIES = 64;
const HOUR_MS = 3_600_000;

/** The hour a page or a row drawn at `now` belongs to: marks that depend on the clock may be up to an hour late. */
export const hourOf = (now: Date) => Math.floor(now.getTime() / HOUR_MS);

/** The body is kept encoded: a hit then costs no rendering and no re-encoding of a few hundred kB. */
export type CachedPage = { body: Uint8Array<ArrayBuffer>; pushUrl: string | null };

/** One cache per database handle, so apps on different databases (as in tests) never share pages. */
const caches = new WeakMap<object, Map<string, CachedPage>>();
const cacheOf = (db: object) => {
  let entries = caches.get(db);
  if (!entries) caches.set(db, (entries = new Map()));
  return entries;
};

export async function matrixCacheKey(
  db: DbOrTx,
  p: { userId: number; locale: string; partial: boolean; search: string; now: Date },
): Promise<string> {
  return [await changeCounter(db, 'matrix'), hourOf(p.now), p.userId, p.locale, p.partial ? 'p' : 'f', p.search].join('|');
}

export function cachedPage(db: DbOrTx, key: string): CachedPage | undefined {
  const entries = cacheOf(db);
  const hit = entries.get(key);
  if (hit) {
    entries.delete(key); // move to the most recent end
    entries.set(key, hit);
  }
  return hit;
}

export function storePage(db: DbOrTx, key: string, page: CachedPage): void {
  const entries = cacheOf(db);
  entries.set(key, page);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
}
