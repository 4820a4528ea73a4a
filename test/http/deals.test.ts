import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { dealEvents, dealItemMembers, dealItems, deals, dealVersions, users } from '../../src/db/schema/index.ts';
import { committedEffortByMember, listDealOptions } from '../../src/deals/queries.ts';
import { aTeam, aUser, freshWorld, signedIn, type World } from '../helpers.ts';
import { aDeal, aPartner, aPartnerUser, dealRow } from '../fixtures/deals.ts';

let w: World;
let team: Awaited<ReturnType<typeof aTeam>>;
let partner: Awaited<ReturnType<typeof aPartner>>;
beforeEach(async () => {
  w = await freshWorld();
  team = await aTeam(w.db);
  partner = await aPartner(w.db);
});
afterEach(() => w.cleanup());

const countRows = async () => ({
  deals: (await w.db.select().from(deals)).length,
  items: (await w.db.select().from(dealItems)).length,
  events: (await w.db.select().from(dealEvents)).length,
});

/** A proposal as the editor posts it: two gives and one get. */
function proposal(over: Record<string, string | string[]> = {}) {
  return {
    title: 'Intent classifier ⇄ 20k transcripts',
    partnerId: String(partner.id),
    ownerId: String(team.alice.id),
    summary: 'We fine-tune a zero-shot intent classifier for the care-call team; they give us 20k labelled call transcripts.',
    neededBy: '2027-02-01',
    committedDate: '2027-01-20',
    give0_description: 'Fine-tune the zero-shot intent classifier',
    give0_dueDate: '2027-01-10',
    give0_areaId: String(team.embedding.id),
    give0_effort: '6',
    give0_members: [String(team.alice.id), String(team.bob.id)],
    give1_description: 'Serve it behind the care-call API',
    give1_dueDate: '2027-01-20',
    give1_areaId: String(team.serving.id),
    give1_effort: '3',
    give1_members: [String(team.bob.id)],
    get0_description: '20k labelled call transcripts',
    get0_dueDate: '2026-12-15',
    ...over,
  };
}

