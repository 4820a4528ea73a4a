// The team over time (/growth), one person's growth (/members/:id/growth) and the matrix as of a day (/matrix?asOf).
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { describe, expect, it } from 'vitest';
import { generateOrg } from '../../bench/org.ts';
import * as schema from '../../src/db/schema/index.ts';
import type { Db } from '../../src/db/client.ts';
import { joinsByMonth, levelDeltasByMonth } from '../../src/growth/queries.ts';
import { monthsOf } from '../../src/growth/period.ts';
import { levelDeltas, monthlyCounts, type MemberHistory } from '../../src/planning/growth/timeline.ts';
import { insertUser } from '../../src/members/queries.ts';
import { aRating, eachTestWithTeam, freshWorld, NOW, passwordHash, signedIn, type Team, type World } from '../helpers.ts';

let w: World;
let team: Team;
eachTestWithTeam((world, made) => {
  w = world;
  team = made;
});

const on = (day: string) => new Date(`${day}T03:00:00Z`);
/** The page as text, tags out and white space folded. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** Alice rises in text embedding over the year (2 in January, 4 in July); Bob is an expert until a calibration lowers him in May. */
async function aYear() {
  const { alice, bob, manager, embedding, serving } = team;
  await aRating(w.db, alice.id, embedding.id, { selfLevel: 2, interest: 3 }, alice.id, on('2026-01-15'));
  await aRating(w.db, bob.id, embedding.id, { selfLevel: 5 }, bob.id, on('2026-01-20'));
  await aRating(w.db, bob.id, embedding.id, { managerLevel: 3 }, manager.id, on('2026-05-10'));
  await aRating(w.db, alice.id, embedding.id, { selfLevel: 4 }, alice.id, on('2026-07-03'));
  await aRating(w.db, bob.id, serving.id, { selfLevel: 4 }, bob.id, on('2026-02-01'));
}

