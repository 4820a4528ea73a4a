// Faults: SIGKILL the server in the middle of a burst of writes; every acknowledged write survives the restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gt } from 'drizzle-orm';
import { areas, ratingHistory, ratings } from '../../src/db/schema/index.ts';
import { HttpClient, openForChecks, seededDb, startServer, type Seeded, type ServerChild } from './proc.ts';

const MEMBERS = 8;
const AREAS = 3;
/** Kill once this many writes have been acknowledged; the writers keep going until the socket dies. */
const KILL_AFTER = 80;

let s: Seeded;
const servers: ServerChild[] = [];
beforeAll(async () => {
  s = await seededDb({ members: MEMBERS, areas: AREAS });
});
afterAll(async () => {
  for (const server of servers) await server.stop('SIGKILL');
  s?.cleanup();
});

describe('a crash in the middle of a burst of writes', () => {
  it('keeps every acknowledged write, passes the integrity check, and starts again without repair', { timeout: 90_000 }, async () => {
    const first = await startServer({ databaseUrl: s.url });
    servers.push(first);

    const selfAcks = new Map<string, string[]>();
    const createdAreas: string[] = [];
    let acked = 0;
    let killed = false;
    const ack = () => {
      if (++acked === KILL_AFTER && !killed) {
        killed = true;
        void first.stop('SIGKILL'); // the server and its worker processes at once
      }
    };

    // Members edit their own cells in a tight loop; the manager creates areas. All until the process dies.
    const memberLoop = async (i: number) => {
      const me = s.memberIds[i];
      const c = new HttpClient(first.url, s.memberTokens[i]);
      const version = new Map(s.areaIds.map((a) => [a, 1]));
      for (let k = 0; ; k++) {
        const areaId = s.areaIds[k % AREAS];
        const level = String((k + 2) % 6); // never the cell's previous value, so each edit is one history row
        const r = await c.post(`/members/${me}/ratings/${areaId}`, { selfLevel: level, version: String(version.get(areaId)) }, { htmx: true }).catch(() => null);
        if (!r) return; // connection refused or reset: the server is gone; this write was never acknowledged
        expect(r.status, r.body.slice(0, 300)).toBe(200);
        version.set(areaId, version.get(areaId)! + 1);
        selfAcks.set(`${me}:${areaId}`, [...(selfAcks.get(`${me}:${areaId}`) ?? []), level]);
        ack();
      }
    };
    const areaLoop = async (n: number) => {
      const c = new HttpClient(first.url, s.managerToken);
      for (let k = 0; ; k++) {
        const name = `crash area ${n}-${k}`;
        const r = await c.post('/areas', { name, targetLevel: '3', minExperts: '2' }).catch(() => null);
        if (!r) return;
        expect(r.status, r.body.slice(0, 300)).toBe(303);
        createdAreas.push(name);
        ack();
      }
    };
    await Promise.all([...s.memberIds.map((_, i) => memberLoop(i)), areaLoop(1), areaLoop(2)]);
    const exit = await first.exited;
    expect(exit.signal).toBe('SIGKILL');
    expect(acked).toBeGreaterThanOrEqual(KILL_AFTER);

    // Start again on the same file, as an operator would: no repair step.
    const second = await startServer({ databaseUrl: s.url });
    servers.push(second);
    const listed = await new HttpClient(second.url, s.managerToken).get('/areas');
    expect(listed.status).toBe(200);
    for (const name of createdAreas) expect(listed.body, name).toContain(name);

    const db = await openForChecks(s.url);
    const integrity = await db.$client.execute('PRAGMA integrity_check');
    expect(integrity.rows.map((r) => r[0])).toEqual(['ok']);
    const stored = new Set((await db.select({ name: areas.name }).from(areas)).map((a) => a.name));
    for (const name of createdAreas) expect(stored.has(name), name).toBe(true);
    for (const [key, levels] of selfAcks) {
      const [userId, areaId] = key.split(':').map(Number);
      const rows = await db
        .select({ newValue: ratingHistory.newValue })
        .from(ratingHistory)
        .where(and(eq(ratingHistory.userId, userId), eq(ratingHistory.areaId, areaId), eq(ratingHistory.changedBy, userId), gt(ratingHistory.id, s.historySeedId)))
        .orderBy(asc(ratingHistory.id));
      // Acknowledged edits are all there, in order; at most the one unanswered edit may have committed too.
      expect(rows.slice(0, levels.length).map((r) => r.newValue), key).toEqual(levels);
      expect(rows.length - levels.length, key).toBeLessThanOrEqual(1);
      const [rating] = await db.select().from(ratings).where(and(eq(ratings.userId, userId), eq(ratings.areaId, areaId)));
      expect(rating.version, key).toBe(1 + rows.length);
    }
    // Durability setting as the server opens the file: WAL, synchronous FULL (2).
    const mode = await db.$client.execute('PRAGMA journal_mode');
    const sync = await db.$client.execute('PRAGMA synchronous');
    expect(mode.rows[0][0]).toBe('wal');
    expect(Number(sync.rows[0][0])).toBe(2);
    db.$client.close();
    console.log(`faults: killed after ${acked} acknowledged writes (${createdAreas.length} areas, ${[...selfAcks.values()].flat().length} rating edits); all present after restart`);
  });
});
