import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { areas, sessions, users } from '../../src/db/schema/index.ts';
import { aRating, aUser, eachTestWithTeam, signedIn, type Team, type World } from '../helpers.ts';

let w: World;
let team: Team;
eachTestWithTeam((world, made) => ((w = world), (team = made)));

describe('members', () => {
  it('a manager adds a member; duplicate emails (any case) are refused and nothing is written', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const dup = await m.post('/members', { name: 'Alice Two', email: 'ALICE@Team.Test', role: 'member', capacity: '10' });
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain('Someone already uses this email.');
    const bad = await m.post('/members', { name: '', email: 'x@team.test', role: 'boss', capacity: '-1' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Required.');
    expect(html).toContain('Pick one of the offered values.');
    expect(html).toContain('At least 0.');
    expect(await w.db.select().from(users)).toHaveLength(3);
  });

  it('renders names with markup as text', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.post('/members', { name: '<script>alert("x")</script> O\'Neil', email: 'o@team.test', role: 'member', capacity: '10' });
    expect(res.status).toBe(200);
    const list = await (await m.get('/members')).text();
    expect(list).not.toContain('<script>alert');
    expect(list).toContain('&lt;script&gt;');
  });

  it('refuses a duplicated form field instead of picking one', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.post('/members', { name: 'Dup', email: ['a@team.test', 'b@team.test'], role: 'member', capacity: '10' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Sent more than once.');
  });

  it('detects a concurrent edit of a member (409, both versions, nothing overwritten)', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const v = String(team.alice.version);
    const first = await m.post(`/members/${team.alice.id}`, { name: 'Alice A', email: 'alice@team.test', role: 'member', capacity: '12', version: v });
    expect(first.status).toBe(303);
    const second = await m.post(`/members/${team.alice.id}`, { name: 'Alice B', email: 'alice@team.test', role: 'member', capacity: '5', version: v });
    expect(second.status).toBe(409);
    const html = await second.text();
    expect(html).toContain('Alice A');
    expect(html).toContain('Alice B');
    const [row] = await w.db.select().from(users).where(eq(users.id, team.alice.id));
    expect(row).toMatchObject({ name: 'Alice A', capacity: 12 });
  });

  it('deactivating keeps the member and their history, ends their sessions, and hides them from the list', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.post(`/members/${team.alice.id}/active`, { active: '0', version: String(team.alice.version) });
    expect(res.status).toBe(303);
    const [row] = await w.db.select().from(users).where(eq(users.id, team.alice.id));
    expect(row.active).toBe(false);
    expect(await w.db.select().from(sessions).where(eq(sessions.userId, team.alice.id))).toHaveLength(0);
    expect((await alice.get('/')).status).toBe(303);
    expect(await (await m.get('/members')).text()).not.toContain('alice@team.test');
    expect(await (await m.get('/members?inactive=1')).text()).toContain('alice@team.test');
  });

  it('lists the team 50 a page in name order, searchable by name, the search and switch kept in the page links', async () => {
    await Promise.all(Array.from({ length: 60 }, (_, i) => aUser(w.db, { name: `Member ${String(i).padStart(2, '0')}`, email: `m${i}@team.test` })));
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 3 });
    const m = await signedIn(w.app, 'manager@team.test');
    const names = (html: string) => [...html.matchAll(/<td><a href="\/members\/\d+">([^<]+)<\/a>/g)].map((x) => x[1]);
    const first = await (await m.get('/members')).text();
    expect(names(first)).toHaveLength(50);
    expect(names(first).slice(0, 3)).toEqual(['Alice', 'Bob', 'Member 00']);
    expect(first).toContain('<a rel="next" href="/members?page=2">');
    const second = await (await m.get('/members?page=2')).text();
    expect(names(second)).toEqual([...Array.from({ length: 12 }, (_, i) => `Member ${48 + i}`), 'Mina Manager']);
    expect(second).toContain('<a rel="prev" href="/members">');
    expect(second).toContain('51–63 of 63');
    // Rated areas count per member on the page.
    expect(first).toMatch(/>Alice<\/a><\/td><td>alice@team.test<\/td><td>[^<]+<\/td><td class="num">10<\/td><td class="num">1\/2<\/td>/);
    const found = await (await m.get('/members?q=member%205&inactive=1')).text();
    expect(names(found)).toEqual(Array.from({ length: 10 }, (_, i) => `Member 5${i}`));
    expect(found).not.toContain('rel="next"');
    expect(await (await m.get('/members?q=nobody')).text()).toContain('No member matches this search.');
    expect(names(await (await m.get('/members?page=99')).text())).toHaveLength(13); // past the end: the last page
    // Hangul initial consonants and full-width letters find names too.
    await m.post('/members', { name: '김민아', email: 'kim@team.test', role: 'member', capacity: '10' });
    expect(names(await (await m.get(`/members?q=${encodeURIComponent('ㄱㅁㅇ')}`)).text())).toEqual(['김민아']);
    expect(names(await (await m.get(`/members?q=${encodeURIComponent('ＡＬＩ')}`)).text())).toEqual(['Alice']);
  });

  it('unknown or malformed member ids answer 404', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    expect((await m.get('/members/9999/edit')).status).toBe(404);
    expect((await m.get('/members/abc/edit')).status).toBe(404);
    expect((await m.post('/members/9999/active', { active: '0', version: '1' })).status).toBe(404);
  });

  it('a member changes their own profile and password, but not with a wrong current password', async () => {
    const a = await signedIn(w.app, 'alice@team.test');
    expect((await a.post('/profile', { name: 'Alice Kim', email: 'alice@team.test', locale: 'en', version: '1' })).status).toBe(303);
    expect((await a.post('/profile/password', { current: 'wrong password', password: 'a new long password', password2: 'a new long password' })).status).toBe(422);
    expect((await a.post('/profile/password', { current: 'correct horse battery', password: 'a new long password', password2: 'a new long password' })).status).toBe(303);
    await signedIn(w.app, 'alice@team.test').then(
      () => expect.fail('old password still works'),
      () => undefined,
    );
  });
});

