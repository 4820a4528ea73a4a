// The read-only API: every endpoint × caller, scoping as the pages scope, pages, bad parameters, the rate limit and the OpenAPI document.
import { Validator } from '@seriousme/openapi-schema-validator';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.tsx';
import { ACCESS, allows } from '../../src/auth/access.ts';
import { setArchived } from '../../src/areas/queries.ts';
import { anArea, freshWorld, NOW, ORIGIN, signedIn, type World } from '../helpers.ts';
import { anApiWorld, aToken, type ApiWorld } from '../fixtures/api.ts';

let w: World;
let a: ApiWorld;
/** The document, and its schemas with every $ref resolved (for checking answers against it). */
let doc: { paths: Record<string, Record<string, OpenApiOperation>>; components: { securitySchemes: Record<string, unknown> }; servers: Array<{ url: string }> };
let resolved: typeof doc;

type OpenApiOperation = { responses: Record<string, { content?: Record<string, { schema: unknown }> }>; parameters?: unknown[] };

beforeAll(async () => {
  w = await freshWorld();
  a = await anApiWorld(w.db);
  const archived = await anArea(w.db, 'retired topic');
  await setArchived(w.db, archived.id, archived.version, NOW.getTime());
  const validator = new Validator();
  const res = await get('/api/v1/openapi.json');
  const result = await validator.validate(await res.json());
  expect(result.errors ?? []).toEqual([]);
  doc = validator.specification as typeof doc;
  resolved = validator.resolveRefs() as typeof doc;
});
afterAll(() => w.cleanup());

