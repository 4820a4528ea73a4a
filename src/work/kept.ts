// Work's aggregates kept per database handle until the 'work' change counter moves (drizzle/0010_work_stamp.sql:
// every write to work items, their requirements or people moves it, in the writing transaction, whichever
// process writes). README, Design: the work balance kept.
import { changeCounter } from '../db/change-counters.ts';
import type { Db } from '../db/client.ts';

/** A handle's kept values by key; a few keys per cycle, so a small cap is plenty. */
const kept = new WeakMap<Db, Map<string, { counter: number; value: unknown }>>();
const MAX_KEPT = 64;

/**
 * `read()` once per move of the counter: the counter is read first, so a value read while someone writes is at
 * least as new as the counter it is kept under, and the next call reads again.
 */
export async function keptWhileWorkUnchanged<T>(db: Db, key: string, read: () => Promise<T>): Promise<T> {
  const counter = await changeCounter(db, 'work');
  let mine = kept.get(db);
  if (!mine) kept.set(db, (mine = new Map()));
  const hit = mine.get(key);
  if (hit && hit.counter === counter) return hit.value as T;
  // Frozen: every later request gets these same objects, so a caller that changed one would change them all.
  const value = frozen(await read());
  if (mine.size >= MAX_KEPT) mine.clear();
  mine.set(key, { counter, value });
  return value;
}

function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) frozen(v);
  }
  return value;
}
