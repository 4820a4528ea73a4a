// API tokens on the profile page: made and shown once (only a hash kept), listed, revoked (refused at once), names checked.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { apiTokens } from '../../src/db/schema/index.ts';
import { MAX_ACTIVE_TOKENS } from '../../src/auth/api-tokens.ts';
import { eachTestWithTeam, ORIGIN, signedIn, type Team, type World } from '../helpers.ts';
import { aToken } from '../fixtures/api.ts';
import { text } from '../fixtures/work.ts';

let w: World;
let team: Team;
eachTestWithTeam((world, made) => {
  w = world;
  team = made;
});

const me = (token: string) => w.app.request(`${ORIGIN}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
const tokenIn = (html: string) => /value="(pw_[A-Za-z0-9_-]{43})"/.exec(html)?.[1];
const rowsOf = (userId: number) => w.db.select().from(apiTokens).where(eq(apiTokens.userId, userId));

describe('the API tokens section of /profile', () => {
  it('says what a token is for and how to make one when there is none', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    const page = text(await (await alice.get('/profile')).text());
    expect(page).toContain('API tokens');
    expect(page).toContain('You have no API tokens. Make one below');
    expect(page).toContain('Authorization: Bearer');
  });

  it('shows a new token once, keeps only its SHA-256 and prefix, and the token reads the API as its owner', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    const res = await alice.post('/profile/tokens', { name: 'team dashboard' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const token = tokenIn(html)!;
    expect(token).toBeDefined();
    expect(text(html)).toContain('The token "team dashboard" is ready. Copy it now: it is shown only this once');
    expect(html).toContain('data-copy="new-token"');
    const [row] = await rowsOf(team.alice.id);
    expect(row).toMatchObject({ name: 'team dashboard', prefix: token.slice(0, 9), tokenHash: createHash('sha256').update(token).digest('base64url'), revokedAt: null, lastUsedAt: null });
    expect(JSON.stringify(await w.db.$client.execute('select * from api_tokens').then((r) => r.rows))).not.toContain(token);
    expect(await (await me(token)).json()).toMatchObject({ id: team.alice.id, role: 'member' });
    // Shown once: the profile lists it by name and prefix from now on, never the token.
    const later = await (await alice.get('/profile')).text();
    expect(later).not.toContain(token);
    expect(text(later)).toContain(`team dashboard ${token.slice(0, 9)}…`);
    expect(text(later)).toContain('Last used');
    expect(text(later)).toMatch(/pw_\S+… Nov 2, 2026 today Revoke/);
  });

  it('refuses a revoked token at once, and nobody revokes another person\'s token', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    const bob = await signedIn(w.app, 'bob@team.test');
    const token = tokenIn(await (await alice.post('/profile/tokens', { name: 'script' })).text())!;
    const [row] = await rowsOf(team.alice.id);
    expect((await me(token)).status).toBe(200);
    expect((await bob.post(`/profile/tokens/${row.id}/revoke`, {})).status).toBe(404);
    expect((await me(token)).status).toBe(200);
    const revoked = await alice.post(`/profile/tokens/${row.id}/revoke`, {});
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/profile#api-tokens');
    expect(decodeURIComponent(decodeURIComponent(revoked.headers.get('set-cookie') ?? ''))).toContain('The token is revoked');
    expect((await me(token)).status).toBe(401);
    expect((await rowsOf(team.alice.id))[0].revokedAt).not.toBeNull();
    expect(text(await (await alice.get('/profile')).text())).toContain('You have no API tokens');
    expect((await alice.post(`/profile/tokens/${row.id}/revoke`, {})).status).toBe(404);
  });

  it('checks the name (422, nothing written) and holds at most the limit of working tokens', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    for (const name of ['', '   ', 'x'.repeat(61)]) {
      const res = await alice.post('/profile/tokens', { name });
      expect(res.status, JSON.stringify(name)).toBe(422);
      const html = await res.text();
      expect(tokenIn(html)).toBeUndefined();
      expect(text(html)).toMatch(name.length > 60 ? /At most 60 characters/ : /Required/);
    }
    expect(await rowsOf(team.alice.id)).toEqual([]);
    for (let i = 0; i < MAX_ACTIVE_TOKENS; i++) await aToken(w.db, team.alice.id, `tool ${i}`);
    const full = await alice.post('/profile/tokens', { name: 'one more' });
    expect(full.status).toBe(422);
    expect(text(await full.text())).toContain(`You hold ${MAX_ACTIVE_TOKENS} tokens, the most one person may`);
    expect(await rowsOf(team.alice.id)).toHaveLength(MAX_ACTIVE_TOKENS);
  });

  it('keeps the tokens section on a rejected profile form', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    await aToken(w.db, team.alice.id, 'kept in view');
    const res = await alice.post('/profile', { name: '', locale: '', version: '1' });
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('kept in view');
  });

  it('lets a partner make a token that reads their deals, and speaks Korean', async () => {
    const { aPartner, aPartnerUser } = await import('../fixtures/deals.ts');
    const partner = await aPartner(w.db);
    await aPartnerUser(w.db, partner.id, 'Pat Partner');
    const pat = await signedIn(w.app, 'pat.partner@partner.test');
    await pat.post('/lang', { to: 'ko', back: '/profile' });
    const res = await pat.post('/profile/tokens', { name: '협업 대시보드' });
    const html = await res.text();
    expect(text(html)).toContain('"협업 대시보드" 토큰을 만들었어요');
    const token = tokenIn(html)!;
    const deals = await w.app.request(`${ORIGIN}/api/v1/deals`, { headers: { Authorization: `Bearer ${token}` } });
    expect(deals.status).toBe(200);
    expect((await w.app.request(`${ORIGIN}/api/v1/members`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(403);
  });
});
