// The pair history and the participants list at team sizes beyond a page: filters, pages, one person's row, statement counts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '../../src/db/schema/index.ts';
import { pairingGroupMembers, pairingGroups, pairingRounds } from '../../src/db/schema/index.ts';
import { createApp } from '../../src/app.tsx';
import type { Db } from '../../src/db/client.ts';
import { aRating, aTeam, aUser, Client, freshWorld, NOW, signedIn, type World } from '../helpers.ts';

const DAY = 86_400_000;
let w: World;
let team: Awaited<ReturnType<typeof aTeam>>;
let manager: Client;

/** `extra` more members named "Member 00"… (after Alice and Bob by name). */
async function members(db: Db, extra: number) {
  const out = [];
  for (let i = 0; i < extra; i++) out.push(await aUser(db, { name: `Member ${String(i).padStart(2, '0')}`, email: `m${i}@team.test` }));
  return out;
}

/** An accepted round of these groups (peers), accepted `daysAgo` before NOW by the manager. */
async function aRound(db: Db, groups: number[][], daysAgo: number, status: 'accepted' | 'draft' = 'accepted') {
  const at = NOW.getTime() - daysAgo * DAY;
  const [round] = await db
    .insert(pairingRounds)
    .values({ status, settings: JSON.stringify({ presentIds: groups.flat(), areaIds: [], weights: { mentoring: 3, rotation: 2, coverage: 1 }, odd: 'trio', locks: [], forbids: [] }), createdBy: team.manager.id, createdAt: at, acceptedBy: status === 'accepted' ? team.manager.id : null, acceptedAt: status === 'accepted' ? at : null, note: `round ${daysAgo}` })
    .returning();
  for (const [i, ids] of groups.entries()) {
    const [g] = await db
      .insert(pairingGroups)
      .values({ roundId: round.id, position: i, kind: ids.length === 1 ? 'solo' : 'peers', areaId: null, scoreUnits: 1000, reason: JSON.stringify(ids.length === 1 ? { kind: 'solo', personId: ids[0] } : { kind: 'pair', memberIds: [ids[0], ids[1]], mentoring: null, sharedAreaId: null, lastPairedDaysAgo: null, coverage: null }), locked: false })
      .returning();
    await db.insert(pairingGroupMembers).values(ids.map((userId) => ({ groupId: g.id, roundId: round.id, userId, role: ids.length === 1 ? ('solo' as const) : ('peer' as const) })));
  }
  return round;
}

const decode = (html: string) => html.replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"');
/** The names of the summary table's rows, in order. */
const rowNames = (html: string) => [...html.matchAll(/<tr><th scope="row"><a href="\/pairings\/history\/\d+">([^<]+)<\/a><\/th>/g)].map((m) => m[1]);
const gridRows = (html: string) => (html.split('<table class="pair-grid">')[1] ?? '').split('</table>')[0].match(/<th scope="row">/g)?.length ?? 0;

beforeEach(async () => {
  w = await freshWorld();
  team = await aTeam(w.db);
  manager = await signedIn(w.app, 'manager@team.test');
});
afterEach(() => w.cleanup());

