// Work items, cycles, the status flow, the balance and flags, and the work-split planner over HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { planRuns, users, workCycleCapacities, workItemAreas, workItems } from '../../src/db/schema/index.ts';
import { insertCycle, insertItem, type ItemInput } from '../../src/work/queries.ts';
import { setArchived } from '../../src/areas/queries.ts';
import type { Db } from '../../src/db/client.ts';
import { aRating, aTeam, freshWorld, NOW, signedIn, type World } from '../helpers.ts';
import { aDeal, aPartner } from '../fixtures/deals.ts';

let w: World;
let team: Awaited<ReturnType<typeof aTeam>>;
let cycleId: number;

/** Alice: embedding expert, some serving. Bob: serving expert, wants to grow in embedding. */
beforeEach(async () => {
  w = await freshWorld();
  team = await aTeam(w.db);
  await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 4, interest: 1 });
  await aRating(w.db, team.alice.id, team.serving.id, { selfLevel: 2, interest: 1 });
  await aRating(w.db, team.bob.id, team.embedding.id, { selfLevel: 2, interest: 3 });
  await aRating(w.db, team.bob.id, team.serving.id, { selfLevel: 4, interest: 1 });
  cycleId = (await insertCycle(w.db, { name: '2026 Q4', startDate: '2026-10-01', endDate: '2026-12-31' }, NOW)).id;
});
afterEach(() => w.cleanup());

async function anItem(db: Db, over: Partial<ItemInput> = {}) {
  return insertItem(
    db,
    { title: 'An item', description: '', kind: 'service', feeds: 'live-chat assistant', dealId: null, effort: 3, priority: 'normal', dueDate: null, status: 'open', cycleId, ownerId: null, buddyId: null, requirements: [], ...over },
    NOW,
  );
}

const itemForm = (over: Record<string, string | string[]> = {}) => ({
  title: 'Zero-shot intent classifier for care-call routing',
  description: 'Route calls.',
  kind: 'service',
  feeds: 'automated care-call service',
  effort: '5',
  priority: 'high',
  cycleId: String(cycleId),
  dueDate: '2026-11-30',
  status: 'open',
  ownerId: '',
  buddyId: '',
  reqArea: [String(team.embedding.id), String(team.serving.id), ''],
  reqLevel: ['3', '2', ''],
  ...over,
});

