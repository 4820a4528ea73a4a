// A large CSV import on one app process while another process on the same file edits a rating and
// both answer /healthz: the import holds the write lock briefly, so the other writer waits and succeeds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client.ts';
import { areas, ratings, users } from '../../src/db/schema/index.ts';
import { SESSION_COOKIE } from '../../src/auth/sessions.ts';
import { insertSessions } from '../../bench/org.ts';
import { HttpClient, openForChecks, startServer, type ServerChild } from './proc.ts';

/** 600 members × 24 areas: an import of 14,100 cell changes (the old per-cell apply held the lock for over 7 s). */
const MEMBERS = 600;
const AREAS = 24;

let dir: string;
let url: string;
let managerToken: string;
let memberToken: string;
let memberId: number;
let areaIds: number[];
let a: ServerChild;
let b: ServerChild;

/** A team with a rating (self 1, interest 1) in every cell, written in a few statements. */
async function seed() {
  const db = await openDatabase({ url });
  const now = Date.now();
  const [manager] = await db.insert(users).values({ name: 'Mina Manager', email: 'manager@team.test', role: 'manager', createdAt: now }).returning();
  const people = Array.from({ length: MEMBERS }, (_, i) => ({ name: `Member ${i + 1}`, email: `member${i + 1}@team.test`, role: 'member' as const, createdAt: now }));
  const memberIds: number[] = [];
  for (let i = 0; i < people.length; i += 200) memberIds.push(...(await db.insert(users).values(people.slice(i, i + 200)).returning()).map((u) => u.id));
  areaIds = (await db.insert(areas).values(Array.from({ length: AREAS }, (_, i) => ({ name: `area ${i + 1}`, position: i }))).returning()).map((x) => x.id);
  const cells = memberIds.flatMap((userId) => areaIds.map((areaId) => ({ userId, areaId, selfLevel: 1, interest: 1, confirmedAt: now, updatedAt: now })));
  for (let i = 0; i < cells.length; i += 500) await db.insert(ratings).values(cells.slice(i, i + 500));
  memberId = memberIds[0];
  [managerToken, memberToken] = await insertSessions(db, [manager.id, memberId], new Date(now));
  db.$client.close();
  return memberIds;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pairwise-import-'));
  url = `file:${join(dir, 'app.db')}`;
  await seed();
  [a, b] = await Promise.all([startServer({ databaseUrl: url }), startServer({ databaseUrl: url })]);
  // Let the first rounds of each process's notice sender and scheduler (1 s after start) pass: their
  // writes are not the import's, and the test tells the import's lock from others only by its length.
  await new Promise((r) => setTimeout(r, 1_500));
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Calls `fn` every few milliseconds until it returns true three times in a row or `done` settles; whether
 * it did. Three in a row: the import holds the lock for a while, a brief write of another kind does not.
 */
async function watch(fn: () => Promise<boolean>, done: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void done.finally(() => (settled = true));
  let inARow = 0;
  while (!settled) {
    inARow = (await fn()) ? inARow + 1 : 0;
    if (inARow === 3) return true;
    await new Promise((r) => setTimeout(r, 2));
  }
  return false;
}

const timed = async (href: string) => {
  const started = performance.now();
  const res = await fetch(href);
  return { status: res.status, ms: performance.now() - started };
};

describe('a large import on one process, a rating edit on another', () => {
  it('the edit waits for the import and succeeds, and /healthz on both keeps answering', { timeout: 180_000 }, async () => {
    // Every member's level and interest change in all areas but the last, which the other process edits.
    const header = ['name', 'email', ...areaIds.flatMap((_, i) => [`area ${i + 1} level`, `area ${i + 1} interest`])];
    const lines = Array.from({ length: MEMBERS }, (_, i) => [`Member ${i + 1}`, `member${i + 1}@team.test`, ...areaIds.flatMap((_, k) => (k < AREAS - 1 ? ['3', '2'] : ['', '']))]);
    const form = new FormData();
    form.append('file', new Blob([[header, ...lines].map((l) => l.join(',')).join('\n')], { type: 'text/csv' }), 'big.csv');
    const cookie = `${SESSION_COOKIE}=${managerToken}`;
    const preview = await (await fetch(`${a.url}/matrix/import`, { method: 'POST', body: form, headers: { cookie, origin: a.url } })).text();
    const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const stamp = /name="stamp" value="([^"]+)"/.exec(preview)![1];
    const changes = unescape(/name="changes" value="([^"]+)"/.exec(preview)![1]);
    expect(JSON.parse(changes)).toHaveLength(MEMBERS * (AREAS - 1));

    const lastArea = areaIds.at(-1)!;
    const cellPath = `/members/${memberId}/ratings/${lastArea}`;
    const onB = new HttpClient(b.url, memberToken);
    const version = /name="version" value="(\d+)"/.exec((await onB.get(`${cellPath}/edit`, { htmx: true })).body)![1];

    // A connection that waits 1 ms at most: its write transaction fails exactly while another one holds the lock.
    const probe = createClient({ url, timeout: 1 });
    const locked = async () => {
      try {
        const tx = await probe.transaction('write');
        await tx.rollback();
        tx.close();
        return false;
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_BUSY') return true;
        throw err;
      }
    };

    const confirm = new HttpClient(a.url, managerToken).post('/matrix/import/confirm', { stamp, changes });
    const sawLock = await watch(locked, confirm);
    probe.close();
    // Now (while process A writes the import, or right after) process B edits a rating and both are asked for health.
    const [edit, healthA, healthB] = await Promise.all([onB.post(cellPath, { selfLevel: '4', version }, { htmx: true }), timed(`${a.url}/healthz`), timed(`${b.url}/healthz`)]);
    const applied = await confirm;

    expect(sawLock, 'the import took the write lock while it was watched').toBe(true);
    expect(applied.status).toBe(303);
    expect(edit.status).toBe(200);
    for (const h of [healthA, healthB]) {
      expect(h.status).toBe(200);
      expect(h.ms).toBeLessThan(3000);
    }
    const db = await openForChecks(url);
    const [edited] = await db.select().from(ratings).where(and(eq(ratings.userId, memberId), eq(ratings.areaId, lastArea)));
    const [imported] = await db.select().from(ratings).where(and(eq(ratings.userId, memberId), eq(ratings.areaId, areaIds[0])));
    db.$client.close();
    expect(edited).toMatchObject({ selfLevel: 4, version: Number(version) + 1 });
    expect(imported).toMatchObject({ selfLevel: 1, managerLevel: 3, interest: 2, version: 2 });
  });
});
