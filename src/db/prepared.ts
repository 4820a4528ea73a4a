// Statements built once per database handle: drizzle builds a query's SQL anew on every call, which for the
// statements every page runs (the session, the areas) took longer than SQLite running them.
import type { DbOrTx } from './client.ts';

/**
 * `make` (a drizzle query ending in `.prepare()`, its values as `sql.placeholder`s) built once per database
 * handle and kept with it. A transaction is a handle of its own that lives for one request: it gets a fresh
 * build each time (only the app's handle carries `$client`).
 */
export function preparedPer<Q>(make: (db: DbOrTx) => Q): (db: DbOrTx) => Q {
  const kept = new WeakMap<object, Q>();
  return (db) => {
    if (!('$client' in db)) return make(db);
    let q = kept.get(db);
    if (!q) kept.set(db, (q = make(db)));
    return q;
  };
}