describe('/growth', () => {
  it('shows each area month by month with its figures, what grew this year and when the bus factor changed', async () => {
    await aYear();
    const manager = await signedIn(w.app, 'manager@team.test');
    const res = await manager.get('/growth');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('role="img"');
    const page = text(html);
    // Twelve months, Dec 2025 … Nov 2026 (month, experts, at target, median, best). Text embedding: nobody in December; Alice
    // and Bob from January (their first ratings), Bob an expert until his calibration in May, Alice one from July; the
    // manager, whose account dates from November, counts at 0 from then on.
    expect(page).toContain('What grew this year (since the end of December 2025)');
    expect(page).toMatch(/text embedding 0 → 1 – → 3 0 → 2 model serving 0 → 1 – → 0 0 → 1/);
    expect(page).toMatch(/text embedding Now: 1 expert, 2 at or above target 3, median 3, best 4\./);
    expect(page).toMatch(/Dec 2025 0 0 – – Jan 2026 1 1 3\.5 5 /);
    expect(page).toMatch(/Apr 2026 1 1 3\.5 5 May 2026 0 1 2\.5 3 /);
    expect(page).toMatch(/Jun 2026 0 1 2\.5 3 Jul 2026 1 2 3\.5 4 /);
    expect(page).toMatch(/Oct 2026 1 2 3\.5 4 Nov 2026 1 2 3 4 /);
    // The bus-factor timeline, newest first, in words (and a tag).
    expect(page).toMatch(/Jul 2026 text embedding became single point of failure single point of failure May 2026 text embedding became blocker: no expert blocker: no expert Feb 2026 model serving became single point of failure/);
    expect(page).toMatch(/Jan 2026 text embedding became single point of failure/);
  });

  it('shows what was written after the last visit: into a past month, this month, and who left', async () => {
    await aYear();
    const manager = await signedIn(w.app, 'manager@team.test');
    expect(text(await (await manager.get('/growth')).text())).toMatch(/Feb 2026 model serving became single point of failure/);
    // A change dated in March (as a seed or an import of old history would write it): the kept months are read again.
    await aRating(w.db, team.bob.id, team.serving.id, { selfLevel: 1 }, team.bob.id, on('2026-03-15'));
    expect(text(await (await manager.get('/growth')).text())).toMatch(/Mar 2026 model serving became blocker: no expert/);
    // A change today: only this month is new.
    await aRating(w.db, team.alice.id, team.serving.id, { selfLevel: 5 }, team.alice.id, NOW);
    expect(text(await (await manager.get('/growth')).text())).toMatch(/Nov 2026 model serving became single point of failure/);
    // Alice leaves today: she no longer counts this month.
    const [{ version }] = await w.db.all<{ version: number }>(sql`select version from users where id = ${team.alice.id}`);
    expect((await manager.post(`/members/${team.alice.id}/active`, { active: '0', version: String(version) })).status).toBe(303);
    const page = text(await (await manager.get('/growth')).text());
    expect(page).not.toMatch(/Nov 2026 model serving became single point of failure/);
    expect(page).toMatch(/model serving Now: 0 experts/);
  });

  it('says what to do when there is no history yet, and refuses a period it does not offer', async () => {
    const manager = await signedIn(w.app, 'manager@team.test');
    const res = await manager.get('/growth?period=24m');
    expect(res.status).toBe(200);
    expect(text(await res.text())).toContain('No rating history yet');
    for (const bad of ['?period=5y', '?period=', '?period=12m&x=1']) expect((await manager.get(`/growth${bad}`)).status, bad).toBe(400);
    expect(text(await (await manager.get('/growth?period=year')).text())).toContain('This year');
  });

  it('leaves archived areas out and stops counting a deactivated member from the month they left', async () => {
    await aYear();
    const manager = await signedIn(w.app, 'manager@team.test');
    await w.db.run(sql`update areas set archived_at = ${on('2026-10-01').getTime()} where id = ${team.serving.id}`);
    w.clock.now = on('2026-08-20');
    const deactivate = await manager.post(`/members/${team.alice.id}/active`, { active: '0', version: '1' });
    expect(deactivate.status).toBe(303);
    w.clock.now = NOW;
    const page = text(await (await manager.get('/growth')).text());
    expect(page).not.toContain('model serving');
    // Alice's expertise counts in July, not from August (she left on 20 August); Bob stays at his calibrated 3.
    expect(page).toMatch(/Jul 2026 1 2 3\.5 4 Aug 2026 0 1 3 3 /);
    expect(page).toMatch(/Aug 2026 text embedding became blocker: no expert/);
    expect(page).toMatch(/text embedding Now: 0 experts, 1 at or above target 3, median 1\.5, best 3\./);
  });

  it('sums the database the way the pure timeline replays the same histories (a generated organisation, one member gone)', async () => {
    const world = await freshWorld();
    try {
      const org = await generateOrg(world.db, { members: 30, areas: 5, months: 18, items: 0, deals: 0, seed: 11 }, NOW);
      const gone = org.memberIds[3];
      await world.db.run(sql`update users set active = 0, deactivated_at = ${NOW.getTime() - 100 * 86_400_000} where id = ${gone}`);
      await world.db.run(sql`update areas set archived_at = 1 where id = ${org.areaIds[4]}`);
      for (const period of ['12m', '24m', 'year'] as const) {
        const months = monthsOf(period, NOW, 'Asia/Seoul');
        const areaIds = org.areaIds.slice(0, 4);
        const [deltas, joins] = [await levelDeltasByMonth(world.db, months.bounds), await joinsByMonth(world.db, months.bounds)];
        const people = await world.db.all<{ id: number; createdAt: number; leftAt: number | null; entries: string }>(sql`
          select u.id, u.created_at as createdAt, case when u.active then null else u.deactivated_at end as leftAt,
            (select json_group_array(json_object('areaId', h.area_id, 'changedAt', h.changed_at, 'id', h.id, 'field', h.field, 'oldValue', h.old_value, 'newValue', h.new_value)) from rating_history h where h.user_id = u.id) as entries
          from users u where u.role in ('manager', 'member')`);
        const histories: MemberHistory[] = people.map((p) => ({ userId: p.id, joinedAt: p.createdAt, leftAt: p.leftAt, entries: JSON.parse(p.entries) }));
        const reference = levelDeltas(months.bounds, areaIds, histories);
        const n = months.labels.length;
        expect(monthlyCounts(n, areaIds, deltas, joins), period).toEqual(monthlyCounts(n, areaIds, reference.deltas, reference.joins));
      }
    } finally {
      world.cleanup();
    }
  });

  it('runs the same statement texts at every request: the clock is a parameter, so each statement is planned once', async () => {
    await aYear();
    const texts: string[] = [];
    const logged = drizzle(w.db.$client, { schema, logger: { logQuery: (query) => void texts.push(query) } }) as unknown as Db;
    const read = async (now: Date) => {
      texts.length = 0;
      const { bounds } = monthsOf('12m', now, 'Asia/Seoul');
      await levelDeltasByMonth(logged, bounds);
      await joinsByMonth(logged, bounds);
      return [...texts];
    };
    await read(NOW); // the first read keeps the closed months; the next ones read only this month's
    const first = await read(new Date(NOW.getTime() + 1000));
    expect(first).toHaveLength(3);
    expect(await read(new Date(NOW.getTime() + 60_000))).toEqual(first);
  });
});

