// A small libSQL server stand-in for tests: Hrana v2 over HTTP (what @libsql/client speaks to sqld/Turso), backed by a local file.
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createClient, type Client, type InValue, type ResultSet, type Transaction } from '@libsql/client';

/**
 * Serves `POST /v2/pipeline` with a bearer token, one SQLite connection per Hrana stream (baton).
 * It is no sqld (no replication, no protobuf/v3: the client falls back to v2 on its own), but it lets
 * the tests run the real server against a remote DATABASE_URL with a token, and take that server
 * away and bring it back. Streams are served one transaction at a time.
 */
export class LibsqlStandIn {
  private server: Server | null = null;
  private streams = new Map<string, Stream>();
  /** The stream whose transaction is open; others wait for it (so no connection blocks the event loop on a lock). */
  private txOwner: string | null = null;
  private waiters: Array<() => void> = [];
  port = 0;

  constructor(
    private file: string,
    private token: string,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void this.handle(req.method ?? 'GET', req.url ?? '/', req.headers.authorization, Buffer.concat(chunks).toString())
          .then(({ status, body }) => {
            res.writeHead(status, { 'content-type': 'application/json' });
            res.end(JSON.stringify(body));
          })
          .catch((err: Error) => {
            res.writeHead(500, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ message: err.message }));
          });
      });
    });
    await new Promise<void>((ok) => this.server!.listen(port, '127.0.0.1', ok));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  /** Stops answering (connections are refused from now on) and closes every stream. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    }
    for (const s of this.streams.values()) s.client.close();
    this.streams.clear();
    this.txOwner = null;
    for (const w of this.waiters.splice(0)) w();
  }

  private async handle(method: string, path: string, auth: string | undefined, raw: string): Promise<{ status: number; body: unknown }> {
    if (auth !== `Bearer ${this.token}`) return { status: 401, body: { message: 'Unauthorized: invalid or missing token' } };
    if (method !== 'POST' || path !== '/v2/pipeline') return { status: 404, body: { message: 'not found' } };
    const msg = JSON.parse(raw) as { baton?: string | null; requests: Array<Record<string, unknown>> };
    const id = msg.baton ?? randomUUID();
    let stream = this.streams.get(id);
    if (!stream) {
      stream = { client: createClient({ url: `file:${this.file}`, intMode: 'bigint' }), tx: null, sqls: new Map() };
      this.streams.set(id, stream);
    }
    while (this.txOwner !== null && this.txOwner !== id) await new Promise<void>((ok) => this.waiters.push(ok));
    const results: unknown[] = [];
    let closed = false;
    for (const r of msg.requests) {
      if (r.type === 'close') {
        if (stream.tx) stream.tx.close();
        stream.client.close();
        this.streams.delete(id);
        closed = true;
        results.push({ type: 'ok', response: { type: 'close' } });
      } else if (r.type === 'execute') {
        results.push(await this.execute(id, stream, r.stmt as Stmt).then((result) => ({ type: 'ok', response: { type: 'execute', result } }), (err: Error) => ({ type: 'error', error: { message: err.message } })));
      } else if (r.type === 'batch') {
        results.push({ type: 'ok', response: { type: 'batch', result: await this.batch(id, stream, (r.batch as { steps: Step[] }).steps) } });
      } else if (r.type === 'sequence') {
        await stream.client.executeMultiple(String(r.sql));
        results.push({ type: 'ok', response: { type: 'sequence' } });
      } else if (r.type === 'store_sql') {
        stream.sqls.set(Number(r.sql_id), String(r.sql));
        results.push({ type: 'ok', response: { type: 'store_sql' } });
      } else if (r.type === 'close_sql') {
        stream.sqls.delete(Number(r.sql_id));
        results.push({ type: 'ok', response: { type: 'close_sql' } });
      } else if (r.type === 'get_autocommit') {
        results.push({ type: 'ok', response: { type: 'get_autocommit', is_autocommit: !stream.tx } });
      } else results.push({ type: 'error', error: { message: `unsupported request ${String(r.type)}` } });
    }
    if (closed || !stream.tx) this.release(id);
    return { status: 200, body: { baton: closed ? null : id, base_url: null, results } };
  }

  private release(id: string) {
    if (this.txOwner === id || this.txOwner === null) {
      this.txOwner = null;
      for (const wake of this.waiters.splice(0)) wake();
    }
  }

  /** BEGIN/COMMIT/ROLLBACK become a client transaction (the client pools connections, so a bare BEGIN would not stick). */
  private async execute(id: string, stream: Stream, stmt: Stmt) {
    const sql = stmt.sql ?? stream.sqls.get(stmt.sql_id ?? -1);
    if (sql === undefined) throw new Error(`unknown sql_id ${stmt.sql_id}`);
    const args: InValue[] | Record<string, InValue> = stmt.named_args?.length
      ? Object.fromEntries(stmt.named_args.map((a) => [a.name.replace(/^[:@$]/, ''), fromValue(a.value)]))
      : (stmt.args ?? []).map(fromValue);
    const begin = /^\s*BEGIN\b\s*(\w*)/i.exec(sql);
    const end = /^\s*(COMMIT|END|ROLLBACK)\b/i.exec(sql);
    let rs: ResultSet | null = null;
    if (begin) {
      if (stream.tx) throw new Error('cannot start a transaction within a transaction');
      stream.tx = await stream.client.transaction(/immediate|exclusive/i.test(begin[1]) ? 'write' : 'deferred');
      this.txOwner = id;
    } else if (end) {
      if (!stream.tx) throw new Error(`cannot ${end[1].toLowerCase()} - no transaction is active`);
      const tx = stream.tx;
      stream.tx = null;
      await (end[1].toUpperCase() === 'ROLLBACK' ? tx.rollback() : tx.commit());
    } else rs = await (stream.tx ?? stream.client).execute({ sql, args });
    if (!rs) return { cols: [], rows: [], affected_row_count: 0, last_insert_rowid: null };
    return {
      cols: rs.columns.map((name, i) => ({ name, decltype: rs.columnTypes[i] || null })),
      rows: rs.rows.map((row) => rs.columns.map((_, i) => toValue(row[i]))),
      affected_row_count: rs.rowsAffected,
      last_insert_rowid: rs.lastInsertRowid === undefined ? null : String(rs.lastInsertRowid),
    };
  }

  private async batch(id: string, stream: Stream, steps: Step[]) {
    const results: unknown[] = [];
    const errors: unknown[] = [];
    const holds = (c: Cond | undefined): boolean => {
      if (!c) return true;
      if (c.type === 'ok') return results[c.step!] !== null && results[c.step!] !== undefined;
      if (c.type === 'error') return errors[c.step!] !== null && errors[c.step!] !== undefined;
      if (c.type === 'not') return !holds(c.cond);
      if (c.type === 'and') return c.conds!.every(holds);
      if (c.type === 'or') return c.conds!.some(holds);
      return !stream.tx; // is_autocommit
    };
    for (const step of steps) {
      if (!holds(step.condition)) {
        results.push(null);
        errors.push(null);
        continue;
      }
      try {
        results.push(await this.execute(id, stream, step.stmt));
        errors.push(null);
      } catch (err) {
        results.push(null);
        errors.push({ message: (err as Error).message });
      }
    }
    return { step_results: results, step_errors: errors };
  }
}

