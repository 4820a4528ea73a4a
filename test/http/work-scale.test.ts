// /work and /work/plan at organisation size: pages of items with the filter in the URL, pins across pages, each row's qualified people, constant SQL.
import { describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '../../src/db/schema/index.ts';
import { createApp } from '../../src/app.tsx';
import type { Db } from '../../src/db/client.ts';
import { balanceItems, listItems, type ItemInput } from '../../src/work/queries.ts';
import { aRating, aUser, Client, eachTestWith, freshWorld, NOW, signedIn, type World } from '../helpers.ts';
import { aWorkItem, aWorkTeam, text, type WorkTeam } from '../fixtures/work.ts';

let w: World;
let team: WorkTeam;
let cycleId: number;

eachTestWith(aWorkTeam, (world, made) => {
  w = world;
  ({ team, cycleId } = made);
});

const anItem = (db: Db, over: Partial<ItemInput> = {}) => aWorkItem(db, cycleId, over);
const rows = (html: string) => [...html.matchAll(/<tr[^>]* id="plan-item-(\d+)"/g)].map((m) => Number(m[1]));
const unescape = (s: string) => s.replace(/&amp;/g, '&');

/** 5 high-priority serving items first, then 50 normal ones anyone can do. */
async function fiftyFive() {
  const high = [];
  for (let i = 0; i < 5; i++) high.push(await anItem(w.db, { title: `Serving ${i}`, priority: 'high', effort: 1, requirements: [{ areaId: team.serving.id, minLevel: 3 }] }));
  const normal = [];
  for (let i = 0; i < 50; i++) normal.push(await anItem(w.db, { title: `Chore ${i}`, effort: 1 }));
  return { high, normal };
}

describe('/work/plan at size', () => {
  it('shows 50 items a page, filtered by priority and area in the URL, and pages without JavaScript', async () => {
    const { high, normal } = await fiftyFive();
    const m = await signedIn(w.app, 'manager@team.test');
    const first = await (await m.get('/work/plan')).text();
    expect(rows(first)).toHaveLength(50);
    expect(rows(first).slice(0, 5)).toEqual(high.map((i) => i.id));
    expect(text(first)).toContain('55 of 55 open items · items 1–50 of 55');
    const next = /<a rel="next" href="([^"]+)"/.exec(first)![1];
    expect(unescape(next)).toBe(`/work/plan?cycle=${cycleId}&page=2`);
    expect(rows(await (await m.get(unescape(next))).text())).toEqual(normal.slice(45).map((i) => i.id));

    const byPriority = await (await m.get(`/work/plan?cycle=${cycleId}&priority=high`)).text();
    expect(rows(byPriority)).toEqual(high.map((i) => i.id));
    expect(text(byPriority)).toContain('5 of 55 open items');
    expect(byPriority).not.toContain('rel="next"');
    expect(byPriority).toMatch(/<option value="high" selected/);
    expect(rows(await (await m.get(`/work/plan?cycle=${cycleId}&area=${team.serving.id}`)).text())).toEqual(high.map((i) => i.id));
    // An unknown area or priority is dropped, as in the matrix filter.
    expect(rows(await (await m.get(`/work/plan?cycle=${cycleId}&area=999&priority=urgent`)).text())).toHaveLength(50);

    // With htmx the filter and the pages swap the list's form in place and push the address.
    const partial = await m.get(`/work/plan?cycle=${cycleId}&priority=high`, { htmx: true });
    expect(partial.headers.get('HX-Push-Url')).toBe(`/work/plan?cycle=${cycleId}&priority=high`);
    expect(await partial.text()).toMatch(/^<form id="plan-form"/);
  });

  it('keeps pins of items on other pages when planning from the first, filters by placed and by the proposed owner, and returns to the same list', async () => {
    const { normal } = await fiftyFive();
    const last = normal[49];
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.post('/work/plan', { cycle: String(cycleId), pin: [`${last.id}:${team.bob.id}`], view: 'priority=high' });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/work/plan\\?cycle=${cycleId}&run=\\d+&priority=high$`));
    const html = await (await m.get(location)).text();
    expect(rows(html)).not.toContain(last.id);
    expect(html).toContain(`<input type="hidden" name="pin" value="${last.id}:${team.bob.id}"/>`);
    expect(html).toContain('name="view" value="priority=high"');

    const run = location.split('&priority')[0];
    const placedHtml = await (await m.get(`${run}&placed=yes`)).text();
    const notPlacedHtml = await (await m.get(`${run}&placed=no`)).text();
    const kept = (html: string) => Number(/(\d+) of 55 open items/.exec(text(html))![1]);
    expect(kept(placedHtml)).toBeGreaterThan(0);
    expect(kept(notPlacedHtml)).toBeGreaterThan(0);
    expect(kept(placedHtml) + kept(notPlacedHtml)).toBe(55);
    expect(rows(placedHtml).filter((id) => rows(notPlacedHtml).includes(id))).toEqual([]);
    expect(notPlacedHtml.match(/wk-unplaced-why/g)).toHaveLength(rows(notPlacedHtml).length);
    const bobs = await (await m.get(`${run}&q=bob`)).text();
    expect(rows(bobs)).toContain(last.id);
    for (const owner of [...bobs.matchAll(/class="wk-owner">([^<]+)</g)].map((x) => x[1])) expect(owner).toBe('Bob');
  });

  it('offers only an item’s qualified people, and loads them for one row', async () => {
    const serving = await anItem(w.db, { title: 'Int8 serving', requirements: [{ areaId: team.serving.id, minLevel: 3 }] });
    const m = await signedIn(w.app, 'manager@team.test');
    const html = await (await m.get('/work/plan')).text();
    const select = new RegExp(`<select id="pin-${serving.id}"[\\s\\S]*?</select>`).exec(html)![0];
    expect(select).toContain(`value="${serving.id}:${team.bob.id}"`);
    expect(select).not.toContain(`value="${serving.id}:${team.alice.id}"`);
    const row = await m.get(`/work/plan/items/${serving.id}/choices?cycle=${cycleId}`, { htmx: true });
    const rowHtml = await row.text();
    expect(rowHtml).toMatch(new RegExp(`^<tr[^>]* id="plan-item-${serving.id}"`));
    expect(rowHtml).toContain(`value="${serving.id}:${team.bob.id}"`);
    expect(rowHtml).not.toContain(`value="${serving.id}:${team.alice.id}"`);
    const plain = await m.get(`/work/plan/items/${serving.id}/choices?cycle=${cycleId}`);
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe(`/work/plan?cycle=${cycleId}&choose=${serving.id}#plan-item-${serving.id}`);
    expect((await m.get(`/work/plan/items/${serving.id}/choices?cycle=999`, { htmx: true })).status).toBe(404);
    const alice = await signedIn(w.app, 'alice@team.test');
    expect((await alice.get(`/work/plan/items/${serving.id}/choices?cycle=${cycleId}`, { htmx: true })).status).toBe(403);
  });
});

