import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions, users } from '../../src/db/schema/index.ts';
import { hashToken } from '../../src/auth/tokens.ts';
import { Client, freshWorld, aTeam, PASSWORD, type World } from '../helpers.ts';

let w: World;
beforeEach(async () => (w = await freshWorld()));
afterEach(() => w.cleanup());

describe('first run', () => {
  it('sends every page to /setup until the first manager exists', async () => {
    const c = new Client(w.app);
    for (const path of ['/', '/matrix', '/login', '/members/1']) {
      const res = await c.get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe('/setup');
    }
    expect((await c.get('/healthz')).status).toBe(200);
  });

  it('creates the first manager, signs them in, and then closes /setup', async () => {
    const c = new Client(w.app);
    const bad = await c.post('/setup', { name: 'Ada', email: 'not-an-email', password: 'short', password2: 'short' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('A valid email address');
    expect(html).toContain('At least 10 characters');
    expect(await w.db.select().from(users)).toHaveLength(0);

    const ok = await c.post('/setup', { name: '김민아', email: 'Mina@Team.test', password: PASSWORD, password2: PASSWORD });
    expect(ok.status).toBe(303);
    const [u] = await w.db.select().from(users);
    expect(u).toMatchObject({ name: '김민아', email: 'mina@team.test', role: 'manager' });
    expect(u.passwordHash).toMatch(/^scrypt\$/);
    expect((await c.get('/')).status).toBe(200);

    const again = await new Client(w.app).post('/setup', { name: 'Eve', email: 'eve@team.test', password: PASSWORD, password2: PASSWORD });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/login');
    expect(await w.db.select().from(users)).toHaveLength(1);
  });
});

describe('sign-in and sessions', () => {
  it('signs in with the right password, stores only a hash of the token, and signs out', async () => {
    await aTeam(w.db);
    const c = new Client(w.app);
    const res = await c.post('/login', { email: 'ALICE@team.test', password: PASSWORD });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((x) => x.startsWith('pairwise_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/); // localhost
    const token = c.cookie.split('=')[1];
    const stored = await w.db.select().from(sessions);
    expect(stored).toHaveLength(1);
    expect(stored[0].tokenHash).toBe(hashToken(token));
    expect(stored[0].tokenHash).not.toBe(token);

    expect((await c.post('/logout', {})).status).toBe(303);
    expect(await w.db.select().from(sessions)).toHaveLength(0);
    expect((await c.get('/')).status).toBe(303);
  });

  it('sets Secure on the cookie when not on localhost', async () => {
    await aTeam(w.db);
    const res = await w.app.request('https://pairwise.example/login', {
      method: 'POST',
      headers: { Origin: 'https://pairwise.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'alice@team.test', password: PASSWORD }),
    });
    expect(res.headers.getSetCookie().find((x) => x.startsWith('pairwise_session='))).toMatch(/Secure/);
  });

  it('rotates the session at sign-in', async () => {
    await aTeam(w.db);
    const c = await new Client(w.app).login('alice@team.test');
    const first = c.cookie;
    await c.login('alice@team.test');
    expect(c.cookie).not.toBe(first);
    expect(await w.db.select().from(sessions)).toHaveLength(1);
  });

  it('refuses expired and forged tokens', async () => {
    await aTeam(w.db);
    const c = await new Client(w.app).login('alice@team.test');
    const forged = new Client(w.app);
    forged.cookie = 'pairwise_session=forged-token-value';
    expect((await forged.get('/')).status).toBe(303);
    w.clock.now = new Date(w.clock.now.getTime() + 15 * 24 * 3600 * 1000);
    expect((await c.get('/')).status).toBe(303);
  });

  it('locks an email after five failures with a clear message', async () => {
    await aTeam(w.db);
    const c = new Client(w.app);
    for (let i = 0; i < 5; i++) expect((await c.post('/login', { email: 'alice@team.test', password: 'wrong password!' })).status).toBe(401);
    const locked = await c.post('/login', { email: 'alice@team.test', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain('Too many failed sign-ins');
    w.clock.now = new Date(w.clock.now.getTime() + 16 * 60 * 1000);
    expect((await c.post('/login', { email: 'alice@team.test', password: PASSWORD })).status).toBe(303);
  });

  it('does not let a deactivated member in', async () => {
    const { alice } = await aTeam(w.db);
    await w.db.update(users).set({ active: false }).where(eq(users.id, alice.id));
    expect((await new Client(w.app).post('/login', { email: 'alice@team.test', password: PASSWORD })).status).toBe(401);
  });

  it('refuses a cross-origin form post (CSRF)', async () => {
    await aTeam(w.db);
    const c = await new Client(w.app).login('manager@team.test');
    const res = await c.post('/members', { name: 'Mallory', email: 'm@x.test', role: 'manager', capacity: '10' }, { headers: { Origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(await w.db.select().from(users).where(eq(users.email, 'm@x.test'))).toHaveLength(0);
  });

  it('sends a CSP and the other secure headers', async () => {
    const res = await w.app.request('/healthz');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBeTruthy();
  });
});

describe('set-password links', () => {
  it('a manager adds a member who sets a password once with the link', async () => {
    await aTeam(w.db);
    const m = await new Client(w.app).login('manager@team.test');
    const res = await m.post('/members', { name: 'Joon', email: 'joon@team.test', role: 'member', capacity: '8' });
    expect(res.status).toBe(200);
    const link = /value="http:\/\/localhost(\/password\/[\w-]+)"/.exec(await res.text())![1];
    const joon = new Client(w.app);
    expect((await joon.get(link)).status).toBe(200);
    expect((await joon.post(link, { password: 'short', password2: 'short' })).status).toBe(422);
    expect((await joon.post(link, { password: 'joons long password', password2: 'joons long password' })).status).toBe(303);
    expect((await joon.post(link, { password: 'another long password', password2: 'another long password' })).status).toBe(404);
    await joon.login('joon@team.test', 'joons long password');
    expect((await joon.get('/')).status).toBe(200);
  });
});
