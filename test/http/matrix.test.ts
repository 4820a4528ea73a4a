import { beforeEach, describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '../../src/db/schema/index.ts';
import { ratings, users } from '../../src/db/schema/index.ts';
import { eq, sql } from 'drizzle-orm';
import { createApp } from '../../src/app.tsx';
import type { Db } from '../../src/db/client.ts';
import { anArea, aRating, aTeam, aUser, Client, eachTestWithTeam, freshWorld, NOW, signedIn, type Team, type World } from '../helpers.ts';
import { MATRIX_PAGE_SIZE } from '../../src/matrix/filter.ts';

let w: World;
let team: Team;
eachTestWithTeam((world, made) => ((w = world), (team = made)));

const DAY = 24 * 3600 * 1000;
/** Names of the member rows, in order. */
const rowNames = (html: string) => [...html.matchAll(/<th scope="row" class="name-col"><a href="\/members\/\d+"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);

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
    expect(html).toMatch(/class="cell l4"[^>]*><a class="lvl" href="[^"]+">4<\/a>.*?self 3 ≠ manager 4.*?wants to grow/s);
    // Bob: stale, in words.
    expect(html).toMatch(/class="cell l1 stale"[^>]*>.*?not confirmed for 200 days/s);
    // Unrated cells are distinct.
    expect(html).toContain('class="cell unrated"');
    expect(html).toContain('class="mx-legend"');
    for (const words of ['Experts (≥ 4)', 'Bus factor', 'Gap to target (best / median)', 'Want to grow', 'single point of failure', 'blocker: no expert']) expect(html).toContain(words);
    expect(html).toContain(`id="cov-${team.embedding.id}-risk" class="risk risk-single"`);
    expect(html).toContain(`id="cov-${team.serving.id}-risk" class="risk risk-blocker"`);
    // The manager may edit every cell (a short link; the table body boosts it into the cell with the
    // matrix view and the way back); the import form is there.
    expect(html).toContain(`<a class="lvl" href="/members/${team.bob.id}/ratings/${team.embedding.id}/edit">`);
    expect(html).toMatch(/<tbody id="matrix-rows" hx-boost:inherited="target:&#39;closest td&#39; swap:outerHTML push:false" hx-vals:inherited="\{&quot;view&quot;:&quot;matrix&quot;,&quot;back&quot;:&quot;\/matrix&quot;\}">/);
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
    expect(rowNames(await (await m.get(`/matrix?q=${encodeURIComponent('ㄱㅁㅇ')}`)).text())).toEqual(['김민아']);
    expect(rowNames(await (await m.get(`/matrix?q=${encodeURIComponent('ＡＬＩ')}`)).text())).toEqual(['Alice']);
    const research = await (await m.get(`/matrix?category=${team.embedding.categoryId}`)).text();
    expect(research).toContain('>text embedding</a>');
    expect(research).not.toContain('>model serving</a>');
  });

  it('sorts by name (collation) or by an area, highest first', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    expect(rowNames(await (await m.get('/matrix')).text())).toEqual(['Alice', 'Bob', 'Mina Manager', '김민아']);
    const korean = await m.request('/matrix', { headers: { 'Accept-Language': 'ko' } });
    expect(rowNames(await korean.text())).toEqual(['김민아', 'Alice', 'Bob', 'Mina Manager']);
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

describe('pages of a large team', () => {
  /** 117 more members (120 in all); member i rates themself i % 6 in text embedding. */
  const levelOf = new Map<string, number>();
  beforeEach(async () => {
    levelOf.clear();
    for (let i = 0; i < 117; i++) {
      const name = `Member ${String(i).padStart(3, '0')}`;
      const u = await aUser(w.db, { name, email: `m${i}@team.test` });
      await aRating(w.db, u.id, team.embedding.id, { selfLevel: i % 6 });
      levelOf.set(name, i % 6);
    }
  });
  const link = (html: string, rel: 'prev' | 'next') => new RegExp(`<a rel="${rel}" href="([^"]+)"`).exec(html)?.[1]?.replaceAll('&amp;', '&') ?? null;
  const expertsCell = (html: string) => new RegExp(`id="cov-${team.embedding.id}-experts" class="num-cell">(\\d+)<`).exec(html)?.[1];
  const experts = () => [...levelOf.values()].filter((l) => l >= 4).length;

  it(`shows ${MATRIX_PAGE_SIZE} rows a page with previous/next links and a range`, async () => {
    expect(MATRIX_PAGE_SIZE).toBe(50);
    const m = await signedIn(w.app, 'manager@team.test');
    const first = await (await m.get('/matrix')).text();
    expect(rowNames(first)).toHaveLength(50);
    expect(first).toContain('Members shown: 120 of 120 · rows 1–50 of 120');
    expect(first).toContain('Page 1 of 3');
    expect(link(first, 'prev')).toBeNull();
    expect(link(first, 'next')).toBe('/matrix?page=2');
    const last = await (await m.get('/matrix?page=3')).text();
    expect(rowNames(last)).toHaveLength(20);
    expect(last).toContain('rows 101–120 of 120');
    expect(link(last, 'prev')).toBe('/matrix?page=2');
    expect(link(last, 'next')).toBeNull();
    // Every member exactly once over the pages, in name order.
    const all = [...rowNames(first), ...rowNames(await (await m.get('/matrix?page=2')).text()), ...rowNames(last)];
    expect(new Set(all).size).toBe(120);
    expect(all.slice(0, 3)).toEqual(['Alice', 'Bob', 'Member 000']);
  });

  it('answers a page out of range with the last page, and nonsense with the first, never an error', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const beyond = await m.get('/matrix?page=99');
    expect(beyond.status).toBe(200);
    expect(await beyond.text()).toContain('rows 101–120 of 120');
    const partial = await m.get('/matrix?page=99', { htmx: true });
    expect(partial.headers.get('HX-Push-Url')).toBe('/matrix?page=3');
    for (const bad of ['0', '-1', 'abc', '1e3', '99999999999', '']) {
      const res = await m.get(`/matrix?page=${bad}`);
      expect(res.status, bad).toBe(200);
      expect(await res.text()).toContain('rows 1–50 of 120');
    }
    // A filter matching nobody: page 1 of 1, no pager.
    const none = await (await m.get('/matrix?q=nobody&page=4')).text();
    expect(none).toContain('Members shown: 0 of 120');
    expect(none).not.toContain('class="mx-pager"');
  });

  it('keeps the filter and sort in the page links, the way back and the pushed URL; a new filter or sort starts at page 1', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const emb = team.embedding.id;
    const res = await m.get(`/matrix?q=Member&sort=${emb}&page=2`, { htmx: true });
    expect(res.headers.get('HX-Push-Url')).toBe(`/matrix?q=Member&sort=${emb}&page=2`);
    const html = await res.text();
    expect(link(html, 'prev')).toBe(`/matrix?q=Member&sort=${emb}`);
    expect(link(html, 'next')).toBe(`/matrix?q=Member&sort=${emb}&page=3`);
    expect(html).toContain(`hx-get="/matrix?q=Member&amp;sort=${emb}&amp;page=3" hx-target="#matrix-results"`);
    expect(html).toContain(`&quot;back&quot;:&quot;/matrix?q=Member&amp;sort=${emb}&amp;page=2&quot;`);
    // Sorting by a column header starts again at page 1, keeping the text filter.
    expect(html).toContain('<a href="/matrix?q=Member">Member</a>');
    expect(html).not.toMatch(/<th scope="col" class="area-head"[^>]*><a href="[^"]*page=/);
  });

  it('filters and sorts the whole team before paging', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const emb = team.embedding.id;
    // Sorted by the area, highest first: levels never rise from one page to the next.
    const pages = await Promise.all([1, 2, 3].map(async (p) => rowNames(await (await m.get(`/matrix?sort=${emb}&page=${p}`)).text())));
    const levels = pages.flat().map((n) => levelOf.get(n) ?? -1);
    expect(levels).toHaveLength(120);
    expect(levels).toEqual([...levels].sort((a, b) => b - a));
    const fives = [...levelOf].filter(([, l]) => l === 5).map(([n]) => n);
    expect(pages[0].slice(0, fives.length).sort()).toEqual(fives.sort());
    // A condition over the whole team: everyone at ≥ 3, spread over pages.
    const atLeast3 = [...levelOf.values()].filter((l) => l >= 3).length;
    const filtered = await (await m.get(`/matrix?ca=${emb}&cl=3`)).text();
    expect(filtered).toContain(`Members shown: ${atLeast3} of 120 · rows 1–50 of ${atLeast3}`);
    const rest = rowNames(await (await m.get(`/matrix?ca=${emb}&cl=3&page=2`)).text());
    expect(rowNames(filtered).length + rest.length).toBe(atLeast3);
    expect([...rowNames(filtered), ...rest].every((n) => (levelOf.get(n) ?? 0) >= 3)).toBe(true);
  });

  it('counts the whole team in the coverage footer, whatever the page or filter', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    for (const path of ['/matrix', '/matrix?page=3', '/matrix?q=Alice', `/matrix?ca=${team.embedding.id}&cl=5&page=2`]) {
      expect(expertsCell(await (await m.get(path)).text()), path).toBe(String(experts()));
    }
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
      await c.get('/matrix?warm-up'); // the setup gate's one-time check
      counter.n = 0;
      const res = await c.get('/matrix');
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(rowNames(html)).toHaveLength(Math.min(size, MATRIX_PAGE_SIZE));
      const fresh = counter.n;
      counter.n = 0;
      const again = await c.get('/matrix');
      expect(await again.text()).toBe(html);
      const cached = counter.n;
      // A rating written through another handle (as another process would): the model is patched.
      await aRating(world.db, t.alice.id, t.serving.id, { selfLevel: 5 });
      counter.n = 0;
      expect((await c.get('/matrix')).status).toBe(200);
      const patched = counter.n;
      // A process that has read nothing yet reads everything.
      const second = countingApp(world.db);
      const c2 = await new Client(second.app).login('manager@team.test');
      second.counter.n = 0;
      expect(await (await c2.get('/matrix')).text()).not.toBe('');
      return { fresh, cached, patched, cold: second.counter.n };
    } finally {
      world.cleanup();
    }
  }

  it('renders the matrix with the same number of SQL statements for 3 and 60 members (more than a page)', async () => {
    const small = await countFor(3);
    const large = await countFor(60);
    expect(large).toEqual(small);
    // A process's first read: session + change counter + the model's stamp + team + areas + ratings.
    expect(small.cold).toBeGreaterThanOrEqual(5);
    expect(small.cold).toBeLessThanOrEqual(6);
    // Another filter or page of unchanged data, or after a rating edit: session + change counter + the
    // model's one statement (stamp and the ratings written since).
    expect(small.fresh).toBe(3);
    expect(small.patched).toBe(3);
    // Unchanged data: session + change counter, and the same page.
    expect(small.cached).toBe(2);
  });

  it('never serves a cached page after a change, from this process or another', async () => {
    const world = await freshWorld();
    try {
      const t = await aTeam(world.db);
      const other = createApp({ db: world.db, now: () => NOW }); // a second app on the same database
      const c = await new Client(world.app).login('manager@team.test');
      const cellOf = (html: string) => html.split(`href="/members/${t.alice.id}/ratings/${t.embedding.id}/edit">`)[1]?.split('</a>')[0] ?? 'missing';
      const before = cellOf(await (await c.get('/matrix')).text());
      expect(before).toContain('–'); // not rated yet
      const alice = await new Client(other).login('alice@team.test');
      expect((await alice.post(`/members/${t.alice.id}/ratings/${t.embedding.id}`, { selfLevel: '4', interest: '2', evidence: '', version: '' })).status).toBeLessThan(400);
      expect(cellOf(await (await c.get('/matrix')).text())).toBe('4');
    } finally {
      world.cleanup();
    }
  });
});

