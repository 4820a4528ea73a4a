// Single sign-on against a real OpenID provider (oidc-provider on a loopback port): the good sign-in and
// every way it can go wrong — state, nonce, a replayed code, who may come in, the provider down — and sign-out.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { createApp } from '../../src/app.tsx';
import type { Db } from '../../src/db/client.ts';
import * as schema from '../../src/db/schema/index.ts';
import type { AppOptions } from '../../src/app.tsx';
import type { OidcSettings } from '../../src/config.ts';
import { oidcLogins, sessions, users } from '../../src/db/schema/index.ts';
import { setActive } from '../../src/members/queries.ts';
import { createPasswordLink } from '../../src/members/queries.ts';
import { aTeam, freshWorld, NOW, ORIGIN, PASSWORD, type Team, type World } from '../helpers.ts';
import { aPartner, aPartnerUser } from '../fixtures/deals.ts';
import { ProviderBrowser, startProvider, type TestProvider } from '../oidc-provider.ts';

const CALLBACK = `${ORIGIN}/auth/oidc/callback`;

/** The app as a browser sees it: every cookie the app sets is kept and sent back (the session, the sign-on binding). */
class AppBrowser {
  cookies = new Map<string, string>();
  constructor(private world: World) {}

  async get(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if ((init.method ?? 'GET') !== 'GET') headers.set('Origin', ORIGIN);
    const res = await this.world.app.request(ORIGIN + path, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (!value || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  post(path: string, form: Record<string, string>) {
    return this.get(path, { method: 'POST', body: new URLSearchParams(form), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  }

  /** Who the session cookie belongs to, read from the database (null: not signed in). */
  async signedInAs(): Promise<string | null> {
    const res = await this.get('/profile');
    if (res.status !== 200) return null;
    const html = await res.text();
    return /value="([^"]+)"[^>]*name="email"|name="email"[^>]*value="([^"]+)"|id="f-email"[^>]*>\s*([^<\s]+)/.exec(html)?.slice(1).find(Boolean) ?? null;
  }
}

let provider: TestProvider;
beforeAll(async () => {
  provider = await startProvider({ redirectUri: CALLBACK, postLogoutRedirectUri: `${ORIGIN}/login` });
});
afterAll(() => provider.close());

let world: World;
let team: Team;
async function setUp(extra: Partial<OidcSettings> = {}, options: Omit<AppOptions, 'db' | 'now'> & { empty?: boolean } = {}) {
  world = await freshWorld({ oidc: provider.settings(extra), ...options });
  if (!options.empty) team = await aTeam(world.db);
  return world;
}

/** A loopback port nobody listens on: a provider that is down. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

async function userByEmail(email: string) {
  const [row] = await world.db.select().from(users).where(eq(users.email, email));
  return row;
}
afterEach(() => world?.cleanup());

/** From Pairwise's sign-in button to the provider's redirect back: the authorization URL and the callback URL. */
async function toProviderAndBack(app: AppBrowser, login: string, opts: { next?: string; tamper?: (u: URL) => void; at?: ProviderBrowser; abort?: boolean } = {}) {
  const start = await app.get(opts.next ? `/auth/oidc?next=${encodeURIComponent(opts.next)}` : '/auth/oidc');
  expect(start.status).toBe(303);
  const authorize = new URL(start.headers.get('location')!);
  opts.tamper?.(authorize);
  const callback = await (opts.at ?? new ProviderBrowser(provider.issuer)).signIn(authorize.href, { login, abort: opts.abort });
  expect(callback.origin + callback.pathname).toBe(CALLBACK);
  return { authorize, callback: callback.pathname + callback.search };
}

describe('single sign-on', () => {
  it('signs an invited member in with a Pairwise session like a password sign-in, and comes back to the page asked for', async () => {
    await setUp();
    const app = new AppBrowser(world);
    const { authorize, callback } = await toProviderAndBack(app, 'alice-sub', { next: '/matrix' });
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toBe('openid email profile');
    for (const p of ['state', 'nonce', 'code_challenge']) expect(authorize.searchParams.get(p)).toMatch(/^[\w-]{40,}$/);
    const back = await app.get(callback);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/matrix');
    const cookie = back.headers.getSetCookie().find((c) => c.startsWith('pairwise_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(await app.signedInAs()).toBe('alice@team.test');
    const [row] = await world.db.select().from(sessions).where(eq(sessions.userId, team.alice.id));
    expect(row.expiresAt - row.createdAt).toBe(14 * 24 * 3600 * 1000);
    expect(row.idToken).toMatch(/^ey/);
    // The provider's account is now linked to the member, and the attempt is spent.
    const [alice] = await world.db.select().from(users).where(eq(users.id, team.alice.id));
    expect([alice.oidcIssuer, alice.oidcSubject]).toEqual([provider.issuer, 'alice-sub']);
    expect(await world.db.select().from(oidcLogins)).toEqual([]);
  });

  it('refuses a callback whose state it never issued, and one from another browser, without signing anyone in', async () => {
    await setUp();
    const app = new AppBrowser(world);
    const { callback } = await toProviderAndBack(app, 'alice-sub');
    const wrong = new URL(callback, ORIGIN);
    wrong.searchParams.set('state', 'not-the-state-we-sent-at-all-0123456789abcdef');
    const res = await app.get(wrong.pathname + wrong.search);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('This sign-in expired or was already used');
    expect(await app.signedInAs()).toBeNull();

    // The real callback, opened in a browser that did not start the sign-in (a link sent to someone else).
    const other = new AppBrowser(world);
    const elsewhere = await other.get(callback);
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toContain('This sign-in was started in another browser');
    expect(await other.signedInAs()).toBeNull();
    // …and that spent it: the browser that started cannot use it afterwards either.
    expect((await app.get(callback)).status).toBe(400);
    expect(await world.db.select().from(sessions)).toEqual([]);
  });

  it('lets two tabs of one browser sign in at once', async () => {
    await setUp();
    const app = new AppBrowser(world);
    const first = await toProviderAndBack(app, 'alice-sub', { next: '/matrix' });
    const second = await toProviderAndBack(app, 'alice-sub', { next: '/areas' });
    expect((await app.get(first.callback)).headers.get('location')).toBe('/matrix');
    expect((await app.get(second.callback)).headers.get('location')).toBe('/areas');
  });

  it('refuses a replayed callback, and a spent code under a fresh state (the provider refuses it)', async () => {
    await setUp();
    const app = new AppBrowser(world);
    const { callback } = await toProviderAndBack(app, 'alice-sub');
    expect((await app.get(callback)).status).toBe(303);
    await app.post('/logout', {});

    const replay = await app.get(callback);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('This sign-in expired or was already used');

    // A new attempt whose callback carries the old code: the code exchange fails at the provider.
    const fresh = await toProviderAndBack(app, 'alice-sub');
    const spliced = new URL(fresh.callback, ORIGIN);
    spliced.searchParams.set('code', new URL(callback, ORIGIN).searchParams.get('code')!);
    const res = await app.get(spliced.pathname + spliced.search);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Sign-in did not work');
    expect(await app.signedInAs()).toBeNull();
  });

  it('refuses an ID token whose nonce is not the one stored, and a PKCE challenge that is not ours', async () => {
    await setUp();
    const app = new AppBrowser(world);
    const nonce = await toProviderAndBack(app, 'alice-sub', { tamper: (u) => u.searchParams.set('nonce', 'a-nonce-the-app-never-made-0123456789abcdefgh') });
    const res = await app.get(nonce.callback);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Sign-in did not work');
    const pkce = await toProviderAndBack(app, 'alice-sub', { tamper: (u) => u.searchParams.set('code_challenge', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM') });
    expect((await app.get(pkce.callback)).status).toBe(400);
    expect(await app.signedInAs()).toBeNull();
  });

  it("refuses an ID token whose signature is not the provider's", async () => {
    await setUp();
    const app = new AppBrowser(world);
    const { callback } = await toProviderAndBack(app, 'alice-sub');
    provider.corruptNextIdToken();
    const res = await app.get(callback);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Sign-in did not work');
    expect(await app.signedInAs()).toBeNull();
  });

  it('refuses an unverified e-mail, even when it is an invited address', async () => {
    await setUp();
    const app = new AppBrowser(world);
    const res = await app.get((await toProviderAndBack(app, 'unverified-sub')).callback);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('Your e-mail address is not verified');
    expect(html).toContain('alice@team.test');
    expect(await app.signedInAs()).toBeNull();
    expect((await userByEmail('alice@team.test')).oidcSubject).toBeNull();
  });

  it('tells an uninvited person to ask their manager, and creates nobody', async () => {
    await setUp();
    const app = new AppBrowser(world);
    const res = await app.get((await toProviderAndBack(app, 'stranger-sub')).callback);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('You are not invited yet');
    expect(html).toContain('Ask your manager to invite you');
    expect(html).toContain('stranger@elsewhere.test');
    expect(html).toContain('href="/auth/oidc"');
    expect(await userByEmail('stranger@elsewhere.test')).toBeUndefined();
  });

  it('makes a member of a new person of an allowed domain, in their language, but nobody of other domains', async () => {
    await setUp({ allowedDomains: ['team.test'] });
    const app = new AppBrowser(world);
    expect((await app.get((await toProviderAndBack(app, 'newcomer-sub')).callback)).status).toBe(303);
    const made = await userByEmail('newcomer@team.test');
    expect(made).toMatchObject({ name: '신입 한', role: 'member', locale: 'ko', active: true, oidcSubject: 'newcomer-sub', passwordHash: null });
    expect(await app.signedInAs()).toBe('newcomer@team.test');
    const stranger = new AppBrowser(world);
    expect((await stranger.get((await toProviderAndBack(stranger, 'stranger-sub')).callback)).status).toBe(403);
  });

  it('refuses a deactivated member, whether matched by e-mail or by their linked account', async () => {
    await setUp();
    await setActive(world.db, team.alice.id, team.alice.version, false);
    const app = new AppBrowser(world);
    const res = await app.get((await toProviderAndBack(app, 'alice-sub')).callback);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Your account is deactivated');

    // Bob signs in once (linked), is deactivated, and is refused by his link too.
    const bob = new AppBrowser(world);
    expect((await bob.get((await toProviderAndBack(bob, 'bob-sub')).callback)).status).toBe(303);
    await setActive(world.db, team.bob.id, team.bob.version, false);
    expect(await bob.signedInAs()).toBeNull(); // deactivating ended his session
    const again = await bob.get((await toProviderAndBack(bob, 'bob-sub')).callback);
    expect(again.status).toBe(403);
    expect(await again.text()).toContain('Your account is deactivated');
  });

  it('keeps finding a linked person after their e-mail changes at the provider, and never moves an address to another account', async () => {
    await setUp();
    const app = new AppBrowser(world);
    await app.get((await toProviderAndBack(app, 'alice-sub')).callback);
    provider.accounts.get('alice-sub')!.email = 'alice.kim@renamed.test';
    await app.post('/logout', {});
    await app.get((await toProviderAndBack(app, 'alice-sub')).callback);
    expect(await app.signedInAs()).toBe('alice@team.test');
    provider.accounts.get('alice-sub')!.email = 'Alice@Team.test';

    // Another account at the same provider claiming Alice's address is refused.
    provider.accounts.set('alice-again', { sub: 'alice-again', email: 'alice@team.test', email_verified: true, name: 'Alice again' });
    const other = new AppBrowser(world);
    const res = await other.get((await toProviderAndBack(other, 'alice-again')).callback);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('This address belongs to another company account');
    expect((await userByEmail('alice@team.test')).oidcSubject).toBe('alice-sub');
    provider.accounts.delete('alice-again');
  });

  it('grants manager to a member in the manager group, never takes it away, and never makes a partner a manager', async () => {
    await setUp({ managerGroup: 'pairwise-managers' });
    const partner = await aPartnerUser(world.db, (await aPartner(world.db)).id, 'Pat Partner');
    provider.accounts.get('bob-sub')!.groups = ['/pairwise-managers'];
    provider.accounts.get('partner-sub')!.groups = ['pairwise-managers'];
    try {
      const bob = new AppBrowser(world);
      await bob.get((await toProviderAndBack(bob, 'bob-sub')).callback);
      expect((await userByEmail('bob@team.test')).role).toBe('manager');
      provider.accounts.get('bob-sub')!.groups = [];
      await bob.post('/logout', {});
      await bob.get((await toProviderAndBack(bob, 'bob-sub')).callback);
      expect((await userByEmail('bob@team.test')).role).toBe('manager');

      const pat = new AppBrowser(world);
      const landed = await pat.get((await toProviderAndBack(pat, 'partner-sub')).callback);
      expect(landed.headers.get('location')).toBe('/deals'); // an invited partner comes in, to their deals
      expect((await userByEmail(partner.email)).role).toBe('partner');
      const alice = new AppBrowser(world);
      await alice.get((await toProviderAndBack(alice, 'alice-sub')).callback);
      expect((await userByEmail('alice@team.test')).role).toBe('member'); // not in the group
    } finally {
      provider.accounts.get('bob-sub')!.groups = undefined;
      provider.accounts.get('partner-sub')!.groups = undefined;
    }
  });

  it('answers a cancelled sign-in and every malformed callback with 400 and a page, never a 500', async () => {
    await setUp();
    const app = new AppBrowser(world);
    const { callback } = await toProviderAndBack(app, 'alice-sub', { abort: true });
    expect(new URL(callback, ORIGIN).searchParams.get('error')).toBe('access_denied');
    const denied = await app.get(callback);
    expect(denied.status).toBe(400);
    expect(await denied.text()).toContain('Sign-in was cancelled');

    const state = new URL((await app.get('/auth/oidc')).headers.get('location')!).searchParams.get('state')!;
    for (const query of ['', '?code=abc', '?state=garbage', `?state=${state}&state=${state}&code=x`, `?state=${'x'.repeat(5000)}`, '?code=&state=', `?error=server_error&state=garbage`, `?state=${state}`]) {
      const res = await app.get(`/auth/oidc/callback${query}`);
      expect(res.status, query).toBe(400);
      expect(await res.text(), query).toMatch(/Sign-in did not work|This sign-in expired or was already used/);
    }
  });

  it('sends a sign-in back to start again when its 10 minutes ran out, and when the provider expired the code', async () => {
    await setUp();
    const app = new AppBrowser(world);
    const { callback } = await toProviderAndBack(app, 'alice-sub');
    world.clock.now = new Date(world.clock.now.getTime() + 11 * 60 * 1000);
    const late = await app.get(callback);
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('This sign-in expired or was already used');

    const second = await toProviderAndBack(app, 'alice-sub');
    provider.expire('AuthorizationCode');
    const res = await app.get(second.callback);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Sign-in did not work');
    expect(await app.signedInAs()).toBeNull();
  });

  it("signs in again without the provider's login while its session lasts, and asks for it once that session expired", async () => {
    await setUp();
    const app = new AppBrowser(world);
    const at = new ProviderBrowser(provider.issuer);
    await app.get((await toProviderAndBack(app, 'alice-sub', { at })).callback);
    expect(at.prompts).toEqual(['login', 'consent']);
    // Signed out of Pairwise only (the session row is gone), the provider still knows the browser.
    await world.db.delete(sessions);
    await app.get((await toProviderAndBack(app, 'alice-sub', { at })).callback);
    expect(at.prompts).toEqual([]);
    expect(await app.signedInAs()).toBe('alice@team.test');

    await world.db.delete(sessions);
    provider.expire('Session');
    await app.get((await toProviderAndBack(app, 'alice-sub', { at })).callback);
    expect(at.prompts[0]).toBe('login');
    expect(await app.signedInAs()).toBe('alice@team.test');
  });

  it('says the provider cannot be reached when it is down, and password sign-in still works', async () => {
    await setUp({ issuer: `http://127.0.0.1:${await closedPort()}` });
    const app = new AppBrowser(world);
    const res = await app.get('/auth/oidc');
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(html).toContain('The company sign-in cannot be reached');
    expect(html).toContain('Signing in with your e-mail and password still works.');
    expect(await world.db.select().from(oidcLogins)).toEqual([]);
    const login = await app.post('/login', { email: 'alice@team.test', password: PASSWORD });
    expect(login.status).toBe(303);
    expect(await app.signedInAs()).toBe('alice@team.test');
  });

  it('says the provider cannot be reached when it goes down between the way out and the way back', async () => {
    const short = await startProvider({ redirectUri: CALLBACK, postLogoutRedirectUri: `${ORIGIN}/login` });
    world = await freshWorld({ oidc: short.settings() });
    team = await aTeam(world.db);
    const app = new AppBrowser(world);
    const start = await app.get('/auth/oidc');
    const callback = await new ProviderBrowser(short.issuer).signIn(start.headers.get('location')!, { login: 'alice-sub' });
    await short.close();
    const res = await app.get(callback.pathname + callback.search);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('The company sign-in cannot be reached');
  });

  it("signs out at the provider too: its end-session endpoint with the ID token as hint, back to Pairwise's sign-in page", async () => {
    await setUp();
    // The sign-out form's redirect to the provider must be allowed by the page's Content-Security-Policy.
    expect((await new AppBrowser(world).get('/login')).headers.get('content-security-policy')).toContain(`form-action 'self' ${provider.issuer}`);
    const app = new AppBrowser(world);
    const at = new ProviderBrowser(provider.issuer);
    await app.get((await toProviderAndBack(app, 'alice-sub', { at })).callback);
    const [{ idToken }] = await world.db.select().from(sessions);
    const out = await app.post('/logout', {});
    expect(out.status).toBe(303);
    const end = new URL(out.headers.get('location')!);
    expect(end.origin + end.pathname).toBe(`${provider.issuer}/session/end`);
    expect(end.searchParams.get('id_token_hint')).toBe(idToken);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${ORIGIN}/login`);
    expect(await world.db.select().from(sessions)).toEqual([]);
    expect(await app.signedInAs()).toBeNull();
    const back = await at.signOut(end.href);
    expect(back.href).toBe(`${ORIGIN}/login`);
    // The provider's session is over: the next sign-in asks for the login again.
    await app.get((await toProviderAndBack(app, 'alice-sub', { at })).callback);
    expect(at.prompts[0]).toBe('login');

    // A password session signs out here only.
    const pw = new AppBrowser(world);
    await pw.post('/login', { email: 'bob@team.test', password: PASSWORD });
    expect((await pw.post('/logout', {})).headers.get('location')).toBe('/login');
  });

  it('shows the button on the sign-in page, with the provider named when configured', async () => {
    await setUp({ providerName: 'Keycloak' });
    const html = await (await new AppBrowser(world).get('/login?next=%2Fmatrix')).text();
    expect(html).toContain('href="/auth/oidc?next=%2Fmatrix"');
    expect(html).toContain('Sign in with Keycloak');
    expect(html).toContain('name="password"');
    world.cleanup();
    await setUp({ providerName: '사내 계정' });
    const ko = await (await new AppBrowser(world).get('/login', { headers: { 'Accept-Language': 'ko' } })).text();
    expect(ko).toContain('사내 계정으로 로그인');
    world.cleanup();
    await setUp();
    expect(await (await new AppBrowser(world).get('/login')).text()).toContain('Sign in with your company account');
  });
});

describe('the cost of a sign-in', () => {
  /** Statements of the way out and the way back for a new member of an allowed domain, in a team of `size` more people. */
  async function statementsOfSignIn(size: number) {
    await setUp({ allowedDomains: ['team.test'], managerGroup: 'pairwise-managers' });
    if (size) await world.db.insert(users).values(Array.from({ length: size }, (_, i) => ({ name: `Person ${i}`, email: `p${i}@team.test`, role: 'member' as const, createdAt: NOW.getTime() })));
    const counter = { n: 0 };
    const counted = drizzle(world.db.$client, { schema, logger: { logQuery: () => void counter.n++ } }) as unknown as Db;
    const app = new AppBrowser({ ...world, app: createApp({ db: counted, now: () => NOW, oidc: provider.settings({ allowedDomains: ['team.test'], managerGroup: 'pairwise-managers' }) }) });
    await app.get('/login'); // the setup gate's one-time check
    counter.n = 0;
    const { callback } = await toProviderAndBack(app, 'newcomer-sub');
    const out = counter.n;
    counter.n = 0;
    expect((await app.get(callback)).status).toBe(303);
    const back = counter.n;
    world.cleanup();
    return { out, back };
  }

  it('runs the same statements for a small and a large team (the new member is created, linked and made manager)', async () => {
    const small = await statementsOfSignIn(0);
    const large = await statementsOfSignIn(400);
    expect(large).toEqual(small);
    expect(small.back).toBeLessThan(20);
  });
});

describe('with password sign-in turned off', () => {
  it('has no password form, refuses password posts and set-password links with a page saying how to sign in', async () => {
    await setUp({}, { passwordLogin: false });
    const app = new AppBrowser(world);
    const page = await (await app.get('/login')).text();
    expect(page).toContain('Sign in with your company account');
    expect(page).not.toContain('name="password"');
    const post = await app.post('/login', { email: 'alice@team.test', password: PASSWORD });
    expect(post.status).toBe(403);
    expect(await post.text()).toContain('Password sign-in is turned off here');
    expect(await app.signedInAs()).toBeNull();
    const link = await createPasswordLink(world.db, team.bob.id, world.clock.now);
    expect((await app.get(`/password/${link}`)).status).toBe(403);
    expect((await app.post(`/password/${link}`, { password: 'a new password here', password2: 'a new password here' })).status).toBe(403);

    await app.get((await toProviderAndBack(app, 'alice-sub')).callback);
    const profile = await (await app.get('/profile')).text();
    expect(profile).toContain('Pairwise keeps no password for you');
    expect(profile).not.toContain('action="/profile/password"');
    expect((await app.post('/profile/password', { current: PASSWORD, password: 'another password 1', password2: 'another password 1' })).status).toBe(403);
    expect(app.cookies.has('pairwise_device_' + team.alice.id)).toBe(false);
  });

  it('sets up an empty Pairwise through single sign-on: the first person to sign in becomes the manager', async () => {
    await setUp({}, { passwordLogin: false, empty: true });
    const app = new AppBrowser(world);
    expect((await app.get('/')).headers.get('location')).toBe('/setup');
    const setup = await (await app.get('/setup')).text();
    expect(setup).toContain('the first person to sign in becomes the manager');
    expect(setup).not.toContain('name="password"');
    expect((await app.post('/setup', { name: 'X', email: 'x@team.test', password: PASSWORD, password2: PASSWORD })).status).toBe(403);
    await app.get((await toProviderAndBack(app, 'stranger-sub')).callback);
    expect((await userByEmail('stranger@elsewhere.test')).role).toBe('manager');
    // The second is not: they need an invitation like anyone else.
    const next = new AppBrowser(world);
    expect((await next.get((await toProviderAndBack(next, 'bob-sub')).callback)).status).toBe(403);
  });
});
