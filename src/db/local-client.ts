// The libSQL client for a local database file, with the pool of @libsql/client's own local client
// (`ConnectionPool`: a transaction owns its connection until it settles; a short call borrows one) and
// two costs taken out of every statement:
//  - each connection keeps its prepared statements (by SQL text), so a statement the app runs again is
//    not parsed and planned again;
//  - rows are made by one small class per column list — the names as plain properties (what
//    `Object.keys`, drizzle's raw queries and our own code read), the positions as getters on the
//    prototype (what drizzle's typed selects read) — instead of two `Object.defineProperty` calls per
//    value. In a CPU profile of the benchmark's mixed traffic the stock row building alone was 10 % of
//    the process's time, and reading 207 rows took 3.0 ms through it against 0.8 ms in the driver.
// Everything else (errors with SQLite's codes, transaction modes, batches and migrations in one
// transaction, values passed in) behaves as in @libsql/client's local client, which remains the client
// for in-memory databases, remote servers and embedded replicas (`createDb`).
import { Buffer } from 'node:buffer';
import { LibsqlBatchError, LibsqlError, type Client, type InArgs, type InStatement, type InValue, type ResultSet, type Row, type Transaction, type TransactionMode } from '@libsql/client';
import { ConnectionPool } from '@libsql/client/sqlite3';

/** The native connection and statement of the `libsql` driver, as far as this file uses them. */
type NativeStatement = {
  reader: boolean;
  raw(on?: boolean): NativeStatement;
  columns(): Array<{ name: string; type: string | null }>;
  all(args: unknown): unknown[][];
  run(args: unknown): { changes: number; lastInsertRowid: number | bigint };
};
type Connection = { open: boolean; inTransaction: boolean; prepare(sql: string): NativeStatement; exec(sql: string): void };
type Pool = { acquire(forTransaction?: boolean): Promise<Connection>; acquireSync(): Connection; release(db: Connection): void; close(): void; reopen(): void };

/** Statements kept per connection; past this the oldest is dropped (SQLite finalises it). */
const STATEMENTS_PER_CONNECTION = 500;

type Prepared = { stmt: NativeStatement; columns: string[]; columnTypes: string[]; make: ((values: unknown[]) => Row) | null };
const prepared = new WeakMap<Connection, Map<string, Prepared>>();

const VALUES = Symbol('values');

/** A row constructor for one list of column names (a name that appears twice is read by position only). */
function rowMaker(columns: string[]): (values: unknown[]) => Row {
  const named: Array<[string, number]> = [];
  const seen = new Set<string>();
  columns.forEach((name, i) => {
    if (!seen.has(name)) {
      seen.add(name);
      named.push([name, i]);
    }
  });
  class ResultRow {
    [VALUES]: unknown[];
    constructor(values: unknown[]) {
      this[VALUES] = values;
      for (const [name, i] of named) (this as unknown as Record<string, unknown>)[name] = values[i];
    }
  }
  Object.defineProperty(ResultRow.prototype, 'length', { get: () => columns.length });
  columns.forEach((_, i) => Object.defineProperty(ResultRow.prototype, i, { get(this: ResultRow) { return this[VALUES][i]; } }));
  return (values) => new ResultRow(values) as unknown as Row;
}
const makers = new Map<string, (values: unknown[]) => Row>();
function makerFor(columns: string[]) {
  const key = columns.join('\u0000');
  let make = makers.get(key);
  if (!make) {
    if (makers.size > 2000) makers.clear();
    makers.set(key, (make = rowMaker(columns)));
  }
  return make;
}

function prepare(db: Connection, sql: string): Prepared {
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  const hit = cache.get(sql);
  if (hit) return hit;
  const stmt = db.prepare(sql);
  let entry: Prepared;
  if (stmt.reader) {
    stmt.raw(true);
    const cols = stmt.columns();
    const columns = cols.map((c) => c.name);
    entry = { stmt, columns, columnTypes: cols.map((c) => c.type ?? ''), make: makerFor(columns) };
  } else {
    entry = { stmt, columns: [], columnTypes: [], make: null };
  }
  cache.set(sql, entry);
  if (cache.size > STATEMENTS_PER_CONNECTION) cache.delete(cache.keys().next().value!);
  return entry;
}

function refreshColumns(p: Prepared): void {
  const cols = p.stmt.columns();
  p.columns = cols.map((c) => c.name);
  p.columnTypes = cols.map((c) => c.type ?? '');
  p.make = makerFor(p.columns);
}

function valueToSql(value: InValue | undefined): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
      return value;
    case 'boolean':
      return value ? 1 : 0;
    case 'undefined':
      throw new TypeError('undefined cannot be passed as argument to the database');
    default:
      if (value instanceof ArrayBuffer) return Buffer.from(value);
      if (value instanceof Date) return value.valueOf();
      return value;
  }
}

