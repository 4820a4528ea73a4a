// Request-wide guards: the first-run setup gate, session loading and the access table check.
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { matchedRoutes } from 'hono/route';
import { count } from 'drizzle-orm';
import { users } from '../db/schema/index.ts';
import { isLocale } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { forbidden, isHtmx } from '../http/render.tsx';
import { allows, ruleFor } from './access.ts';
import { sessionCookieOptions } from './cookies.ts';
import { SESSION_COOKIE, userForSession } from './sessions.ts';

/** Sets `user` from the session cookie (null when absent, expired or deactivated). */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('user', null);
  const token = getCookie(c, SESSION_COOKIE);
  if (token && token.length < 200) {
    const found = await userForSession(c.var.db, token, c.var.now());
    if (found) {
      c.set('user', found.user);
      if (isLocale(found.user.locale)) c.set('locale', found.user.locale); // else: no saved choice
      if (found.renewedUntil) setCookie(c, SESSION_COOKIE, token, sessionCookieOptions(c.req.url, found.renewedUntil));
    }
  }
  await next();
};

/** Until the first manager exists, every page leads to /setup. Once true it stays true (users are never deleted). */
export function setupGate(): MiddlewareHandler<AppEnv> {
  let setUp = false;
  return async (c, next) => {
    if (!setUp) {
      const [{ n }] = await c.var.db.select({ n: count() }).from(users);
      setUp = n > 0;
    }
    const path = c.req.path;
    // Single sign-on stays open: on an empty database its first sign-in makes the manager (src/auth/oidc-people.ts).
    if (!setUp && path !== '/setup' && path !== '/healthz' && path !== '/lang' && !path.startsWith('/static/') && !path.startsWith('/auth/oidc')) {
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
  const user = c.var.user;
  let allowed = true;
  for (const path of new Set(handlers.map((h) => h.path))) {
    const rule = ruleFor(method, path);
    if (!rule) {
      console.error(`access: no rule for ${method} ${path}`);
      return forbidden(c);
    }
    allowed &&= allows(rule, user, paramsOf(path, c.req.path));
  }
  if (allowed) return next();
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
