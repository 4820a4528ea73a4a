// The work-split planner over HTTP: runs off the request thread, progress, results in words, pins, exclusions, accepting.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { planRuns, users, workCycleCapacities, workItems } from '../../src/db/schema/index.ts';
import type { ItemInput } from '../../src/work/queries.ts';
import type { Db } from '../../src/db/client.ts';
import { eachTestWith, signedIn, type World } from '../helpers.ts';
import { anItemForm, aWorkItem, aWorkTeam, text, type WorkTeam } from '../fixtures/work.ts';

let w: World;
let team: WorkTeam;
let cycleId: number;

eachTestWith(aWorkTeam, (world, made) => {
  w = world;
  ({ team, cycleId } = made);
});

const anItem = (db: Db, over: Partial<ItemInput> = {}) => aWorkItem(db, cycleId, over);
const itemForm = (over: Record<string, string | string[]> = {}) => anItemForm(team, cycleId, over);

describe('the work-split planner', () => {
  /** Polls like the page does (htmx) until the run is done; returns the page it redirects to. */
  async function untilDone(c: Awaited<ReturnType<typeof signedIn>>, runId: number) {
    for (let i = 0; i < 300; i++) {
      const res = await c.get(`/work/plan/runs/${runId}/progress`, { htmx: true });
      if (res.status === 204) return res.headers.get('HX-Redirect')!;
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('hx-trigger="load delay:');
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the planner did not finish');
  }

  it('plans off the request thread, shows progress, then the result with reasons, greedy vs optimal, and unplaced items in words', async () => {
    const emb = await anItem(w.db, { title: 'Embedding refresh', effort: 4, priority: 'high', requirements: [{ areaId: team.embedding.id, minLevel: 3 }] });
    const srv = await anItem(w.db, { title: 'Int8 serving', effort: 4, requirements: [{ areaId: team.serving.id, minLevel: 3 }] });
    await anItem(w.db, { title: 'Impossible scope', effort: 2, requirements: [{ areaId: team.serving.id, minLevel: 5 }] });
    const m = await signedIn(w.app, 'manager@team.test');
    const start = await m.post('/work/plan', { cycle: String(cycleId), buddies: '1', pin: ['', ''], exclude: [''] }, { htmx: true });
    expect(start.status).toBe(204);
    const runUrl = start.headers.get('HX-Redirect')!;
    expect(runUrl).toMatch(new RegExp(`^/work/plan\\?cycle=${cycleId}&run=\\d+$`));
    const runId = Number(runUrl.split('run=')[1]);
    expect(await untilDone(m, runId)).toBe(runUrl);
    const [run] = await w.db.select().from(planRuns);
    expect(run).toMatchObject({ id: runId, status: 'done', cycleId });

    const page = text(await (await m.get(runUrl)).text());
    expect(page).toContain('optimal');
    expect(page).toContain('This plan');
    expect(page).toContain('Greedy rule');
    expect(page).toContain('2 of 3 items placed');
    expect(page).toContain('Alice owns it: text embedding at 4 (needs 3)');
    expect(page).toContain('Bob owns it: model serving at 4 (needs 3)');
    expect(page).toContain('Impossible scope : no active member has model serving ≥ 5');
    expect(page).toContain('Accept: 2 items become planned');
    // Nothing is assigned until the manager accepts.
    expect((await w.db.select().from(workItems).where(eq(workItems.id, emb.id)))[0].ownerId).toBeNull();
    expect((await w.db.select().from(workItems).where(eq(workItems.id, srv.id)))[0].status).toBe('open');
  });

  it('without JavaScript the post waits for the result; pins and exclusions are honoured; accepting plans the items', async () => {
    const anything = await anItem(w.db, { title: 'Model cards', effort: 2 });
    const emb = await anItem(w.db, { title: 'Embedding benchmark', kind: 'research', effort: 3, requirements: [{ areaId: team.embedding.id, minLevel: 2 }] });
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.post('/work/plan', { cycle: String(cycleId), pin: [`${anything.id}:${team.bob.id}`, ''], exclude: [`${emb.id}:${team.alice.id}`] });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    const [run] = await w.db.select().from(planRuns);
    expect(run.status).toBe('done');
    const html = await (await m.get(location)).text();
    expect(text(html)).toContain('Bob owns it, as pinned: no particular skill needed');
    expect(text(html)).toContain('Bob owns it: text embedding at 2 (needs 2)');
    // The form keeps the pins and exclusions for the next re-plan.
    expect(html).toMatch(new RegExp(`<option value="${anything.id}:${team.bob.id}" selected`));
    expect(html).toMatch(new RegExp(`name="exclude" value="${emb.id}:${team.alice.id}" checked`));

    const hash = /name="hash" value="([0-9a-f]{64})"/.exec(html)![1];
    const accept = await m.post(`/work/plan/runs/${run.id}/accept`, { hash });
    expect(accept.status).toBe(303);
    expect(accept.headers.get('location')).toBe(`/work?cycle=${cycleId}`);
    const items = await w.db.select().from(workItems);
    expect(items.map((i) => [i.title, i.status, i.ownerId])).toEqual([
      ['Model cards', 'planned', team.bob.id],
      ['Embedding benchmark', 'planned', team.bob.id],
    ]);
    const bob = text(await (await (await signedIn(w.app, 'bob@team.test')).get('/')).text());
    expect(bob).toContain('Model cards');
    expect(bob).toContain('Embedding benchmark');
    // Accepting twice writes nothing more.
    expect((await m.post(`/work/plan/runs/${run.id}/accept`, { hash })).status).toBe(409);
  });

  it('an identical request reuses its run instead of solving again', async () => {
    await anItem(w.db, { title: 'Model cards', effort: 2 });
    const m = await signedIn(w.app, 'manager@team.test');
    const first = await m.post('/work/plan', { cycle: String(cycleId), buddies: '1' });
    const second = await m.post('/work/plan', { cycle: String(cycleId), buddies: '1' });
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await w.db.select().from(planRuns)).toHaveLength(1);
  });

  it('accepting a plan after its items changed is a 409 that names them; nothing is written', async () => {
    const a = await anItem(w.db, { title: 'Model cards', effort: 2 });
    const b = await anItem(w.db, { title: 'Int8 serving', effort: 3, requirements: [{ areaId: team.serving.id, minLevel: 3 }] });
    const m = await signedIn(w.app, 'manager@team.test');
    const location = (await m.post('/work/plan', { cycle: String(cycleId) })).headers.get('location')!;
    const html = await (await m.get(location)).text();
    const hash = /name="hash" value="([0-9a-f]{64})"/.exec(html)![1];
    const [run] = await w.db.select().from(planRuns);
    // Someone edits one of the planned items meanwhile.
    expect((await m.post(`/work/items/${b.id}`, itemForm({ title: 'Int8 serving, smaller', effort: '2', reqArea: [String(team.serving.id)], reqLevel: ['3'], version: '1', dueDate: '' }))).status).toBe(303);
    const res = await m.post(`/work/plan/runs/${run.id}/accept`, { hash });
    expect(res.status).toBe(409);
    const page = text(await res.text());
    expect(page).toContain('The items changed since this plan');
    expect(page).toContain('Int8 serving');
    const items = await w.db.select().from(workItems);
    expect(items.every((i) => i.status === 'open' && i.ownerId === null)).toBe(true);
    expect(items.find((i) => i.id === a.id)!.version).toBe(1);
    expect((await w.db.select().from(planRuns))[0].acceptedAt).toBeNull();
    // And the run page says the proposal is stale instead of offering to accept it.
    expect(text(await (await m.get(location)).text())).toContain('1 of the planned items changed since this proposal');
  });

  it('refuses a tampered hash', async () => {
    await anItem(w.db, { title: 'Model cards', effort: 2 });
    const m = await signedIn(w.app, 'manager@team.test');
    await m.post('/work/plan', { cycle: String(cycleId) });
    const [run] = await w.db.select().from(planRuns);
    expect((await m.post(`/work/plan/runs/${run.id}/accept`, { hash: 'f'.repeat(64) })).status).toBe(409);
    expect((await m.post(`/work/plan/runs/${run.id}/accept`, { hash: 'nope' })).status).toBe(400);
    expect((await w.db.select().from(workItems))[0].status).toBe('open');
  });

  it('refuses to pin to an inactive member, with 422 and no run', async () => {
    const item = await anItem(w.db, { title: 'Model cards', effort: 2 });
    await w.db.update(users).set({ active: false }).where(eq(users.id, team.bob.id));
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.post('/work/plan', { cycle: String(cycleId), pin: [`${item.id}:${team.bob.id}`] });
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('Bob is not an active member any more.');
    expect(await w.db.select().from(planRuns)).toHaveLength(0);
  });

  it('refuses pinning over capacity, explaining the points, with 422 and no run (the htmx form swaps in place)', async () => {
    const big = await anItem(w.db, { title: 'Big one', effort: 7 });
    const bigger = await anItem(w.db, { title: 'Bigger one', effort: 6 });
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.post('/work/plan', { cycle: String(cycleId), pin: [`${big.id}:${team.alice.id}`, `${bigger.id}:${team.alice.id}`] }, { htmx: true });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/^<form id="plan-form"/);
    expect(text(html)).toContain('Cannot keep this pin: it is pinned to Alice, whose pinned items need 13 points but only 10 are free.');
    expect(await w.db.select().from(planRuns)).toHaveLength(0);
  });

  it('refuses to plan a cycle with no members, with 422 and no run', async () => {
    await anItem(w.db, { title: 'Model cards', effort: 2 });
    await w.db.update(users).set({ active: false }).where(eq(users.role, 'member'));
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.post('/work/plan', { cycle: String(cycleId) });
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('This cycle has no members to plan for');
    expect(await w.db.select().from(planRuns)).toHaveLength(0);
  });

  it('refuses a cycle where nobody has capacity, and malformed or unknown pins', async () => {
    const item = await anItem(w.db, { title: 'Model cards', effort: 2 });
    const m = await signedIn(w.app, 'manager@team.test');
    expect((await m.post('/work/plan', { cycle: String(cycleId), pin: ['garbage'] })).status).toBe(400);
    expect((await m.post('/work/plan', { cycle: '999' })).status).toBe(404);
    const stranger = await m.post('/work/plan', { cycle: String(cycleId), exclude: [`${item.id}:${team.manager.id}`] });
    expect(stranger.status).toBe(422);
    expect(text(await stranger.text())).toContain('No such member.');
    await w.db.insert(workCycleCapacities).values([
      { cycleId, userId: team.alice.id, capacity: 0 },
      { cycleId, userId: team.bob.id, capacity: 0 },
    ]);
    const none = await m.post('/work/plan', { cycle: String(cycleId) });
    expect(none.status).toBe(422);
    expect(text(await none.text())).toContain('Nobody has capacity in 2026 Q4');
    expect(await w.db.select().from(planRuns)).toHaveLength(0);
  });

  it('counts work already planned in the cycle against capacity', async () => {
    await anItem(w.db, { title: 'Already Alice’s', effort: 9, status: 'in_progress', ownerId: team.alice.id });
    const item = await anItem(w.db, { title: 'Embedding refresh', effort: 4, requirements: [{ areaId: team.embedding.id, minLevel: 4 }] });
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.post('/work/plan', { cycle: String(cycleId), pin: [`${item.id}:${team.alice.id}`] });
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('whose pinned items need 4 points but only 1 is free');
  });

  it('a run left running by a process that is gone is failed at once, and planning again starts a new run', async () => {
    await anItem(w.db, { title: 'Model cards', effort: 2 });
    const m = await signedIn(w.app, 'manager@team.test');
    await m.post('/work/plan', { cycle: String(cycleId) });
    const [first] = await w.db.select().from(planRuns);
    // As if the instance that was solving it had been killed mid-solve a minute ago.
    await w.db
      .update(planRuns)
      .set({ status: 'running', result: null, finishedAt: null, ownerInstance: 'gone-4242', heartbeatAt: Date.now() - 60_000 })
      .where(eq(planRuns.id, first.id));
    const again = await m.post('/work/plan', { cycle: String(cycleId) }, { htmx: true });
    expect(again.status).toBe(204);
    const runId = Number(again.headers.get('HX-Redirect')!.split('run=')[1]);
    expect(runId).not.toBe(first.id);
    const rows = await w.db.select().from(planRuns);
    expect(rows.find((r) => r.id === first.id)!.status).toBe('failed');
    expect(rows).toHaveLength(2);
    await untilDone(m, runId);
  });

  it('says how an owner clears the minimum instead of a bare fit percentage, and names the greedy rule it compares with', async () => {
    await anItem(w.db, { title: 'Embedding refresh', effort: 3, requirements: [{ areaId: team.embedding.id, minLevel: 4 }] });
    await anItem(w.db, { title: 'Int8 serving', effort: 3, requirements: [{ areaId: team.serving.id, minLevel: 3 }] });
    const m = await signedIn(w.app, 'manager@team.test');
    const location = (await m.post('/work/plan', { cycle: String(cycleId) })).headers.get('location')!;
    const page = text(await (await m.get(location)).text());
    expect(page).not.toMatch(/fit \d+%/);
    expect(page).toContain('meets the minimum');
    expect(page).toContain('+1 above the minimum');
    expect(page).toMatch(/Greedy rule .*best of three simple rules: (best fit first|most room left|tightest fit)/);
  });

  it('members may not open the planner', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    expect((await alice.get('/work/plan')).status).toBe(403);
    expect((await alice.post('/work/plan', { cycle: String(cycleId) })).status).toBe(403);
  });
});
