// The local-file client (src/db/local-client.ts) against @libsql/client's own local client on the same
// database: the same rows however they are read, the same errors, the same transactions and batches.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client, type ResultSet } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalClient, localPath } from '../../src/db/local-client.ts';

let dir: string;
let ours: Client;
let stock: Client;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pairwise-local-client-'));
  const path = join(dir, 'test.db');
  ours = createLocalClient(path, 5000);
  stock = createClient({ url: `file:${path}`, timeout: 5000 });
  await ours.executeMultiple(`
    PRAGMA journal_mode = WAL;
    CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, level INTEGER, score REAL, data BLOB);
    CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    INSERT INTO teams (id, name) VALUES (1, 'NLP'), (2, 'Vision');
    INSERT INTO people (name, level, score, data) VALUES ('김민아', 3, 1.5, x'00ff'), ('Tom', NULL, 2.25, NULL);`);
});
afterAll(() => {
  ours.close();
  stock.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Everything a caller can read of a result: positions, names, keys, JSON, and the counters. */
const seen = (r: ResultSet) => ({
  columns: r.columns,
  columnTypes: r.columnTypes,
  byPosition: r.rows.map((row) => Array.prototype.slice.call(row).map((v) => (v instanceof ArrayBuffer ? [...new Uint8Array(v)] : v))),
  byName: r.rows.map((row) => Object.fromEntries(Object.keys(row).map((k) => [k, row[k] instanceof ArrayBuffer ? [...new Uint8Array(row[k] as ArrayBuffer)] : row[k]]))),
  lengths: r.rows.map((row) => row.length),
  rowsAffected: r.rowsAffected,
  lastInsertRowid: r.lastInsertRowid,
});

describe('the local-file client', () => {
  it('reads the same rows as the stock client, by position and by name, twice (the second time from a kept statement)', async () => {
    const queries = [
      { sql: 'select * from people order by id', args: [] },
      { sql: 'select p.id, t.id, p.name, t.name as team from people p join teams t on t.id = 1 order by p.id', args: [] },
      { sql: 'select count(*) as n, max(score) as best from people where level >= ?', args: [1] },
      { sql: 'select name from people where name = :name', args: { name: '김민아' } },
      { sql: 'select name from people where id = ?', args: [999] },
    ];
    for (const q of queries) {
      const expected = seen(await stock.execute(q));
      expect(seen(await ours.execute(q)), q.sql).toEqual(expected);
      expect(seen(await ours.execute(q)), q.sql).toEqual(expected);
    }
    // A name that appears twice is read by position; the first one is the name's value.
    const [row] = (await ours.execute('select p.id, t.id from people p join teams t on t.id = 2 where p.id = 1')).rows;
    expect([row[0], row[1], row.id, Object.keys(row)]).toEqual([1, 2, 1, ['id']]);
  });

  it('writes report rows affected and the last row id; values are converted as the stock client converts them', async () => {
    const r = await ours.execute({ sql: 'insert into people (name, level, score) values (?, ?, ?)', args: ['Priya', true, 0.5] });
    expect([r.rowsAffected, typeof r.lastInsertRowid]).toEqual([1, 'bigint']);
    const when = new Date('2026-12-01T00:00:00Z');
    await ours.execute({ sql: 'update people set score = ? where name = ?', args: [when, 'Priya'] });
    expect((await stock.execute("select level, score from people where name = 'Priya'")).rows[0]).toMatchObject({ level: 1, score: when.getTime() });
    await expect(ours.execute({ sql: 'select ?', args: [undefined as never] })).rejects.toThrow(TypeError);
    await expect(ours.execute({ sql: 'select ?', args: [Number.NaN] })).rejects.toThrow(RangeError);
  });

  it('fails with the same codes as the stock client (base code, extended code, raw code)', async () => {
    const codes = async (c: Client, sql: string) => c.execute(sql).then(() => null, (e: { code: string; extendedCode?: string; rawCode?: number }) => [e.code, e.extendedCode, e.rawCode]);
    for (const sql of ["insert into people (name) values ('Tom')", 'select * from nowhere', 'insert into people (level) values (1)']) {
      const expected = await codes(stock, sql);
      expect(expected).not.toBeNull();
      expect(await codes(ours, sql), sql).toEqual(expected);
    }
  });

  it('keeps an open transaction apart: other statements do not see its writes until it commits, a rollback leaves nothing', async () => {
    const tx = await ours.transaction('write');
    await tx.execute("insert into teams (id, name) values (3, 'Speech')");
    expect((await ours.execute('select count(*) as n from teams')).rows[0].n).toBe(2);
    await tx.commit();
    expect(tx.closed).toBe(true);
    expect((await ours.execute('select count(*) as n from teams')).rows[0].n).toBe(3);
    const undone = await ours.transaction('deferred');
    await undone.execute("insert into teams (id, name) values (4, 'Robotics')");
    await undone.rollback();
    await expect(undone.execute('select 1')).rejects.toMatchObject({ code: 'TRANSACTION_CLOSED' });
    expect((await ours.execute('select count(*) as n from teams')).rows[0].n).toBe(3);
  });

  it('runs a batch all or nothing and names the statement that failed', async () => {
    const err = await ours.batch(["insert into teams (id, name) values (5, 'Audio')", "insert into people (name) values ('Tom')"], 'write').catch((e) => e);
    expect(err).toMatchObject({ name: 'LibsqlBatchError', statementIndex: 1, code: 'SQLITE_CONSTRAINT' });
    expect((await ours.execute('select count(*) as n from teams where id = 5')).rows[0].n).toBe(0);
    const [first, second] = await ours.batch(["insert into teams (id, name) values (5, 'Audio')", 'select name from teams where id = 5'], 'write');
    expect([first.rowsAffected, second.rows[0].name]).toEqual([1, 'Audio']);
  });

  it('sees a column added by another connection, even through a statement it kept', async () => {
    const before = await ours.execute('select * from teams where id = 1');
    await stock.execute('alter table teams add column lead text');
    const after = await ours.execute('select * from teams where id = 1');
    expect([before.columns, after.columns]).toEqual([['id', 'name'], ['id', 'name', 'lead']]);
    expect(after.rows[0]).toMatchObject({ id: 1, name: 'NLP', lead: null });
  });

  it('is used for plain local files only', () => {
    expect(localPath('file:data/app.db')).toBe('data/app.db');
    expect(localPath('file:/tmp/x/app.db')).toBe('/tmp/x/app.db');
    for (const url of ['file::memory:', 'file:app.db?mode=ro', 'file:///tmp/app.db', 'libsql://db.example.com', 'http://127.0.0.1:8080']) expect(localPath(url), url).toBeNull();
  });
});
