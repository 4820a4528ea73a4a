// Load: many sessions read and write at once against the real server; nothing fails, nothing acknowledged is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gt } from 'drizzle-orm';
import { ratingHistory, ratings } from '../../src/db/schema/index.ts';
import { HttpClient, openForChecks, pool, seededDb, startServer, type Reply, type Seeded, type ServerChild } from './proc.ts';

const MEMBERS = 10;
const AREAS = 3;
const EDITS_PER_MEMBER = 8;
const MANAGER_EDITS = 30;
const READS = 100;

let s: Seeded;
let server: ServerChild;
beforeAll(async () => {
  s = await seededDb({ members: MEMBERS, areas: AREAS });
  server = await startServer({ databaseUrl: s.url });
});
afterAll(async () => {
  await server?.stop();
  s?.cleanup();
});

const versionIn = (html: string) => {
  const m = /name="version" value="(\d*)"/.exec(html);
  if (!m) throw new Error(`no version in: ${html.slice(0, 300)}`);
  return Number(m[1]);
};
const cellKey = (userId: number, areaId: number) => `${userId}:${areaId}`;

describe('a mixed run of reads and writes from many sessions', () => {
  it('has no 5xx, loses no acknowledged write, and keeps the rating history consistent', async () => {
    const db = await openForChecks(s.url);

    const replies: Array<{ what: string; status: number }> = [];
    const record = (what: string, r: Reply) => {
      replies.push({ what, status: r.status });
      return r;
    };
    /** Acknowledged edits per cell, in the order their answers arrived. */
    const selfAcks = new Map<string, string[]>();
    const managerAcks = new Map<string, number>();
    let conflicts = 0;

    const cellPath = (userId: number, areaId: number) => `/members/${userId}/ratings/${areaId}`;
    const currentVersion = async (c: HttpClient, userId: number, areaId: number) =>
      versionIn(record('GET edit', await c.get(`${cellPath(userId, areaId)}/edit`, { htmx: true })).body);

    // Each member edits their own self level, cell after cell, retrying after a conflict.
    const memberWriter = (i: number) => async () => {
      const me = s.memberIds[i];
      const c = new HttpClient(server.url, s.memberTokens[i]);
      const version = new Map(s.areaIds.map((a) => [a, 1]));
      const level = new Map(s.areaIds.map((a) => [a, 1]));
      for (let k = 0; k < EDITS_PER_MEMBER; k++) {
        const areaId = s.areaIds[k % AREAS];
        const next = (level.get(areaId)! + 1 + (k % 3)) % 6;
        for (let attempt = 0; attempt < 10; attempt++) {
          const r = record('POST self', await c.post(cellPath(me, areaId), { selfLevel: String(next), version: String(version.get(areaId)) }, { htmx: true }));
          if (r.status === 200) {
            version.set(areaId, version.get(areaId)! + 1);
            level.set(areaId, next);
            const acks = selfAcks.get(cellKey(me, areaId)) ?? [];
            selfAcks.set(cellKey(me, areaId), [...acks, String(next)]);
            break;
          }
          expect(r.status, r.body.slice(0, 500)).toBe(409);
          conflicts++;
          version.set(areaId, await currentVersion(c, me, areaId));
        }
      }
    };

    // The manager calibrates random cells of the same members at the same time: real races for one version.
    const managerWriter = (seed: number) => async () => {
      const c = new HttpClient(server.url, s.managerToken);
      for (let k = 0; k < MANAGER_EDITS / 2; k++) {
        const userId = s.memberIds[(seed * 7 + k * 5) % MEMBERS];
        const areaId = s.areaIds[(seed + k) % AREAS];
        const version = await currentVersion(c, userId, areaId);
        const r = record('POST manager', await c.post(cellPath(userId, areaId), { managerLevel: String((k + seed) % 6), version: String(version) }, { htmx: true }));
        if (r.status === 200) managerAcks.set(cellKey(userId, areaId), (managerAcks.get(cellKey(userId, areaId)) ?? 0) + 1);
        else {
          expect(r.status, r.body.slice(0, 500)).toBe(409);
          conflicts++;
        }
      }
    };

    const pages = ['/', '/matrix', '/matrix?sort=name', '/members', '/areas', '/profile', '/matrix.csv', ...s.memberIds.slice(0, 3).map((id) => `/members/${id}`)];
    const reader = (n: number) => async () => {
      const who = n % 3 === 0 ? s.managerToken : s.memberTokens[n % MEMBERS];
      const path = pages[n % pages.length];
      const r = record(`GET ${path}`, await new HttpClient(server.url, who).get(path));
      expect(r.status, `GET ${path}`).toBe(200);
    };

    const tasks = [...s.memberIds.map((_, i) => memberWriter(i)), managerWriter(1), managerWriter(2), ...Array.from({ length: READS }, (_, n) => reader(n))];
    // Interleave writers and readers so all run at once.
    await pool(tasks, 20);

    const fivexx = replies.filter((r) => r.status >= 500);
    expect(fivexx, 'no 5xx').toEqual([]);
    expect(replies.length).toBeGreaterThan(MEMBERS * EDITS_PER_MEMBER + READS);

    // Every acknowledged write is stored, and the history tells exactly the acknowledged story.
    for (const userId of s.memberIds) {
      for (const areaId of s.areaIds) {
        const key = cellKey(userId, areaId);
        const [rating] = await db.select().from(ratings).where(and(eq(ratings.userId, userId), eq(ratings.areaId, areaId)));
        const rows = await db
          .select()
          .from(ratingHistory)
          .where(and(eq(ratingHistory.userId, userId), eq(ratingHistory.areaId, areaId), gt(ratingHistory.id, s.historySeedId)))
          .orderBy(asc(ratingHistory.id));
        const self = selfAcks.get(key) ?? [];
        const byMember = rows.filter((r) => r.changedBy === userId);
        expect(byMember.map((r) => r.newValue), `self levels of ${key}`).toEqual(self);
        expect(byMember.every((r) => r.field === 'selfLevel')).toBe(true);
        if (self.length) expect(String(rating.selfLevel)).toBe(self.at(-1));
        const byManager = rows.filter((r) => r.changedBy === s.managerId);
        expect(byManager.length, `manager edits of ${key}`).toBe(managerAcks.get(key) ?? 0);
        // One history row per acknowledged edit, none more: the version counts them.
        expect(rating.version, `version of ${key}`).toBe(1 + self.length + (managerAcks.get(key) ?? 0));
        // Each change starts where the previous one of the same field ended.
        for (const field of ['selfLevel', 'managerLevel'] as const) {
          const chain = rows.filter((r) => r.field === field);
          for (let i = 1; i < chain.length; i++) expect(chain[i].oldValue, `${field} chain of ${key}`).toBe(chain[i - 1].newValue);
        }
        const lastManager = rows.filter((r) => r.field === 'managerLevel').at(-1);
        if (lastManager) expect(String(rating.managerLevel)).toBe(lastManager.newValue);
      }
    }
    db.$client.close();
    console.log(`load: ${replies.length} requests, ${[...selfAcks.values()].flat().length + [...managerAcks.values()].reduce((a, b) => a + b, 0)} acknowledged edits, ${conflicts} conflicts (409)`);
  });
});
