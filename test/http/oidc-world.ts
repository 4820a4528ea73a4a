// The world of the single sign-on tests: a real provider (test/oidc-provider.ts) for the file, a fresh app
// with single sign-on per test, and a browser's view of the app that keeps its cookies.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { eq } from 'drizzle-orm';
import type { AppOptions } from '../../src/app.tsx';
import type { OidcSettings } from '../../src/config.ts';
import { users } from '../../src/db/schema/index.ts';
import { aTeam, freshWorld, ORIGIN, type Team, type World } from '../helpers.ts';
import { ProviderBrowser, startProvider, type TestProvider } from '../oidc-provider.ts';

export const CALLBACK = `${ORIGIN}/auth/oidc/callback`;

/** The app as a browser sees it: every cookie the app sets is kept and sent back (the session, the sign-on binding). */
export class AppBrowser {
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

/** The file's provider and the test's world and team (live bindings: set by useSsoWorlds and setUp). */
export let provider: TestProvider;
export let world: World;
export let team: Team;

/** Starts the provider for the test file and cleans up each test's world. */
export function useSsoWorlds() {
  beforeAll(async () => {
    provider = await startProvider({ redirectUri: CALLBACK, postLogoutRedirectUri: `${ORIGIN}/login` });
  });
  afterAll(() => provider.close());
  afterEach(() => world?.cleanup());
}

/** A fresh app with single sign-on at `at` (default: the file's provider) and, unless `empty`, aTeam in it. */
export async function setUp(extra: Partial<OidcSettings> = {}, options: Omit<AppOptions, 'db' | 'now'> & { empty?: boolean } = {}, at: TestProvider = provider) {
  world = await freshWorld({ oidc: at.settings(extra), ...options });
  if (!options.empty) team = await aTeam(world.db);
  return world;
}

/** A loopback port nobody listens on: a provider that is down. */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((ok) => s.close(() => ok()));
  return port;
}

export async function userByEmail(email: string) {
  const [row] = await world.db.select().from(users).where(eq(users.email, email));
  return row;
}

/** From Pairwise's sign-in button to the provider's redirect back: the authorization URL and the callback URL. */
export async function toProviderAndBack(
  app: AppBrowser,
  login: string,
  opts: { next?: string; tamper?: (u: URL) => void; at?: ProviderBrowser; abort?: boolean; issuer?: string } = {},
) {
  const start = await app.get(opts.next ? `/auth/oidc?next=${encodeURIComponent(opts.next)}` : '/auth/oidc');
  expect(start.status).toBe(303);
  const authorize = new URL(start.headers.get('location')!);
  opts.tamper?.(authorize);
  const callback = await (opts.at ?? new ProviderBrowser(opts.issuer ?? provider.issuer)).signIn(authorize.href, { login, abort: opts.abort });
  expect(callback.origin + callback.pathname).toBe(CALLBACK);
  return { authorize, callback: callback.pathname + callback.search };
}
