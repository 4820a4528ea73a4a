// Walks the whole access table: every route × {anonymous, member, other member, manager, partner}.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS, allows, type Rule } from '../../src/auth/access.ts';
import { insertUser } from '../../src/members/queries.ts';
import { aTeam, Client, freshWorld, passwordHash, signedIn, NOW, ORIGIN, type World } from '../helpers.ts';
import { aToken } from '../fixtures/api.ts';

let w: World;
let ids: Record<string, number>;
const clients: Record<string, Client | null> = {};
/** The API signs in with bearer tokens only (a cookie is nobody there): one per role. */
const tokens: Record<string, string | null> = {};

beforeAll(async () => {
  w = await freshWorld();
  const team = await aTeam(w.db);
  const partner = await insertUser(w.db, { name: 'Pat Partner', email: 'pat@partner.test', role: 'partner', passwordHash: await passwordHash() }, NOW);
  ids = { manager: team.manager.id, alice: team.alice.id, bob: team.bob.id, area: team.embedding.id, partner: partner.id };
  clients.anonymous = null;
  clients.member = await signedIn(w.app, 'alice@team.test');
  clients.otherMember = await signedIn(w.app, 'bob@team.test');
  clients.manager = await signedIn(w.app, 'manager@team.test');
  clients.partner = await signedIn(w.app, 'pat@partner.test');
});

/** Fresh tokens for an API route: a route walked before (POST /profile/tokens/:id/revoke) may have revoked older ones. */
async function freshTokens() {
  tokens.anonymous = null;
  await w.db.$client.execute({ sql: 'update api_tokens set revoked_at = ? where revoked_at is null', args: [NOW.getTime()] });
  for (const [role, id] of [['member', ids.alice], ['otherMember', ids.bob], ['manager', ids.manager], ['partner', ids.partner]] as const) tokens[role] = await aToken(w.db, id);
}
afterAll(() => w.cleanup());

/** A concrete path for a route pattern: `:id` is Alice (the "member"), other ids point at real records. */
function concrete(pattern: string): string {
  return pattern
    .replace('/*', '/app.css')
    .replace(/:(\w+)/g, (_, name: string) => {
      if (name === 'id') return String(ids.alice);
      if (name === 'areaId') return String(ids.area);
      if (name === 'token') return 'not-a-token';
      return '1';
    });
}

const who = {
  anonymous: null,
  member: () => ({ id: ids.alice, role: 'member' as const }),
  otherMember: () => ({ id: ids.bob, role: 'member' as const }),
  manager: () => ({ id: ids.manager, role: 'manager' as const }),
  partner: () => ({ id: ids.partner, role: 'partner' as const }),
};

function expectedAllowed(rule: Rule, role: keyof typeof who, path: string, pattern: string): boolean {
  const user = who[role] ? (who[role] as () => { id: number; role: 'member' | 'manager' | 'partner' })() : null;
  const params: Record<string, string> = {};
  if (pattern.includes(':id')) params.id = String(ids.alice);
  void path;
  return allows(rule, user, params);
}

describe('the access table', () => {
  it('lists every route the app serves, and nothing the app does not serve', () => {
    const served = new Set(
      w.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`),
    );
    const missing = [...served].filter((r) => !(r in ACCESS));
    expect(missing, 'routes without an access rule').toEqual([]);
    const stale = Object.keys(ACCESS).filter((r) => !served.has(r));
    expect(stale, 'access rules for routes that do not exist').toEqual([]);
  });

  for (const [route, rule] of Object.entries(ACCESS)) {
    const [method, pattern] = route.split(' ');
    it(`${route}`, async () => {
      const path = concrete(pattern);
      const api = pattern.startsWith('/api/');
      if (api) await freshTokens();
      for (const role of Object.keys(who) as Array<keyof typeof who>) {
        const client = clients[role] ?? new Client(w.app);
        const token = tokens[role];
        const res = api
          ? await w.app.request(ORIGIN + path, { method, headers: token ? { Authorization: `Bearer ${token}` } : {} })
          : method === 'GET'
            ? await client.get(path)
            : await client.post(path, {});
        const allowed = expectedAllowed(rule, role, path, pattern);
        const where = `${role} ${method} ${path} → ${res.status}`;
        expect(res.status, where).toBeLessThan(500);
        if (api) {
          // JSON whatever the answer; no sign-in redirect, no HTML.
          expect(res.headers.get('content-type') ?? '', where).toMatch(/^application\/json/);
          const code = ((await res.json()) as { error?: { code: string } }).error?.code;
          if (allowed) expect([200, 404], where).toContain(res.status); // 404: no such record in this world
          else expect([res.status, code], where).toEqual(role === 'anonymous' ? [401, 'unauthorized'] : [403, 'forbidden']);
          continue;
        }
        if (allowed) {
          expect([401, 403], where).not.toContain(res.status);
          expect(res.headers.get('location') ?? '', where).not.toMatch(/^\/login\?/);
        } else if (role === 'anonymous') {
          if (method === 'GET') {
            expect(res.status, where).toBe(303);
            expect(res.headers.get('location'), where).toMatch(/^\/login\?next=/);
          } else expect(res.status, where).toBe(401);
        } else {
          expect(res.status, where).toBe(403);
          const body = await res.text();
          expect(body, where).toContain('Not allowed');
        }
      }
      // Sessions may have been ended by a route (logout): sign the clients in again for the next route.
      if (route === 'POST /logout') {
        clients.member = await signedIn(w.app, 'alice@team.test');
        clients.otherMember = await signedIn(w.app, 'bob@team.test');
        clients.manager = await signedIn(w.app, 'manager@team.test');
        clients.partner = await signedIn(w.app, 'pat@partner.test');
      }
    });
  }
});