const itemCount = async () => (await w.db.select().from(workItems)).length;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('work items', () => {
  it('a manager creates an item with required areas; it shows on /work', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.post('/work/items', itemForm());
    expect(res.status).toBe(303);
    const [item] = await w.db.select().from(workItems);
    expect(item).toMatchObject({ title: 'Zero-shot intent classifier for care-call routing', kind: 'service', effort: 5, priority: 'high', dueDate: '2026-11-30', status: 'open', cycleId });
    const reqs = await w.db.select().from(workItemAreas).where(eq(workItemAreas.itemId, item.id));
    expect(reqs.map((r) => [r.areaId, r.minLevel]).sort()).toEqual([
      [team.embedding.id, 3],
      [team.serving.id, 2],
    ].sort());
    const list = text(await (await m.get('/work')).text());
    expect(list).toContain('Zero-shot intent classifier for care-call routing');
    expect(list).toContain('text embedding ≥ 3');
  });

  it.each([
    ['effort 0', { effort: '0' }, 'effort', 'At least 1.'],
    ['negative effort', { effort: '-2' }, 'effort', 'At least 1.'],
    ['effort not a number', { effort: 'lots' }, 'effort', 'A whole number, please.'],
    ['a minimum level above 5', { reqLevel: ['6', '2', ''] }, 'requirements', 'A minimum level is a whole number from 0 to 5.'],
    ['a minimum level below 0', { reqLevel: ['-1', '2', ''] }, 'requirements', 'A minimum level is a whole number from 0 to 5.'],
    ['an unknown area', { reqArea: ['999', '', ''], reqLevel: ['3', '', ''] }, 'requirements', 'One of the areas does not exist (or is archived).'],
    ['an area without a level', { reqLevel: ['', '2', ''] }, 'requirements', 'Give every chosen area a minimum level.'],
    ['a due date before the cycle', { dueDate: '2026-09-30' }, 'dueDate', 'The due date is before 2026 Q4 starts (2026-10-01).'],
    ['a planned item without owner', { status: 'planned' }, 'ownerId', 'An item that is planned needs an owner.'],
    ['an unknown owner', { ownerId: '999' }, 'ownerId', 'No such member.'],
  ])('refuses %s with 422, keeps what was typed, writes nothing', async (_name, over, _field, message) => {
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.post('/work/items', itemForm(over));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(text(html)).toContain(message);
    expect(html).toContain('value="Zero-shot intent classifier for care-call routing"');
    expect(await itemCount()).toBe(0);
    expect(await w.db.select().from(workItemAreas)).toHaveLength(0);
  });

  it('refuses an area listed twice', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.post('/work/items', itemForm({ reqArea: [String(team.serving.id), String(team.serving.id), ''], reqLevel: ['2', '3', ''] }));
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('Each area only once, please.');
    expect(await itemCount()).toBe(0);
  });

  it('without JavaScript, "more rows" re-renders the form with more empty rows and saves nothing', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.post('/work/items', itemForm({ more: '1' }));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.match(/name="reqArea"/g)).toHaveLength(3 + 3);
    expect(await itemCount()).toBe(0);
  });

  it('an edit from a stale version is a 409 showing both versions; nothing is overwritten', async () => {
    const item = await anItem(w.db, { title: 'Old title' });
    const m = await signedIn(w.app, 'manager@team.test');
    expect((await m.post(`/work/items/${item.id}`, itemForm({ title: 'First edit', version: '1' }))).status).toBe(303);
    const stale = await m.post(`/work/items/${item.id}`, itemForm({ title: 'Second edit', version: '1' }));
    expect(stale.status).toBe(409);
    const html = text(await stale.text());
    expect(html).toContain('Second edit');
    expect(html).toContain('First edit');
    const [row] = await w.db.select().from(workItems);
    expect(row).toMatchObject({ title: 'First edit', version: 2 });
  });

  it('keeps a requirement on an area archived since, when the item is edited', async () => {
    const item = await anItem(w.db, { requirements: [{ areaId: team.serving.id, minLevel: 3 }] });
    await setArchived(w.db, team.serving.id, team.serving.version, NOW.getTime());
    const m = await signedIn(w.app, 'manager@team.test');
    expect(text(await (await m.get(`/work/items/${item.id}/edit`)).text())).toContain('model serving (archived)');
    const res = await m.post(`/work/items/${item.id}`, itemForm({ title: 'Renamed', reqArea: [String(team.serving.id), ''], reqLevel: ['3', ''], version: '1' }));
    expect(res.status).toBe(303);
    expect(await w.db.select().from(workItemAreas)).toEqual([{ itemId: item.id, areaId: team.serving.id, minLevel: 3 }]);
    // A new item cannot pick the archived area.
    expect((await m.post('/work/items', itemForm({ reqArea: [String(team.serving.id)], reqLevel: ['2'] }))).status).toBe(422);
  });

  it('filters by kind, status, area and owner with a GET form the URL reflects', async () => {
    await anItem(w.db, { title: 'Research on embeddings', kind: 'research', requirements: [{ areaId: team.embedding.id, minLevel: 3 }] });
    await anItem(w.db, { title: 'Serving work of Bob', status: 'planned', ownerId: team.bob.id, requirements: [{ areaId: team.serving.id, minLevel: 3 }] });
    await anItem(w.db, { title: 'Backlog item', cycleId: null });
    const m = await signedIn(w.app, 'manager@team.test');
    const byKind = text(await (await m.get('/work?kind=research')).text());
    expect(byKind).toContain('Research on embeddings');
    expect(byKind).not.toContain('Serving work of Bob');
    const byArea = await (await m.get(`/work?area=${team.serving.id}&status=planned&owner=${team.bob.id}`)).text();
    expect(text(byArea)).toContain('Serving work of Bob');
    expect(text(byArea)).not.toContain('Research on embeddings');
    expect(byArea).toMatch(new RegExp(`<option value="${team.serving.id}" selected`));
    expect(byArea).toMatch(/<option value="planned" selected/);
    // By default the list shows the current cycle; the backlog is its own choice.
    expect(text(await (await m.get('/work')).text())).not.toContain('Backlog item');
    expect(text(await (await m.get('/work?cycle=none')).text())).toContain('Backlog item');
    expect(text(await (await m.get('/work?cycle=')).text())).toContain('Backlog item');
  });
});

