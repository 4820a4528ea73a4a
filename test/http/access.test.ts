// Walks the whole access table: every route × {anonymous, member, other member, manager, partner}.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS, allows, type Rule } from '../../src/auth/access.ts';
import { insertUser } from '../../src/members/queries.ts';
import { aTeam, Client, freshWorld, passwordHash, signedIn, NOW, type World } from '../helpers.ts';

let w: World;
let ids: Record<string, number>;
const clients: Record<string, Client | null> = {};

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
      for (const role of Object.keys(who) as Array<keyof typeof who>) {
        const client = clients[role] ?? new Client(w.app);
        const res = method === 'GET' ? await client.get(path) : await client.post(path, {});
        const allowed = expectedAllowed(rule, role, path, pattern);
        const where = `${role} ${method} ${path} → ${res.status}`;
        expect(res.status, where).toBeLessThan(500);
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
