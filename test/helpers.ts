// Every test builds its own world: a temporary file database with the real migrations, a fixed clock, fixtures.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App, type AppOptions } from '../src/app.tsx';
import { afterEach, beforeEach, inject } from 'vitest';
import { createDb, type Db } from '../src/db/client.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { insertUser } from '../src/members/queries.ts';
import { createArea, categoryIdFor } from '../src/areas/queries.ts';
import { saveRating, type RatingFields } from '../src/ratings/queries.ts';
import type { Role } from '../src/domain.ts';

export const ORIGIN = 'http://localhost';
export const PASSWORD = 'correct horse battery';
/** The fixed "now" of the tests. */
export const NOW = new Date('2026-11-02T09:00:00Z');

export type World = { db: Db; app: App; dir: string; url: string; clock: { now: Date }; cleanup: () => void };

/** A migrated database file of its own in a temp folder: a copy of the run's template (test/template-db.ts). */
export async function tempDbUrl(): Promise<{ dir: string; url: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pairwise-test-'));
  const path = join(dir, 'test.db');
  copyFileSync(inject('templateDb'), path);
  return { dir, url: `file:${path}` };
}

/** A fresh migrated database and an app on it (with `options`, e.g. single sign-on), with a clock the test can move. */
export async function freshWorld(options: Omit<AppOptions, 'db' | 'now'> = {}): Promise<World> {
  const { dir, url } = await tempDbUrl();
  const db = await createDb({ url });
  const clock = { now: NOW };
  const app = createApp({ ...options, db, now: () => clock.now });
  return { db, app, dir, url, clock, cleanup: () => { db.$client.close(); rmSync(dir, { recursive: true, force: true }); } };
}

let hashed: string | undefined;
/** Hashing is slow on purpose; fixtures share one hash of PASSWORD. */
export async function passwordHash() {
  return (hashed ??= await hashPassword(PASSWORD));
}

export async function aUser(db: Db, u: { name: string; email?: string; role?: Role; capacity?: number; partnerId?: number | null }) {
  const email = u.email ?? `${u.name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@team.test`;
  return insertUser(db, { name: u.name, email, role: u.role ?? 'member', capacity: u.capacity, partnerId: u.partnerId, passwordHash: await passwordHash() }, NOW);
}

export async function anArea(db: Db, name: string, opts: { category?: string; targetLevel?: number; minExperts?: number } = {}) {
  const categoryId = opts.category ? await categoryIdFor(db, opts.category) : null;
  return createArea(db, { name, categoryId, description: '', targetLevel: opts.targetLevel ?? 3, minExperts: opts.minExperts ?? 2, rubric: null });
}

export async function aRating(db: Db, userId: number, areaId: number, fields: RatingFields, actorId = userId, at = NOW) {
  const { getRating } = await import('../src/ratings/queries.ts');
  const current = await getRating(db, userId, areaId);
  const r = await saveRating(db, { userId, areaId }, current?.version ?? null, fields, actorId, at);
  if (!r.ok) throw new Error('fixture rating conflict');
  return r.rating;
}

/** A small team: a manager, two members, two areas. */
export async function aTeam(db: Db) {
  const manager = await aUser(db, { name: 'Mina Manager', email: 'manager@team.test', role: 'manager' });
  const alice = await aUser(db, { name: 'Alice', email: 'alice@team.test' });
  const bob = await aUser(db, { name: 'Bob', email: 'bob@team.test' });
  const embedding = await anArea(db, 'text embedding', { category: 'Research' });
  const serving = await anArea(db, 'model serving', { category: 'Engineering' });
  return { manager, alice, bob, embedding, serving };
}
export type Team = Awaited<ReturnType<typeof aTeam>>;

/** Before every test of the file a fresh world with `aTeam` in it, handed to `use`; after it, the cleanup. */
export function eachTestWithTeam(use: (w: World, team: Team) => void) {
  eachTestWith(aTeam, use);
}

/** Like eachTestWithTeam, with another fixture building the world's people (e.g. aWorkTeam). */
export function eachTestWith<T>(build: (db: Db) => Promise<T>, use: (w: World, made: T) => void) {
  let world: World;
  beforeEach(async () => {
    world = await freshWorld();
    use(world, await build(world.db));
  });
  afterEach(() => world.cleanup());
}

/** A signed-in client for app.request(): keeps the cookie, sends same-origin headers on writes. */
export class Client {
  cookie = '';
  constructor(private app: App) {}

  async request(path: string, init: RequestInit & { form?: Record<string, string | string[]>; htmx?: boolean } = {}) {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('Cookie', this.cookie);
    let body = init.body;
    if (init.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(init.form)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
      body = params;
      headers.set('Content-Type', 'application/x-www-form-urlencoded');
    }
    const method = init.method ?? (init.form ? 'POST' : 'GET');
    if (method !== 'GET' && !headers.has('Origin')) headers.set('Origin', ORIGIN);
    if (init.htmx) headers.set('HX-Request', 'true');
    const res = await this.app.request(ORIGIN + path, { ...init, method, headers, body });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('pairwise_session='));
    if (set) this.cookie = set.split(';')[0];
    return res;
  }

  get(path: string, opts: { htmx?: boolean } = {}) {
    return this.request(path, opts);
  }

  post(path: string, form: Record<string, string | string[]>, opts: { htmx?: boolean; headers?: Record<string, string> } = {}) {
    return this.request(path, { form, ...opts });
  }

  async login(email: string, password = PASSWORD) {
    const res = await this.post('/login', { email, password });
    if (res.status !== 303) throw new Error(`login of ${email} failed: ${res.status}`);
    return this;
  }
}

export const signedIn = (app: App, email: string) => new Client(app).login(email);