type Stream = { client: Client; tx: Transaction | null; sqls: Map<number, string> };
type Value = { type: 'null' } | { type: 'integer'; value: string } | { type: 'float'; value: number } | { type: 'text'; value: string } | { type: 'blob'; base64: string };
type Stmt = { sql?: string; sql_id?: number; args?: Value[]; named_args?: Array<{ name: string; value: Value }>; want_rows?: boolean };
type Cond = { type: 'ok' | 'error' | 'not' | 'and' | 'or' | 'is_autocommit'; step?: number; cond?: Cond; conds?: Cond[] };
type Step = { condition?: Cond; stmt: Stmt };

function fromValue(v: Value): InValue {
  switch (v.type) {
    case 'null':
      return null;
    case 'integer':
      return BigInt(v.value);
    case 'float':
      return v.value;
    case 'text':
      return v.value;
    case 'blob':
      return Buffer.from(v.base64, 'base64');
  }
}

function toValue(v: unknown): Value {
  if (v === null || v === undefined) return { type: 'null' };
  if (typeof v === 'bigint') return { type: 'integer', value: String(v) };
  if (typeof v === 'number') return { type: 'float', value: v };
  if (typeof v === 'string') return { type: 'text', value: v };
  return { type: 'blob', base64: Buffer.from(v as ArrayBuffer).toString('base64') };
}
