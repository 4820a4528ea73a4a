import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { areas, ratingHistory, ratings, users } from '../../src/db/schema/index.ts';
import { aRating, aUser, eachTestWithTeam, NOW, signedIn, type Team, type World } from '../helpers.ts';

let w: World;
let team: Team;
eachTestWithTeam((world, made) => ((w = world), (team = made)));

const DAY = 24 * 3600 * 1000;
const cellPath = (userId: number, areaId: number, suffix = '') => `/members/${userId}/ratings/${areaId}${suffix}`;
const stored = async (userId: number, areaId: number) => (await w.db.select().from(ratings).where(and(eq(ratings.userId, userId), eq(ratings.areaId, areaId))))[0];
const historyCount = async () => (await w.db.select().from(ratingHistory)).length;

describe('a member rates themself', () => {
  it('edits inline with htmx: the editor replaces the cell, saving swaps the cell back with the new level', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    const editor = await alice.get(`${cellPath(team.alice.id, team.embedding.id, '/edit')}?view=matrix&back=/matrix`, { htmx: true });
    expect(editor.status).toBe(200);
    const form = await editor.text();
    expect(form).toMatch(/^<td id="r-\d+-\d+" class="cell editing">/);
    expect(form).not.toContain('<html');
    expect(form).toContain('name="selfLevel"');
    expect(form).toContain('name="interest"');
    expect(form).not.toContain('name="managerLevel"');
    expect(form).toContain('name="version" value=""');

    const res = await alice.post(cellPath(team.alice.id, team.embedding.id), { version: '', selfLevel: '3', interest: '2', evidence: 'https://arxiv.org/abs/2104.08821', view: 'matrix', back: '/matrix' }, { htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/^<td class="cell l3"><a class="lvl" href="\/members\/\d+\/ratings\/\d+\/edit">3<\/a>/);
    expect(html).toContain('wants to grow');
    // The coverage footer of the area comes along out of band.
    expect(html).toContain(`id="cov-${team.embedding.id}-growing" class="num-cell" hx-swap-oob="true">1<`);
    expect(await stored(team.alice.id, team.embedding.id)).toMatchObject({ selfLevel: 3, interest: 2, managerLevel: null, version: 1 });
    const history = await w.db.select().from(ratingHistory);
    expect(history.map((h) => [h.field, h.oldValue, h.newValue, h.changedBy])).toEqual(
      expect.arrayContaining([
        ['selfLevel', null, '3', team.alice.id],
        ['interest', null, '2', team.alice.id],
        ['evidence', '', 'https://arxiv.org/abs/2104.08821', team.alice.id],
      ]),
    );
  });

  it('works without JavaScript: a full edit page, a plain post and a 303 back to where the user came from', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    const page = await alice.get(`${cellPath(team.alice.id, team.embedding.id, '/edit')}?back=${encodeURIComponent('/matrix?sort=1')}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html');
    expect(html).toContain(`action="${cellPath(team.alice.id, team.embedding.id)}"`);
    expect(html).not.toContain('hx-post');
    expect(html).toContain('name="back" value="/matrix?sort=1"');

    const res = await alice.post(cellPath(team.alice.id, team.embedding.id), { version: '', selfLevel: '4', interest: '1', evidence: '', back: '/matrix?sort=1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/matrix?sort=1');
    expect((await stored(team.alice.id, team.embedding.id)).selfLevel).toBe(4);
  });

  it('without JavaScript, the short matrix link returns to the matrix page it came from (Referer), never elsewhere', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    const edit = (referer?: string) => alice.request(cellPath(team.alice.id, team.embedding.id, '/edit'), { headers: referer ? { Referer: referer } : {} }).then((r) => r.text());
    expect(await edit('http://localhost/matrix?sort=1&page=2')).toContain('name="back" value="/matrix?sort=1&amp;page=2"');
    for (const referer of [undefined, 'https://evil.example/matrix?x=1', 'http://localhost/areas', 'not a url']) {
      expect(await edit(referer), referer).toContain(`name="back" value="/members/${team.alice.id}"`);
    }
  });

  it('never redirects off the site: a foreign `back` falls back to the stat card', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    for (const back of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const current = await stored(team.alice.id, team.serving.id);
      const res = await alice.post(cellPath(team.alice.id, team.serving.id), { version: current ? String(current.version) : '', selfLevel: '2', back });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/members/${team.alice.id}`);
    }
  });

  it('refuses levels outside 0–5, interests outside 0–3, non-numbers and bad links with 422, keeping the input and writing nothing', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    const cases: Array<[Record<string, string>, string]> = [
      [{ selfLevel: '6' }, 'At most 5.'],
      [{ selfLevel: '-1' }, 'At least 0.'],
      [{ selfLevel: 'three' }, 'A whole number, please.'],
      [{ selfLevel: '2.5' }, 'A whole number, please.'],
      [{ interest: '4' }, 'At most 3.'],
      [{ evidence: 'javascript:alert(1)' }, 'A link starting with http:// or https://'],
      [{ evidence: 'x'.repeat(501) }, 'At most 500 characters.'],
    ];
    for (const [fields, message] of cases) {
      for (const htmx of [false, true]) {
        const res = await alice.post(cellPath(team.alice.id, team.embedding.id), { version: '', view: 'matrix', ...fields }, { htmx });
        expect(res.status, JSON.stringify(fields)).toBe(422);
        const html = await res.text();
        expect(html).toContain(message);
        if (htmx) expect(html).toMatch(/^<td id="r-\d+-\d+" class="cell editing">/);
      }
    }
    expect(await w.db.select().from(ratings)).toHaveLength(0);
    expect(await historyCount()).toBe(0);
  });

  it('rejects a field sent twice', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    const res = await alice.post(cellPath(team.alice.id, team.embedding.id), { version: '', selfLevel: ['1', '5'] });
    expect(res.status).toBe(422);
    expect(await w.db.select().from(ratings)).toHaveLength(0);
  });

  it('may not edit another member (403) nor set a manager level or note on their own row (403); nothing is written', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    expect((await alice.get(cellPath(team.bob.id, team.embedding.id, '/edit'))).status).toBe(403);
    expect((await alice.post(cellPath(team.bob.id, team.embedding.id), { version: '', selfLevel: '5' })).status).toBe(403);
    expect((await alice.post(cellPath(team.bob.id, team.embedding.id, '/confirm'), { version: '1' })).status).toBe(403);
    expect((await alice.post(cellPath(team.alice.id, team.embedding.id), { version: '', selfLevel: '3', managerLevel: '5' })).status).toBe(403);
    expect((await alice.post(cellPath(team.alice.id, team.embedding.id), { version: '', managerNote: 'I am great' })).status).toBe(403);
    expect(await w.db.select().from(ratings)).toHaveLength(0);
    expect(await historyCount()).toBe(0);
  });
});