describe('partner deals', () => {
  it('an item links to a deal: offered in the form, shown on the item, and research with a deal has a customer', async () => {
    const partner = await aPartner(w.db);
    const deal = await aDeal(w.db, { partnerId: partner.id, ownerId: team.manager.id, title: 'Intent classifier for call transcripts', status: 'agreed' });
    const m = await signedIn(w.app, 'manager@team.test');
    const form = await (await m.get('/work/new')).text();
    expect(text(form)).toContain('Intent classifier for call transcripts · Care-call service');
    const res = await m.post('/work/items', itemForm({ kind: 'research', feeds: '', dealId: String(deal.id) }));
    expect(res.status).toBe(303);
    const [item] = await w.db.select().from(workItems);
    expect(item.dealId).toBe(deal.id);
    const view = await (await m.get(`/work/items/${item.id}`)).text();
    expect(view).toContain(`href="/deals/${deal.id}"`);
    expect(text(await (await m.get('/work')).text())).not.toContain('Research without a customer');
    expect((await m.post('/work/items', itemForm({ dealId: '999' }))).status).toBe(422);
  });

  it('the planner subtracts points committed to partner deals in the cycle', async () => {
    const partner = await aPartner(w.db);
    await aDeal(w.db, { partnerId: partner.id, ownerId: team.manager.id, status: 'in_delivery', gives: [{ description: 'Classifier', dueDate: '2026-12-01', effort: 6, memberIds: [team.alice.id] }] });
    const item = await anItem(w.db, { title: 'Embedding refresh', effort: 5, requirements: [{ areaId: team.embedding.id, minLevel: 4 }] });
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.post('/work/plan', { cycle: String(cycleId), pin: [`${item.id}:${team.alice.id}`] });
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('whose pinned items need 5 points but only 4 are free');
  });
});

describe('the status flow', () => {
  it('the owner moves their item planned → in progress → done inline (htmx), or with a plain form', async () => {
    const item = await anItem(w.db, { status: 'planned', ownerId: team.alice.id });
    const alice = await signedIn(w.app, 'alice@team.test');
    const res = await alice.post(`/work/items/${item.id}/status`, { status: 'in_progress', version: '1', back: '/work' }, { htmx: true });
    expect(res.status).toBe(200);
    const cell = await res.text();
    expect(cell).toMatch(/^<td id="status-\d+"/);
    expect(text(cell)).toContain('in progress');
    expect(text(cell)).toContain('Mark done');
    const plain = await alice.post(`/work/items/${item.id}/status`, { status: 'done', version: '2', back: '/' });
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe('/');
    const [row] = await w.db.select().from(workItems);
    expect(row).toMatchObject({ status: 'done', version: 3 });
  });

  it('refuses moves that are not the user’s to make, or not in the flow, or from a stale version; nothing changes', async () => {
    const item = await anItem(w.db, { status: 'planned', ownerId: team.alice.id });
    const bob = await signedIn(w.app, 'bob@team.test');
    expect((await bob.post(`/work/items/${item.id}/status`, { status: 'in_progress', version: '1' }, { htmx: true })).status).toBe(403);
    const alice = await signedIn(w.app, 'alice@team.test');
    expect((await alice.post(`/work/items/${item.id}/status`, { status: 'dropped', version: '1' }, { htmx: true })).status).toBe(403);
    const skip = await alice.post(`/work/items/${item.id}/status`, { status: 'done', version: '1' }, { htmx: true });
    expect(skip.status).toBe(422);
    expect(text(await skip.text())).toContain('An item cannot go from planned to done.');
    const stale = await alice.post(`/work/items/${item.id}/status`, { status: 'in_progress', version: '7' }, { htmx: true });
    expect(stale.status).toBe(409);
    expect(text(await stale.text())).toContain('Someone changed this item meanwhile');
    expect((await alice.post('/work/items/999/status', { status: 'in_progress', version: '1' })).status).toBe(404);
    const [row] = await w.db.select().from(workItems);
    expect(row).toMatchObject({ status: 'planned', version: 1 });
  });

  it('a manager cannot plan an item without an owner', async () => {
    const item = await anItem(w.db);
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.post(`/work/items/${item.id}/status`, { status: 'planned', version: '1' }, { htmx: true });
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('An item that is planned needs an owner.');
  });
});

