// Shared by the robustness tests: a seeded database file, the real server as a child process, and an HTTP client for it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { max } from 'drizzle-orm';
import { createApp, type App } from '../../src/app.tsx';
import { createDb, openDatabase, type Db } from '../../src/db/client.ts';
import { seedDemo } from '../../src/db/seed/demo.ts';
import { ratingHistory } from '../../src/db/schema/index.ts';
import { SESSION_COOKIE } from '../../src/auth/sessions.ts';
import { insertSessions } from '../../bench/org.ts';
import { aUser, anArea, aRating, PASSWORD } from '../helpers.ts';

export { startServer, spawnServer, freePort, type ServerChild } from '../../bench/server-process.ts';
export { PASSWORD };

export type Seeded = {
  dir: string;
  url: string;
  managerId: number;
  memberIds: number[];
  areaIds: number[];
  /** Session cookie values: the manager's and each member's (same order as memberIds). */
  managerToken: string;
  memberTokens: string[];
  /** The last rating_history id written by the seed: later rows come from the test's requests. */
  historySeedId: number;
  cleanup: () => void;
};

/**
 * A database file with a manager (manager@team.test), `members` members (member<i>@team.test, all with
 * PASSWORD), `areas` areas, a rating per member and area (version 1), and a live session per person.
 */
export async function seededDb(opts: { members: number; areas: number }): Promise<Seeded> {
  const dir = mkdtempSync(join(tmpdir(), 'pairwise-robust-'));
  const url = `file:${join(dir, 'app.db')}`;
  const db = await openDatabase({ url });
  const manager = await aUser(db, { name: 'Mina Manager', email: 'manager@team.test', role: 'manager' });
  const memberIds: number[] = [];
  for (let i = 1; i <= opts.members; i++) memberIds.push((await aUser(db, { name: `Member ${i}`, email: `member${i}@team.test` })).id);
  const areaIds: number[] = [];
  for (let i = 1; i <= opts.areas; i++) areaIds.push((await anArea(db, `area ${i}`, { category: 'Research' })).id);
  for (const userId of memberIds) for (const areaId of areaIds) await aRating(db, userId, areaId, { selfLevel: 1, interest: 1 });
  const [managerToken, ...memberTokens] = await insertSessions(db, [manager.id, ...memberIds], new Date());
  const [{ historySeedId }] = await db.select({ historySeedId: max(ratingHistory.id) }).from(ratingHistory);
  db.$client.close();
  return { dir, url, managerId: manager.id, memberIds, areaIds, managerToken, memberTokens, historySeedId: historySeedId ?? 0, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The `npm run demo` data (every feature's records, a partner user) in a temp file, with an in-process app on it. */
export async function demoWorld(): Promise<{ db: Db; app: App; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'pairwise-demo-'));
  const url = `file:${join(dir, 'demo.db')}`;
  await seedDemo(url);
  const db = await openDatabase({ url });
  return { db, app: createApp({ db }), cleanup: () => (db.$client.close(), rmSync(dir, { recursive: true, force: true })) };
}

/** Opens the database the way the server does (WAL, busy timeout), without migrating. */
export const openForChecks = (url: string): Promise<Db> => createDb({ url });

export type Reply = { status: number; body: string; headers: Headers };

/** A browser-like client for a server child: keeps its session cookie, sends a same-origin Origin on writes. */
export class HttpClient {
  constructor(
    public base: string,
    public token = '',
  ) {}

  async request(path: string, init: { method?: string; form?: Record<string, string>; htmx?: boolean; origin?: string } = {}): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (this.token) headers.cookie = `${SESSION_COOKIE}=${this.token}`;
    const method = init.method ?? (init.form ? 'POST' : 'GET');
    if (method !== 'GET') headers.origin = init.origin ?? this.base;
    if (init.htmx) headers['hx-request'] = 'true';
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    const set = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (set) this.token = set.split(';')[0].slice(SESSION_COOKIE.length + 1);
    return { status: res.status, body: await res.text(), headers: res.headers };
  }

  get(path: string, opts: { htmx?: boolean } = {}) {
    return this.request(path, opts);
  }

  post(path: string, form: Record<string, string>, opts: { htmx?: boolean; origin?: string } = {}) {
    return this.request(path, { form, ...opts });
  }
}

/** Runs `tasks` with at most `concurrency` in flight. */
export async function pool<T>(tasks: Array<() => Promise<T>>, concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}