describe('a manager calibrates', () => {
  it('sets the manager level and note of anyone; the effective level becomes the manager level', async () => {
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 2 });
    const m = await signedIn(w.app, 'manager@team.test');
    const editor = await (await m.get(`${cellPath(team.alice.id, team.embedding.id, '/edit')}?view=matrix`, { htmx: true })).text();
    expect(editor).toContain('name="managerLevel"');
    expect(editor).not.toContain('name="selfLevel"');
    const res = await m.post(cellPath(team.alice.id, team.embedding.id), { version: '1', managerLevel: '4', managerNote: 'Reviews every embedding PR.', view: 'matrix' }, { htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/class="cell l4"/);
    expect(html).toContain('self 2 ≠ manager 4');
    expect(await stored(team.alice.id, team.embedding.id)).toMatchObject({ selfLevel: 2, managerLevel: 4, managerNote: 'Reviews every embedding PR.', version: 2 });
    const [h] = await w.db.select().from(ratingHistory).where(eq(ratingHistory.field, 'managerLevel'));
    expect(h).toMatchObject({ oldValue: null, newValue: '4', changedBy: team.manager.id });
  });

  it('may not set another member’s self level (403)', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    expect((await m.post(cellPath(team.alice.id, team.embedding.id), { version: '', selfLevel: '5' })).status).toBe(403);
    expect(await w.db.select().from(ratings)).toHaveLength(0);
  });

  it('rates themself too on their own row', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const editor = await (await m.get(cellPath(team.manager.id, team.serving.id, '/edit'), { htmx: true })).text();
    expect(editor).toContain('name="selfLevel"');
    expect(editor).toContain('name="managerLevel"');
    expect((await m.post(cellPath(team.manager.id, team.serving.id), { version: '', selfLevel: '3', interest: '1', evidence: '', managerLevel: '', managerNote: '' })).status).toBe(303);
    expect(await stored(team.manager.id, team.serving.id)).toMatchObject({ selfLevel: 3, managerLevel: null });
  });
});