function argsToSql(args: InArgs | undefined): unknown {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(valueToSql);
  const named: Record<string, unknown> = {};
  for (const name in args) named[name[0] === '@' || name[0] === '$' || name[0] === ':' ? name.slice(1) : name] = valueToSql(args[name]);
  return named;
}

const SQLITE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR', 2: 'SQLITE_INTERNAL', 3: 'SQLITE_PERM', 4: 'SQLITE_ABORT', 5: 'SQLITE_BUSY', 6: 'SQLITE_LOCKED', 7: 'SQLITE_NOMEM',
  8: 'SQLITE_READONLY', 9: 'SQLITE_INTERRUPT', 10: 'SQLITE_IOERR', 11: 'SQLITE_CORRUPT', 12: 'SQLITE_NOTFOUND', 13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN', 15: 'SQLITE_PROTOCOL', 16: 'SQLITE_EMPTY', 17: 'SQLITE_SCHEMA', 18: 'SQLITE_TOOBIG', 19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH', 21: 'SQLITE_MISUSE', 22: 'SQLITE_NOLFS', 23: 'SQLITE_AUTH', 24: 'SQLITE_FORMAT', 25: 'SQLITE_RANGE',
  26: 'SQLITE_NOTADB', 27: 'SQLITE_NOTICE', 28: 'SQLITE_WARNING',
};

/** The driver's error as @libsql/client reports it: the base code (`SQLITE_CONSTRAINT`), the extended one and the raw number. */
function mapError(e: unknown): unknown {
  const err = e as { name?: string; message: string; code?: string; rawCode?: number };
  if (err && err.name === 'SqliteError' && typeof err.code === 'string') {
    const base = err.rawCode === undefined ? 'SQLITE_UNKNOWN' : (SQLITE_CODES[err.rawCode & 0xff] ?? `SQLITE_UNKNOWN_${err.rawCode & 0xff}`);
    return new LibsqlError(err.message, base, err.code, err.rawCode, e as Error);
  }
  return e;
}

function resultSet(columns: string[], columnTypes: string[], rows: Row[], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, columnTypes, rows: rows.map((r) => Array.prototype.slice.call(r)), rowsAffected, lastInsertRowid: lastInsertRowid?.toString() ?? null }),
  };
}

function executeStmt(db: Connection, stmt: InStatement | string): ResultSet {
  const sql = typeof stmt === 'string' ? stmt : stmt.sql;
  const args = typeof stmt === 'string' ? [] : argsToSql(stmt.args);
  try {
    const p = prepare(db, sql);
    if (p.make) {
      const raw = p.stmt.all(args);
      // A schema change since the statement was kept (another process migrating) can change what `*` means.
      if (raw.length > 0 && raw[0].length !== p.columns.length) refreshColumns(p);
      const rows = new Array<Row>(raw.length);
      for (let i = 0; i < raw.length; i++) {
        const values = raw[i];
        for (let k = 0; k < values.length; k++) {
          const v = values[k];
          if (v !== null && typeof v === 'object' && v instanceof Buffer) values[k] = v.buffer;
        }
        rows[i] = p.make(values);
      }
      return resultSet(p.columns, p.columnTypes, rows, 0, undefined);
    }
    const info = p.stmt.run(args);
    return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
  } catch (e) {
    throw mapError(e);
  }
}

function executeMultiple(db: Connection, sql: string): void {
  try {
    db.exec(sql);
  } catch (e) {
    throw mapError(e);
  }
}

const BEGIN: Record<TransactionMode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN TRANSACTION READONLY', deferred: 'BEGIN DEFERRED' };

const normalise = (stmt: InStatement | [string, InArgs?]): InStatement => (Array.isArray(stmt) ? { sql: stmt[0], args: stmt[1] ?? [] } : stmt);

/** Runs each statement, reporting a failure as @libsql/client does: with the index of the statement that failed. */
function runAll(db: Connection, stmts: Array<InStatement | [string, InArgs?]>, open: () => boolean): ResultSet[] {
  const out: ResultSet[] = [];
  for (let i = 0; i < stmts.length; i++) {
    try {
      if (!open()) throw new LibsqlBatchError('The transaction has been rolled back', i, 'TRANSACTION_CLOSED');
      out.push(executeStmt(db, normalise(stmts[i])));
    } catch (e) {
      if (e instanceof LibsqlBatchError) throw e;
      if (e instanceof LibsqlError) throw new LibsqlBatchError(e.message, i, e.code, e.extendedCode, e.rawCode, e.cause instanceof Error ? e.cause : undefined);
      throw e;
    }
  }
  return out;
}

