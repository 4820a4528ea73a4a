import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '../../src/db/schema/index.ts';
import { createApp } from '../../src/app.tsx';
import type { Db } from '../../src/db/client.ts';
import { aRating, aTeam, anArea, aUser, Client, freshWorld, NOW, signedIn, type World } from '../helpers.ts';

let w: World;
let team: Awaited<ReturnType<typeof aTeam>>;
beforeEach(async () => {
  w = await freshWorld();
  team = await aTeam(w.db);
});
afterEach(() => w.cleanup());

const DAY = 24 * 3600 * 1000;
/** Names of the member rows, in order. */
const rowNames = (html: string) => [...html.matchAll(/<th scope="row" class="name-col"><a href="\/members\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);

describe('the heatmap', () => {
  it('is a real table: grouped area headers, row headers, level number and colour, marks with words, legend, coverage footer', async () => {
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 3, interest: 2 });
    await aRating(w.db, team.alice.id, team.embedding.id, { managerLevel: 4 }, team.manager.id);
    await aRating(w.db, team.bob.id, team.embedding.id, { selfLevel: 1 }, team.bob.id, new Date(NOW.getTime() - 200 * DAY));
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.get('/matrix');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<table class="matrix">');
    expect(html).toContain('<caption class="sr">');
    expect(html).toContain('<th scope="colgroup" colspan="1" class="group-head">Research</th>');
    expect(html).toContain('<th scope="colgroup" colspan="1" class="group-head">Engineering</th>');
    expect(html).toMatch(/<th scope="col" class="area-head"><a href="\/matrix\?sort=\d+"[^>]*>text embedding<\/a>/);
    expect(rowNames(html)).toEqual(['Alice', 'Bob', 'Mina Manager']);
    // Alice: effective 4 (manager), disagreement and high interest marked in words too.
    expect(html).toMatch(/class="cell l4"[^>]*>.*?>4<\/span>.*?self 3 ≠ manager 4.*?wants to grow/s);
    // Bob: stale, in words.
    expect(html).toMatch(/class="cell l1 stale"[^>]*>.*?not confirmed for 200 days/s);
    // Unrated cells are distinct.
    expect(html).toContain('class="cell unrated"');
    expect(html).toContain('class="mx-legend"');
    for (const words of ['Experts (≥ 4)', 'Bus factor', 'Gap to target (best / median)', 'Want to grow', 'single point of failure', 'blocker: no expert']) expect(html).toContain(words);
    expect(html).toContain(`id="cov-${team.embedding.id}-risk" class="risk risk-single"`);
    expect(html).toContain(`id="cov-${team.serving.id}-risk" class="risk risk-blocker"`);
    // The manager may edit every cell; the import form is there.
    expect(html).toContain(`hx-get="/members/${team.bob.id}/ratings/${team.embedding.id}/edit?view=matrix&amp;back=%2Fmatrix"`);
    expect(html).toContain('action="/matrix/import"');
  });

  it('lets a member edit only their own row and hides the import', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    const html = await (await alice.get('/matrix')).text();
    expect(html).toContain(`/members/${team.alice.id}/ratings/${team.embedding.id}/edit`);
    expect(html).not.toContain(`/members/${team.bob.id}/ratings/${team.embedding.id}/edit`);
    expect(html).not.toContain('action="/matrix/import"');
  });

  it('says what to do next when there are no areas, or no rows match', async () => {
    const fresh = await freshWorld();
    try {
      await aUser(fresh.db, { name: 'Solo', email: 'solo@team.test', role: 'manager' });
      const m = await signedIn(fresh.app, 'solo@team.test');
      const html = await (await m.get('/matrix')).text();
      expect(html).toContain('No focus areas yet');
      expect(html).toContain('href="/areas"');
    } finally {
      fresh.cleanup();
    }
    const m = await signedIn(w.app, 'manager@team.test');
    const html = await (await m.get('/matrix?q=nobody')).text();
    expect(html).toContain('No member matches these filters');
    expect(html).toContain('Members shown: 0 of 3');
  });
});

