// Sessions and CSRF beyond test/http/auth.test.ts: stored expiry, deactivation, leaked hashes, every POST route cross-origin, headers on every kind of answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ACCESS } from '../../src/auth/access.ts';
import { hashToken } from '../../src/auth/tokens.ts';
import { SESSION_COOKIE } from '../../src/auth/sessions.ts';
import { sessions, users } from '../../src/db/schema/index.ts';
import { aRating, aTeam, Client, freshWorld, ORIGIN, signedIn, type World } from '../helpers.ts';

let w: World;
let team: Awaited<ReturnType<typeof aTeam>>;
beforeAll(async () => {
  w = await freshWorld();
  team = await aTeam(w.db);
  await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 2, interest: 1 });
});
afterAll(() => w.cleanup());

const tokenOf = (c: Client) => c.cookie.slice(SESSION_COOKIE.length + 1);
const stillSignedIn = async (c: Client) => (await c.get('/profile')).status === 200;

/** Row counts of every table: a refused request must leave them as they were. */
async function counts() {
  const tables = (await w.db.$client.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")).rows.map((r) => String(r[0]));
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await w.db.$client.execute(`select count(*) from "${t}"`)).rows[0][0]);
  return out;
}

describe('session tokens', () => {
  it('refuses a session whose stored expiry has passed, for reads and writes', async () => {
    const c = await signedIn(w.app, 'alice@team.test');
    await w.db.update(sessions).set({ expiresAt: w.clock.now.getTime() - 1 }).where(eq(sessions.tokenHash, hashToken(tokenOf(c))));
    expect(await stillSignedIn(c)).toBe(false);
    const write = await c.post('/profile', { name: 'Hijacked', email: 'alice@team.test', locale: 'en', version: '1' });
    expect(write.status).toBe(401);
    expect((await w.db.select().from(users).where(eq(users.id, team.alice.id)))[0].name).toBe('Alice');
  });

  it('refuses the stored hash used as a cookie (a leaked database yields no sessions)', async () => {
    const c = await signedIn(w.app, 'bob@team.test');
    const leaked = new Client(w.app);
    leaked.cookie = `${SESSION_COOKIE}=${hashToken(tokenOf(c))}`;
    expect(await stillSignedIn(leaked)).toBe(false);
    expect(await stillSignedIn(c)).toBe(true);
  });

  it('refuses forged, truncated, oversized and odd tokens, and tokens sent anywhere but the cookie', async () => {
    const real = await signedIn(w.app, 'bob@team.test');
    const token = tokenOf(real);
    for (const forged of [token.slice(0, -1), token + 'A', token.toUpperCase(), 'x'.repeat(500), '', '%00', '../../etc/passwd', `${token}%00`]) {
      const c = new Client(w.app);
      c.cookie = `${SESSION_COOKIE}=${forged}`;
      expect(await stillSignedIn(c), forged.slice(0, 50)).toBe(false);
    }
    for (const headers of [{ Authorization: `Bearer ${token}` }, { 'X-Session': token }] as Array<Record<string, string>>) {
      const res = await w.app.request(`${ORIGIN}/profile`, { headers });
      expect(res.status).toBe(303);
    }
    expect((await w.app.request(`${ORIGIN}/profile?${SESSION_COOKIE}=${token}`)).status).toBe(303);
  });

  it('ends every session of a member who is deactivated, and refuses one that survived in the database', async () => {
    const member = await signedIn(w.app, 'bob@team.test');
    const manager = await signedIn(w.app, 'manager@team.test');
    const [bob] = await w.db.select().from(users).where(eq(users.id, team.bob.id));
    expect((await manager.post(`/members/${bob.id}/active`, { active: '0', version: String(bob.version) })).status).toBe(303);
    expect(await stillSignedIn(member)).toBe(false);
    expect(await w.db.select().from(sessions).where(eq(sessions.userId, bob.id))).toHaveLength(0);

    // Even if a session row were left behind, an inactive user is not let in.
    const again = new Client(w.app);
    const token = 'left-behind-token-value';
    await w.db.insert(sessions).values({ tokenHash: hashToken(token), userId: bob.id, createdAt: w.clock.now.getTime(), expiresAt: w.clock.now.getTime() + 3600_000 });
    again.cookie = `${SESSION_COOKIE}=${token}`;
    expect(await stillSignedIn(again)).toBe(false);
    await w.db.update(users).set({ active: true }).where(eq(users.id, bob.id));
  });

  it('renews a session with the same cookie attributes, and clears the cookie at sign-out', async () => {
    const c = await signedIn(w.app, 'alice@team.test');
    w.clock.now = new Date(w.clock.now.getTime() + 2 * 24 * 3600 * 1000);
    try {
      const res = await c.get('/profile');
      expect(res.status).toBe(200);
      const renewed = res.headers.getSetCookie().find((x) => x.startsWith(`${SESSION_COOKIE}=`));
      expect(renewed).toMatch(/HttpOnly/i);
      expect(renewed).toMatch(/SameSite=Lax/i);
      expect(renewed).toMatch(/Path=\//);
      expect(renewed).toMatch(/Expires=/);
      const out = await c.post('/logout', {});
      const cleared = out.headers.getSetCookie().find((x) => x.startsWith(`${SESSION_COOKIE}=`));
      expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
      const flash = out.headers.getSetCookie().find((x) => x.startsWith('pairwise_flash='));
      if (flash) expect(flash).toMatch(/HttpOnly/i);
    } finally {
      w.clock.now = new Date(w.clock.now.getTime() - 2 * 24 * 3600 * 1000);
    }
  });
});

describe('cross-site requests', () => {
  /** A concrete path for every POST route, with real ids where the route has them. */
  const postPaths = () =>
    Object.keys(ACCESS)
      .filter((r) => r.startsWith('POST '))
      .map((r) => r.slice(5).replace(/:(\w+)/g, (_, n: string) => String(n === 'areaId' ? team.embedding.id : n === 'id' && r.includes('/areas/') ? team.embedding.id : team.alice.id)));

  it('refuses a cross-origin post on every POST route, whatever the encoding, and writes nothing', async () => {
    const manager = await signedIn(w.app, 'manager@team.test');
    const before = await counts();
    const attempts: Array<{ headers: Record<string, string>; body: BodyInit }> = [
      { headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'name=x&version=1' },
      { headers: { Origin: 'null', 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'name=x' },
      { headers: { Origin: 'http://localhost:8080', 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'name=x' },
      { headers: { Origin: 'https://evil.example', 'Content-Type': 'text/plain' }, body: 'name=x' },
      { headers: { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'name=x' },
      { headers: { Origin: 'https://evil.example', 'HX-Request': 'true', 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'name=x' },
    ];
    for (const path of postPaths()) {
      for (const attempt of attempts) {
        // Straight to the app: the test Client would add our own Origin.
        const res = await w.app.request(ORIGIN + path, { method: 'POST', headers: { Cookie: manager.cookie, ...attempt.headers }, body: attempt.body });
        expect(res.status, `${path} ${JSON.stringify(attempt.headers)}`).toBe(403);
      }
      const multipart = new FormData();
      multipart.append('name', 'x');
      const res = await manager.request(path, { method: 'POST', headers: { Origin: 'https://evil.example' }, body: multipart });
      expect(res.status, `${path} multipart`).toBe(403);
    }
    expect(await counts()).toEqual(before);
    expect(await stillSignedIn(manager)).toBe(true);
  });

  it('refuses a form post that carries neither Origin nor Sec-Fetch-Site', async () => {
    const manager = await signedIn(w.app, 'manager@team.test');
    const res = await w.app.request(`${ORIGIN}/areas`, {
      method: 'POST',
      headers: { Cookie: manager.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'name=Sneaky&targetLevel=3&minExperts=2',
    });
    expect(res.status).toBe(403);
  });

  it('accepts the same post from our own origin (the check is not refusing everything)', async () => {
    const manager = await signedIn(w.app, 'manager@team.test');
    expect((await manager.post('/areas', { name: 'Same-origin area', targetLevel: '3', minExperts: '2' })).status).toBe(303);
  });
});

describe('secure headers on every kind of answer', () => {
  const CSP = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"];
  const expectSecure = (res: Response, what: string) => {
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const d of CSP) expect(csp, `${what}: ${d}`).toContain(d);
    expect(csp, what).not.toContain('unsafe-inline');
    expect(csp, what).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(res.headers.get('x-frame-options'), what).toBeTruthy();
    expect(res.headers.get('referrer-policy'), what).toBeTruthy();
    expect(res.headers.get('strict-transport-security'), what).toMatch(/max-age=\d+/);
    expect(res.headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
    expect(res.headers.get('x-powered-by'), what).toBeNull();
  };

  it('sends them on pages, partials, redirects, errors, downloads and static files', async () => {
    const manager = await signedIn(w.app, 'manager@team.test');
    const member = await signedIn(w.app, 'alice@team.test');
    const cases: Array<[string, Response]> = [
      ['login page', await new Client(w.app).get('/login')],
      ['signed-in page', await manager.get('/members')],
      ['htmx partial', await member.get(`/members/${team.alice.id}/ratings/${team.embedding.id}/edit`, { htmx: true })],
      ['redirect', await new Client(w.app).get('/members')],
      ['404', await manager.get('/no/such/page')],
      ['403', await member.get('/areas/1/edit')],
      ['422', await manager.post('/areas', { name: '' })],
      ['csv', await manager.get('/matrix.csv')],
      ['static', await new Client(w.app).get('/static/app.css')],
      ['healthz', await new Client(w.app).get('/healthz')],
    ];
    for (const [what, res] of cases) expectSecure(res, `${what} (${res.status})`);
  });

  it('serves no page that relies on inline script, inline style or inline event handlers (the CSP would block them)', async () => {
    const manager = await signedIn(w.app, 'manager@team.test');
    for (const route of Object.keys(ACCESS).filter((r) => r.startsWith('GET '))) {
      const path = route.slice(4).replace('/*', '/app.css').replace(/:(\w+)/g, (_, n: string) => String(n === 'areaId' || route.includes('/areas/') ? team.embedding.id : team.alice.id));
      const res = await manager.get(path);
      if (!(res.headers.get('content-type') ?? '').includes('html')) continue;
      const html = await res.text();
      expect(html, `${route}: inline <script>`).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
      expect(html, `${route}: style attribute`).not.toMatch(/<[a-z][^>]*\sstyle=/i);
      expect(html, `${route}: inline event handler`).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    }
  });
});