describe('the manager note', () => {
  it('is shown to managers and the member, never to other members (cards, cells, history)', async () => {
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 2, managerLevel: 3, managerNote: 'SECRET calibration note' }, team.manager.id);
    const seen = async (email: string) => {
      const c = await signedIn(w.app, email);
      const card = await (await c.get(`/members/${team.alice.id}`)).text();
      const cell = await (await c.get(`${cellPath(team.alice.id, team.embedding.id)}?view=card`, { htmx: true })).text();
      return card.includes('SECRET') || cell.includes('SECRET');
    };
    expect(await seen('manager@team.test')).toBe(true);
    expect(await seen('alice@team.test')).toBe(true);
    expect(await seen('bob@team.test')).toBe(false);
  });
});

describe('versions', () => {
  it('answers a save based on an out-of-date version with 409 showing both versions, and writes nothing', async () => {
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 2 });
    await aRating(w.db, team.alice.id, team.embedding.id, { managerLevel: 4 }, team.manager.id); // now version 2
    const before = await historyCount();
    const alice = await signedIn(w.app, 'alice@team.test');
    const res = await alice.post(cellPath(team.alice.id, team.embedding.id), { version: '1', selfLevel: '5', interest: '', evidence: 'my new proof' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('Someone else changed this meanwhile');
    expect(html).toContain('Your version');
    expect(html).toContain('my new proof');
    expect(html).toContain('Current version (saved)');
    expect(html).toMatch(/<dt>Manager level<\/dt><dd>4<\/dd>/);
    expect(await stored(team.alice.id, team.embedding.id)).toMatchObject({ selfLevel: 2, evidence: '', version: 2 });
    expect(await historyCount()).toBe(before);

    const inline = await alice.post(cellPath(team.alice.id, team.embedding.id), { version: '', selfLevel: '5', view: 'matrix' }, { htmx: true });
    expect(inline.status).toBe(409);
    expect(await inline.text()).toMatch(/^<td id="r-\d+-\d+" class="cell editing"><section class="conflict"/);
    expect((await stored(team.alice.id, team.embedding.id)).selfLevel).toBe(2);
  });

  it('"Still true" confirms a stale rating with one click (version-checked)', async () => {
    const old = new Date(NOW.getTime() - 200 * DAY);
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 3 }, team.alice.id, old);
    const alice = await signedIn(w.app, 'alice@team.test');
    const card = await (await alice.get(`/members/${team.alice.id}`)).text();
    expect(card).toContain('not confirmed for 200 days');
    expect(card).toContain(`action="${cellPath(team.alice.id, team.embedding.id, '/confirm')}`);
    expect((await alice.post(cellPath(team.alice.id, team.embedding.id, '/confirm'), { version: '7' })).status).toBe(409);
    const res = await alice.post(cellPath(team.alice.id, team.embedding.id, '/confirm'), { version: '1', view: 'card' }, { htmx: true });
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('not confirmed for');
    expect(await stored(team.alice.id, team.embedding.id)).toMatchObject({ selfLevel: 3, confirmedAt: NOW.getTime(), version: 2 });
    const confirmations = await w.db.select().from(ratingHistory).where(eq(ratingHistory.field, 'confirmed'));
    expect(confirmations).toHaveLength(1);
  });
});