function get(path: string, token?: string, app = w.app) {
  return app.request(ORIGIN + path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

async function json<T = any>(res: Response): Promise<T> {
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  return (await res.json()) as T;
}

/** The answer checked against the document's own schema of that route's 200 (not the schema that produced it: the document must tell the truth). */
function matchesDocument(pattern: string, body: unknown) {
  const path = pattern.replace('/api/v1', '').replace(/:(\w+)/g, '{$1}');
  const schema = resolved.paths[path]?.get?.responses['200']?.content?.['application/json']?.schema;
  expect(schema, `document schema of ${path}`).toBeDefined();
  const parsed = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(body);
  expect(parsed.success ? [] : parsed.error.issues, `${path} answers what the document says`).toEqual([]);
}

const API_ROUTES = Object.entries(ACCESS).filter(([route]) => route.startsWith('GET /api/v1/'));

type Caller = 'manager' | 'member' | 'partner' | 'none' | 'revoked' | 'deactivated' | 'garbage';
const CALLERS: Caller[] = ['manager', 'member', 'partner', 'none', 'revoked', 'deactivated', 'garbage'];

/** A concrete path: `:id` is Alice for the member routes, partner A's deal for the deal route. */
const concrete = (pattern: string) => pattern.replace(':id', String(pattern.startsWith('/api/v1/deals') ? a.dealA.id : a.alice.id));

describe('every endpoint × caller', () => {
  for (const [route, rule] of API_ROUTES) {
    const pattern = route.slice('GET '.length);
    it(route, async () => {
      for (const caller of CALLERS) {
        const token = caller === 'none' ? undefined : a.tokens[caller];
        const res = await get(concrete(pattern), token);
        const where = `${caller} ${pattern} → ${res.status}`;
        const body = await json(res);
        if (caller === 'revoked' || caller === 'deactivated' || caller === 'garbage') {
          expect(res.status, where).toBe(401);
          expect(body.error.code, where).toBe('unauthorized');
          expect(res.headers.get('www-authenticate'), where).toContain('invalid_token');
          continue;
        }
        const user = caller === 'none' ? null : { id: 0, role: caller };
        if (allows(rule, user, {})) {
          expect(res.status, where).toBe(200);
          if (!pattern.endsWith('openapi.json')) matchesDocument(pattern, body);
        } else if (caller === 'none') {
          expect(res.status, where).toBe(401);
          expect(body.error.code, where).toBe('unauthorized');
          expect(res.headers.get('www-authenticate'), where).toMatch(/^Bearer/);
        } else {
          expect(res.status, where).toBe(403);
          expect(body).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
        }
      }
    });
  }

  it('never signs in with a cookie, never redirects to the sign-in page, and has no CSRF check to trip', async () => {
    const manager = await signedIn(w.app, 'manager@team.test');
    const res = await manager.get('/api/v1/members');
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe('unauthorized');
    const posted = await w.app.request(`${ORIGIN}/api/v1/members`, { method: 'POST', headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Bearer ${a.tokens.manager}` }, body: 'x=1' });
    expect(posted.status).toBe(404);
    expect((await json(posted)).error.code).toBe('not_found');
  });

  it('answers JSON for an unknown API address and for a malformed Authorization header', async () => {
    const unknown = await get('/api/v1/nothing-here', a.tokens.manager);
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.code).toBe('not_found');
    const basic = await w.app.request(`${ORIGIN}/api/v1/me`, { headers: { Authorization: 'Basic bWU6cGFzcw==' } });
    expect(basic.status).toBe(401);
    expect((await json(basic)).error.code).toBe('unauthorized');
  });

  it('stops a deactivated person\'s token at once, and it works again after reactivation', async () => {
    const token = await aToken(w.db, a.bob.id, 'deactivation check');
    expect((await get('/api/v1/me', token)).status).toBe(200);
    const manager = await signedIn(w.app, 'manager@team.test');
    const { setActive, getUser } = await import('../../src/members/queries.ts');
    const bob = (await getUser(w.db, a.bob.id))!;
    expect((await manager.post(`/members/${bob.id}/active`, { active: '0', version: String(bob.version) })).status).toBe(303);
    expect((await get('/api/v1/me', token)).status).toBe(401);
    await setActive(w.db, bob.id, bob.version + 1, true, NOW);
    expect((await get('/api/v1/me', token)).status).toBe(200);
  });
});

describe('scoped as the pages are', () => {
  const aliceRating = async (token: string) => {
    const body = await json(await get(`/api/v1/ratings?memberId=${a.alice.id}&areaId=${a.embedding.id}`, token));
    expect(body.data).toHaveLength(1);
    return body.data[0];
  };

  it('shows the manager note to managers and the rated member only, with the effective level', async () => {
    expect(await aliceRating(a.tokens.member)).toMatchObject({ level: 4, selfLevel: 3, managerLevel: 4, interest: 2, managerNote: 'ready to review others', stale: false });
    expect((await aliceRating(a.tokens.manager)).managerNote).toBe('ready to review others');
    expect(await aliceRating(a.tokens.otherMember)).toMatchObject({ level: 4, managerNote: null });
  });

  it("leaves manager-note changes out of a member's history for other members, as the stat card does", async () => {
    const fields = async (token: string) => (await json(await get(`/api/v1/members/${a.alice.id}/history`, token))).data.map((h: { field: string }) => h.field);
    expect(await fields(a.tokens.member)).toContain('managerNote');
    expect(await fields(a.tokens.manager)).toContain('managerNote');
    const other = await fields(a.tokens.otherMember);
    expect(other).toContain('managerLevel');
    expect(other).not.toContain('managerNote');
  });

  it("gives a partner only their own team's deals, and 404 for another team's", async () => {
    const titles = async (token: string) => (await json(await get('/api/v1/deals', token))).data.map((d: { title: string }) => d.title).sort();
    expect(await titles(a.tokens.partner)).toEqual(['Deal A']);
    expect(await titles(a.tokens.otherPartner)).toEqual(['Deal B']);
    expect(await titles(a.tokens.manager)).toEqual(['Deal A', 'Deal B']);
    expect(await titles(a.tokens.member)).toEqual(['Deal A', 'Deal B']);
    const other = await get(`/api/v1/deals/${a.dealB.id}`, a.tokens.partner);
    expect(other.status).toBe(404);
    expect((await json(other)).error.code).toBe('not_found');
    const own = await json(await get(`/api/v1/deals/${a.dealA.id}`, a.tokens.partner));
    expect(own).toMatchObject({ title: 'Deal A', partner: { name: 'Care-call service' }, items: expect.arrayContaining([expect.objectContaining({ side: 'give', members: [{ id: a.alice.id, name: 'Alice' }] })]) });
  });

  it('keeps scores and the draft round for managers', async () => {
    const member = await json(await get('/api/v1/rounds', a.tokens.member));
    expect(member.data).toHaveLength(1);
    expect(member.data[0]).toMatchObject({ id: a.roundId, status: 'accepted', score: null, note: 'first round' });
    expect(member.data[0].groups[0]).toMatchObject({ kind: 'mentoring', score: null, members: [{ id: a.alice.id, name: 'Alice', role: 'mentor' }, { id: a.bob.id, name: 'Bob', role: 'learner' }] });
    expect((await json(await get('/api/v1/rounds', a.tokens.manager))).data[0].score).toBe(1.5);
    const draft = await get('/api/v1/rounds?status=draft', a.tokens.member);
    expect(draft.status).toBe(403);
    expect((await json(await get('/api/v1/rounds?status=draft', a.tokens.manager))).data.map((r: { id: number }) => r.id)).toEqual([a.draftId]);
  });

  it('shows archived areas to managers only, deactivated members on request, and a person themself', async () => {
    expect((await get('/api/v1/areas?includeArchived=true', a.tokens.member)).status).toBe(403);
    const names = async (path: string, token: string) => (await json(await get(path, token))).data.map((x: { name: string }) => x.name);
    expect(await names('/api/v1/areas', a.tokens.manager)).not.toContain('retired topic');
    expect(await names('/api/v1/areas?includeArchived=true', a.tokens.manager)).toContain('retired topic');
    expect(await names('/api/v1/members', a.tokens.member)).toEqual(['Mina Manager', 'Alice', 'Bob']);
    expect(await names('/api/v1/members?includeInactive=true', a.tokens.member)).toContain('Carol');
    expect((await get(`/api/v1/members/${a.pat.id}`, a.tokens.manager)).status).toBe(404);
    expect(await json(await get('/api/v1/me', a.tokens.partner))).toEqual({ id: a.pat.id, name: 'Pat Partner', email: a.pat.email, role: 'partner', partnerId: a.partnerA.id });
  });

  it('reports coverage per area and the matrix with effective levels', async () => {
    const coverage = (await json(await get('/api/v1/coverage', a.tokens.member))).data;
    expect(coverage.find((c: { area: { name: string } }) => c.area.name === 'text embedding')).toMatchObject({ experts: 1, risk: 'single', best: 4, growing: 1 });
    expect(coverage.find((c: { area: { name: string } }) => c.area.name === 'model serving')).toMatchObject({ experts: 1, risk: 'single' });
    const matrix = await json(await get('/api/v1/matrix', a.tokens.member));
    expect(matrix.areas.map((x: { name: string }) => x.name)).toEqual(['text embedding', 'model serving']);
    const alice = matrix.data.find((r: { member: { id: number } }) => r.member.id === a.alice.id);
    expect(alice.cells).toEqual([{ areaId: a.embedding.id, level: 4, selfLevel: 3, managerLevel: 4, interest: 2, stale: false }]);
  });

  it('lists work items with owner, requirements and lateness', async () => {
    const items = (await json(await get(`/api/v1/work-items?cycleId=${a.cycleId}&status=planned`, a.tokens.member))).data;
    expect(items).toEqual([expect.objectContaining({ id: a.item.id, title: 'Intent router', owner: { id: a.alice.id, name: 'Alice' }, buddy: null, late: true, requirements: [{ areaId: a.embedding.id, minLevel: 3 }] })]);
    expect((await json(await get('/api/v1/work-items?status=done', a.tokens.member))).data).toEqual([]);
  });
});

describe('pages', () => {
  const LISTS = ['/api/v1/members?includeInactive=true', '/api/v1/ratings', '/api/v1/areas', '/api/v1/coverage', '/api/v1/matrix', '/api/v1/deals', '/api/v1/members/:alice/history'];

  for (const list of LISTS) {
    it(`walks ${list} one at a time to the same rows as one page`, async () => {
      const path = list.replace(':alice', String(a.alice.id));
      const sep = path.includes('?') ? '&' : '?';
      const whole = await json(await get(`${path}${sep}limit=200`, a.tokens.manager));
      expect(whole.page).toEqual({ limit: 200, offset: 0, nextOffset: null });
      expect(whole.data.length).toBeGreaterThan(1);
      const walked: unknown[] = [];
      let offset: number | null = 0;
      while (offset !== null) {
        const one: { data: unknown[]; page: { nextOffset: number | null } } = await json(await get(`${path}${sep}limit=1&offset=${offset}`, a.tokens.manager));
        expect(one.data.length).toBeLessThanOrEqual(1);
        walked.push(...one.data);
        expect(one.page.nextOffset === null || one.page.nextOffset === offset + 1).toBe(true);
        offset = one.page.nextOffset;
      }
      expect(walked).toEqual(whole.data);
    });
  }

  it('answers an empty last page past the end, and 50 by default', async () => {
    const past = await json(await get('/api/v1/members?offset=99', a.tokens.manager));
    expect(past).toEqual({ data: [], page: { limit: 50, offset: 99, nextOffset: null } });
  });
});

describe('bad parameters', () => {
  const CASES: Array<[string, RegExp]> = [
    ['/api/v1/members?limit=0', /limit: must be a whole number from 1 to 200/],
    ['/api/v1/members?limit=201', /limit: must be a whole number from 1 to 200/],
    ['/api/v1/members?limit=abc', /limit: must be a whole number/],
    ['/api/v1/members?limit=1.5', /limit: must be a whole number/],
    ['/api/v1/members?offset=-1', /offset: must be a whole number from 0/],
    ['/api/v1/members?limt=5', /unknown parameter "limt"/],
    ['/api/v1/members?limit=1&limit=2', /limit/],
    ['/api/v1/members?includeInactive=yes', /includeInactive: must be true or false/],
    ['/api/v1/ratings?memberId=0', /memberId: must be a whole number from 1/],
    ['/api/v1/rounds?status=bogus', /status: must be accepted or draft/],
    ['/api/v1/work-items?kind=hobby', /kind: must be one of research, service/],
    ['/api/v1/members/abc', /id: must be a whole number/],
    ['/api/v1/deals/99999999999', /id: must be a whole number from 1 to 999999999/],
  ];
  for (const [path, message] of CASES) {
    it(`400 for ${path}`, async () => {
      const res = await get(path, a.tokens.manager);
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.error.code).toBe('bad_request');
      expect(body.error.message).toMatch(message);
    });
  }

  it('404 for a well-formed id that is not there', async () => {
    const res = await get('/api/v1/members/999999', a.tokens.manager);
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('not_found');
  });
});

describe('the rate limit', () => {
  it('answers 429 with Retry-After past the limit per token, and lets the token in again once the window moved on', async () => {
    const clock = { now: NOW };
    const app = createApp({ db: w.db, now: () => clock.now, apiRateLimit: { requests: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) {
      const ok = await get('/api/v1/me', a.tokens.member, app);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('x-ratelimit-remaining')).toBe(String(2 - i));
    }
    const refused = await get('/api/v1/me', a.tokens.member, app);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect((await json(refused)).error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('at most 3') });
    // Another token has its own count.
    expect((await get('/api/v1/me', a.tokens.manager, app)).status).toBe(200);
    clock.now = new Date(NOW.getTime() + 45_000);
    expect((await get('/api/v1/me', a.tokens.member, app)).headers.get('retry-after')).toBe('15');
    clock.now = new Date(NOW.getTime() + 60_001);
    expect((await get('/api/v1/me', a.tokens.member, app)).status).toBe(200);
  });
});

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 (checked by @seriousme/openapi-schema-validator) with the bearer scheme', async () => {
    const raw = await json(await get('/api/v1/openapi.json'));
    expect(raw.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes).toEqual({ bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }) });
    expect(raw.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.servers).toEqual([{ url: `${ORIGIN}/api/v1` }]);
  });

  it('lists every API route the app serves, each with its errors', () => {
    const served = w.app.routes.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/') && r.path !== '/api/v1/openapi.json').map((r) => r.path);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} /api/v1${path.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(new Set(documented)).toEqual(new Set(served.map((p) => `GET ${p}`)));
    expect(new Set(documented)).toEqual(new Set(API_ROUTES.map(([r]) => r).filter((r) => !r.endsWith('openapi.json'))));
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '429']));
    }
  });
});