describe('filters and sorting', () => {
  let zero: Awaited<ReturnType<typeof anArea>>;
  beforeEach(async () => {
    zero = await anArea(w.db, 'zero-shot', { category: 'Research' });
    const carol = await aUser(w.db, { name: '김민아', email: 'mina@team.test' });
    // alice: zero 3, embedding 2 · bob: zero 4, embedding 1 · 김민아: zero 1, embedding 4 (wants to grow in zero-shot)
    await aRating(w.db, team.alice.id, zero.id, { selfLevel: 3 });
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 2 });
    await aRating(w.db, team.bob.id, zero.id, { selfLevel: 4 });
    await aRating(w.db, team.bob.id, team.embedding.id, { selfLevel: 1 });
    await aRating(w.db, carol.id, zero.id, { selfLevel: 1, interest: 3 });
    await aRating(w.db, carol.id, team.embedding.id, { selfLevel: 4 });
  });

  it('ANDs several area ≥ level conditions', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    expect(rowNames(await (await m.get(`/matrix?ca=${zero.id}&cl=3`)).text())).toEqual(['Alice', 'Bob']);
    const both = await (await m.get(`/matrix?ca=${zero.id}&cl=3&ca=${team.embedding.id}&cl=2`)).text();
    expect(rowNames(both)).toEqual(['Alice']);
    // The form shows the applied conditions.
    expect(both).toMatch(new RegExp(`<option value="${team.embedding.id}" selected="">text embedding</option>`));
  });

  it('filters by interest, by name text and by category (columns)', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    expect(rowNames(await (await m.get(`/matrix?grow=${zero.id}`)).text())).toEqual(['김민아']);
    expect(rowNames(await (await m.get(`/matrix?q=${encodeURIComponent('민아')}`)).text())).toEqual(['김민아']);
    expect(rowNames(await (await m.get('/matrix?q=ALI')).text())).toEqual(['Alice']);
    const research = await (await m.get(`/matrix?category=${team.embedding.categoryId}`)).text();
    expect(research).toContain('>text embedding</a>');
    expect(research).not.toContain('>model serving</a>');
  });

  it('sorts by name (collation) or by an area, highest first', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    expect(rowNames(await (await m.get('/matrix')).text())).toEqual(['Alice', 'Bob', 'Mina Manager', '김민아']);
    const byZero = await (await m.get(`/matrix?sort=${zero.id}`)).text();
    expect(rowNames(byZero)).toEqual(['Bob', 'Alice', '김민아', 'Mina Manager']);
    expect(byZero).toContain('aria-sort="descending"');
  });

  it('ignores filter parts that name nothing, instead of failing', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.get('/matrix?ca=999&cl=3&ca=abc&cl=x&sort=%3Cscript%3E&category=-1&grow=0');
    expect(res.status).toBe(200);
    expect(rowNames(await res.text())).toHaveLength(4);
  });

  it('answers htmx with the results partial alone and pushes the canonical URL; a history restore gets the page', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.get(`/matrix?q=&ca=${zero.id}&cl=3&ca=&cl=3&sort=name`, { htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<div id="matrix-results">')).toBe(true);
    expect(html).not.toContain('<html');
    expect(rowNames(html)).toEqual(['Alice', 'Bob']);
    expect(res.headers.get('HX-Push-Url')).toBe(`/matrix?ca=${zero.id}&cl=3`);
    expect(res.headers.get('Vary')).toContain('HX-Request');
    const restore = await m.request('/matrix', { headers: { 'HX-Request': 'true', 'HX-History-Restore-Request': 'true' } });
    expect(await restore.text()).toContain('<html');
  });
});

describe('query count', () => {
  /** A second drizzle handle on the same connection that counts every statement. */
  function countingApp(db: Db) {
    const counter = { n: 0 };
    const counted = drizzle(db.$client, { schema, logger: { logQuery: () => void counter.n++ } }) as unknown as Db;
    return { app: createApp({ db: counted, now: () => NOW }), counter };
  }

  async function countFor(size: number) {
    const world = await freshWorld();
    try {
      const t = await aTeam(world.db);
      const extra = await Promise.all(Array.from({ length: size - 3 }, (_, i) => aUser(world.db, { name: `Member ${i}`, email: `m${i}@team.test` })));
      for (const u of [t.alice, t.bob, ...extra]) {
        await aRating(world.db, u.id, t.embedding.id, { selfLevel: u.id % 6, interest: u.id % 4 });
        await aRating(world.db, u.id, t.serving.id, { selfLevel: (u.id + 2) % 6 });
      }
      const { app, counter } = countingApp(world.db);
      const c = await new Client(app).login('manager@team.test');
      await c.get('/matrix'); // warm-up: the setup gate's one-time check
      counter.n = 0;
      const res = await c.get('/matrix');
      expect(res.status).toBe(200);
      expect(rowNames(await res.text())).toHaveLength(size);
      return counter.n;
    } finally {
      world.cleanup();
    }
  }

  it('renders the matrix with the same number of SQL statements for 3 and 30 members', async () => {
    const small = await countFor(3);
    const large = await countFor(30);
    expect(large).toBe(small);
    // session + team + areas + ratings
    expect(small).toBeGreaterThanOrEqual(4);
    expect(small).toBeLessThanOrEqual(5);
  });
});

describe('the dashboard section', () => {
  it('shows a manager the riskiest areas, stale ratings and who never rated themselves', async () => {
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 4 }, team.alice.id, new Date(NOW.getTime() - 190 * DAY));
    const m = await signedIn(w.app, 'manager@team.test');
    const html = await (await m.get('/')).text();
    expect(html).toContain('Riskiest areas');
    expect(html).toContain('blocker: 1');
    expect(html).toContain('single point of failure: 1');
    expect(html).toMatch(/Alice<\/a>: 1</);
    expect(html).toMatch(/Never rated themselves<\/h3><p><a href="\/members\/\d+">Bob<\/a>, <a href="\/members\/\d+">Mina Manager<\/a>/);
  });

  it('nudges a member who never rated themself, and lists their stale ratings with a link to update', async () => {
    const bob = await signedIn(w.app, 'bob@team.test');
    expect(await (await bob.get('/')).text()).toContain('You have not rated yourself yet.');
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 4 }, team.alice.id, new Date(NOW.getTime() - 190 * DAY));
    const alice = await signedIn(w.app, 'alice@team.test');
    const html = await (await alice.get('/')).text();
    expect(html).toContain('Your ratings not confirmed for 180 days: 1.');
    expect(html).toContain(`<a href="/members/${team.alice.id}">Update my stats</a>`);
  });
});