describe('areas', () => {
  it('creates an area in a new category with a rubric, and refuses bad values', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const bad = await m.post('/areas', { name: 'zero-shot retriever', targetLevel: '7', minExperts: 'two' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('At most 5.');
    expect(html).toContain('A whole number, please.');
    const ok = await m.post('/areas', {
      name: 'zero-shot retriever',
      newCategory: 'Research',
      description: 'Retrieval without labels',
      targetLevel: '4',
      minExperts: '2',
      rubric3: 'ran a zero-shot eval end to end',
    });
    expect(ok.status).toBe(303);
    const [row] = await w.db.select().from(areas).where(eq(areas.name, 'zero-shot retriever'));
    expect(row.categoryId).toBe(team.embedding.categoryId);
    expect(JSON.parse(row.rubric!)[3]).toBe('ran a zero-shot eval end to end');
    const dup = await m.post('/areas', { name: 'Text Embedding', targetLevel: '3', minExperts: '2' });
    expect(dup.status).toBe(422);
  });

  it('renames with a version check and archives instead of deleting', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const v = String(team.embedding.version);
    expect((await m.post(`/areas/${team.embedding.id}`, { name: 'embeddings', targetLevel: '3', minExperts: '2', version: v })).status).toBe(303);
    const stale = await m.post(`/areas/${team.embedding.id}`, { name: 'embeddings!', targetLevel: '3', minExperts: '2', version: v });
    expect(stale.status).toBe(409);
    const [now] = await w.db.select().from(areas).where(eq(areas.id, team.embedding.id));
    expect(now.name).toBe('embeddings');
    expect((await m.post(`/areas/${team.embedding.id}/archive`, { archived: '1', version: String(now.version) })).status).toBe(303);
    const [archived] = await w.db.select().from(areas).where(eq(areas.id, team.embedding.id));
    expect(archived.archivedAt).not.toBeNull();
    const page = await (await m.get('/areas')).text();
    expect(page).toContain('Archived');
  });

  it('reorders areas within a category', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    await m.post('/areas', { name: 'contrastive learning', categoryId: String(team.embedding.categoryId), targetLevel: '3', minExperts: '2' });
    await m.post('/areas', { name: 'pseudo labeling', categoryId: String(team.embedding.categoryId), targetLevel: '3', minExperts: '2' });
    const [pl] = await w.db.select().from(areas).where(eq(areas.name, 'pseudo labeling'));
    expect((await m.post(`/areas/${pl.id}/move`, { direction: 'up' })).status).toBe(303);
    const html = await (await m.get('/areas')).text();
    expect(html.indexOf('pseudo labeling')).toBeLessThan(html.indexOf('contrastive learning'));
    expect((await m.post(`/areas/${pl.id}/move`, { direction: 'sideways' })).status).toBe(422);
  });

  it('members may look but not change', async () => {
    const a = await signedIn(w.app, 'alice@team.test');
    expect((await a.get('/areas')).status).toBe(200);
    expect((await a.post('/areas', { name: 'x', targetLevel: '3', minExperts: '2' })).status).toBe(403);
  });
});