describe('proposing a deal', () => {
  it('a member proposes a deal with two gives and one get; the timeline starts', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    const form = await alice.get('/deals/new');
    expect(form.status).toBe(200);
    const res = await alice.post('/deals', proposal());
    expect(res.status).toBe(303);
    const id = Number(res.headers.get('location')!.split('/').pop());
    const deal = await dealRow(w.db, id);
    expect(deal).toMatchObject({ status: 'proposed', ownerId: team.alice.id, createdBy: team.alice.id, neededBy: '2027-02-01', version: 1 });
    const items = await w.db.select().from(dealItems).where(eq(dealItems.dealId, id));
    expect(items.map((i) => [i.side, i.description, i.effort])).toEqual([
      ['give', 'Fine-tune the zero-shot intent classifier', 6],
      ['give', 'Serve it behind the care-call API', 3],
      ['get', '20k labelled call transcripts', 0],
    ]);
    const members = await w.db.select().from(dealItemMembers);
    expect(members.filter((m) => m.itemId === items[0].id).map((m) => m.userId).sort()).toEqual([team.alice.id, team.bob.id].sort());
    const page = await (await alice.get(`/deals/${id}`)).text();
    expect(page).toContain('Fine-tune the zero-shot intent classifier');
    expect(page).toContain('proposed the deal');
    expect(page).toContain('by Alice, Bob');
  });

  it('refuses a due date before the creation date: 422, message, values kept, nothing written', async () => {
    const m = await signedIn(w.app, 'alice@team.test');
    const before = await countRows();
    const res = await m.post('/deals', proposal({ give0_dueDate: '2026-10-31', neededBy: '2026-11-01' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('A date on or after the deal’s creation (2026-11-02), please.');
    expect(html).toContain('value="2026-10-31"');
    expect(html).toContain('Fine-tune the zero-shot intent classifier');
    expect(await countRows()).toEqual(before);
  });

  it('refuses committing an inactive member, a partner user or an unknown id', async () => {
    const m = await signedIn(w.app, 'alice@team.test');
    await w.db.update(users).set({ active: false }).where(eq(users.id, team.bob.id));
    const outsider = await aPartnerUser(w.db, partner.id);
    for (const bad of [String(team.bob.id), String(outsider.id), '99999']) {
      const res = await m.post('/deals', proposal({ give0_members: [String(team.alice.id), bad], give1_members: [] }));
      expect(res.status, bad).toBe(422);
      expect(await res.text()).toContain('Only active members of our team can be committed.');
    }
    expect((await countRows()).deals).toBe(0);
  });

  it('refuses bad rows and fields with a message each, nothing written', async () => {
    const m = await signedIn(w.app, 'alice@team.test');
    const cases: Array<[Record<string, string | string[]>, string]> = [
      [{ title: '  ' }, 'Required.'],
      [{ give0_effort: '101' }, 'At most 100.'],
      [{ give0_effort: 'lots' }, 'A whole number, please.'],
      [{ give0_dueDate: '2027-02-30' }, 'A date like 2027-01-31, please.'],
      [{ give1_description: '', give1_effort: '3' }, 'Describe the item, or clear the other fields of this row.'],
      [{ ownerId: String(99999) }, 'The owner must be an active member of our team.'],
      [{ partnerId: String(99999) }, 'Pick one of the offered values.'],
      [{ give0_areaId: String(99999) }, 'No such area.'],
    ];
    for (const [over, message] of cases) {
      const res = await m.post('/deals', proposal(over));
      expect(res.status, JSON.stringify(over)).toBe(422);
      expect(await res.text()).toContain(message);
    }
    expect((await countRows()).deals).toBe(0);
  });

  it('keeps partner users away from the proposal form and the create route', async () => {
    const person = await aPartnerUser(w.db, partner.id);
    const p = await signedIn(w.app, person.email);
    expect((await p.get('/deals/new')).status).toBe(403);
    expect((await p.post('/deals', proposal())).status).toBe(403);
    expect((await countRows()).deals).toBe(0);
  });
});

describe('the status flow', () => {
  it('refuses a jump the flow does not allow (422), nothing written', async () => {
    const deal = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id });
    const m = await signedIn(w.app, 'manager@team.test');
    const before = await countRows();
    const res = await m.post(`/deals/${deal.id}/status`, { to: 'agreed', version: '1' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('A deal cannot go from Proposed straight to Agreed.');
    expect(await dealRow(w.db, deal.id)).toMatchObject({ status: 'proposed', version: 1 });
    expect(await countRows()).toEqual(before);
    expect((await m.post(`/deals/${deal.id}/status`, { to: 'closed', version: '1' })).status).toBe(422);
  });

  it('refuses a member approving (403), lets the manager approve', async () => {
    const deal = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, status: 'negotiating' });
    const alice = await signedIn(w.app, 'alice@team.test');
    const res = await alice.post(`/deals/${deal.id}/status`, { to: 'agreed', version: '1' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Only a manager can move a deal from Negotiating to Agreed');
    expect((await alice.post(`/deals/${deal.id}/status`, { to: 'dropped', version: '1' })).status).toBe(403);
    expect((await dealRow(w.db, deal.id)).status).toBe('negotiating');

    const m = await signedIn(w.app, 'manager@team.test');
    const ok = await m.post(`/deals/${deal.id}/status`, { to: 'agreed', version: '1', back: `/deals/${deal.id}` });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/deals/${deal.id}`);
    expect(await dealRow(w.db, deal.id)).toMatchObject({ status: 'agreed', version: 2 });
    const page = await (await m.get(`/deals/${deal.id}`)).text();
    expect(page).toContain('moved the deal from Negotiating to Agreed');
  });

  it('refuses agreeing to a deal with an empty give or get list', async () => {
    const noGets = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, status: 'negotiating', gets: [] });
    const noGives = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, status: 'negotiating', gives: [] });
    const m = await signedIn(w.app, 'manager@team.test');
    for (const d of [noGets, noGives]) {
      const res = await m.post(`/deals/${d.id}/status`, { to: 'agreed', version: '1' });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('A deal can only be agreed when it both gives and gets something.');
      expect((await dealRow(w.db, d.id)).status).toBe('negotiating');
    }
  });

  it('refuses calling a deal delivered while items are open', async () => {
    const deal = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, status: 'in_delivery' });
    const alice = await signedIn(w.app, 'alice@team.test');
    const res = await alice.post(`/deals/${deal.id}/status`, { to: 'delivered', version: '1' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('A deal is delivered when every item is done.');
  });

  it('offers "Mark delivered" only when every item is done; otherwise says what is still open, on the page and the board', async () => {
    const deal = await aDeal(w.db, {
      partnerId: partner.id,
      ownerId: team.alice.id,
      status: 'in_delivery',
      title: 'Classifier deal',
      gives: [
        { description: 'Classifier', memberIds: [team.alice.id], done: true },
        { description: 'Serving', memberIds: [team.alice.id] },
      ],
      gets: [{ description: 'Transcripts' }],
    });
    const alice = await signedIn(w.app, 'alice@team.test');
    const open = await (await alice.get(`/deals/${deal.id}`)).text();
    expect(open).not.toContain('Mark delivered');
    expect(open).toContain('2 items still open: Serving, Transcripts.');
    const board = await (await alice.get('/deals')).text();
    const card = board.slice(board.indexOf('id="deal-card-'), board.indexOf('</li>', board.indexOf('id="deal-card-')));
    expect(card).not.toContain('value="delivered"');
    expect(card).toContain('2 items still open: Serving, Transcripts.');
    for (const item of deal.items.filter((i) => !i.done)) await w.db.update(dealItems).set({ done: true }).where(eq(dealItems.id, item.id));
    const ready = await (await alice.get(`/deals/${deal.id}`)).text();
    expect(ready).toContain('Mark delivered');
    expect(ready).not.toContain('still open');
    const emptyGets = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, status: 'negotiating', gets: [] });
    const m = await signedIn(w.app, 'manager@team.test');
    const approve = await (await m.get(`/deals/${emptyGets.id}`)).text();
    expect(approve).not.toContain('Approve: agreed');
    expect(approve).toContain('To approve, add what we get: that list is empty.');
    expect(approve).toContain('Drop the deal');
  });

  it('moves a card on the board with htmx and answers with the board', async () => {
    const deal = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, title: 'Embeddings ⇄ GPU quota' });
    const alice = await signedIn(w.app, 'alice@team.test');
    const board = await (await alice.get('/deals')).text();
    expect(board).toContain(`hx-post="/deals/${deal.id}/status"`);
    const res = await alice.post(`/deals/${deal.id}/status`, { to: 'negotiating', version: '1', back: '/deals?owner=' + team.alice.id }, { htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<div id="board"/);
    const negotiating = html.slice(html.indexOf('id="col-negotiating"'), html.indexOf('id="col-agreed"'));
    expect(negotiating).toContain('Embeddings ⇄ GPU quota');
    expect((await dealRow(w.db, deal.id)).status).toBe('negotiating');
    // A refused htmx move comes back as the board with the message (swapped in place), nothing written.
    const refused = await alice.post(`/deals/${deal.id}/status`, { to: 'agreed', version: '2', back: '/deals' }, { htmx: true });
    expect(refused.status).toBe(403);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toMatch(/^<div id="board"/);
    expect(refusedHtml).toContain('Only a manager can move');
  });

  it('two browsers moving the same deal: one succeeds, the other gets 409 with both versions', async () => {
    const deal = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, status: 'negotiating' });
    const m1 = await signedIn(w.app, 'manager@team.test');
    const m2 = await signedIn(w.app, 'manager@team.test');
    expect((await m1.post(`/deals/${deal.id}/status`, { to: 'agreed', version: '1' })).status).toBe(303);
    const stale = await m2.post(`/deals/${deal.id}/status`, { to: 'dropped', version: '1' });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain('Your version');
    expect(html).toContain('Dropped');
    expect(html).toContain('Agreed');
    expect((await dealRow(w.db, deal.id)).status).toBe('agreed');
  });
});

describe('editing, counter-proposals and conflicts', () => {
  async function editForm(client: Awaited<ReturnType<typeof signedIn>>, id: number) {
    const html = await (await client.get(`/deals/${id}/edit`)).text();
    const fields: Record<string, string | string[]> = {};
    for (const m of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]] = m[2].replace(/&amp;/g, '&');
    for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) fields[m[1]] = m[2];
    for (const m of html.matchAll(/<select[^>]*name="([^"]+)"([^>]*)>([\s\S]*?)<\/select>/g)) {
      const selected = [...m[3].matchAll(/<option value="([^"]*)" selected/g)].map((o) => o[1]);
      fields[m[1]] = m[2].includes('multiple') ? selected : (selected[0] ?? '');
    }
    for (const k of Object.keys(fields)) if (k.endsWith('_remove')) delete fields[k];
    return fields;
  }

  it('simultaneous edits from two browsers: one saves, the other gets 409 with both versions, nothing lost', async () => {
    const deal = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, status: 'negotiating' });
    const alice = await signedIn(w.app, 'alice@team.test');
    const bob = await signedIn(w.app, 'bob@team.test');
    const a = await editForm(alice, deal.id);
    const b = await editForm(bob, deal.id);
    expect(a.version).toBe('1');
    const first = await alice.post(`/deals/${deal.id}`, { ...a, title: 'Alice’s title' });
    expect(first.status).toBe(303);
    const second = await bob.post(`/deals/${deal.id}`, { ...b, title: 'Bob’s title' });
    expect(second.status).toBe(409);
    const html = await second.text();
    expect(html).toContain('Your version');
    expect(html).toContain('Bob’s title');
    expect(html).toContain('Alice’s title');
    expect(await dealRow(w.db, deal.id)).toMatchObject({ title: 'Alice’s title', version: 2 });
    const events = await w.db.select().from(dealEvents).where(eq(dealEvents.dealId, deal.id));
    expect(events.filter((e) => e.kind === 'field').map((e) => [e.field, e.oldValue, e.newValue])).toEqual([['title', 'Intent classifier ⇄ call transcripts', 'Alice’s title']]);
  });

  it('an item edit with a stale version is refused too (every edit carries the version)', async () => {
    const deal = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, status: 'agreed', gives: [{ description: 'Classifier', memberIds: [team.alice.id] }] });
    const m = await signedIn(w.app, 'manager@team.test');
    await w.db.update(deals).set({ version: 5 }).where(eq(deals.id, deal.id));
    const res = await m.post(`/deals/${deal.id}/items/${deal.items[0].id}/done`, { done: '1', version: '1' });
    expect(res.status).toBe(409);
    expect((await w.db.select().from(dealItems).where(eq(dealItems.id, deal.items[0].id)))[0].done).toBe(false);
  });

  it('logs every changed field and item in the timeline', async () => {
    const deal = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id });
    const alice = await signedIn(w.app, 'alice@team.test');
    const f = await editForm(alice, deal.id);
    const give = deal.items.find((i) => i.side === 'give')!;
    const res = await alice.post(`/deals/${deal.id}`, {
      ...f,
      committedDate: '2027-01-25',
      [`i${give.id}_dueDate`]: '2027-02-15',
      [`i${give.id}_members`]: [String(team.bob.id)],
      get0_description: 'Shadow traffic for two weeks',
    });
    expect(res.status).toBe(303);
    const html = await (await alice.get(`/deals/${deal.id}`)).text();
    expect(html).toContain('committed date</strong>');
    expect(html).toContain('due date of give “Fine-tuned intent classifier”');
    expect(html).toContain('committed members of give');
    expect(html).toContain('added get “Shadow traffic for two weeks”');
    expect((await dealRow(w.db, deal.id)).status).toBe('proposed');
  });

  it('after agreement an in-place edit is refused; a counter-proposal sends the deal back and keeps the previous version', async () => {
    const deal = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, status: 'agreed', gives: [{ description: 'Classifier', dueDate: '2027-01-31', memberIds: [team.alice.id], effort: 4 }] });
    const alice = await signedIn(w.app, 'alice@team.test');
    const f = await editForm(alice, deal.id);
    expect(f.note).toBe('');
    const refused = await alice.post(`/deals/${deal.id}`, { ...f, title: 'changed' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Counter-propose a change instead');

    const unchanged = await alice.post(`/deals/${deal.id}/counter`, { ...f, note: 'nothing really' });
    expect(unchanged.status).toBe(422);
    expect(await unchanged.text()).toContain('A counter-proposal changes an item or a date');

    const give = deal.items.find((i) => i.side === 'give')!;
    const res = await alice.post(`/deals/${deal.id}/counter`, { ...f, note: 'The classifier needs two more weeks.', [`i${give.id}_dueDate`]: '2027-02-14' });
    expect(res.status).toBe(303);
    expect(await dealRow(w.db, deal.id)).toMatchObject({ status: 'negotiating', version: 2 });
    const [version] = await w.db.select().from(dealVersions).where(eq(dealVersions.dealId, deal.id));
    expect(JSON.parse(version.snapshot).items[0]).toMatchObject({ description: 'Classifier', dueDate: '2027-01-31' });
    const html = await (await alice.get(`/deals/${deal.id}`)).text();
    expect(html).toContain('Previous version');
    expect(html).toMatch(/<del>Jan 31, 2027<\/del> → <ins>Feb 14, 2027<\/ins>/);
    expect(html).toContain('made a counter-proposal');
    expect(html).toContain('The classifier needs two more weeks.');
    expect(html).toContain('moved the deal from Agreed to Negotiating');
  });

  it('refuses a counter-proposal on a closed deal', async () => {
    const deal = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, status: 'closed' });
    const alice = await signedIn(w.app, 'alice@team.test');
    expect((await alice.get(`/deals/${deal.id}/edit`)).status).toBe(409);
    expect((await alice.post(`/deals/${deal.id}/counter`, { version: '1', note: 'x' })).status).toBe(409);
  });
});

describe('comments, ratings and ticking items', () => {
  it('shows HTML in comments as text', async () => {
    const deal = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id });
    const alice = await signedIn(w.app, 'alice@team.test');
    const evil = '<script>alert("x")</script><b>bold</b>';
    expect((await alice.post(`/deals/${deal.id}/comments`, { body: evil })).status).toBe(303);
    const html = await (await alice.get(`/deals/${deal.id}`)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;');
    const [event] = (await w.db.select().from(dealEvents).where(eq(dealEvents.kind, 'comment')));
    expect(event.body).toBe(evil);
    // A comment does not bump the version: nobody's open edit becomes stale because of it.
    expect((await dealRow(w.db, deal.id)).version).toBe(1);
    const empty = await alice.post(`/deals/${deal.id}/comments`, { body: '   ' });
    expect(empty.status).toBe(422);
  });

  it('refuses values outside 1–5 and stores ours from the team', async () => {
    const deal = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id });
    const alice = await signedIn(w.app, 'alice@team.test');
    for (const [give, get, message] of [
      ['0', '3', 'At least 1.'],
      ['3', '6', 'At most 5.'],
      ['x', '3', 'A whole number, please.'],
    ]) {
      const res = await alice.post(`/deals/${deal.id}/ratings`, { give, get, version: '1' });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain(message);
    }
    expect(await dealRow(w.db, deal.id)).toMatchObject({ ourGiveValue: null, ourGetValue: null, version: 1 });
    expect((await alice.post(`/deals/${deal.id}/ratings`, { give: '5', get: '2', version: '1' })).status).toBe(303);
    expect(await dealRow(w.db, deal.id)).toMatchObject({ ourGiveValue: 5, ourGetValue: 2, partnerGiveValue: null });
    const html = await (await alice.get(`/deals/${deal.id}`)).text();
    expect(html).toContain('one-sided');
    expect(html).toContain('Our rating: what we give is worth 5/5, what we get only 2/5.');
  });

  it('lets only the committed member (or a manager) tick a give done, while delivering', async () => {
    const deal = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, status: 'in_delivery', gives: [{ description: 'Classifier', memberIds: [team.bob.id], effort: 4 }] });
    const give = deal.items.find((i) => i.side === 'give')!;
    const get = deal.items.find((i) => i.side === 'get')!;
    const alice = await signedIn(w.app, 'alice@team.test');
    const bob = await signedIn(w.app, 'bob@team.test');
    const refused = await alice.post(`/deals/${deal.id}/items/${give.id}/done`, { done: '1', version: '1' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Only the committed members (or a manager) can tick this give done.');
    expect((await bob.post(`/deals/${deal.id}/items/${get.id}/done`, { done: '1', version: '1' })).status).toBe(403);
    expect((await bob.post(`/deals/${deal.id}/items/${give.id}/done`, { done: '1', version: '1' })).status).toBe(303);
    expect((await alice.post(`/deals/${deal.id}/items/${get.id}/done`, { done: '1', version: '2' })).status).toBe(303); // the owner ticks what we get
    const items = await w.db.select().from(dealItems).where(eq(dealItems.dealId, deal.id));
    expect(items.every((i) => i.done)).toBe(true);
    expect(await (await bob.get(`/deals/${deal.id}`)).text()).toContain('marked give “Classifier” done');
    expect((await bob.post(`/deals/${deal.id}/items/99999/done`, { done: '1', version: '3' })).status).toBe(404);
  });

  it('does not tick items of a deal that is not being delivered', async () => {
    const deal = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, gives: [{ description: 'Classifier', memberIds: [team.alice.id] }] });
    const alice = await signedIn(w.app, 'alice@team.test');
    const res = await alice.post(`/deals/${deal.id}/items/${deal.items[0].id}/done`, { done: '1', version: '1' });
    expect(res.status).toBe(409);
  });
});

describe('the board', () => {
  it('filters by partner, owner and health; the URL carries the filter', async () => {
    const other = await aPartner(w.db, 'Search');
    await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, title: 'Care deal', committedDate: '2026-11-01' });
    await aDeal(w.db, { partnerId: other.id, ownerId: team.bob.id, title: 'Search deal' });
    const m = await signedIn(w.app, 'manager@team.test');
    const all = await (await m.get('/deals')).text();
    expect(all).toContain('Care deal');
    expect(all).toContain('Search deal');
    expect(all).toContain('2 of 2 deals shown');
    const byPartner = await (await m.get(`/deals?partner=${other.id}`)).text();
    expect(byPartner).toContain('Search deal');
    expect(byPartner).not.toContain('>Care deal<');
    expect(byPartner).toContain(`<option value="${other.id}" selected="">Search</option>`);
    const byOwner = await (await m.get(`/deals?owner=${team.alice.id}`)).text();
    expect(byOwner).toContain('>Care deal<');
    expect(byOwner).not.toContain('>Search deal<');
    const late = await (await m.get('/deals?health=late')).text();
    expect(late).toContain('>Care deal<');
    expect(late).not.toContain('>Search deal<');
    const onTrack = await (await m.get('/deals?health=on_track')).text();
    expect(onTrack).toContain('>Search deal<');
    expect(onTrack).not.toContain('>Care deal<');
    // Nonsense filter values are ignored, not errors.
    expect((await m.get('/deals?health=<b>&partner=abc')).status).toBe(200);
  });

  it('lists deals needing attention: waiting for review, late, at risk, one-sided', async () => {
    await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, title: 'New proposal' });
    await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, title: 'Overdue', status: 'agreed', committedDate: '2026-11-01', createdAt: new Date('2026-10-01T00:00:00Z') });
    const m = await signedIn(w.app, 'manager@team.test');
    const html = await (await m.get('/deals')).text();
    const attention = html.slice(html.indexOf('Needs attention'), html.indexOf('id="board"'));
    expect(attention).toContain('Waiting for review');
    expect(attention).toContain('New proposal');
    expect(attention).toContain('Late');
    expect(attention).toContain('The committed date Nov 1, 2026 passed 1 day ago with 2 items open.');
    const dash = await (await m.get('/')).text();
    expect(dash).toContain('Deals needing attention');
    expect(dash).toContain('Overdue');
    // A closed or dropped deal is past attention, late or not: on neither the dashboard nor the board's list.
    await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, title: 'Dropped late one', status: 'dropped', committedDate: '2026-11-01', createdAt: new Date('2026-10-01T00:00:00Z') });
    await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, title: 'Closed proposal', status: 'closed' });
    const after = await (await m.get('/')).text();
    expect(after).toContain('Overdue');
    expect(after).not.toContain('Dropped late one');
    expect(after).not.toContain('Closed proposal');
    const board = await (await m.get('/deals')).text();
    expect(board.slice(board.indexOf('Needs attention'), board.indexOf('id="board"'))).not.toContain('Dropped late one');
  });

  it('answers 404 for unknown or malformed deal ids', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    for (const path of ['/deals/99999', '/deals/0', '/deals/abc', '/deals/99999/edit']) expect((await m.get(path)).status, path).toBe(404);
    expect((await m.post('/deals/99999/comments', { body: 'hi' })).status).toBe(404);
  });
});

describe('committed effort (for the work-split planner)', () => {
  it('counts open gives of agreed and in-delivery deals, split evenly among the committed members', async () => {
    const carol = await aUser(w.db, { name: 'Carol', capacity: 6 });
    await aDeal(w.db, {
      partnerId: partner.id,
      ownerId: team.alice.id,
      status: 'agreed',
      gives: [
        { description: 'shared', effort: 6, memberIds: [team.alice.id, team.bob.id], dueDate: '2026-12-01' },
        { description: 'alone', effort: 3, memberIds: [carol.id], dueDate: '2027-03-01' },
        { description: 'no date', effort: 2, memberIds: [carol.id] },
        { description: 'finished', effort: 5, memberIds: [team.alice.id], done: true },
      ],
    });
    await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, status: 'in_delivery', gives: [{ description: 'x', effort: 1, memberIds: [team.bob.id] }] });
    for (const status of ['proposed', 'negotiating', 'delivered', 'closed', 'dropped'] as const) {
      await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, status, gives: [{ description: 'not counted', effort: 50, memberIds: [team.alice.id] }] });
    }
    const all = await committedEffortByMember(w.db);
    expect(Object.fromEntries(all)).toEqual({ [team.alice.id]: 3, [team.bob.id]: 4, [carol.id]: 5 });
    const q4 = await committedEffortByMember(w.db, { from: '2026-10-01', to: '2026-12-31' });
    expect(Object.fromEntries(q4)).toEqual({ [team.alice.id]: 3, [team.bob.id]: 4, [carol.id]: 2 });
    // Carol is over capacity once another agreed deal lands on her: the deal turns "at risk".
    const risky = await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, status: 'agreed', title: 'Too much for Carol', gives: [{ description: 'more', effort: 4, memberIds: [carol.id] }] });
    const m = await signedIn(w.app, 'manager@team.test');
    expect(await (await m.get(`/deals/${risky.id}`)).text()).toContain('Carol is committed to 9 points of deal work but has a capacity of 6.');
  });

  it('offers deals to link work items to (dropped ones left out)', async () => {
    await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, title: 'Live one', status: 'agreed' });
    await aDeal(w.db, { partnerId: partner.id, ownerId: team.alice.id, title: 'Gone', status: 'dropped' });
    expect((await listDealOptions(w.db)).map((d) => [d.title, d.partnerName])).toEqual([['Live one', 'Care-call service']]);
  });
});
