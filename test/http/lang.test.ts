import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createApp } from '../../src/app.tsx';
import { users } from '../../src/db/schema/index.ts';
import { aTeam, Client, freshWorld, ORIGIN, signedIn, type World } from '../helpers.ts';
import { en } from '../../views/i18n/en.ts';
import { ko } from '../../views/i18n/ko.ts';

let w: World;
beforeEach(async () => (w = await freshWorld()));
afterEach(() => w.cleanup());

const langOf = async (res: Response) => /<html lang="([^"]*)"/.exec(await res.text())?.[1];
const get = (app: { request: World['app']['request'] }, path: string, headers: Record<string, string> = {}) => app.request(ORIGIN + path, { headers });

describe('choosing the language', () => {
  it('follows Accept-Language, then DEFAULT_LOCALE, on the login page', async () => {
    await aTeam(w.db);
    expect(await langOf(await get(w.app, '/login'))).toBe('en');
    expect(await langOf(await get(w.app, '/login', { 'Accept-Language': 'ko-KR,ko;q=0.9,en;q=0.8' }))).toBe('ko');
    expect(await langOf(await get(w.app, '/login', { 'Accept-Language': 'fr;q=1, ko;q=0.5, en;q=0.4' }))).toBe('ko');
    expect(await langOf(await get(w.app, '/login', { 'Accept-Language': 'ko;q=0, en' }))).toBe('en');
    const page = await (await get(w.app, '/login', { 'Accept-Language': 'ko' })).text();
    expect(page).toContain(`<h1>${ko['login.title']}</h1>`);
    expect(await (await get(w.app, '/login')).text()).toContain(`<h1>${en['login.title']}</h1>`);
    const korean = createApp({ db: w.db, now: () => w.clock.now, defaultLocale: 'ko' });
    expect(await langOf(await get(korean, '/login'))).toBe('ko');
    expect(await langOf(await get(korean, '/login', { 'Accept-Language': 'fr, de' }))).toBe('ko');
    expect(await langOf(await get(korean, '/login', { 'Accept-Language': 'en-GB' }))).toBe('en');
  });

  it('lets the lang cookie beat the header, and the saved profile choice beat the cookie', async () => {
    const { alice, bob } = await aTeam(w.db);
    expect(await langOf(await get(w.app, '/login', { Cookie: 'lang=en', 'Accept-Language': 'ko' }))).toBe('en');
    expect(await langOf(await get(w.app, '/login', { Cookie: 'lang=ko', 'Accept-Language': 'en' }))).toBe('ko');

    await w.db.update(users).set({ locale: 'ko' }).where(eq(users.id, alice.id));
    const a = await signedIn(w.app, 'alice@team.test');
    a.cookie += '; lang=en';
    expect(await langOf(await a.get('/'))).toBe('ko');

    // Bob saved nothing (new members start with no choice): his cookie, then his browser decide.
    expect(bob.locale).toBe('');
    const b = await signedIn(w.app, 'bob@team.test');
    expect(await langOf(await b.get('/'))).toBe('en');
    b.cookie += '; lang=ko';
    expect(await langOf(await b.get('/'))).toBe('ko');
  });

  it('ignores an unsupported cookie or profile value and a malformed header', async () => {
    const { alice } = await aTeam(w.db);
    for (const cookie of ['lang=xx', 'lang=%ZZ', 'lang=' + 'k'.repeat(5000), 'lang=ko-KR-x-y;;=', 'lang="ko"']) {
      const res = await get(w.app, '/login', { Cookie: cookie, 'Accept-Language': 'en' });
      expect(res.status, cookie).toBe(200);
      expect(await langOf(res), cookie).toMatch(/^(en|ko)$/);
    }
    expect(await langOf(await get(w.app, '/login', { Cookie: 'lang=xx', 'Accept-Language': 'ko' }))).toBe('ko');
    for (const header of [';;;q=abc,,,', 'ko;q=nope', '*', '\u00ff\u00fe', 'x'.repeat(10_000), '=,=;=']) {
      const res = await get(w.app, '/login', { 'Accept-Language': header });
      expect(res.status, header).toBe(200);
      expect(await langOf(res), header).toMatch(/^(en|ko)$/);
    }
    await w.db.update(users).set({ locale: 'klingon' }).where(eq(users.id, alice.id));
    const a = await signedIn(w.app, 'alice@team.test');
    a.cookie += '; lang=ko';
    const res = await a.get('/');
    expect(res.status).toBe(200);
    expect(await langOf(res)).toBe('ko');
  });

  it('sets <html lang> on /setup and on error pages', async () => {
    expect(await langOf(await get(w.app, '/setup', { 'Accept-Language': 'ko' }))).toBe('ko');
    const setupKo = await new Client(w.app).request('/setup', { form: { name: 'x', email: 'bad', password: 'a', password2: 'b' }, headers: { 'Accept-Language': 'ko' } });
    expect(setupKo.status).toBe(422);
    expect(await langOf(setupKo)).toBe('ko');

    const { alice } = await aTeam(w.db);
    await w.db.update(users).set({ locale: 'ko' }).where(eq(users.id, alice.id));
    const a = await signedIn(w.app, 'alice@team.test');
    const missing = await a.get('/no/such/page');
    expect(missing.status).toBe(404);
    expect(await langOf(missing)).toBe('ko');
    const refused = await a.get('/members/1/edit');
    expect(refused.status).toBe(403);
    expect(await langOf(refused)).toBe('ko');
  });
});

