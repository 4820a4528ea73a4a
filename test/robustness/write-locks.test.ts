// Waiting for SQLite's write lock never freezes the process: two write transactions of one process that overlap
// (the first awaits something) both commit, and a transaction that waits for another process's lock keeps the
// event loop turning while it waits (src/db/busy.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { TransactionMode } from '@libsql/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, openDatabase, type Db } from '../../src/db/client.ts';
import { longestPause } from '../event-loop.ts';
import { tempDbUrl } from '../helpers.ts';

let opened: Array<{ db: Db; dir: string }> = [];
afterEach(() => {
  for (const { db, dir } of opened) {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
  opened = [];
});

async function aDatabase() {
  const { dir, url } = await tempDbUrl();
  const db = await openDatabase({ url });
  opened.push({ db, dir });
  await db.run(sql`create table if not exists t (x integer)`);
  return { db, url };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const count = async (db: Db) => (await db.get<{ n: number }>(sql`select count(*) as n from t`))!.n;

describe('waiting for the write lock', () => {
  it('lets two overlapping write transactions of one process both commit, one after the other', async () => {
    const { db } = await aDatabase();
    const order: string[] = [];
    const pause = await longestPause(async () => {
      const first = db.transaction(async (tx) => {
        await tx.run(sql`insert into t values (1)`);
        await sleep(100); // e.g. hashing a password inside the transaction
        await tx.run(sql`insert into t values (2)`);
        order.push('first');
      });
      await sleep(10);
      const second = db.transaction(async (tx) => {
        await tx.run(sql`insert into t values (3)`);
        order.push('second');
      });
      // Before: the second BEGIN IMMEDIATE slept in SQLite for the whole busy timeout (5 s, the event loop and
      // so the first transaction stopped with it) and then failed with SQLITE_BUSY.
      await Promise.all([first, second]);
    });
    expect(order).toEqual(['first', 'second']);
    expect(await count(db)).toBe(3);
    expect(pause).toBeLessThan(1000);
  });

  it('lets a transaction that throws give its turn to the next one', async () => {
    const { db } = await aDatabase();
    await expect(db.transaction(async (tx) => {
      await tx.run(sql`insert into t values (1)`);
      throw new Error('changed my mind');
    })).rejects.toThrow('changed my mind');
    await db.transaction(async (tx) => void (await tx.run(sql`insert into t values (2)`)));
    expect(await count(db)).toBe(1);
  });

  it('lets a wrapper assigned on the client (the import benchmark times transactions so) wrap the waits, not run inside them', async () => {
    const { db } = await aDatabase();
    const begin = db.$client.transaction.bind(db.$client);
    let begun = 0;
    db.$client.transaction = async (mode?: TransactionMode) => (begun++, begin(mode));
    await db.transaction(async (tx) => void (await tx.run(sql`insert into t values (1)`)));
    await db.transaction(async (tx) => void (await tx.run(sql`insert into t values (2)`)));
    expect(begun).toBe(2);
    expect(await count(db)).toBe(2);
  });

  it('gives every connection back with the full native wait, also when asking for the lock failed', async () => {
    // A database the migrations have not reached (no change_stamps): asking for the lock fails and falls back.
    const dir = mkdtempSync(join(tmpdir(), 'pairwise-locks-'));
    const db = await createDb({ url: `file:${join(dir, 'empty.db')}` });
    opened.push({ db, dir });
    await db.run(sql`create table t (x integer)`);
    await db.transaction(async (tx) => void (await tx.run(sql`insert into t values (1)`)));
    // The pool hands out the connection the transaction used last; its native wait must be the 5 s again,
    // or a single write on it would give up after 10 ms on another process's lock.
    const { rows } = await db.$client.execute('PRAGMA busy_timeout');
    expect(Number(Object.values(rows[0])[0])).toBe(5000);
  });

  it("keeps the event loop turning while it waits for another process's lock", async () => {
    const { db, url } = await aDatabase();
    // Another process takes the write lock, says so, and holds it for 600 ms.
    const holder = spawn(process.execPath, ['--input-type=module', '-e', `
      import { createClient } from '@libsql/client';
      const c = createClient({ url: ${JSON.stringify(url)} });
      const tx = await c.transaction('write');
      await tx.execute('insert into t values (10)');
      console.log('locked');
      await new Promise((r) => setTimeout(r, 600));
      await tx.commit();
      c.close();
    `], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => holder.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
      holder.on('exit', (code) => reject(new Error(`the lock holder exited early (${code})`)));
    });
    const pause = await longestPause(() => db.transaction(async (tx) => void (await tx.run(sql`insert into t values (11)`))));
    expect(await exited).toBe(0);
    expect(await count(db)).toBe(2);
    // Before: one synchronous call slept in SQLite's busy handler for the whole 600 ms.
    expect(pause).toBeLessThan(300);
  });
});
