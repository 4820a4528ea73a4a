// Request-wide guards: the first-run setup gate, session loading and the access table check.
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { matchedRoutes } from 'hono/route';
import { count } from 'drizzle-orm';
import { users } from '../db/schema/index.ts';
import { isLocale } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { forbidden, isHtmx } from '../http/render.tsx';
import { apiError, forbiddenJson, isApiPath, unauthorized } from '../api/errors.ts';
import { rateLimiter, type RateLimit } from '../api/rate-limit.ts';
import { allows, ruleFor } from './access.ts';
import { userForApiToken } from './api-tokens.ts';
import { sessionCookieOptions } from './cookies.ts';
import { SESSION_COOKIE, userForSession } from './sessions.ts';

/** Sets `user` from the session cookie (null when absent, expired or deactivated). Never for the API: cookies do not sign in there. */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('user', null);
  if (isApiPath(c.req.path)) return next();
  const token = getCookie(c, SESSION_COOKIE);
  if (token && token.length < 200) {
    const found = await userForSession(c.get('db'), token, c.get('now')());
    if (found) {
      c.set('user', found.user);
      if (isLocale(found.user.locale)) c.set('locale', found.user.locale); // else: no saved choice
      if (found.renewedUntil) setCookie(c, SESSION_COOKIE, token, sessionCookieOptions(c.req.url, found.renewedUntil));
    }
  }
  await next();
};

/**
 * The API's sign-in: `Authorization: Bearer <token>` sets `user` (a token that does not work answers 401 at
 * once); without the header `user` stays null and the access table decides (401 unless public). Each
 * working token may make `limit.requests` requests per `limit.windowMs`, counted in this process.
 */
export function apiTokenAuth(limit: RateLimit): MiddlewareHandler<AppEnv> {
  const limiter = rateLimiter(limit);
  return async (c, next) => {
    const header = c.req.header('Authorization');
    if (header === undefined) return next();
    const bearer = /^Bearer +([^\s]+) *$/i.exec(header);
    const found = bearer ? await userForApiToken(c.get('db'), bearer[1], c.get('now')()) : null;
    if (!found) return unauthorized(c, true);
    const wait = limiter.take(found.tokenId, c.get('now')().getTime());
    const counts = { 'X-RateLimit-Limit': String(limit.requests), 'X-RateLimit-Remaining': String(limiter.remaining(found.tokenId)) };
    if (wait > 0) {
      return apiError(c, 429, 'rate_limited', `Too many requests with this token: at most ${limit.requests} in ${limit.windowMs / 1000} s. Try again in ${wait} s.`, { ...counts, 'Retry-After': String(wait) });
    }
    c.set('user', found.user);
    await next();
    for (const [name, value] of Object.entries(counts)) c.header(name, value);
  };
}

/** Until the first manager exists, every page leads to /setup. Once true it stays true (users are never deleted). */
export function setupGate(): MiddlewareHandler<AppEnv> {
  let setUp = false;
  return async (c, next) => {
    if (!setUp) {
      const [{ n }] = await c.get('db').select({ n: count() }).from(users);
      setUp = n > 0;
    }
    const path = c.req.path;
    // Single sign-on stays open: on an empty database its first sign-in makes the manager (src/auth/oidc-people.ts).
    // The API answers JSON even then (401: no token exists yet), never a redirect.
    const open = path === '/setup' || path === '/healthz' || path === '/lang' || path.startsWith('/static/') || path.startsWith('/auth/oidc') || isApiPath(path);
    if (!setUp && !open) {
      return c.redirect('/setup', 303);
    }
    await next();
  };
}

/** Extracts `:name` parameters of a route pattern from a concrete path. */
export function paramsOf(pattern: string, path: string): Record<string, string> {
  const names: string[] = [];
  const re = new RegExp(
    '^' + pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\/\*$/, '/.*').replace(/:(\w+)/g, (_, n) => (names.push(n), '([^/]+)')) + '$',
  );
  const m = re.exec(path);
  return m ? Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) : {};
}

/**
 * Looks the matched routes up in the access table. Overlapping patterns (`/deals/new` and
 * `/deals/:id`) can both match one request, so every matched handler's rule must allow it.
 * A route missing from the table is refused (and a test fails), so forgetting a row can never
 * open a route to everyone.
 */
export const accessGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  const handlers = matchedRoutes(c).filter((r) => r.method !== 'ALL');
  if (handlers.length === 0) return next(); // no route: the 404 handler answers
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  const user = c.get('user');
  let allowed = true;
  for (const path of new Set(handlers.map((h) => h.path))) {
    const rule = ruleFor(method, path);
    if (!rule) {
      console.error(`access: no rule for ${method} ${path}`);
      return isApiPath(c.req.path) ? forbiddenJson(c) : forbidden(c);
    }
    allowed &&= allows(rule, user, paramsOf(path, c.req.path));
  }
  if (allowed) return next();
  // The API never redirects to the sign-in page: a tool gets JSON it can read.
  if (isApiPath(c.req.path)) return user ? forbiddenJson(c) : unauthorized(c, false);
  if (!user) {
    if (c.req.method === 'GET' && !isHtmx(c)) {
      const nextUrl = c.req.path + (new URL(c.req.url).search || '');
      return c.redirect(`/login?next=${encodeURIComponent(nextUrl)}`, 303);
    }
    if (isHtmx(c)) c.header('HX-Redirect', '/login');
    return c.text('Sign in first.', 401);
  }
  return forbidden(c);
};
