// Work items, cycles, the status flow, the balance and flags over HTTP (the planner: work-plan.test.ts).
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '../../src/db/schema/index.ts';
import { users, workCycleCapacities, workItemAreas, workItems } from '../../src/db/schema/index.ts';
import { createDb } from '../../src/db/client.ts';
import { balanceOf } from '../../src/work/balance.ts';
import type { ItemInput } from '../../src/work/queries.ts';
import { setArchived } from '../../src/areas/queries.ts';
import type { Db } from '../../src/db/client.ts';
import { eachTestWith, NOW, signedIn, type World } from '../helpers.ts';
import { aDeal, aPartner } from '../fixtures/deals.ts';
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
const itemCount = async () => (await w.db.select().from(workItems)).length;

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

  it('refuses impossible calendar dates for items and cycles instead of rolling them over; a leap day is fine', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const item = await m.post('/work/items', itemForm({ dueDate: '2026-11-31' }));
    expect(item.status).toBe(422);
    expect(text(await item.text())).toContain('A date like 2027-01-31, please.');
    expect(await itemCount()).toBe(0);
    const cycle = await m.post('/work/cycles', { name: '2027 Q1', startDate: '2027-01-01', endDate: '2027-02-29' });
    expect(cycle.status).toBe(422);
    expect(text(await cycle.text())).toContain('A date like 2027-01-31, please.');
    expect((await m.post('/work/cycles', { name: '2028 Q1', startDate: '2028-01-01', endDate: '2028-02-29' })).status).toBe(303);
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

  it('marks work past its due date as late, in words and colour, on /work, the item and the dashboard', async () => {
    // The clock says 2026-11-02.
    const late = await anItem(w.db, { title: 'Overdue refresh', dueDate: '2026-11-01', status: 'in_progress', ownerId: team.alice.id });
    await anItem(w.db, { title: 'Due today', dueDate: '2026-11-02' });
    await anItem(w.db, { title: 'Done late', dueDate: '2026-10-15', status: 'done', ownerId: team.alice.id });
    const m = await signedIn(w.app, 'manager@team.test');
    const html = await (await m.get('/work')).text();
    expect(html.match(/wk-late/g)).toHaveLength(1);
    expect(text(html)).toContain('late · due Nov 1, 2026');
    expect(text(await (await m.get(`/work/items/${late.id}`)).text())).toContain('late · due Nov 1, 2026');
    const alice = await signedIn(w.app, 'alice@team.test');
    expect(text(await (await alice.get('/')).text())).toContain('late · due Nov 1, 2026');
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

  it('offers as owners only the people who own work, plus the owner the filter names', async () => {
    await anItem(w.db, { title: 'Serving work of Bob', status: 'planned', ownerId: team.bob.id });
    const m = await signedIn(w.app, 'manager@team.test');
    const ownerSelect = (html: string) => /<select id="wf-owner" name="owner">(.*?)<\/select>/s.exec(html)![1];
    const plain = ownerSelect(await (await m.get('/work')).text());
    expect(plain).toContain(`<option value="${team.bob.id}">Bob</option>`);
    expect(plain).not.toContain(`value="${team.alice.id}"`);
    expect(plain).toContain('value="none"');
    const named = ownerSelect(await (await m.get(`/work?owner=${team.alice.id}`)).text());
    expect(named).toMatch(new RegExp(`<option value="${team.alice.id}" selected[^>]*>Alice</option>`));
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

  it('keeps the balance until work or people change, and shows every such change on the next view, whoever wrote it', async () => {
    const item = await anItem(w.db, { title: 'Contrastive ablation', kind: 'research', feeds: '', effort: 6, ownerId: team.alice.id, status: 'planned' });
    await anItem(w.db, { title: 'Persona replies', kind: 'service', effort: 2 });
    const m = await signedIn(w.app, 'manager@team.test');
    const balance = async () => text(await (await m.get('/work')).text());
    const dashboard = async () => text(await (await m.get('/')).text());
    expect(await balance()).toContain('Alice: 100% research, 0% service (6 / 0 points)');
    expect(await dashboard()).toContain('75% research, 25% service');
    // A kept balance reads only the counter: no statement over the work items.
    const statements: string[] = [];
    const logged = drizzle(w.db.$client, { schema, logger: { logQuery: (q) => void statements.push(q) } }) as unknown as Db;
    const scope = { all: false, cycle: { id: cycleId } } as never;
    const first = await balanceOf(logged, scope, []);
    statements.length = 0;
    expect(await balanceOf(logged, scope, [])).toEqual(first);
    expect(statements.filter((q) => q.includes('work_items'))).toEqual([]);
    // Another handle on the same file writes (as another process would): an item's effort, its requirement, a person.
    const other = await createDb({ url: w.url });
    try {
      await other.update(workItems).set({ effort: 2 }).where(eq(workItems.id, item.id));
      expect(await balance()).toContain('Alice: 100% research, 0% service (2 / 0 points)');
      expect(await dashboard()).toContain('50% research, 50% service');
      await other.update(users).set({ name: 'Alice Kim' }).where(eq(users.id, team.alice.id));
      expect(await balance()).toContain('Alice Kim: 100% research, 0% service (2 / 0 points)');
      const service = await other.select({ id: workItems.id }).from(workItems).where(eq(workItems.title, 'Persona replies'));
      await other.insert(workItemAreas).values({ itemId: service[0].id, areaId: team.serving.id, minLevel: 5 });
      expect(await balance()).toContain('Service on immature technology: nobody has model serving ≥ 5 (the best is 4).');
      await other.delete(workItemAreas).where(eq(workItemAreas.itemId, service[0].id));
      expect(await balance()).not.toContain('Service on immature technology');
    } finally {
      other.$client.close();
    }
    // And through the app: a new item counts at once.
    expect((await m.post('/work/items', itemForm({ kind: 'service', effort: '4' }))).status).toBe(303);
    expect(await balance()).toContain('Team: 25% research, 75% service (2 / 6 points)');
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
    expect(text(dash)).toContain('1 item flagged as a trap');
    expect(dash).toContain(`/work/plan?cycle=${cycleId}`);
  });
});
