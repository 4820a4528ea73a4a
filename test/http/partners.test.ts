import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ACCESS } from '../../src/auth/access.ts';
import { dealEvents, dealItems, deals, partners, sessions, users } from '../../src/db/schema/index.ts';
import { Client, eachTestWithTeam, ORIGIN, signedIn, type Team, type World } from '../helpers.ts';
import { aToken } from '../fixtures/api.ts';
import { aDeal, aPartner, aPartnerUser, dealRow } from '../fixtures/deals.ts';

let w: World;
let team: Team;
eachTestWithTeam((world, made) => ((w = world), (team = made)));

describe('partner teams', () => {
  it('a manager adds and edits a partner team; members only read; names are unique', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.post('/partners', { name: 'Search', lead: '오지우', contact: '#search', services: 'Help-centre search', notes: '' });
    expect(res.status).toBe(303);
    const [row] = await w.db.select().from(partners);
    expect(row).toMatchObject({ name: 'Search', lead: '오지우', version: 1 });
    const dup = await m.post('/partners', { name: 'search', lead: '', contact: '', services: '', notes: '' });
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain('Another partner team has this name.');

    const alice = await signedIn(w.app, 'alice@team.test');
    expect((await alice.get('/partners')).status).toBe(200);
    expect((await alice.get(`/partners/${row.id}`)).status).toBe(200);
    expect((await alice.post('/partners', { name: 'X', lead: '', contact: '', services: '', notes: '' })).status).toBe(403);
    expect((await alice.post(`/partners/${row.id}`, { name: 'X', lead: '', contact: '', services: '', notes: '', version: '1' })).status).toBe(403);

    const edited = await m.post(`/partners/${row.id}`, { name: 'Search & help', lead: '오지우', contact: '#search', services: 'Help-centre search', notes: 'n', version: '1' });
    expect(edited.status).toBe(303);
    const stale = await m.post(`/partners/${row.id}`, { name: 'Old tab', lead: '', contact: '', services: '', notes: '', version: '1' });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain('Old tab');
    expect(html).toContain('Search &amp; help');
    expect((await w.db.select().from(partners))[0].name).toBe('Search & help');
  });

  it('the partner page shows the ledger: given and received items, effort, done vs open, ratings', async () => {
    const p = await aPartner(w.db);
    await aDeal(w.db, {
      partnerId: p.id,
      ownerId: team.alice.id,
      status: 'in_delivery',
      gives: [
        { description: 'Classifier', dueDate: '2026-11-20', effort: 6, memberIds: [team.alice.id], done: true },
        { description: 'Serving', dueDate: '2026-12-20', effort: 3, memberIds: [team.bob.id] },
      ],
      gets: [{ description: 'Transcripts', dueDate: '2026-11-10' }],
    });
    // Proposals are not promises yet: not in the ledger.
    await aDeal(w.db, { partnerId: p.id, ownerId: team.alice.id, gives: [{ description: 'Maybe', effort: 40 }] });
    const m = await signedIn(w.app, 'manager@team.test');
    await m.post('/deals/1/ratings', { give: '5', get: '2', version: '1' });
    const html = await (await m.get(`/partners/${p.id}`)).text();
    const ledger = html.slice(html.indexOf('id="ledger-title"'), html.indexOf('id="partner-deals"'));
    expect(ledger).toContain('1 of 2 items done');
    expect(ledger).toContain('6 of 9 pts');
    expect(ledger).toContain('0 of 1 item done');
    expect(ledger).toContain('2026 Q4');
    expect(ledger).toContain('one-sided: we give more');
    expect(ledger).toContain('5 / 2');
    expect(ledger).not.toContain('40');
    expect((await m.get('/partners')).status).toBe(200);
    expect(await (await m.get('/partners')).text()).toContain('one-sided: we give more');
  });

  it('the ledger says which deals it counts, and flags a one-sided newest closed deal behind a balanced average', async () => {
    const p = await aPartner(w.db);
    const closed = async (title: string, day: string, give: number, get: number) => {
      const d = await aDeal(w.db, { partnerId: p.id, ownerId: team.alice.id, title, status: 'closed', createdAt: new Date(`${day}T09:00:00Z`) });
      await w.db.update(deals).set({ ourGiveValue: give, ourGetValue: get }).where(eq(deals.id, d.id));
    };
    await closed('Old even deal', '2026-03-01', 3, 3);
    await closed('Another even deal', '2026-05-01', 3, 3);
    await closed('Newest lopsided deal', '2026-09-01', 5, 2);
    const m = await signedIn(w.app, 'manager@team.test');
    const html = await (await m.get(`/partners/${p.id}`)).text();
    const ledger = html.slice(html.indexOf('id="ledger-title"'), html.indexOf('id="partner-deals"'));
    expect(ledger).toContain('agreed, in delivery, delivered or closed');
    expect(ledger).toContain('Averages over the rated deals counted here (3).');
    expect(ledger).toContain('latest closed deal one-sided');
    expect(ledger).toContain('The latest closed deal, “Newest lopsided deal”, is one-sided');
    const list = await (await m.get('/partners')).text();
    expect(list).toContain('latest closed deal one-sided');
  });
});

