// The pairing planner over HTTP: propose, swap, accept, history, study circles, dashboards, and every bad input.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { pairingGroupMembers, pairingGroups, pairingRounds, settings, studyCircleMembers, studyCircles } from '../../src/db/schema/index.ts';
import type { Db } from '../../src/db/client.ts';
import { aRating, aTeam, aUser, freshWorld, signedIn, type Client, type World } from '../helpers.ts';

let w: World;
let team: Awaited<ReturnType<typeof aPairingTeam>>;
let manager: Client;

/**
 * Six members and a manager. Alice is the only expert in text embedding (level 5); Bob (1, top focus),
 * Eve (2, wants to grow) and Finn (0, wants to grow) want to learn it. Chloe leads model serving, Dan wants it.
 */
async function aPairingTeam(db: Db) {
  const base = await aTeam(db);
  const chloe = await aUser(db, { name: 'Chloe', email: 'chloe@team.test' });
  const dan = await aUser(db, { name: 'Dan', email: 'dan@team.test' });
  const eve = await aUser(db, { name: 'Eve', email: 'eve@team.test' });
  const finn = await aUser(db, { name: 'Finn', email: 'finn@team.test' });
  const { embedding, serving, alice, bob } = base;
  await aRating(db, alice.id, embedding.id, { selfLevel: 5, interest: 1 });
  await aRating(db, bob.id, embedding.id, { selfLevel: 1, interest: 3 });
  await aRating(db, eve.id, embedding.id, { selfLevel: 2, interest: 2 });
  await aRating(db, finn.id, embedding.id, { selfLevel: 0, interest: 2 });
  await aRating(db, chloe.id, serving.id, { selfLevel: 4, interest: 1 });
  await aRating(db, dan.id, serving.id, { selfLevel: 1, interest: 2 });
  return { ...base, chloe, dan, eve, finn };
}

/** The planner form as a browser sends it; `over` replaces fields. */
function plannerForm(over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const members = [team.alice, team.bob, team.chloe, team.dan, team.eve, team.finn].map((m) => String(m.id));
  return {
    present: members,
    mentoring: '3',
    rotation: '2',
    coverage: '1',
    odd: 'trio',
    weightsVersion: '0',
    lockA: ['', ''],
    lockB: ['', ''],
    forbidA: ['', ''],
    forbidB: ['', ''],
    ...over,
  };
}

const id = (u: { id: number }) => String(u.id);
const counts = async () => ({
  rounds: (await w.db.select({ n: count() }).from(pairingRounds))[0].n,
  groups: (await w.db.select({ n: count() }).from(pairingGroups))[0].n,
  settings: (await w.db.select({ n: count() }).from(settings))[0].n,
});
const decode = (html: string) => html.replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"');

async function propose(over: Record<string, string | string[]> = {}, client = manager) {
  return client.post('/pairings/propose', plannerForm(over), { htmx: true });
}

async function draft() {
  const [round] = await w.db.select().from(pairingRounds).where(eq(pairingRounds.status, 'draft'));
  const members = await w.db.select().from(pairingGroupMembers).where(eq(pairingGroupMembers.roundId, round.id));
  const groups = new Map<number, number[]>();
  for (const m of members) groups.set(m.groupId, [...(groups.get(m.groupId) ?? []), m.userId]);
  return { round, groups: [...groups.values()].map((g) => g.sort((a, b) => a - b)) };
}

beforeEach(async () => {
  w = await freshWorld();
  team = await aPairingTeam(w.db);
  manager = await signedIn(w.app, 'manager@team.test');
});
afterEach(() => w.cleanup());