class LocalTransaction implements Transaction {
  #db: Connection | null;
  #release: (db: Connection) => void;
  constructor(db: Connection, release: (db: Connection) => void) {
    this.#db = db;
    this.#release = release;
  }
  #settle() {
    const db = this.#db;
    if (db === null) return;
    this.#db = null;
    this.#release(db);
  }
  #open(): Connection {
    if (this.closed) throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
    return this.#db!;
  }
  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    return executeStmt(this.#open(), typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql);
  }
  async batch(stmts: Array<InStatement | [string, InArgs?]>): Promise<ResultSet[]> {
    return runAll(this.#open(), stmts, () => !this.closed);
  }
  async executeMultiple(sql: string): Promise<void> {
    executeMultiple(this.#open(), sql);
  }
  async rollback(): Promise<void> {
    const db = this.#db;
    if (db === null || !db.open) return this.#settle();
    try {
      this.#open();
      executeStmt(db, 'ROLLBACK');
    } finally {
      this.#settle();
    }
  }
  async commit(): Promise<void> {
    try {
      executeStmt(this.#open(), 'COMMIT');
    } finally {
      this.#settle();
    }
  }
  close(): void {
    const db = this.#db;
    if (db === null) return;
    try {
      if (db.open && db.inTransaction) executeStmt(db, 'ROLLBACK');
    } finally {
      this.#settle();
    }
  }
  get closed(): boolean {
    const db = this.#db;
    return db === null || !db.open || !db.inTransaction;
  }
}

class LocalClient implements Client {
  #pool: Pool;
  closed = false;
  protocol = 'file';
  constructor(pool: Pool) {
    this.#pool = pool;
  }
  #check() {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
  }
  /** Borrows a connection for one synchronous piece of work. */
  async #with<T>(work: (db: Connection) => T): Promise<T> {
    this.#check();
    const db = await this.#pool.acquire();
    try {
      if (!db.open) throw new LibsqlError('The connection was closed while this operation was in flight', 'CLIENT_CLOSED');
      return work(db);
    } finally {
      this.#pool.release(db);
    }
  }
  execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
    return this.#with((db) => executeStmt(db, stmt));
  }
  batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    return this.#with((db) => {
      executeStmt(db, BEGIN[mode]);
      const out = runAll(db, stmts, () => db.inTransaction);
      executeStmt(db, 'COMMIT');
      return out; // a failure leaves the transaction open: `release` rolls it back
    });
  }
  migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.#with((db) => {
      executeStmt(db, 'PRAGMA foreign_keys=off');
      try {
        executeStmt(db, BEGIN.deferred);
        const out = runAll(db, stmts, () => db.inTransaction);
        executeStmt(db, 'COMMIT');
        return out;
      } finally {
        if (db.inTransaction) executeStmt(db, 'ROLLBACK');
        executeStmt(db, 'PRAGMA foreign_keys=on');
      }
    });
  }
  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    this.#check();
    const db = await this.#pool.acquire(true);
    try {
      executeStmt(db, BEGIN[mode]);
    } catch (e) {
      this.#pool.release(db);
      throw e;
    }
    return new LocalTransaction(db, (used) => this.#pool.release(used));
  }
  executeMultiple(sql: string): Promise<void> {
    return this.#with((db) => executeMultiple(db, sql));
  }
  async sync(): Promise<undefined> {
    return undefined; // a local file has nothing to sync
  }
  async reconnect(): Promise<void> {
    this.#pool.reopen();
    this.closed = false;
  }
  close(): void {
    this.closed = true;
    this.#pool.close();
  }
}

/** The path of a plain local database URL (`file:data/app.db`, `file:/abs/app.db`), or null for anything else. */
export function localPath(url: string): string | null {
  const m = /^file:([^?#]+)$/.exec(url);
  if (!m || m[1].startsWith('//') || m[1] === ':memory:') return null;
  return m[1];
}

/**
 * Opens a client on a local database file; `timeoutMs` is SQLite's busy timeout. Opening checks that the
 * file can be opened at all, as @libsql/client does (a missing folder or an unreadable file fails here).
 */
export function createLocalClient(path: string, timeoutMs: number): Client {
  const pool = new ConnectionPool(path, { timeout: timeoutMs }, 20) as unknown as Pool;
  const db = pool.acquireSync();
  try {
    executeStmt(db, 'SELECT 1 AS checkThatTheDatabaseCanBeOpened');
  } catch (e) {
    pool.close();
    throw e;
  } finally {
    pool.release(db);
  }
  return new LocalClient(pool);
}
