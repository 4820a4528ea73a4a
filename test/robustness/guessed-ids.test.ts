// Guessed ids: every record id tried by people outside its scope; nothing of it is shown, nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.tsx';
import type { Db } from '../../src/db/client.ts';
import { createSession } from '../../src/auth/sessions.ts';
import { Client } from '../helpers.ts';
import { demoWorld } from './proc.ts';

let cleanup: () => void;
let db: Db;
let app: App;
const rows = async (sql: string, args: Array<string | number | null> = []) => (await db.$client.execute({ sql, args })).rows.map((r) => Array.from(r as ArrayLike<unknown>));
const count = async (table: string) => Number((await rows(`select count(*) from ${table}`))[0][0]);

async function as(email: string) {
  const [row] = await rows('select id, partner_id from users where email = ?', [email]);
  const c = new Client(app);
  c.cookie = `pairwise_session=${(await createSession(db, Number(row[0]), new Date())).token}`;
  return { c, id: Number(row[0]), partnerId: row[1] === null ? null : Number(row[1]) };
}

beforeAll(async () => {
  ({ db, app, cleanup } = await demoWorld());
}, 60_000);
afterAll(() => cleanup?.());

describe('a partner guessing ids', () => {
  it('sees and touches only their own team’s deals, whatever id they try', async () => {
    const partner = await as('partner@demo.local');
    const deals = await rows('select id, partner_id, title from deals order by id');
    const others = deals.filter((d) => Number(d[1]) !== partner.partnerId);
    const own = deals.filter((d) => Number(d[1]) === partner.partnerId);
    expect(others.length).toBeGreaterThan(0);
    expect(own.length).toBeGreaterThan(0);

    const board = await (await partner.c.get('/deals')).text();
    for (const [, , title] of others) expect(board, String(title)).not.toContain(String(title));

    const maxId = Math.max(...deals.map((d) => Number(d[0])));
    const events = await count('deal_events');
    for (const id of [...others.map((d) => Number(d[0])), maxId + 1, maxId + 1000]) {
      const title = String(deals.find((d) => Number(d[0]) === id)?.[2] ?? `no deal ${id}`);
      for (const path of [`/deals/${id}`, `/deals/${id}/edit`]) {
        const res = await partner.c.get(path);
        expect(res.status, path).toBe(404);
        expect(await res.text(), path).not.toContain(title);
      }
      for (const [path, form] of [
        [`/deals/${id}/comments`, { body: 'guessing' }],
        [`/deals/${id}/ratings`, { version: '1', give: '5', get: '5' }],
        [`/deals/${id}/accept`, { version: '1' }],
        [`/deals/${id}/counter`, { version: '1', note: 'guessing' }],
      ] as const) {
        const res = await partner.c.post(path, form);
        expect([403, 404], `${path} → ${res.status}`).toContain(res.status);
      }
    }
    expect(await count('deal_events')).toBe(events);
    for (const [id] of own) expect((await partner.c.get(`/deals/${id}`)).status).toBe(200);
  });

  it('cannot reach a member’s page, a rating, a work item, a partner team or a pairing by id', async () => {
    const partner = await as('partner@demo.local');
    const ids = async (table: string) => (await rows(`select id from ${table} order by id`)).map((r) => Number(r[0]));
    const [members, areas, items, partners, circles] = await Promise.all([
      rows("select id, name from users where role <> 'partner'"),
      ids('areas'),
      ids('work_items'),
      ids('partners'),
      ids('study_circles'),
    ]);
    for (const [id, name] of members) {
      for (const path of [`/members/${id}`, `/members/${id}/ratings/${areas[0]}`, `/members/${id}/ratings/${areas[0]}/edit`]) {
        const res = await partner.c.get(path);
        expect(res.status, path).toBe(403);
        expect(await res.text(), path).not.toContain(String(name));
      }
    }
    for (const path of [...items.map((i) => `/work/items/${i}`), ...partners.map((p) => `/partners/${p}`), '/matrix', '/matrix.csv', '/work', '/pairings', '/pairings/history']) {
      expect((await partner.c.get(path)).status, path).toBe(403);
    }
    for (const id of circles) expect((await partner.c.post(`/pairings/circles/${id}/end`, { version: '1' })).status).toBe(403);
  });
});

describe('a member guessing ids', () => {
  it('cannot edit another member’s rating or move another member’s work item', async () => {
    const member = await as('mina@demo.local');
    const [other] = await rows("select id from users where email = 'joon@demo.local'");
    const [rating] = await rows('select area_id, version, self_level from ratings where user_id = ? limit 1', [Number(other[0])]);
    const history = await count('rating_history');
    const path = `/members/${other[0]}/ratings/${rating[0]}`;
    expect((await member.c.get(`${path}/edit`)).status).toBe(403);
    expect((await member.c.post(path, { selfLevel: '0', version: String(rating[1]) })).status).toBe(403);
    expect((await member.c.post(`${path}/confirm`, { version: String(rating[1]) })).status).toBe(403);
    expect(await count('rating_history')).toBe(history);

    const items = await rows('select id, version, status from work_items where owner_id is not null and owner_id <> ?', [member.id]);
    expect(items.length).toBeGreaterThan(0);
    for (const [id, version, status] of items.slice(0, 5)) {
      const res = await member.c.post(`/work/items/${id}/status`, { version: String(version), status: status === 'done' ? 'in_progress' : 'done' });
      expect([403, 404], `item ${id} → ${res.status}`).toContain(res.status);
      expect((await rows('select status, version from work_items where id = ?', [Number(id)]))[0]).toEqual([status, version]);
    }
  });

  it('never sees the manager’s note about another member, on any page or in the export', async () => {
    const note = 'private-calibration-note-7731';
    const [joon] = await rows("select id from users where email = 'joon@demo.local'");
    await db.$client.execute({ sql: 'update ratings set manager_note = ? where user_id = ?', args: [note, Number(joon[0])] });
    const other = await as('mina@demo.local');
    for (const path of [`/members/${joon[0]}`, '/matrix', '/matrix.csv', '/members', '/']) {
      expect(await (await other.c.get(path)).text(), path).not.toContain(note);
    }
    const self = await as('joon@demo.local');
    expect(await (await self.c.get(`/members/${joon[0]}`)).text()).toContain(note);
  });
});
