// Waiting for the write lock without freezing the process. SQLite has one writer at a time, and a local libSQL
// client runs statements synchronously, so SQLite's own busy handler (which sleeps until the lock frees) stops
// this process's event loop while it waits — every request and timer, and the holder of the lock itself when
// that holder is a transaction of this same process waiting on an await (then the wait ends only by timing out).
// Instead:
//  - the write transactions and single writes of one process take turns in a queue (SQLite would make them take
//    turns anyway), so they never meet each other's lock;
//  - a transaction asks for the lock with a 10 ms native wait and, while another process holds it, asks again
//    after a timer, so the event loop keeps serving while it waits, up to the same total wait as before.
import type { Client, InStatement, Transaction, TransactionMode } from '@libsql/client';

/** The native wait while a transaction asks for the write lock; the rest of the wait happens on timers. */
const NATIVE_ASK_MS = 10;

/**
 * Takes the write lock inside a deferred transaction: a write that changes nothing (no row matches) still takes
 * it. A failed BEGIN IMMEDIATE would leave its statement in progress on the pooled connection (a libSQL binding
 * quirk: a later COMMIT there fails), while statements run through `executeMultiple` are finalised on failure.
 * `change_stamps` is the first table the migrations create (drizzle/0001).
 */
const askForLock = `PRAGMA busy_timeout = ${NATIVE_ASK_MS}; UPDATE change_stamps SET n = n WHERE 0;`;

/** Whether an error (through drizzle's and libSQL's wrappers) is SQLite saying the database is locked. */
export function isBusy(err: unknown): boolean {
  for (let e = err as { code?: string; extendedCode?: string; cause?: unknown } | undefined, depth = 0; e && depth < 8; e = e.cause as typeof e, depth++) {
    if (/^SQLITE_BUSY/.test(e.code ?? '') || /^SQLITE_BUSY/.test(e.extendedCode ?? '')) return true;
  }
  return false;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it does not meet a lock, waiting on timers (about 2, 4, 8 … 50 ms) up to `waitMs` in all. */
async function retryBusy<T>(attempt: () => Promise<T>, waitMs: number): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    try {
      return await attempt();
    } catch (err) {
      if (!isBusy(err) || Date.now() + delay > deadline) throw err;
      await sleep(delay / 2 + Math.random() * delay);
    }
  }
}

/** A first-come queue of one: `take` resolves with a release function (safe to call twice), or rejects after `waitMs`. */
function turnQueue(waitMs: number) {
  let tail: Promise<void> = Promise.resolve();
  return async function take(): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const before = tail;
    tail = before.then(() => mine);
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([before.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)))]);
    clearTimeout(timer);
    if (!waited) {
      // Hand the turn on when it comes, so the queue behind keeps moving.
      void before.then(release);
      throw Object.assign(new Error(`SQLITE_BUSY: waited ${waitMs} ms for this process's other writes`), { code: 'SQLITE_BUSY' });
    }
    return release;
  };
}

/** A statement that cannot write (reads skip the queue; WAL readers never wait for the writer). */
const isRead = (stmt: InStatement | string) => /^\s*(select|explain)\b/i.test(typeof stmt === 'string' ? stmt : stmt.sql);

/**
 * The client with the waits above. `transaction` takes this process's turn, then the write lock (on timers while
 * another process holds it); its commit, rollback or close gives the turn back. Writes through `execute` and
 * `batch` take the turn for the statement. Everything else passes through.
 */
export function waitingForLocks(raw: Client, waitMs: number): Client {
  const take = turnQueue(waitMs);
  // The client's own methods, taken now: whatever is later assigned on the wrapper (a benchmark timing the
  // transactions, say) wraps these waits and never runs inside them.
  const client = { transaction: raw.transaction.bind(raw), execute: raw.execute.bind(raw), batch: raw.batch.bind(raw) };
  const withTurn = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await take();
    try {
      return await work();
    } finally {
      release();
    }
  };
  const locked = async (): Promise<Transaction> => {
    const tx = await client.transaction('deferred');
    try {
      await retryBusy(() => tx.executeMultiple(askForLock), waitMs);
      await tx.executeMultiple(`PRAGMA busy_timeout = ${waitMs};`);
      return tx;
    } catch (err) {
      // The connection goes back to the pool: with the full native wait again, not the short one of asking.
      await tx.executeMultiple(`PRAGMA busy_timeout = ${waitMs};`).catch(() => undefined);
      tx.close();
      // A database the migrations have not reached yet (tools, start-up) asks SQLite directly.
      if (/no such table: change_stamps/.test(String((err as Error).message))) return client.transaction('write');
      throw err;
    }
  };
  const ownTransaction = async (mode: TransactionMode = 'write'): Promise<Transaction> => {
    if (mode === 'read') return client.transaction(mode);
    const release = await take();
    try {
      const tx = await locked();
      const ending = (fn: () => unknown) => () => {
        try {
          const out = fn();
          return out instanceof Promise ? out.finally(release) : (release(), out);
        } catch (err) {
          release();
          throw err;
        }
      };
      return new Proxy(tx, {
        get(target, prop) {
          const value = Reflect.get(target, prop, target);
          if (typeof value !== 'function') return value;
          const bound = value.bind(target);
          return prop === 'commit' || prop === 'rollback' || prop === 'close' ? ending(bound) : bound;
        },
      });
    } catch (err) {
      release();
      throw err;
    }
  };
  const execute = ((stmt: InStatement | string, args?: unknown) => {
    const run = () => (args === undefined ? client.execute(stmt as InStatement) : (client.execute as (s: string, a: unknown) => ReturnType<Client['execute']>)(stmt as string, args));
    return isRead(stmt) ? run() : withTurn(run);
  }) as Client['execute'];
  const batch: Client['batch'] = (stmts, mode) => (mode === 'read' ? client.batch(stmts, mode) : withTurn(() => client.batch(stmts, mode)));
  const mine: Record<'transaction' | 'execute' | 'batch', unknown> = { transaction: ownTransaction, execute, batch };
  return new Proxy(raw, {
    get(target, prop) {
      if (prop in mine) return mine[prop as keyof typeof mine];
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(target, prop, value) {
      if (prop in mine) mine[prop as keyof typeof mine] = value;
      else Reflect.set(target, prop, value, target);
      return true;
    },
  });
}