describe('the planner page', () => {
  it('defaults to every active member taking part (not the manager) and the default weights', async () => {
    const html = await (await manager.get('/pairings')).text();
    for (const m of [team.alice, team.bob, team.chloe, team.dan, team.eve, team.finn]) {
      expect(html).toMatch(new RegExp(`name="present" value="${m.id}" checked`));
    }
    expect(html).toMatch(new RegExp(`name="present" value="${team.manager.id}"(?! checked)`));
    expect(html).toMatch(/name="mentoring" type="number"[^>]*value="3"/);
    expect(html).toMatch(/name="rotation" type="number"[^>]*value="2"/);
    expect(html).toMatch(/name="coverage" type="number"[^>]*value="1"/);
    expect(html).toContain('No proposal yet');
  });

  it('shows a member the current round read-only: no planner, no drafts', async () => {
    await propose();
    const alice = await signedIn(w.app, 'alice@team.test');
    const res = await alice.get('/pairings');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Current round');
    expect(html).toContain('No round accepted yet');
    expect(html).not.toContain('Propose pairs');
    expect(html).not.toContain('Proposal');
  });
});

describe('proposing', () => {
  it('stores a draft round with every present person placed once, with roles, scores and reasons in words', async () => {
    const res = await propose();
    expect(res.status).toBe(200);
    const html = decode(await res.text());
    expect(html).toContain('id="planner"');
    expect(html).toContain('Alice (5) mentors Bob (1, top focus) in text embedding · never paired · raises a single-expert area');
    expect(html).toContain('mentor → learner');
    const { round, groups } = await draft();
    expect(round.status).toBe('draft');
    expect(groups.flat().sort((a, b) => a - b)).toEqual([team.alice, team.bob, team.chloe, team.dan, team.eve, team.finn].map((m) => m.id).sort((a, b) => a - b));
    expect(groups).toContainEqual([team.alice.id, team.bob.id].sort((a, b) => a - b));
    const roles = await w.db.select().from(pairingGroupMembers).where(eq(pairingGroupMembers.userId, team.alice.id));
    expect(roles[0].role).toBe('mentor');
    expect(JSON.parse(round.settings)).toMatchObject({ weights: { mentoring: 3, rotation: 2, coverage: 1 }, odd: 'trio' });
  });

  it('places an odd head-count in exactly one trio (or leaves one out solo when asked)', async () => {
    const five = [team.alice, team.bob, team.chloe, team.dan, team.eve].map(id);
    expect((await propose({ present: five })).status).toBe(200);
    expect((await draft()).groups.map((g) => g.length).sort()).toEqual([2, 3]);
    expect((await propose({ present: five, odd: 'solo' })).status).toBe(200);
    expect((await draft()).groups.map((g) => g.length).sort()).toEqual([1, 2, 2]);
  });

  it('keeps locks and forbids, and retires the previous draft', async () => {
    await propose();
    const first = (await draft()).round;
    const res = await propose({ lockA: [team.bob.name, ''], lockB: [team.finn.name, ''], forbidA: [team.alice.name, ''], forbidB: [team.eve.name, ''] });
    expect(res.status).toBe(200);
    const { groups } = await draft();
    expect(groups).toContainEqual([team.bob.id, team.finn.id].sort((a, b) => a - b));
    expect(groups.some((g) => g.includes(team.alice.id) && g.includes(team.eve.id))).toBe(false);
    const [old] = await w.db.select().from(pairingRounds).where(eq(pairingRounds.id, first.id));
    expect(old.status).toBe('discarded');
    expect(old.version).toBe(first.version + 1);
    const html = await res.text();
    expect(html).toContain('locked');
    expect(html).toMatch(/<input type="text" name="lockA" value="Bob"/);
  });

  it('picks the people of a lock or forbid by typed name: one shared list of names, no select of the whole team', async () => {
    const page = await (await manager.get('/pairings')).text();
    expect(page).not.toMatch(/<select[^>]*name="(lock|forbid)[AB]"/);
    expect(page).toMatch(/<input type="text" name="lockA" value="" list="planner-people"/);
    expect([...page.matchAll(/<datalist id="planner-people">/g)]).toHaveLength(1);
    expect(page).toContain('<option value="Finn"></option>');
    // Part of a name (any case) is enough when it fits one person; a text fitting several asks for more.
    const res = await propose({ lockA: ['bo', ''], lockB: ['FINN', ''] });
    expect(res.status).toBe(200);
    expect((await draft()).groups).toContainEqual([team.bob.id, team.finn.id].sort((a, b) => a - b));
    const several = await propose({ forbidA: ['e', ''], forbidB: [team.bob.name, ''] });
    expect(several.status).toBe(422);
    expect(decode(await several.text())).toMatch(/“e” fits \d people \(.*…\)\. Type the whole name as suggested\./);
  });

  it('names two people of the same name with their email in the pickers, and takes either exactly', async () => {
    const other = await aUser(w.db, { name: 'Finn', email: 'finn.two@team.test' });
    const page = await (await manager.get('/pairings')).text();
    expect(page).toContain('<option value="Finn (finn@team.test)"></option>');
    expect(page).toContain('<option value="Finn (finn.two@team.test)"></option>');
    const ambiguous = await propose({ lockA: ['Finn', ''], lockB: [team.bob.name, ''] });
    expect(decode(await ambiguous.text())).toContain('“Finn” fits 2 people');
    const present = [team.alice, team.bob, team.chloe, team.dan, team.eve, team.finn, other].map(id);
    expect((await propose({ present, lockA: ['Finn (finn.two@team.test)', ''], lockB: [team.bob.name, ''] })).status).toBe(200);
    expect((await draft()).groups).toContainEqual([team.bob.id, other.id].sort((a, b) => a - b));
  });

  it('remembers the weights and pre-fills them next time', async () => {
    await propose({ mentoring: '1.5', rotation: '0', coverage: '4', trackRecord: '0.5' });
    const [row] = await w.db.select().from(settings).where(eq(settings.key, 'pairing.weights'));
    expect(JSON.parse(row.value)).toEqual({ mentoring: 1.5, rotation: 0, coverage: 4, trackRecord: 0.5 });
    const html = await (await manager.get('/pairings')).text();
    expect(html).toMatch(/name="mentoring" type="number"[^>]*value="1.5"/);
    expect(html).toMatch(/name="rotation" type="number"[^>]*value="0"/);
    expect(html).toMatch(/name="trackRecord" type="number"[^>]*value="0.5"/);
    expect(html).toMatch(new RegExp(`name="weightsVersion" value="${row.version}"`));
  });

  it('answers 409 when another manager saved other weights meanwhile, and writes nothing', async () => {
    await propose({ mentoring: '1' }); // settings now at version 1
    const before = await counts();
    const res = await propose({ mentoring: '5', weightsVersion: '0' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('Someone else changed this meanwhile');
    expect(html).toContain('Your version');
    expect(await counts()).toEqual(before);
  });

  it('works without JavaScript: a plain form post redirects back to the page', async () => {
    const res = await manager.post('/pairings/propose', plannerForm());
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/pairings#proposal');
    expect(decode(await (await manager.get('/pairings')).text())).toContain('Alice (5) mentors Bob');
  });
});

describe('bad planner input: a clear 422 and nothing written', () => {
  const cases: Array<[string, () => Record<string, string | string[]>, string]> = [
    ['fewer than two participants', () => ({ present: [id(team.alice)] }), 'At least two people must take part (1 chosen).'],
    ['nobody at all', () => ({ present: [] }), 'At least two people must take part (0 chosen).'],
    [
      'everyone forbidden from everyone',
      () => ({
        present: [team.alice, team.bob, team.chloe].map(id),
        forbidA: [team.alice.name, team.alice.name, team.bob.name],
        forbidB: [team.bob.name, team.chloe.name, team.chloe.name],
      }),
      'No arrangement places everyone',
    ],
    [
      'a lock involving an away member',
      () => ({ present: [team.alice, team.bob, team.chloe].map(id), lockA: [team.alice.name, ''], lockB: [team.dan.name, ''] }),
      'Alice and Dan are locked together, but Dan is away.',
    ],
    [
      'a lock and a forbid on the same pair',
      () => ({ lockA: [team.alice.name, ''], lockB: [team.bob.name, ''], forbidA: [team.bob.name, ''], forbidB: [team.alice.name, ''] }),
      'Alice and Bob are both kept together and kept apart.',
    ],
    [
      'two locks sharing a person',
      () => ({ lockA: [team.alice.name, team.bob.name], lockB: [team.bob.name, team.chloe.name] }),
      'Bob is in two locks',
    ],
    ['a lock of someone with themself', () => ({ lockA: [team.alice.name, ''], lockB: [team.alice.name, ''] }), 'Alice cannot be locked with themself.'],
    ['a half-filled lock row', () => ({ lockA: [team.alice.name, ''], lockB: ['', ''] }), 'Choose two people in each row'],
    ['an unknown participant id', () => ({ present: [id(team.alice), '99999'] }), 'No such member.'],
    ['a participant id that is not a number', () => ({ present: [id(team.alice), 'bob'] }), 'No such member.'],
    ['a name in a forbid that is no one in the team', () => ({ forbidA: ['Zed', ''], forbidB: [team.bob.name, ''] }), 'No one in the team is called “Zed”.'],
    ['an id instead of a name in a forbid', () => ({ forbidA: ['424242', ''], forbidB: [team.bob.name, ''] }), 'No one in the team is called “424242”.'],
    ['an unknown area id', () => ({ areas: ['777'] }), 'No such area.'],
    ['a negative weight', () => ({ rotation: '-1' }), 'Zero or more, please'],
    ['a weight that is not a number', () => ({ coverage: 'lots' }), 'A number, please'],
    ['an infinite weight', () => ({ coverage: 'Infinity' }), 'A number, please'],
    ['a huge weight', () => ({ mentoring: '1e9' }), 'A number, please'],
    ['an empty weight', () => ({ mentoring: '' }), 'Required.'],
    ['an unknown odd-count mode', () => ({ odd: 'quartet' }), 'Pick one of the offered values.'],
  ];
  for (const [name, form, message] of cases) {
    it(name, async () => {
      const before = await counts();
      const res = await propose(form());
      expect(res.status).toBe(422);
      const html = decode(await res.text());
      expect(html).toContain(message);
      expect(html).toContain('id="planner"');
      expect(await counts()).toEqual(before);
    });
  }

  it('keeps what the manager chose when it rejects the form', async () => {
    const res = await propose({ present: [id(team.alice), id(team.bob)], rotation: '-2' });
    const html = await res.text();
    expect(html).toMatch(/name="rotation" type="number"[^>]*value="-2"/);
    expect(html).toMatch(new RegExp(`name="present" value="${team.bob.id}" checked`));
    expect(html).toMatch(new RegExp(`name="present" value="${team.chloe.id}"(?! checked)`));
  });

  it('rejects a field sent twice', async () => {
    const res = await manager.post('/pairings/propose', { ...plannerForm(), odd: ['trio', 'solo'] }, { htmx: true });
    expect(res.status).toBe(422);
    expect(await counts()).toEqual({ rounds: 0, groups: 0, settings: 0 });
  });
});

describe('swapping and accepting', () => {
  async function proposed() {
    await propose();
    return draft();
  }

  it('swaps two people between groups, rescoring both groups, and bumps the version', async () => {
    const { round, groups } = await proposed();
    const [g1, g2] = groups;
    const res = await manager.post(`/pairings/rounds/${round.id}/swap`, { version: String(round.version), a: String(g1[0]), b: String(g2[0]) }, { htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="proposal"');
    expect(html).toContain(`name="version" value="${round.version + 1}"`);
    const after = await draft();
    expect(after.round.version).toBe(round.version + 1);
    expect(after.groups).toContainEqual([g2[0], ...g1.slice(1)].sort((a, b) => a - b));
    expect(after.groups).toContainEqual([g1[0], ...g2.slice(1)].sort((a, b) => a - b));
  });

  it('recomputes the reason after a swap', async () => {
    const { round, groups } = await proposed();
    // Put Bob with someone who cannot mentor him: the Alice → Bob reason disappears.
    const bobGroup = groups.find((g) => g.includes(team.bob.id))!;
    const other = groups.find((g) => !g.includes(team.bob.id))!;
    const partner = other.find((x) => x !== team.alice.id)!;
    await manager.post(`/pairings/rounds/${round.id}/swap`, { version: String(round.version), a: String(team.bob.id), b: String(partner) }, { htmx: true });
    const html = decode(await (await manager.get('/pairings')).text());
    expect(bobGroup).toContain(team.alice.id);
    expect(html).not.toContain('Alice (5) mentors Bob');
  });

  it('refuses swaps inside one group, of locked people, into a forbidden pair, or of people not in the round (422, nothing changed)', async () => {
    await propose({ lockA: [team.chloe.name, ''], lockB: [team.dan.name, ''], forbidA: [team.alice.name, ''], forbidB: [team.finn.name, ''] });
    const { round, groups } = await draft();
    const aliceGroup = groups.find((g) => g.includes(team.alice.id))!;
    const aliceMate = aliceGroup.find((x) => x !== team.alice.id)!;
    const tries: Array<[string, string, string]> = [
      [String(team.alice.id), String(aliceMate), 'are already in the same group'],
      [String(team.bob.id), String(team.bob.id), 'Choose two different people.'],
      [String(team.chloe.id), String(team.alice.id), 'Chloe is locked with Dan'],
      [String(team.finn.id), String(aliceMate), 'This swap would put Alice and Finn together'],
      [String(team.manager.id), String(team.alice.id), 'This person is not in the proposal.'],
      ['nobody', String(team.alice.id), 'This person is not in the proposal.'],
    ];
    for (const [a, b, message] of tries) {
      const res = await manager.post(`/pairings/rounds/${round.id}/swap`, { version: String(round.version), a, b }, { htmx: true });
      expect(res.status, message).toBe(422);
      expect(decode(await res.text())).toContain(message);
    }
    expect(await draft()).toEqual({ round, groups });
  });

  it('answers 409 to a stale swap and to a stale accept, keeping the note and writing nothing', async () => {
    const { round, groups } = await proposed();
    const [g1, g2] = groups;
    await manager.post(`/pairings/rounds/${round.id}/swap`, { version: String(round.version), a: String(g1[0]), b: String(g2[0]) });
    const now = await draft();

    const staleSwap = await manager.post(`/pairings/rounds/${round.id}/swap`, { version: String(round.version), a: String(g1[1]), b: String(g2[1]) }, { htmx: true });
    expect(staleSwap.status).toBe(409);
    const swapHtml = await staleSwap.text();
    expect(swapHtml).toContain('Your version');
    expect(swapHtml).toContain('Current version (saved)');
    expect(swapHtml).toMatch(new RegExp(`<dd>${round.version}</dd>[\\s\\S]*<dd>${round.version + 1}</dd>`));

    const staleAccept = await manager.post(`/pairings/rounds/${round.id}/accept`, { version: String(round.version), note: 'Sprint 12 pairs' });
    expect(staleAccept.status).toBe(409);
    expect(await staleAccept.text()).toContain('Sprint 12 pairs');
    expect(await draft()).toEqual(now);
  });

  it('accepting a draft that a newer proposal replaced is a 409', async () => {
    const { round } = await proposed();
    await propose();
    const res = await manager.post(`/pairings/rounds/${round.id}/accept`, { version: String(round.version), note: '' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('replaced by a newer proposal');
    expect((await w.db.select().from(pairingRounds).where(eq(pairingRounds.status, 'accepted'))).length).toBe(0);
  });

  it('rejects a note that is too long with 422 and keeps it', async () => {
    const { round } = await proposed();
    const res = await manager.post(`/pairings/rounds/${round.id}/accept`, { version: String(round.version), note: 'x'.repeat(501) });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('At most 500 characters.');
    expect((await draft()).round.status).toBe('draft');
  });

  it('answers 404 for an unknown round', async () => {
    expect((await manager.post('/pairings/rounds/9999/accept', { version: '1', note: '' })).status).toBe(404);
    expect((await manager.post('/pairings/rounds/abc/swap', { version: '1', a: '1', b: '2' })).status).toBe(404);
  });

  it('accepts: the round becomes current, shows on both members’ dashboards and in the history grid; older rounds stay', async () => {
    const { round } = await proposed();
    const res = await manager.post(`/pairings/rounds/${round.id}/accept`, { version: String(round.version), note: 'Week 45' });
    expect(res.status).toBe(303);
    const [stored] = await w.db.select().from(pairingRounds).where(eq(pairingRounds.id, round.id));
    expect(stored).toMatchObject({ status: 'accepted', note: 'Week 45', acceptedBy: team.manager.id, acceptedAt: w.clock.now.getTime() });

    const alice = await signedIn(w.app, 'alice@team.test');
    const bob = await signedIn(w.app, 'bob@team.test');
    const aliceDash = decode(await (await alice.get('/')).text());
    expect(aliceDash).toContain('You mentor Bob in text embedding.');
    const bobDash = decode(await (await bob.get('/')).text());
    expect(bobDash).toContain('Alice mentors you in text embedding.');
    expect(decode(await (await manager.get('/')).text())).toContain('Current round: accepted Nov 2, 2026, 3 groups');

    const history = decode(await (await bob.get('/pairings/history')).text());
    expect(history).toContain('Alice and Bob: paired once, most recently today');
    expect(history).toContain('Week 45');

    // A week later, a new round: rotation now knows Alice and Bob paired 7 days ago.
    w.clock.now = new Date(w.clock.now.getTime() + 7 * 86_400_000);
    await propose({ lockA: [team.alice.name, ''], lockB: [team.bob.name, ''] });
    const next = await draft();
    await manager.post(`/pairings/rounds/${next.round.id}/accept`, { version: String(next.round.version), note: '' });
    expect(decode(await (await manager.get('/pairings/history')).text())).toContain('Alice and Bob: paired 2 times, most recently today');
    expect((await w.db.select().from(pairingRounds).where(eq(pairingRounds.status, 'accepted'))).length).toBe(2);
    const current = decode(await (await alice.get('/pairings')).text());
    expect(current).toContain('Accepted Nov 9, 2026');
    expect(current).not.toContain('Week 45');
  });

  it('explains rotation from accepted history in the next proposal', async () => {
    const { round } = await proposed();
    await manager.post(`/pairings/rounds/${round.id}/accept`, { version: String(round.version), note: '' });
    w.clock.now = new Date(w.clock.now.getTime() + 10 * 86_400_000);
    const html = decode(await (await propose({ lockA: [team.alice.name, ''], lockB: [team.bob.name, ''] })).text());
    expect(html).toContain('Alice (5) mentors Bob (1, top focus) in text embedding · last paired 10 days ago');
  });
});

describe('permissions', () => {
  it('members cannot propose, swap, accept or run circles (403), and nothing is written', async () => {
    await propose();
    const { round, groups } = await draft();
    const alice = await signedIn(w.app, 'alice@team.test');
    const tries = [
      alice.post('/pairings/propose', plannerForm()),
      alice.post(`/pairings/rounds/${round.id}/swap`, { version: String(round.version), a: String(groups[0][0]), b: String(groups[1][0]) }),
      alice.post(`/pairings/rounds/${round.id}/accept`, { version: String(round.version), note: '' }),
      alice.post('/pairings/circles', { areaId: id(team.embedding), leaderId: id(team.alice) }),
    ];
    for (const res of await Promise.all(tries)) expect(res.status).toBe(403);
    expect(await draft()).toEqual({ round, groups });
    expect((await w.db.select({ n: count() }).from(studyCircles))[0].n).toBe(0);
  });
});

describe('study circles', () => {
  const circleForm = () => ({ areaId: id(team.embedding), leaderId: id(team.alice), learnerIds: [team.finn, team.bob, team.eve].map(id) });

  it('suggests a circle, accepts it, and shows it on the members’ dashboards', async () => {
    const page = decode(await (await manager.get('/pairings')).text());
    expect(page).toContain('Suggested circles');
    expect(page).toContain('Led by Alice (level 5)');
    expect(page).toContain('Finn (0, wants to grow) · Bob (1, top focus) · Eve (2, wants to grow)');

    const res = await manager.post('/pairings/circles', circleForm());
    expect(res.status).toBe(303);
    const [circle] = await w.db.select().from(studyCircles);
    expect(circle).toMatchObject({ areaId: team.embedding.id, leaderId: team.alice.id, acceptedBy: team.manager.id, endedAt: null });
    const learners = (await w.db.select().from(studyCircleMembers)).map((m) => m.userId).sort((a, b) => a - b);
    expect(learners).toEqual([team.bob.id, team.eve.id, team.finn.id].sort((a, b) => a - b));

    const eve = await signedIn(w.app, 'eve@team.test');
    expect(decode(await (await eve.get('/')).text())).toContain('text embedding circle, led by Alice.');
    const alice = await signedIn(w.app, 'alice@team.test');
    expect(decode(await (await alice.get('/')).text())).toContain('You lead the text embedding circle with Bob, Eve, Finn.');
    expect(decode(await (await eve.get('/pairings')).text())).toContain('With Bob, Eve, Finn');
  });

  it('answers 409 when the circle is already running or no longer matches the suggestion', async () => {
    await manager.post('/pairings/circles', circleForm());
    const again = await manager.post('/pairings/circles', circleForm());
    expect(again.status).toBe(409);
    const changed = await manager.post('/pairings/circles', { ...circleForm(), areaId: id(team.serving), leaderId: id(team.chloe) });
    expect(changed.status).toBe(409);
    expect(await changed.text()).toContain('no longer suggested');
    expect((await w.db.select({ n: count() }).from(studyCircles))[0].n).toBe(1);
  });

  it('rejects unknown ids with 400 and ends a circle only at its version', async () => {
    expect((await manager.post('/pairings/circles', { ...circleForm(), areaId: '999' })).status).toBe(400);
    expect((await manager.post('/pairings/circles', { ...circleForm(), leaderId: 'x' })).status).toBe(400);
    await manager.post('/pairings/circles', circleForm());
    const [circle] = await w.db.select().from(studyCircles);
    expect((await manager.post(`/pairings/circles/${circle.id + 100}/end`, { version: '1' })).status).toBe(404);
    expect((await manager.post(`/pairings/circles/${circle.id}/end`, { version: String(circle.version + 1) })).status).toBe(409);
    expect((await manager.post(`/pairings/circles/${circle.id}/end`, { version: String(circle.version) })).status).toBe(303);
    const [ended] = await w.db.select().from(studyCircles);
    expect(ended.endedAt).toBe(w.clock.now.getTime());
    expect((await manager.post(`/pairings/circles/${circle.id}/end`, { version: String(ended.version) })).status).toBe(409);
  });
});

describe('a proposal stopped at the time limit', () => {
  it('says so on the page, with how far below the best possible it may be', async () => {
    await propose();
    const { round } = await draft();
    const total = (await w.db.select().from(pairingGroups).where(eq(pairingGroups.roundId, round.id))).reduce((s, g) => s + g.scoreUnits, 0);
    const settingsJson = { ...JSON.parse(round.settings), boundUnits: total + 1500 };
    await w.db.update(pairingRounds).set({ settings: JSON.stringify(settingsJson) }).where(eq(pairingRounds.id, round.id));
    const html = decode(await (await manager.get('/pairings')).text());
    expect(html).toContain('Best found within the time limit; it may not be optimal (at most 1.5 points below the best possible).');
  });

  it('says nothing of the kind for an exact proposal', async () => {
    await propose();
    expect(await (await manager.get('/pairings')).text()).not.toContain('time limit');
  });
});

describe('a 409 to an htmx request', () => {
  it('is the whole conflict page, shown in place of the page rather than inside the planner', async () => {
    await propose({ mentoring: '1' });
    const res = await propose({ mentoring: '5', weightsVersion: '0' });
    expect(res.status).toBe(409);
    expect(res.headers.get('HX-Retarget')).toBe('body');
    expect(res.headers.get('HX-Reswap')).toBe('outerHTML');
    expect(await res.text()).toMatch(/<body[\s\S]*Someone else changed this meanwhile/);
  });
});