describe('unknown and retired records', () => {
  it('answers 404 for unknown member or area ids and malformed ids', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    for (const path of [cellPath(9999, team.embedding.id, '/edit'), cellPath(team.alice.id, 9999, '/edit'), '/members/abc/ratings/1/edit', '/members/9999', '/members/0']) {
      expect((await m.get(path)).status, path).toBe(404);
    }
    expect((await m.post(cellPath(team.alice.id, 9999), { version: '', managerLevel: '3' })).status).toBe(404);
    expect(await w.db.select().from(ratings)).toHaveLength(0);
  });

  it('answers 404 for edits in archived areas and of inactive members, whose card stays readable', async () => {
    await aRating(w.db, team.bob.id, team.serving.id, { selfLevel: 3 });
    await w.db.update(areas).set({ archivedAt: NOW.getTime() }).where(eq(areas.id, team.embedding.id));
    await w.db.update(users).set({ active: false }).where(eq(users.id, team.bob.id));
    const m = await signedIn(w.app, 'manager@team.test');
    expect((await m.get(cellPath(team.alice.id, team.embedding.id, '/edit'))).status).toBe(404);
    expect((await m.post(cellPath(team.alice.id, team.embedding.id), { version: '', managerLevel: '3' })).status).toBe(404);
    expect((await m.post(cellPath(team.bob.id, team.serving.id), { version: '1', managerLevel: '3' })).status).toBe(404);
    const card = await m.get(`/members/${team.bob.id}`);
    expect(card.status).toBe(200);
    const html = await card.text();
    expect(html).toContain('inactive');
    expect(html).not.toContain(`${cellPath(team.bob.id, team.serving.id, '/edit')}`);
    expect((await stored(team.bob.id, team.serving.id)).managerLevel).toBeNull();
  });

  it('keeps partner users away from stat cards', async () => {
    await aUser(w.db, { name: 'Pat Partner', email: 'pat@partner.test', role: 'partner' });
    const p = await signedIn(w.app, 'pat@partner.test');
    expect((await p.get(`/members/${team.alice.id}`)).status).toBe(403);
    expect((await p.get(cellPath(team.alice.id, team.embedding.id))).status).toBe(403);
  });
});

describe('the stat card', () => {
  it('shows a radar with self and manager overlays, evidence links, a trend per area and the change list', async () => {
    const third = await (await import('../helpers.ts')).anArea(w.db, 'zero-shot retriever', { category: 'Research' });
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 2, interest: 3, evidence: 'Paper: https://arxiv.org/abs/2104.08821. Also javascript:alert(1)' }, team.alice.id, new Date(NOW.getTime() - 90 * DAY));
    await aRating(w.db, team.alice.id, team.embedding.id, { managerLevel: 3 }, team.manager.id, new Date(NOW.getTime() - 30 * DAY));
    await aRating(w.db, team.alice.id, third.id, { selfLevel: 4 });
    const bob = await signedIn(w.app, 'bob@team.test');
    const html = await (await bob.get(`/members/${team.alice.id}`)).text();
    expect(html).toContain('<svg viewBox="0 0 600 330" role="img"');
    expect(html).toContain('class="radar-self" stroke-dasharray="6 4"');
    // One manager calibration, drawn as a square point.
    expect(html.match(/class="radar-manager-point"/g)).toHaveLength(2); // the point and its legend sample
    expect(html).toContain('<a href="https://arxiv.org/abs/2104.08821" rel="noopener noreferrer">');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('class="spark"');
    expect(html).toContain('text embedding, effective level over time: 2 (');
    expect(html).toContain('manager level: not set → 3');
    expect(html).toContain('Mina Manager');
    expect(html).toContain('top focus');
    // Bob may look but not edit Alice's ratings.
    expect(html).not.toContain('/edit?');
  });

  it('renders names with markup or quotes as text', async () => {
    const evil = await aUser(w.db, { name: `<script>alert("x")</script> O'Neil "Q"`, email: 'evil@team.test' });
    await aRating(w.db, evil.id, team.embedding.id, { selfLevel: 2, evidence: '<img src=x onerror=alert(1)>' });
    const m = await signedIn(w.app, 'manager@team.test');
    for (const path of [`/members/${evil.id}`, '/matrix', `${cellPath(evil.id, team.embedding.id, '/edit')}`]) {
      const html = await (await m.get(path)).text();
      expect(html, path).not.toContain('<script>alert');
      expect(html, path).not.toContain('<img src=x');
      expect(html, path).toContain('&lt;script&gt;alert(');
    }
  });
});
