// Single sign-on against a real OpenID provider (oidc-provider on a loopback port): the good sign-in and
// every way it can go wrong — state, nonce, PKCE, the signature, a replayed or expired code, the provider
// down — and sign-out at the provider. Who may come in: oidc-people.test.ts.
import { describe, expect, it } from 'vitest';
import { oidcLogins, sessions, users } from '../../src/db/schema/index.ts';
import { eq } from 'drizzle-orm';
import { ORIGIN, PASSWORD } from '../helpers.ts';
import { ProviderBrowser, startProvider } from '../oidc-provider.ts';
import { AppBrowser, CALLBACK, closedPort, provider, setUp, team, toProviderAndBack, useSsoWorlds, world } from './oidc-world.ts';

useSsoWorlds();

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
    await setUp({}, {}, short);
    const app = new AppBrowser(world);
    const { callback } = await toProviderAndBack(app, 'alice-sub', { issuer: short.issuer });
    await short.close();
    const res = await app.get(callback);
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
