// Who may come in through single sign-on, against a real provider: invited people by verified e-mail,
// then by their provider account; new members of allowed domains; the manager group; passwords off.
import { describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/libsql';
import { createApp } from '../../src/app.tsx';
import type { Db } from '../../src/db/client.ts';
import * as schema from '../../src/db/schema/index.ts';
import { users } from '../../src/db/schema/index.ts';
import { createPasswordLink, setActive } from '../../src/members/queries.ts';
import { NOW, PASSWORD } from '../helpers.ts';
import { aPartner, aPartnerUser } from '../fixtures/deals.ts';
import { AppBrowser, provider, setUp, team, toProviderAndBack, userByEmail, useSsoWorlds, world } from './oidc-world.ts';

useSsoWorlds();

describe('who may come in', () => {
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
    await setActive(world.db, team.alice.id, team.alice.version, false, NOW);
    const app = new AppBrowser(world);
    const res = await app.get((await toProviderAndBack(app, 'alice-sub')).callback);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Your account is deactivated');

    // Bob signs in once (linked), is deactivated, and is refused by his link too.
    const bob = new AppBrowser(world);
    expect((await bob.get((await toProviderAndBack(bob, 'bob-sub')).callback)).status).toBe(303);
    await setActive(world.db, team.bob.id, team.bob.version, false, NOW);
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