describe('partner accounts', () => {
  async function invite(m: Client, partnerId: number, email = 'sunwoo@carecall.test') {
    const res = await m.post(`/partners/${partnerId}/people`, { name: 'Sunwoo Park', email });
    expect(res.status).toBe(200);
    return /value="http:\/\/localhost(\/password\/[\w-]+)"/.exec(await res.text())![1];
  }

  it('a manager invites a partner person who sets a password and lands on /deals', async () => {
    const p = await aPartner(w.db);
    const m = await signedIn(w.app, 'manager@team.test');
    const link = await invite(m, p.id);
    const [person] = await w.db.select().from(users).where(eq(users.email, 'sunwoo@carecall.test'));
    expect(person).toMatchObject({ role: 'partner', partnerId: p.id, passwordHash: null });
    const dup = await m.post(`/partners/${p.id}/people`, { name: 'Again', email: 'SUNWOO@carecall.test' });
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain('Someone already uses this email.');
    const alice = await signedIn(w.app, 'alice@team.test');
    expect((await alice.post(`/partners/${p.id}/people`, { name: 'X', email: 'x@x.test' })).status).toBe(403);

    const sunwoo = new Client(w.app);
    expect((await sunwoo.post(link, { password: 'care call password', password2: 'care call password' })).status).toBe(303);
    const login = await sunwoo.post('/login', { email: 'sunwoo@carecall.test', password: 'care call password' });
    expect(login.headers.get('location')).toBe('/deals');
    const page = await (await m.get(`/partners/${p.id}`)).text();
    expect(page).toContain('sunwoo@carecall.test');
    expect(page).toContain('active');
  });

  it('a deactivated partner user is signed out and cannot sign in', async () => {
    const p = await aPartner(w.db);
    const person = await aPartnerUser(w.db, p.id);
    const s = await signedIn(w.app, person.email);
    const m = await signedIn(w.app, 'manager@team.test');
    expect((await m.post(`/partners/${p.id}/people/${person.id}/active`, { active: '0', version: '1' })).status).toBe(303);
    expect(await w.db.select().from(sessions).where(eq(sessions.userId, person.id))).toHaveLength(0);
    expect((await s.get('/deals')).status).toBe(303);
    // A team member cannot be reached through a partner's people routes.
    expect((await m.post(`/partners/${p.id}/people/${team.alice.id}/active`, { active: '0', version: '1' })).status).toBe(404);
    expect((await m.post(`/partners/${p.id}/people/${team.alice.id}/link`, {})).status).toBe(404);
  });

  it('a partner sees only their own team’s deals; another team’s deal by id is a 404 everywhere', async () => {
    const care = await aPartner(w.db, 'Care-call service');
    const search = await aPartner(w.db, 'Search');
    const mine = await aDeal(w.db, { partnerId: care.id, ownerId: team.alice.id, title: 'Our care deal', status: 'agreed' });
    const theirs = await aDeal(w.db, { partnerId: search.id, ownerId: team.bob.id, title: 'Secret search deal', status: 'agreed' });
    const person = await aPartnerUser(w.db, care.id);
    const p = await signedIn(w.app, person.email);

    const board = await (await p.get('/deals')).text();
    expect(board).toContain('Our care deal');
    expect(board).not.toContain('Secret search deal');
    expect(board).not.toContain('Search'); // not even the other partner's name in a filter
    expect(board).not.toContain('hx-post'); // partners move nothing on the board
    const dash = await (await p.get('/')).text();
    expect(dash).toContain('Our care deal');
    expect(dash).not.toContain('Secret search deal');

    const before = (await w.db.select().from(dealEvents)).length;
    const notFoundBody = await (await p.get('/deals/99999')).text();
    for (const [method, path, form] of [
      ['GET', `/deals/${theirs.id}`, undefined],
      ['GET', `/deals/${theirs.id}/edit`, undefined],
      ['POST', `/deals/${theirs.id}/comments`, { body: 'hello' }],
      ['POST', `/deals/${theirs.id}/ratings`, { give: '3', get: '3', version: '1' }],
      ['POST', `/deals/${theirs.id}/accept`, { version: '1' }],
      ['POST', `/deals/${theirs.id}/counter`, { version: '1', note: 'x' }],
    ] as const) {
      const res = method === 'GET' ? await p.get(path) : await p.post(path, form!);
      expect(res.status, `${method} ${path}`).toBe(404);
      const body = await res.text();
      expect(body).not.toContain('Secret search deal');
      if (method === 'GET') expect(body).toBe(notFoundBody); // a guessed id looks exactly like a missing one
    }
    expect((await w.db.select().from(dealEvents)).length).toBe(before);
    expect((await p.get(`/deals/${mine.id}`)).status).toBe(200);
  });

  it('route by route: a partner reaches none of the team’s pages (matrix, members, work, pairings, partners, areas…)', async () => {
    const care = await aPartner(w.db);
    const person = await aPartnerUser(w.db, care.id);
    const p = await signedIn(w.app, person.email);
    const token = await aToken(w.db, person.id);
    const partnerRoutes = Object.entries(ACCESS).filter(([, rule]) => rule === 'public' || rule.roles.includes('partner'));
    const closed = Object.keys(ACCESS).filter((k) => !partnerRoutes.some(([open]) => open === k));
    expect(closed.length).toBeGreaterThan(20);
    for (const key of closed) {
      const [method, pattern] = key.split(' ');
      // Guessed ids: the partner's own team id, the partner's own user id and a few others.
      for (const id of [String(care.id), String(person.id), '1', '2']) {
        const path = pattern.replace(/:\w+/g, id).replace('/*', '/x');
        // The API signs in with the partner's own token (a cookie is nobody there).
        const res = pattern.startsWith('/api/')
          ? await w.app.request(ORIGIN + path, { headers: { Authorization: `Bearer ${token}` } })
          : method === 'GET'
            ? await p.get(path)
            : await p.post(path, { version: '1' });
        expect([403, 404], `${key} as ${path}`).toContain(res.status);
        expect(await res.text(), `${key} as ${path}`).not.toContain('Alice');
      }
    }
    for (const path of ['/matrix', '/members', `/members/${team.alice.id}`, '/work', '/pairings', '/partners', `/partners/${care.id}`, '/areas', '/matrix.csv']) {
      expect((await p.get(path)).status, path).toBe(403);
    }
  });

  it('a partner comments, rates from their side, accepts an agreed deal, and cannot move, edit or tick', async () => {
    const care = await aPartner(w.db);
    const deal = await aDeal(w.db, { partnerId: care.id, ownerId: team.alice.id, status: 'agreed', gives: [{ description: 'Classifier', memberIds: [team.alice.id], effort: 3 }] });
    const person = await aPartnerUser(w.db, care.id);
    const p = await signedIn(w.app, person.email);
    expect((await p.post(`/deals/${deal.id}/comments`, { body: 'Looks good to us.' })).status).toBe(303);
    expect((await p.post(`/deals/${deal.id}/ratings`, { give: '4', get: '7', version: '1' })).status).toBe(422);
    expect((await p.post(`/deals/${deal.id}/ratings`, { give: '4', get: '2', version: '1' })).status).toBe(303);
    expect(await dealRow(w.db, deal.id)).toMatchObject({ partnerGiveValue: 4, partnerGetValue: 2, ourGiveValue: null, version: 2 });
    const page = await (await p.get(`/deals/${deal.id}`)).text();
    expect(page).toContain('You get from us');
    expect(page).toContain('Accept this deal');
    expect(page).not.toContain('/members/'); // no links into the team's pages
    expect(page).not.toContain(`/partners/${care.id}`);
    expect((await p.post(`/deals/${deal.id}/accept`, { version: '2' })).status).toBe(303);
    const row = await dealRow(w.db, deal.id);
    expect(row).toMatchObject({ acceptedBy: person.id, status: 'agreed', version: 3 });
    expect(await (await p.get(`/deals/${deal.id}`)).text()).toContain('accepted the deal');

    expect((await p.post(`/deals/${deal.id}/status`, { to: 'in_delivery', version: '3' })).status).toBe(403);
    expect((await p.post(`/deals/${deal.id}`, { version: '3', title: 'mine now' })).status).toBe(403);
    expect((await p.post(`/deals/${deal.id}/items/${deal.items[0].id}/done`, { done: '1', version: '3' })).status).toBe(403);
    expect((await dealRow(w.db, deal.id)).status).toBe('agreed');
  });

  it('a partner counter-proposes: dates and items change, our people and effort stay ours, the deal returns to negotiation', async () => {
    const care = await aPartner(w.db);
    const deal = await aDeal(w.db, {
      partnerId: care.id,
      ownerId: team.alice.id,
      status: 'agreed',
      neededBy: '2027-02-01',
      gives: [{ description: 'Classifier', dueDate: '2027-01-31', memberIds: [team.alice.id], effort: 5, areaId: team.embedding.id }],
    });
    const person = await aPartnerUser(w.db, care.id);
    const p = await signedIn(w.app, person.email);
    const form = await (await p.get(`/deals/${deal.id}/edit`)).text();
    expect(form).toContain('Send counter-proposal');
    expect(form).not.toContain('name="title"');
    expect(form).not.toContain('_members');
    const give = deal.items.find((i) => i.side === 'give')!;
    const get = deal.items.find((i) => i.side === 'get')!;
    const res = await p.post(`/deals/${deal.id}/counter`, {
      version: '1',
      note: 'We need it two weeks earlier, and we add evaluation support.',
      neededBy: '2027-01-15',
      committedDate: '',
      [`i${give.id}_description`]: 'Classifier',
      [`i${give.id}_dueDate`]: '2027-01-14',
      [`i${get.id}_description`]: get.description,
      [`i${get.id}_dueDate`]: get.dueDate ?? '',
      give0_description: 'Help with the evaluation',
      give0_dueDate: '2027-01-20',
      get0_description: '',
      get0_dueDate: '',
      title: 'ignored',
    });
    expect(res.status).toBe(303);
    const row = await dealRow(w.db, deal.id);
    expect(row).toMatchObject({ status: 'negotiating', neededBy: '2027-01-15', title: deal.title, acceptedAt: null });
    const items = await w.db.select().from(dealItems).where(eq(dealItems.dealId, deal.id));
    expect(items.find((i) => i.id === give.id)).toMatchObject({ dueDate: '2027-01-14', effort: 5, areaId: team.embedding.id });
    expect(items.map((i) => i.description)).toContain('Help with the evaluation');
    const page = await (await signedIn(w.app, 'manager@team.test')).get(`/deals/${deal.id}`);
    const html = await page.text();
    expect(html).toContain('Previous version');
    expect(html).toContain('added give “Help with the evaluation”');
    expect(html).toMatch(/Sunwoo Park<\/strong> <span>made a counter-proposal/);
    expect(html).toContain('by Alice'); // the committed member stayed
    // A partner's date before the deal's creation is refused like anyone's.
    const bad = await p.post(`/deals/${deal.id}/counter`, { version: '2', note: 'earlier', neededBy: '2026-01-01', [`i${give.id}_description`]: 'Classifier', [`i${get.id}_description`]: get.description });
    expect(bad.status).toBe(422);
  });

  it('speaks from the partner’s side on the board, the deal page and the editor: our give is their get', async () => {
    const care = await aPartner(w.db);
    const deal = await aDeal(w.db, {
      partnerId: care.id,
      ownerId: team.alice.id,
      status: 'agreed',
      neededBy: '2026-10-30',
      gives: [
        { description: 'Classifier', dueDate: '2026-10-28', memberIds: [team.alice.id] },
        { description: 'Serving', dueDate: '2027-01-20', memberIds: [team.alice.id] },
      ],
      gets: [{ description: 'Transcripts', dueDate: '2027-01-15' }],
    });
    const m = await signedIn(w.app, 'manager@team.test');
    expect((await m.post(`/deals/${deal.id}/status`, { to: 'in_delivery', version: '1' })).status).toBe(303);
    expect((await m.post(`/deals/${deal.id}/items/${deal.items[1].id}/done`, { done: '1', version: '2' })).status).toBe(303);
    const teamBoard = await (await m.get('/deals')).text();
    expect(teamBoard).toContain('2 give · 1 get');
    const teamPage = await (await m.get(`/deals/${deal.id}`)).text();
    expect(teamPage).toContain('The give “Classifier” was due');
    expect(teamPage).toContain('The partner needed this by');
    expect(teamPage).toContain('marked give “Serving” done');

    const person = await aPartnerUser(w.db, care.id);
    const p = await signedIn(w.app, person.email);
    const board = await (await p.get('/deals')).text();
    expect(board).toContain('1 give · 2 get');
    expect(board).not.toContain('2 give · 1 get');
    expect(board).toContain('The get “Classifier” was due');
    const page = await (await p.get(`/deals/${deal.id}`)).text();
    expect(page).toContain('The get “Classifier” was due');
    expect(page).not.toContain('The give “Classifier”');
    expect(page).toContain('You needed this by');
    expect(page).not.toContain('The partner needed');
    expect(page).toContain('marked get “Serving” done');
    expect(page).not.toContain('Our owner');
    const editor = await (await p.get(`/deals/${deal.id}/edit`)).text();
    const weGive = editor.slice(editor.indexOf('You get from us'), editor.indexOf('You give us'));
    expect(weGive).toContain('New get');
    expect(weGive).not.toContain('New give');
    expect(editor.slice(editor.indexOf('You give us'))).toContain('New give');
  });

  it('hides our members’ capacity from partners: their health view skips the capacity check', async () => {
    const care = await aPartner(w.db);
    const deal = await aDeal(w.db, { partnerId: care.id, ownerId: team.alice.id, status: 'agreed', gives: [{ description: 'Big job', memberIds: [team.alice.id], effort: 30 }] });
    const m = await signedIn(w.app, 'manager@team.test');
    expect(await (await m.get(`/deals/${deal.id}`)).text()).toContain('has a capacity of 10');
    const person = await aPartnerUser(w.db, care.id);
    const p = await signedIn(w.app, person.email);
    const html = await (await p.get(`/deals/${deal.id}`)).text();
    expect(html).not.toContain('has a capacity of');
    expect(html).not.toContain('at risk');
  });
});