describe('the history at more than a page of people', () => {
  it('shows 50 people a page with their summaries, the grid only among them, and keeps the filter in the page links', async () => {
    const more = await members(w.db, 53); // 55 members; the manager never paired, so is not listed
    await aRound(w.db, [[team.alice.id, team.bob.id], [more[0].id, more[1].id, more[2].id], [more[3].id]], 14);
    const html = decode(await (await manager.get('/pairings/history')).text());
    expect(rowNames(html)).toHaveLength(50);
    expect(rowNames(html).slice(0, 3)).toEqual(['Alice', 'Bob', 'Member 00']);
    expect(gridRows(html)).toBe(50);
    expect(html).toContain('55 of 55 people');
    expect(html).toContain('href="/pairings/history?page=2"');
    expect(html).toContain('Alice and Bob: paired once, most recently 14 days ago');
    // Alice's summary: once, with Bob, never with the 53 others.
    const alice = html.split(`<a href="/pairings/history/${team.alice.id}">Alice</a>`)[1].split('</tr>')[0];
    expect(alice).toMatch(/<td class="num">1<\/td><td class="num">1<\/td><td><a href="\/pairings\/history\/\d+">Bob<\/a><span class="muted"> · Oct 19, 2026 \(14 d ago\)<\/span><\/td><td class="num">53<\/td>/);

    const second = decode(await (await manager.get('/pairings/history?page=2')).text());
    expect(rowNames(second)).toEqual(['Member 48', 'Member 49', 'Member 50', 'Member 51', 'Member 52']);
    expect(gridRows(second)).toBe(5);
    // A page past the end shows the last one.
    expect(rowNames(decode(await (await manager.get('/pairings/history?page=99')).text()))).toHaveLength(5);
  });

  it('filters by name, by "never paired", by "not paired for N days" and by focus area', async () => {
    const [carl, dora] = [await aUser(w.db, { name: 'Carl' }), await aUser(w.db, { name: 'Dora' })];
    await aRound(w.db, [[team.alice.id, team.bob.id], [carl.id]], 100);
    await aRound(w.db, [[team.alice.id, carl.id]], 10);
    await aRating(w.db, dora.id, team.serving.id, { selfLevel: 2, interest: 1 });
    const names = async (q: string) => rowNames(decode(await (await manager.get(`/pairings/history?${q}`)).text()));
    expect(await names('q=al')).toEqual(['Alice']);
    expect(await names('q=ALI')).toEqual(['Alice']);
    expect(await names('idle=never')).toEqual(['Dora']);
    expect(await names('idle=28')).toEqual(['Bob', 'Dora']);
    expect(await names(`area=${team.serving.id}`)).toEqual(['Dora']);
    // Unknown parts are dropped rather than failing the page.
    expect(await names('area=999&idle=soon')).toEqual(['Alice', 'Bob', 'Carl', 'Dora']);
    const html = await (await manager.get('/pairings/history?q=al&idle=never')).text();
    expect(html).toContain('Nobody matches this filter.');
  });

  it('answers htmx with the results alone and pushes the canonical address', async () => {
    await members(w.db, 2);
    const res = await manager.get('/pairings/history?idle=never&q=member', { htmx: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('HX-Push-Url')).toBe('/pairings/history?q=member&idle=never');
    const html = await res.text();
    expect(html.startsWith('<div id="history-results">')).toBe(true);
    expect(html).not.toContain('<html');
  });

  it('lists past rounds ten a page, each linking to its own page of groups', async () => {
    for (let d = 12; d >= 1; d--) await aRound(w.db, [[team.alice.id, team.bob.id]], d * 7);
    const html = decode(await (await manager.get('/pairings/history')).text());
    expect(html.match(/href="\/pairings\/history\/rounds\/\d+"/g)).toHaveLength(10);
    expect(html).toContain('round 7');
    expect(html).not.toContain('round 84');
    expect(html).toContain('href="/pairings/history?rounds=2"');
    const older = decode(await (await manager.get('/pairings/history?rounds=2')).text());
    expect(older).toContain('round 84');
    const id = html.match(/href="\/pairings\/history\/rounds\/(\d+)"/)![1];
    const round = decode(await (await manager.get(`/pairings/history/rounds/${id}`)).text());
    expect(round).toContain('Alice and Bob pair as peers');
    const draft = await aRound(w.db, [[team.alice.id, team.bob.id]], 0, 'draft');
    expect((await manager.get(`/pairings/history/rounds/${draft.id}`)).status).toBe(404);
  });
});

describe('one person’s row', () => {
  it('lists everyone they paired with, how often and when, for members too', async () => {
    const carl = await aUser(w.db, { name: 'Carl' });
    await aRound(w.db, [[team.alice.id, team.bob.id], [carl.id]], 30);
    await aRound(w.db, [[team.alice.id, team.bob.id, carl.id]], 2);
    const bob = await signedIn(w.app, 'bob@team.test');
    const res = await bob.get(`/pairings/history/${team.alice.id}`);
    expect(res.status).toBe(200);
    const html = decode(await res.text());
    expect(html).toContain('Who Alice paired with');
    expect(html).toContain('Paired 2 times with 2 people; never with 0 teammates.');
    const bobRow = html.split(`>Bob</a></th>`)[1].split('</tr>')[0];
    expect(bobRow).toContain('<td class="num">2</td>');
    expect(bobRow).toContain('Oct 31, 2026, Oct 3, 2026');
    expect(html.indexOf('>Carl</a></th>')).toBeGreaterThan(html.indexOf('>Bob</a></th>'));
  });

  it('says so for someone who never paired, and answers 404 for an unknown id or a partner', async () => {
    const html = decode(await (await manager.get(`/pairings/history/${team.bob.id}`)).text());
    expect(html).toContain('Bob has not paired with anyone in an accepted round yet.');
    expect((await manager.get('/pairings/history/9999')).status).toBe(404);
    expect((await manager.get('/pairings/history/abc')).status).toBe(404);
  });
});

describe('statements per page', () => {
  async function countFor(size: number) {
    const world = await freshWorld();
    try {
      const t = await aTeam(world.db);
      const more = [];
      for (let i = 0; i < size - 2; i++) more.push(await aUser(world.db, { name: `Member ${i}`, email: `m${i}@team.test` }));
      team = t;
      const everyone = [t.alice, t.bob, ...more].map((u) => u.id);
      const pairs = [];
      for (let i = 0; i + 1 < everyone.length; i += 2) pairs.push([everyone[i], everyone[i + 1]]);
      await aRound(world.db, pairs, 20);
      await aRound(world.db, pairs.map(([a, b]) => [b, a]), 5);
      const counter = { n: 0 };
      const app = createApp({ db: drizzle(world.db.$client, { schema, logger: { logQuery: () => void counter.n++ } }) as unknown as Db, now: () => NOW });
      const c = await new Client(app).login('manager@team.test');
      await c.get('/pairings/history?warm-up');
      const counts: number[] = [];
      for (const path of ['/pairings/history', '/pairings/history?idle=28&page=2', `/pairings/history/${t.alice.id}`, '/pairings']) {
        counter.n = 0;
        expect((await c.get(path)).status).toBe(200);
        counts.push(counter.n);
      }
      return counts;
    } finally {
      world.cleanup();
    }
  }

  it('is the same for 10 and 70 people', async () => {
    const small = await countFor(10);
    const large = await countFor(70);
    expect(large).toEqual(small);
    expect(small[0]).toBeLessThanOrEqual(8);
  });
});

describe('who takes part, at more than a page of people', () => {
  it('shows at most 50 tick-boxes, and carries everyone else present as hidden ids, so the form submits the whole team', async () => {
    const more = await members(w.db, 58);
    const html = await (await manager.get('/pairings')).text();
    const boxes = html.match(/<input type="checkbox" name="present"/g) ?? [];
    const hidden = (/<input type="hidden" name="presentIds" value="([\d ]+)"/.exec(html)?.[1] ?? '').split(' ');
    expect(boxes).toHaveLength(50);
    // The manager (away by default) is always among the boxes; 61 people, 60 present.
    expect(html).toMatch(new RegExp(`name="present" value="${team.manager.id}"(?! checked)`));
    expect(boxes.length + hidden.length).toBe(61);
    expect(html).toContain('60 of 61 take part');
    expect(html).toContain('showing 50 of 61 matching');
    const carried = hidden.map(Number);
    expect(carried).toContain(more[57].id);
    // The carried ids are present when the form is posted.
    const ticked = [...html.matchAll(/<input type="checkbox" name="present" value="(\d+)" checked/g)].map((m) => m[1]);
    const res = await manager.post('/pairings/propose', { present: ticked, presentIds: hidden.join(' '), mentoring: '3', rotation: '2', coverage: '1', odd: 'trio', weightsVersion: '0' });
    expect(res.status).toBe(303);
    expect(await (await manager.get('/pairings')).text()).toContain('60 of 61 take part');
  });

  it('narrows the list by name, keeping what was ticked (htmx), and without JS by ?who=', async () => {
    const more = await members(w.db, 58);
    const present = [team.alice, team.bob, ...more].map((u) => String(u.id)).filter((id) => id !== String(more[3].id));
    const res = await manager.post('/pairings/participants', { present, who: 'member 0', mentoring: '3', rotation: '2', coverage: '1', odd: 'trio', weightsVersion: '0' }, { htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<div id="participants-list">')).toBe(true);
    const shown = [...html.matchAll(/<input type="checkbox" name="present" value="(\d+)"( checked)?/g)].map((m) => [Number(m[1]), Boolean(m[2])]);
    expect(shown).toHaveLength(10);
    expect(shown).toContainEqual([more[3].id, false]);
    expect(shown).toContainEqual([more[0].id, true]);
    expect(/name="presentIds" value="([\d ]+)"/.exec(html)![1].split(' ')).toContain(String(team.alice.id));
    expect(html).toContain('59 of 61 take part');

    const page = await (await manager.get('/pairings?who=Alice')).text();
    expect(page.match(/<input type="checkbox" name="present"/g)).toHaveLength(1);
    expect(page).toContain(`name="who" form="who-form" value="Alice"`);
  });
});