describe('the cached model after writes by another process', () => {
  it('shows what a fresh process shows after a rating edit, a rating written without history, and a renamed member', async () => {
    const world = await freshWorld();
    try {
      const t = await aTeam(world.db);
      await aRating(world.db, t.bob.id, t.embedding.id, { selfLevel: 4 });
      const other = createApp({ db: world.db, now: () => NOW }); // a second app on the same database
      const m = await new Client(world.app).login('manager@team.test');
      const expertsCell = (html: string) => new RegExp(`id="cov-${t.embedding.id}-experts" class="num-cell">(\\d+)<`).exec(html)?.[1];
      const results = async (c: Client) => (await c.get('/matrix', { htmx: true })).text();
      const freshProcess = async () => results(await new Client(createApp({ db: world.db, now: () => NOW })).login('manager@team.test'));
      await results(m); // the model is read
      const alice = await new Client(other).login('alice@team.test');
      expect((await alice.post(`/members/${t.alice.id}/ratings/${t.embedding.id}`, { selfLevel: '5', interest: '2', evidence: '', version: '' })).status).toBeLessThan(400);
      const patched = await results(m);
      expect(expertsCell(patched)).toBe('2'); // the footer counts the edit
      expect(patched).toBe(await freshProcess());
      // A write the history does not name is noticed too (the counter moved more than the named ratings).
      await world.db.update(ratings).set({ selfLevel: 1, version: sql`${ratings.version} + 1` }).where(eq(ratings.userId, t.bob.id));
      const unnamed = await results(m);
      expect(expertsCell(unnamed)).toBe('1');
      expect(unnamed).toBe(await freshProcess());
      await world.db.update(users).set({ name: 'Alicia' }).where(eq(users.id, t.alice.id));
      const renamed = await results(m);
      expect(rowNames(renamed)).toContain('Alicia');
      expect(renamed).toBe(await freshProcess());
    } finally {
      world.cleanup();
    }
  });
});