describe('/work at size', () => {
  it('lists 50 items a page with the filter kept in the page links, and counts them all', async () => {
    await fiftyFive();
    const m = await signedIn(w.app, 'manager@team.test');
    const html = await (await m.get('/work?kind=service')).text();
    const items = (h: string) => h.match(/<a href="\/work\/items\/\d+" class="wk-item-title"/g) ?? [];
    expect(items(html)).toHaveLength(50);
    expect(text(html)).toContain('items 1–50 of 55');
    const next = unescape(/<a rel="next" href="([^"]+)"/.exec(html)![1]);
    expect(next).toBe(`/work?cycle=${cycleId}&kind=service&page=2#items`);
    expect(items(await (await m.get(next)).text())).toHaveLength(5);
  });
});

describe('balanceItems', () => {
  it('reads what listItems reads of each item for the balance and the flags, in the same order, for every scope', async () => {
    const world = await freshWorld();
    try {
      const { team, cycleId } = await aWorkTeam(world.db);
      const statuses = ['open', 'planned', 'in_progress', 'done', 'dropped'] as const;
      for (let i = 0; i < 23; i++) {
        await aWorkItem(world.db, i % 4 === 0 ? null : cycleId, {
          title: `Item ${i} "quoted", 한글 \\ back`,
          kind: i % 3 === 0 ? 'research' : 'service',
          feeds: i % 5 === 0 ? '' : `feed ${i}`,
          effort: (i % 8) + 1,
          priority: (['high', 'normal', 'low'] as const)[i % 3],
          dueDate: i % 2 ? `2026-11-${String(10 + (i % 17)).padStart(2, '0')}` : null,
          status: statuses[i % 5],
          ownerId: i % 3 === 1 ? team.alice.id : i % 3 === 2 ? team.bob.id : null,
          requirements: i % 2 ? [{ areaId: team.embedding.id, minLevel: 2 + (i % 3) }, { areaId: team.serving.id, minLevel: 3 }] : [],
        });
      }
      const project = (items: Awaited<ReturnType<typeof listItems>>) =>
        items.map(({ id, title, kind, effort, status, ownerId, cycleId: c, feeds, dealId, requirements }) => ({ id, title, kind, effort, status, ownerId, cycleId: c, feeds, dealId, requirements }));
      for (const filter of [{}, { cycleId }, { cycleId: null }, { active: true }, { cycleId, active: true }]) {
        const listed = project(await listItems(world.db, filter));
        expect(listed.length, JSON.stringify(filter)).toBeGreaterThan(0);
        expect(await balanceItems(world.db, filter), JSON.stringify(filter)).toEqual(listed);
      }
      expect(await balanceItems(world.db, { cycleId: 999 })).toEqual([]);
    } finally {
      world.cleanup();
    }
  });
});

