// Sign-in hardening: device cookies against lock-outs, timing, sessions after a password change, e-mail
// probing from the profile, no-store, redirect targets, the favicon.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createApp } from '../../src/app.tsx';
import { openDatabase } from '../../src/db/client.ts';
import { loginAttempts, sessions, users } from '../../src/db/schema/index.ts';
import { createPasswordLink } from '../../src/members/queries.ts';
import { aUser, Client, eachTestWithTeam, freshWorld, ORIGIN, PASSWORD, type Team, type World } from '../helpers.ts';

let w: World;
let team: Team;
eachTestWithTeam((world, made) => ((w = world), (team = made)));

/** A client that also keeps every other cookie the app sets (the device cookies), as a browser does. */
class Browser extends Client {
  jar = new Map<string, string>();
  override async request(path: string, init: Parameters<Client['request']>[1] = {}) {
    const session = this.cookie;
    const combined = [session, ...[...this.jar].map(([k, v]) => `${k}=${v}`)].filter(Boolean).join('; ');
    this.cookie = combined;
    const res = await super.request(path, init);
    if (this.cookie === combined) this.cookie = session;
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (name !== 'pairwise_session' && name !== 'pairwise_flash') this.jar.set(name, value);
    }
    return res;
  }
}

const WRONG = 'wrong password!';
const attempt = (c: Client, email: string, password: string, headers: Record<string, string> = {}) => c.post('/login', { email, password }, { headers });

describe('sign-in lock-outs (OWASP device cookies)', () => {
  it('an attacker failing 50 times cannot lock the manager out of their own browser, and stays slowed', async () => {
    const own = new Browser(w.app);
    await own.login('manager@team.test');
    expect([...own.jar.keys()].some((k) => k.startsWith('pairwise_device'))).toBe(true);
    await own.post('/logout', {});

    const attacker = new Client(w.app);
    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) statuses.push((await attempt(attacker, 'manager@team.test', WRONG)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));

    const back = await attempt(own, 'manager@team.test', PASSWORD);
    expect(back.status).toBe(303);
    expect((await own.get('/members')).status).toBe(200);
    // The attacker is still slowed, even if they guessed right now.
    expect((await attempt(attacker, 'manager@team.test', PASSWORD)).status).toBe(429);
  });

  it('a device cookie counts only for its own account, and only with a valid signature', async () => {
    const alices = new Browser(w.app);
    await alices.login('alice@team.test');
    const [name, value] = [...alices.jar].find(([k]) => k.startsWith('pairwise_device'))!;
    // Alice's trusted browser is an untrusted one for the manager's account.
    for (let i = 0; i < 5; i++) expect((await attempt(alices, 'manager@team.test', WRONG)).status).toBe(401);
    expect((await attempt(alices, 'manager@team.test', PASSWORD)).status).toBe(429);
    // A tampered cookie is no device cookie: Alice's account locks for that browser like for any other.
    const forged = new Browser(w.app);
    forged.jar.set(name, value.slice(0, -2) + (value.endsWith('A') ? 'BB' : 'AA'));
    for (let i = 0; i < 5; i++) await attempt(forged, 'alice@team.test', WRONG);
    expect((await attempt(forged, 'alice@team.test', PASSWORD)).status).toBe(429);
    expect((await attempt(alices, 'alice@team.test', PASSWORD)).status).toBe(303);
  });

  it('a device cookie made by one app instance is trusted by another on the same database', async () => {
    const otherDb = await openDatabase({ url: w.url });
    try {
      const other = createApp({ db: otherDb, now: () => w.clock.now });
      const own = new Browser(w.app);
      await own.login('manager@team.test');
      for (let i = 0; i < 5; i++) await attempt(new Client(other), 'manager@team.test', WRONG);
      const sameBrowser = new Browser(other);
      sameBrowser.jar = own.jar;
      expect((await attempt(sameBrowser, 'manager@team.test', PASSWORD)).status).toBe(303);
    } finally {
      otherDb.$client.close();
    }
  });

  it('failures from one address count per account: other people behind it still sign in', async () => {
    const office = new Client(w.app);
    for (const email of ['manager@team.test', 'bob@team.test', 'nobody@team.test', 'alice2@team.test', 'x@team.test']) {
      for (let i = 0; i < 5; i++) await attempt(office, email, WRONG);
    }
    expect((await attempt(new Client(w.app), 'alice@team.test', PASSWORD)).status).toBe(303);
  });

  it('reads the client address from X-Forwarded-For only when TRUST_PROXY is set', async () => {
    const spoofer = new Client(w.app);
    // Without a trusted proxy the header is the attacker's to write, so it changes nothing.
    for (let i = 0; i < 5; i++) await attempt(spoofer, 'bob@team.test', WRONG, { 'X-Forwarded-For': `198.51.100.${i}` });
    expect((await attempt(spoofer, 'bob@team.test', PASSWORD, { 'X-Forwarded-For': '198.51.100.77' })).status).toBe(429);

    const proxied = createApp({ db: w.db, now: () => w.clock.now, trustProxy: 1 });
    const attacker = new Client(proxied);
    for (let i = 0; i < 5; i++) await attempt(attacker, 'alice@team.test', WRONG, { 'X-Forwarded-For': '203.0.113.9' });
    expect((await attempt(attacker, 'alice@team.test', PASSWORD, { 'X-Forwarded-For': '203.0.113.9' })).status).toBe(429);
    // The proxy appends the real address last; what the client put before it is not believed.
    expect((await attempt(attacker, 'alice@team.test', PASSWORD, { 'X-Forwarded-For': '192.0.2.1, 203.0.113.9' })).status).toBe(429);
    expect((await attempt(new Client(proxied), 'alice@team.test', PASSWORD, { 'X-Forwarded-For': '198.51.100.20' })).status).toBe(303);
  });
});