describe('rows kept between views (row-cache.ts)', () => {
  it('draws a row for each viewer and language, again when the member changes, and marks staleness within the hour', async () => {
    const world = await freshWorld();
    try {
      const t = await aTeam(world.db);
      // Bob's rating was confirmed 180 days ago less 30 minutes: stale within the hour.
      await aRating(world.db, t.bob.id, t.embedding.id, { selfLevel: 3 }, t.bob.id, new Date(NOW.getTime() - 180 * 86_400_000 + 30 * 60_000));
      const row = (html: string, name: string) => html.match(new RegExp(`hx-boost="false">${name}</a>.*?</tr>`))?.[0] ?? 'missing';
      const results = async (c: Client, lang?: string) => (await c.request('/matrix', { htmx: true, headers: lang ? { 'Accept-Language': lang } : {} })).text();
      const m = await new Client(world.app).login('manager@team.test');
      const first = await results(m);
      expect(row(first, 'Bob')).not.toContain('m-stale');
      expect(row(first, 'Bob')).toContain(`href="/members/${t.bob.id}/ratings/${t.embedding.id}/edit"`);
      expect(row(first, 'Alice')).not.toContain('class="tag"');
      // The same rows for Alice: her own row carries "you" and is hers to edit; Bob's is not.
      const alice = await new Client(world.app).login('alice@team.test');
      const hers = await results(alice);
      expect(row(hers, 'Alice')).toContain('<span class="tag">you</span>');
      expect(row(hers, 'Alice')).toContain(`/members/${t.alice.id}/ratings/`);
      expect(row(hers, 'Bob')).not.toContain('/edit');
      expect(row(await results(m, 'ko'), 'Alice')).toContain('평가 없음');
      // Two hours on, the mark is there.
      world.clock.now = new Date(NOW.getTime() + 2 * 3_600_000);
      expect(row(await results(m), 'Bob')).toContain('m-stale');
      // A renamed member and an edited rating show at once.
      await world.db.update(users).set({ name: 'Roberto' }).where(eq(users.id, t.bob.id));
      expect(row(await results(m), 'Roberto')).toContain('m-stale');
      await aRating(world.db, t.bob.id, t.embedding.id, { selfLevel: 5 }, t.bob.id, world.clock.now);
      const edited = row(await results(m), 'Roberto');
      expect(edited).not.toContain('m-stale');
      expect(edited).toContain('class="cell l5"');
    } finally {
      world.cleanup();
    }
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

  it('caps a manager’s stale and never-rated lists at a glance, with how many more there are', async () => {
    const old = new Date(NOW.getTime() - 190 * DAY);
    // Twelve people with stale ratings (Stale 01 the most stale), fourteen never rated (Alice rates herself).
    for (let i = 1; i <= 12; i++) {
      const u = await aUser(w.db, { name: `Stale ${String(i).padStart(2, '0')}` });
      await aRating(w.db, u.id, team.embedding.id, { interest: 1 }, u.id, old);
      if (i === 1) await aRating(w.db, u.id, team.serving.id, { interest: 1 }, u.id, old);
    }
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 3 });
    const html = await (await (await signedIn(w.app, 'manager@team.test')).get('/')).text();
    expect(html).toMatch(/Stale 01<\/a>: 2</);
    expect([...html.matchAll(/>Stale \d\d<\/a>: 1</g)]).toHaveLength(9);
    expect(html).toContain('… and 2 more people: see the skill matrix.');
    expect(html).toContain('… and 4 more people: see the skill matrix.');
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