describe('cycles and capacities', () => {
  it('creates a cycle, refuses bad dates and duplicate names, and stores per-cycle capacities', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const backwards = await m.post('/work/cycles', { name: '2027 Q1', startDate: '2027-03-31', endDate: '2027-01-01' });
    expect(backwards.status).toBe(422);
    expect(text(await backwards.text())).toContain('The end is before the start.');
    const taken = await m.post('/work/cycles', { name: '2026 q4', startDate: '2026-10-01', endDate: '2026-12-31' });
    expect(taken.status).toBe(422);
    expect(text(await taken.text())).toContain('Another cycle has this name.');
    const ok = await m.post('/work/cycles', { name: '2027 Q1', startDate: '2027-01-01', endDate: '2027-03-31' });
    expect(ok.status).toBe(303);
    const id = Number(ok.headers.get('location')!.split('/').pop());

    const bad = await m.post(`/work/cycles/${id}/capacities`, { version: '1', [`cap${team.alice.id}`]: '-1', [`cap${team.bob.id}`]: '' });
    expect(bad.status).toBe(422);
    expect(await w.db.select().from(workCycleCapacities)).toHaveLength(0);
    expect((await m.post(`/work/cycles/${id}/capacities`, { version: '1', [`cap${team.alice.id}`]: '4', [`cap${team.bob.id}`]: '' })).status).toBe(303);
    expect(await w.db.select().from(workCycleCapacities)).toEqual([{ cycleId: id, userId: team.alice.id, capacity: 4 }]);
    expect((await m.post(`/work/cycles/${id}/capacities`, { version: '1', [`cap${team.alice.id}`]: '9' })).status).toBe(409);
  });
});

describe('balance and traps', () => {
  it('shows the research/service share for the team and per member, and both flags with their fixes', async () => {
    await anItem(w.db, { title: 'Contrastive ablation', kind: 'research', feeds: '', effort: 6, ownerId: team.alice.id, status: 'planned' });
    await anItem(w.db, { title: 'Persona replies', kind: 'service', effort: 2, requirements: [{ areaId: team.serving.id, minLevel: 5 }] });
    await anItem(w.db, { title: 'Customer research', kind: 'research', effort: 2, feeds: 'live-chat assistant' });
    const m = await signedIn(w.app, 'manager@team.test');
    const html = await (await m.get('/work')).text();
    const page = text(html);
    expect(page).toContain('Team: 80% research, 20% service (8 / 2 points)');
    expect(page).toContain('Alice: 100% research, 0% service (6 / 0 points)');
    expect(page).toContain('Research without a customer: no service or partner deal is waiting for it.');
    expect(page).toContain('Service on immature technology: nobody has model serving ≥ 5 (the best is 4).');
    expect(page).not.toMatch(/Customer research Research without a customer/);
    expect(html).toContain(`/pairings?area=${team.serving.id}`);
    expect(html).toMatch(/href="\/work\/items\/\d+\/edit#customer"/);
    expect(html).toMatch(/href="\/work\/items\/\d+\/edit#requirements"/);
    // Members see the flags but not the manager's fixes.
    const alice = await signedIn(w.app, 'alice@team.test');
    const seen = await (await alice.get('/work')).text();
    expect(text(seen)).toContain('Research without a customer');
    expect(seen).not.toContain('#customer');
  });

  it('the dashboard shows a member their items and share, and the manager the balance, flags and plan link', async () => {
    await anItem(w.db, { title: 'Alice’s research', kind: 'research', feeds: '', effort: 4, ownerId: team.alice.id, status: 'planned' });
    await anItem(w.db, { title: 'Bob’s service', effort: 2, ownerId: team.bob.id, buddyId: team.alice.id, status: 'in_progress' });
    const alice = await signedIn(w.app, 'alice@team.test');
    const mine = text(await (await alice.get('/')).text());
    expect(mine).toContain('My work');
    expect(mine).toContain('Alice’s research');
    expect(mine).toContain('Start');
    expect(mine).toContain('Bob’s service');
    expect(mine).toContain('learning with Bob');
    expect(mine).toContain('100% research, 0% service (4 / 0 points)');
    const m = await signedIn(w.app, 'manager@team.test');
    const dash = await (await m.get('/')).text();
    expect(text(dash)).toContain('67% research, 33% service');
    expect(text(dash)).toContain('1 items flagged as traps');
    expect(dash).toContain(`/work/plan?cycle=${cycleId}`);
  });
});

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
    expect(text(await res.text())).toContain('whose pinned items need 4 points but only 1 are free');
  });

  it('members may not open the planner', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    expect((await alice.get('/work/plan')).status).toBe(403);
    expect((await alice.post('/work/plan', { cycle: String(cycleId) })).status).toBe(403);
  });
});
