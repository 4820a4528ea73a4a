// Two app processes on one database, as behind a load balancer: sessions, versions and sign-in limits are shared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { areas, ratings } from '../../src/db/schema/index.ts';
import { MAX_FAILURES } from '../../src/auth/login-limit.ts';
import { HttpClient, openForChecks, PASSWORD, seededDb, startServer, type Seeded, type ServerChild } from './proc.ts';

let s: Seeded;
let a: ServerChild;
let b: ServerChild;
beforeAll(async () => {
  s = await seededDb({ members: 4, areas: 4 });
  [a, b] = await Promise.all([startServer({ databaseUrl: s.url }), startServer({ databaseUrl: s.url })]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  s?.cleanup();
});

const versionIn = (html: string) => Number(/name="version" value="(\d+)"/.exec(html)![1]);

describe('two app processes on one database', () => {
  it('a session made on one is valid on the other, and signing out on one ends it on both', async () => {
    const onA = new HttpClient(a.url);
    expect((await onA.post('/login', { email: 'member1@team.test', password: PASSWORD })).status).toBe(303);
    const onB = new HttpClient(b.url, onA.token);
    const profile = await onB.get('/profile');
    expect(profile.status).toBe(200);
    expect(profile.body).toContain('Member 1');
    expect((await onB.post('/logout', {})).status).toBe(303);
    const after = await new HttpClient(a.url, onA.token).get('/profile');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/login/);
  });

  it('two edits of one rating at the same version, one on each process: exactly one wins, the other gets 409', async () => {
    const manager = (base: string) => new HttpClient(base, s.managerToken);
    const member = (base: string, i: number) => new HttpClient(base, s.memberTokens[i]);
    for (let round = 0; round < 8; round++) {
      const i = round % s.memberIds.length;
      const userId = s.memberIds[i];
      const areaId = s.areaIds[Math.floor(round / 2) % s.areaIds.length];
      const path = `/members/${userId}/ratings/${areaId}`;
      const version = versionIn((await member(a.url, i).get(`${path}/edit`, { htmx: true })).body);
      // Alternate who is on which process; odd rounds race the same person's two tabs on the same field.
      const [first, second] =
        round % 2 === 0
          ? [member(a.url, i).post(path, { selfLevel: '4', version: String(version) }, { htmx: true }), manager(b.url).post(path, { managerLevel: '2', version: String(version) }, { htmx: true })]
          : [member(b.url, i).post(path, { selfLevel: '5', version: String(version) }, { htmx: true }), member(a.url, i).post(path, { selfLevel: '0', version: String(version) }, { htmx: true })];
      const replies = await Promise.all([first, second]);
      expect(replies.map((r) => r.status).sort(), `round ${round}`).toEqual([200, 409]);
      const db = await openForChecks(s.url);
      const [stored] = await db.select().from(ratings).where(and(eq(ratings.userId, userId), eq(ratings.areaId, areaId)));
      db.$client.close();
      expect(stored.version).toBe(version + 1);
      const winner = replies[0].status === 200 ? 0 : 1;
      // The stored rating is the winner's, and the loser's value was not written over it.
      // Every cell starts at self 1, no manager level: the stored rating is the winner's alone.
      if (round % 2 === 0) expect([stored.selfLevel, stored.managerLevel]).toEqual(winner === 0 ? [4, null] : [1, 2]);
      else expect([stored.selfLevel, stored.managerLevel]).toEqual([winner === 0 ? 5 : 0, null]);
    }
  });

  it('two edits of one area at the same version, one on each process: one 303, one 409', async () => {
    const areaId = s.areaIds[0];
    const form = (name: string) => ({ name, targetLevel: '3', minExperts: '2', version: '1' });
    const replies = await Promise.all([
      new HttpClient(a.url, s.managerToken).post(`/areas/${areaId}`, form('renamed on A')),
      new HttpClient(b.url, s.managerToken).post(`/areas/${areaId}`, form('renamed on B')),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([303, 409]);
    const db = await openForChecks(s.url);
    const [stored] = await db.select().from(areas).where(eq(areas.id, areaId));
    db.$client.close();
    expect(stored.version).toBe(2);
    expect(stored.name).toBe(replies[0].status === 303 ? 'renamed on A' : 'renamed on B');
  });

  it('counts failed sign-ins across both processes', async () => {
    const email = 'member3@team.test';
    for (let k = 0; k < MAX_FAILURES.pair; k++) {
      const base = k % 2 === 0 ? a.url : b.url;
      expect((await new HttpClient(base).post('/login', { email, password: 'wrong password!' })).status).toBe(401);
    }
    for (const base of [a.url, b.url]) {
      const locked = await new HttpClient(base).post('/login', { email, password: PASSWORD });
      expect(locked.status, base).toBe(429);
    }
  });
});