describe('/members/:id/growth', () => {
  it("shows a person's level per area over time to themself and to managers only", async () => {
    await aYear();
    const alice = await signedIn(w.app, 'alice@team.test');
    const own = await alice.get(`/members/${team.alice.id}/growth`);
    expect(own.status).toBe(200);
    const page = text(await own.text());
    expect(page).toContain('Your growth');
    // At the start of the period (December 2025) she was not rated yet; now 4.
    expect(page).toMatch(/text embedding not rated 4/);
    expect(page).toMatch(/Dec 2025 not rated Jan 2026 2 /);
    expect(page).toMatch(/Jun 2026 2 Jul 2026 4 /);
    expect((await alice.get(`/members/${team.bob.id}/growth`)).status).toBe(403);
    expect((await alice.get('/growth')).status).toBe(403);
    const manager = await signedIn(w.app, 'manager@team.test');
    const bobs = text(await (await manager.get(`/members/${team.bob.id}/growth`)).text());
    expect(bobs).toMatch(/Apr 2026 5 May 2026 3/);
    expect((await manager.get('/members/99999/growth')).status).toBe(404);
    expect((await manager.get(`/members/${team.bob.id}/growth?period=forever`)).status).toBe(400);
    // The card links to it.
    expect(await (await alice.get(`/members/${team.alice.id}`)).text()).toContain(`href="/members/${team.alice.id}/growth"`);
    expect(await (await alice.get(`/members/${team.bob.id}`)).text()).not.toContain(`/members/${team.bob.id}/growth`);
  });

  it('gives partners nothing', async () => {
    await insertUser(w.db, { name: 'Pat Partner', email: 'pat@partner.test', role: 'partner', passwordHash: await passwordHash() }, NOW);
    const partner = await signedIn(w.app, 'pat@partner.test');
    for (const path of ['/growth', `/members/${team.alice.id}/growth`, '/matrix?asOf=2026-06-01']) expect((await partner.get(path)).status, path).toBe(403);
  });

  it('says so when the person has no history', async () => {
    const manager = await signedIn(w.app, 'manager@team.test');
    expect(text(await (await manager.get(`/members/${team.bob.id}/growth`)).text())).toContain('Bob has no rating history yet.');
  });
});