describe('SQL statements per page at any team size', () => {
  async function countFor(size: number) {
    const world = await freshWorld();
    try {
      const { team: t, cycleId: cycle } = await aWorkTeam(world.db);
      const extra = await Promise.all(Array.from({ length: size - 2 }, (_, i) => aUser(world.db, { name: `Member ${i}`, email: `m${i}@team.test` })));
      for (const u of extra) await aRating(world.db, u.id, t.serving.id, { selfLevel: u.id % 6 });
      const anyone = await aWorkItem(world.db, cycle, { title: 'Anyone can', effort: 1 });
      for (let i = 0; i < 3; i++) await aWorkItem(world.db, cycle, { title: `Serving ${i}`, effort: 2, requirements: [{ areaId: t.serving.id, minLevel: 4 }] });
      const counter = { n: 0 };
      const counted = drizzle(world.db.$client, { schema, logger: { logQuery: () => void counter.n++ } }) as unknown as Db;
      const c = await new Client(createApp({ db: counted, now: () => NOW })).login('manager@team.test');
      await c.get('/work?warm-up');
      const location = (await c.post('/work/plan', { cycle: String(cycle) })).headers.get('location')!;
      const counts: Record<string, number> = {};
      for (const path of ['/work', location, `${location}&placed=no&q=member`]) {
        counter.n = 0;
        const res = await c.get(path);
        expect(res.status, path).toBe(200);
        const html = await res.text();
        counts[path.replace(location, '/work/plan')] = counter.n;
        if (path === location) {
          // Past 30 qualified people a row offers to load them instead of listing them.
          expect(html.includes(`/work/plan/items/${anyone.id}/choices`)).toBe(size > 30);
        }
      }
      return counts;
    } finally {
      world.cleanup();
    }
  }

  it('is the same for 3 and 60 members', { timeout: 60_000 }, async () => {
    const small = await countFor(3);
    const large = await countFor(60);
    expect(large).toEqual(small);
  });
});