describe('sign-in timing', () => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  it('takes as long for an unknown e-mail as for a known one with a wrong password', async () => {
    const timed = async (email: string) => {
      await w.db.delete(loginAttempts);
      const t0 = performance.now();
      const res = await attempt(new Client(w.app), email, WRONG);
      const ms = performance.now() - t0;
      expect(res.status).toBe(401);
      return ms;
    };
    await timed('alice@team.test');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 11; i++) {
      known.push(await timed('alice@team.test'));
      unknown.push(await timed(`nobody${i}@team.test`));
    }
    const [k, u] = [median(known), median(unknown)];
    console.log(`sign-in timing: known ${k.toFixed(1)} ms, unknown ${u.toFixed(1)} ms (medians of 11)`);
    // Before the dummy hash the ratio was about 1:10 (192 vs 16 ms); a loaded machine adds noise to both.
    expect(Math.min(k, u) / Math.max(k, u)).toBeGreaterThan(0.5);
  }, 60_000);
});

describe('sessions after a password change', () => {
  it('a change keeps this session and ends every other one', async () => {
    const here = await new Client(w.app).login('alice@team.test');
    const phone = await new Client(w.app).login('alice@team.test');
    const res = await here.post('/profile/password', { current: PASSWORD, password: 'a brand new password', password2: 'a brand new password' });
    expect(res.status).toBe(303);
    expect((await here.get('/profile')).status).toBe(200);
    expect((await phone.get('/profile')).status).toBe(303);
    expect(await w.db.select().from(sessions).where(eq(sessions.userId, team.alice.id))).toHaveLength(1);
  });

  it('a used set-password link ends every session of that person', async () => {
    const laptop = await new Client(w.app).login('alice@team.test');
    const link = await createPasswordLink(w.db, team.alice.id, w.clock.now);
    const res = await new Client(w.app).post(`/password/${link}`, { password: 'joons long password', password2: 'joons long password' });
    expect(res.status).toBe(303);
    expect((await laptop.get('/profile')).status).toBe(303);
    expect(await w.db.select().from(sessions).where(eq(sessions.userId, team.alice.id))).toHaveLength(0);
  });

  it('throttles wrong current passwords like sign-in', async () => {
    const c = await new Client(w.app).login('alice@team.test');
    const change = (current: string) => c.post('/profile/password', { current, password: 'a brand new password', password2: 'a brand new password' });
    for (let i = 0; i < 5; i++) expect((await change(WRONG)).status).toBe(422);
    const locked = await change(PASSWORD);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('Too many failed');
    w.clock.now = new Date(w.clock.now.getTime() + 16 * 60 * 1000);
    expect((await change(PASSWORD)).status).toBe(303);
  });
});