describe('/matrix?asOf', () => {
  it("shows that day's levels as a past view with no edits, the filters kept", async () => {
    await aYear();
    for (const who of ['manager@team.test', 'alice@team.test']) {
      const client = await signedIn(w.app, who);
      const res = await client.get('/matrix?asOf=2026-06-01');
      expect(res.status, who).toBe(200);
      const html = await res.text();
      expect(text(html)).toContain('Skills as of Jun 1, 2026 — a past view; edits are off.');
      // Alice was at 2 then (4 today); Bob at his calibrated 3.
      const row = (name: string) => html.match(new RegExp(`hx-boost="false">${name}</a>.*?</tr>`))![0];
      expect(row('Alice')).toContain('class="cell l2"');
      expect(row('Bob')).toContain('class="cell l3"');
      expect(html).not.toContain('/edit');
      expect(html).not.toContain('action="/matrix/import"');
      expect(html).toContain('name="asOf" value="2026-06-01"');
      // Sorting keeps the day.
      expect(html).toContain('href="/matrix?asOf=2026-06-01&amp;sort=');
    }
    const manager = await signedIn(w.app, 'manager@team.test');
    const today = await (await manager.get('/matrix')).text();
    expect(today.match(/hx-boost="false">Alice<\/a>.*?<\/tr>/)![0]).toContain('class="cell l4"');
    // A filter applies to the past levels: nobody was at 4 or more in text embedding on 1 June. The team then was
    // Alice and Bob (the manager's account dates from November).
    const filtered = text(await (await manager.get(`/matrix?asOf=2026-06-01&ca=${team.embedding.id}&cl=4`)).text());
    expect(filtered).toContain('Members shown: 0 of 2');
    expect(text(await (await manager.get(`/matrix?asOf=2026-06-01&ca=${team.embedding.id}&cl=3`)).text())).toContain('Members shown: 1 of 2');
    // A change dated before that day, written after the view was read (as old history from a seed or an import): shown.
    await aRating(w.db, team.alice.id, team.embedding.id, { managerLevel: 1 }, team.manager.id, on('2026-05-20'));
    const again = await (await manager.get('/matrix?asOf=2026-06-01')).text();
    expect(again.match(/hx-boost="false">Alice<\/a>.*?<\/tr>/)![0]).toContain('class="cell l1"');
    // Before the history began everyone is unrated.
    expect(await (await manager.get('/matrix?asOf=2025-12-31')).text()).not.toMatch(/class="cell l\d/);
  });

  it('shows the areas and names of today in a past view it has shown before (only the levels are kept per day)', async () => {
    await aYear();
    const manager = await signedIn(w.app, 'manager@team.test');
    const gap = (html: string) => html.match(new RegExp(`id="cov-${team.embedding.id}-gap"[^>]*>([\\s\\S]*?)</td>`))![1];
    const first = await (await manager.get('/matrix?asOf=2026-06-01')).text();
    // On 1 June the best in text embedding was Bob's 3; a target of 5 leaves a gap of 2.
    await w.db.run(sql`update areas set target_level = 5 where id = ${team.embedding.id}`);
    await w.db.run(sql`update users set name = 'Alicia' where id = ${team.alice.id}`);
    const again = await (await manager.get('/matrix?asOf=2026-06-01')).text();
    expect(gap(again)).not.toBe(gap(first));
    expect(text(gap(again))).toContain('−2');
    expect(again).toContain('hx-boost="false">Alicia</a>');
    expect(again).not.toContain('hx-boost="false">Alice</a>');
  });

  it('refuses a malformed or future day with 400 and says why; an empty field is today', async () => {
    const manager = await signedIn(w.app, 'manager@team.test');
    for (const bad of ['2026-6-1', '2026-02-30', 'yesterday', '2026-06-01T00:00']) {
      const res = await manager.get(`/matrix?asOf=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(text(await res.text())).toContain('YYYY-MM-DD');
    }
    const twice = await manager.get('/matrix?asOf=2026-06-01&asOf=2026-07-01');
    expect(twice.status).toBe(400);
    const future = await manager.get('/matrix?asOf=2026-11-03');
    expect(future.status).toBe(400);
    expect(text(await future.text())).toContain('cannot be after today');
    const empty = await manager.get('/matrix?asOf=');
    expect(empty.status).toBe(200);
    expect(text(await empty.text())).not.toContain('a past view');
  });
});