describe('the language switch', () => {
  it('is a plain form in the header of every page, naming the way back', async () => {
    await aTeam(w.db);
    const html = await (await get(w.app, '/login?next=%2Fmatrix')).text();
    expect(html).toMatch(/<form method="post" action="\/lang"[^>]*>/);
    expect(html).toContain('<input type="hidden" name="back" value="/login?next=%2Fmatrix"/>');
    expect(html).toMatch(/<button[^>]*name="to" value="ko" lang="ko"[^>]*>한국어<\/button>/);
    expect(html).toMatch(/<button[^>]*name="to" value="en" lang="en"[^>]*aria-pressed="true"[^>]*>English<\/button>/);
  });

  it('sets the cookie without JavaScript and goes back, only to a path of this site', async () => {
    await aTeam(w.db);
    const c = new Client(w.app);
    const res = await c.post('/lang', { to: 'ko', back: '/login?next=%2Fmatrix' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fmatrix');
    const cookie = res.headers.getSetCookie().find((s) => s.startsWith('lang='))!;
    expect(cookie).toMatch(/^lang=ko; .*Path=\//);
    expect(cookie).toMatch(/HttpOnly/);
    expect(await langOf(await get(w.app, '/login', { Cookie: cookie.split(';')[0] }))).toBe('ko');

    for (const back of ['https://evil.example/', '//evil.example', '/\\evil.example', '']) {
      const r = await c.post('/lang', { to: 'en', back });
      expect(r.headers.get('location'), back).toBe('/');
    }
    const bad = await c.post('/lang', { to: 'xx', back: '/login' });
    expect(bad.status).toBe(303);
    expect(bad.headers.get('location')).toBe('/login');
    expect(bad.headers.getSetCookie().some((s) => s.startsWith('lang='))).toBe(false);
    const twice = await c.post('/lang', { to: ['ko', 'en'], back: '/login' });
    expect(twice.headers.getSetCookie().some((s) => s.startsWith('lang='))).toBe(false);
  });

  it('works during first-run setup and refuses a cross-site post', async () => {
    const c = new Client(w.app);
    const res = await c.post('/lang', { to: 'ko', back: '/setup' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/setup');
    expect(res.headers.getSetCookie().some((s) => s.startsWith('lang=ko'))).toBe(true);
    const forged = await c.post('/lang', { to: 'ko', back: '/' }, { headers: { Origin: 'https://evil.example' } });
    expect(forged.status).toBe(403);
  });

  it('saves the choice of a signed-in person in their profile', async () => {
    const { alice } = await aTeam(w.db);
    const a = await signedIn(w.app, 'alice@team.test');
    expect((await a.post('/lang', { to: 'ko', back: '/matrix' })).headers.get('location')).toBe('/matrix');
    const [row] = await w.db.select().from(users).where(eq(users.id, alice.id));
    expect(row.locale).toBe('ko');
    expect(row.version).toBe(alice.version + 1);
    expect(await langOf(await a.get('/'))).toBe('ko');
    // The profile offers both languages by their own names, and "as the browser asks".
    const profile = await (await a.get('/profile')).text();
    expect(profile).toMatch(/<option value="ko" selected="">한국어<\/option>/);
    expect(profile).toContain('<option value="en">English</option>');
    expect(profile).toContain('<option value="">');
    expect((await a.post('/profile', { name: 'Alice', email: 'alice@team.test', locale: '', version: String(row.version) })).status).toBe(303);
    const [after] = await w.db.select().from(users).where(eq(users.id, alice.id));
    expect(after.locale).toBe('');
  });
});