describe('e-mail changes from the profile', () => {
  it('shows members their e-mail read-only, with a line to ask a manager', async () => {
    const alice = await new Client(w.app).login('alice@team.test');
    const html = await (await alice.get('/profile')).text();
    expect(html).toContain('alice@team.test');
    expect(html).not.toMatch(/<input[^>]*name="email"/);
    expect(html).toContain('ask a manager');
  });

  it('refuses a member’s e-mail change the same way whether or not the address is taken', async () => {
    const alice = await new Client(w.app).login('alice@team.test');
    const post = (email: string) => alice.post('/profile', { name: 'Alice', email, locale: 'en', version: '1' });
    const taken = await post('bob@team.test');
    const free = await post('free.address@team.test');
    expect(taken.status).toBe(free.status);
    expect(taken.status).toBe(422);
    const [a, b] = [await taken.text(), await free.text()];
    expect(a).toBe(b);
    expect(a).toContain('ask a manager');
    const [row] = await w.db.select().from(users).where(eq(users.id, team.alice.id));
    expect(row.email).toBe('alice@team.test');
    // Her own address (or none) with a new name saves.
    expect((await alice.post('/profile', { name: 'Alice K', locale: 'en', version: '1' })).status).toBe(303);
    expect((await alice.post('/profile', { name: 'Alice L', email: 'ALICE@team.test', locale: 'en', version: '2' })).status).toBe(303);
  });

  it('refuses a partner’s e-mail change the same way', async () => {
    await aUser(w.db, { name: 'Pat Partner', email: 'pat@partner.test', role: 'partner' });
    const pat = await new Client(w.app).login('pat@partner.test');
    const post = (email: string) => pat.post('/profile', { name: 'Pat Partner', email, locale: 'en', version: '1' });
    const [taken, free] = [await post('manager@team.test'), await post('nobody@partner.test')];
    expect([taken.status, free.status]).toEqual([422, 422]);
    expect(await taken.text()).toBe(await free.text());
  });

  it('lets a manager still change their own e-mail', async () => {
    const m = await new Client(w.app).login('manager@team.test');
    expect((await m.post('/profile', { name: 'Mina', email: 'mina@team.test', locale: 'en', version: '1' })).status).toBe(303);
    const [row] = await w.db.select().from(users).where(eq(users.id, team.manager.id));
    expect(row.email).toBe('mina@team.test');
  });
});

describe('caching', () => {
  it('sends no-store on every answer to a signed-in user and on the set-password page; static files keep long caching', async () => {
    const m = await new Client(w.app).login('manager@team.test');
    for (const [what, res] of [
      ['page', await m.get('/matrix')],
      ['profile', await m.get('/profile')],
      ['partial', await m.get(`/members/${team.alice.id}/ratings/${team.embedding.id}/edit`, { htmx: true })],
      ['404', await m.get('/no/such/page')],
      ['redirect', await m.post('/areas', { name: 'Cached?', targetLevel: '3', minExperts: '2' })],
    ] as Array<[string, Response]>) {
      expect(res.headers.get('cache-control'), what).toBe('no-store');
    }
    const link = await createPasswordLink(w.db, team.bob.id, w.clock.now);
    expect((await new Client(w.app).get(`/password/${link}`)).headers.get('cache-control')).toBe('no-store');
    expect((await new Client(w.app).get('/static/app.css')).headers.get('cache-control')).toMatch(/max-age=\d{4,}/);
  });
});

describe('redirect targets after sign-in', () => {
  const NEXT = ['//evil.example', '/\\evil.example', '/%09/evil.example', '/\t/evil.example', '/%5Cevil.example', '/matrix\r\nSet-Cookie: x=1', '/x\nLocation: //evil', 'https://evil.example/', '\\\\evil.example', '/%2F%2Fevil.example'];
  it('lands on / for every off-site or malformed next, and never answers 500', async () => {
    for (const next of NEXT) {
      const res = await new Client(w.app).post('/login', { email: 'manager@team.test', password: PASSWORD, next });
      expect(res.status, JSON.stringify(next)).toBe(303);
      expect(res.headers.get('location'), JSON.stringify(next)).toBe('/');
    }
    const kept = await new Client(w.app).post('/login', { email: 'manager@team.test', password: PASSWORD, next: '/matrix?area=1' });
    expect(kept.headers.get('location')).toBe('/matrix?area=1');
  });

  it('does not carry an off-site next into the sign-in form', async () => {
    const html = await (await new Client(w.app).get(`/login?next=${encodeURIComponent('/%09/evil.example')}`)).text();
    expect(html).toMatch(/name="next" value="\/"/);
  });
});

describe('favicon', () => {
  it('serves an icon from /static, links it from every page, and answers /favicon.ico even before setup', async () => {
    const icon = await new Client(w.app).get('/static/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
    expect(await icon.text()).toContain('<svg');
    expect(await (await new Client(w.app).get('/login')).text()).toContain('rel="icon"');
    const empty = await freshWorld();
    try {
      const ico = await empty.app.request(`${ORIGIN}/favicon.ico`);
      expect([200, 301, 308]).toContain(ico.status);
      if (ico.status !== 200) expect(ico.headers.get('location')).toBe('/static/favicon.svg');
    } finally {
      empty.cleanup();
    }
  });
});
