// Single sign-on: GET /auth/oidc leaves for the provider, GET /auth/oidc/callback comes back signed in
// (or with a page saying why not). See README, Single sign-on.
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { CALLBACK_PATH } from '../config.ts';
import type { AppEnv } from '../env.ts';
import { safeTarget } from '../http/redirect.ts';
import { notFound, page } from '../http/render.tsx';
import { SsoProblem, ssoProblemTitle, type SsoLink, type SsoProblemKind } from '../../views/auth/oidc-pages.tsx';
import { isLocalUrl } from './cookies.ts';
import { newChecks, oidcClient, ProviderUnreachable, SignInRejected } from './oidc-client.ts';
import { identityOf } from './oidc-claims.ts';
import { OIDC_LOGIN_TTL_MS, saveLogin, takeLogin } from './oidc-logins.ts';
import { admit } from './oidc-people.ts';
import { landingFor, startSession } from './sign-in.ts';
import { newToken } from './tokens.ts';

/** Binds an attempt to the browser that started it; only the sign-on routes read it. */
const BROWSER_COOKIE = 'pairwise_oidc';
const validBinding = (v: string | undefined) => (v && /^[\w-]{43}$/.test(v) ? v : undefined);

/** The button's link and words for a page whose sign-in should come back to `next`. */
export function ssoLink(c: Context<AppEnv>, next = '/'): SsoLink | undefined {
  const settings = c.get('oidc');
  if (!settings) return undefined;
  return { href: next === '/' ? '/auth/oidc' : `/auth/oidc?next=${encodeURIComponent(next)}`, providerName: settings.providerName };
}

function problem(c: Context<AppEnv>, kind: SsoProblemKind, status: ContentfulStatusCode, opts: { email?: string; next?: string } = {}) {
  c.header('Cache-Control', 'no-store');
  return page(c, ssoProblemTitle(kind), <SsoProblem kind={kind} email={opts.email} sso={ssoLink(c, opts.next)!} passwordLogin={c.get('passwordLogin')} />, { status });
}

const startQuery = z.object({ next: z.string().max(2000).optional() });
/** What a provider may send back (RFC 6749 4.1.2, RFC 9207 `iss`); anything longer than this is not an answer of one. */
const callbackQuery = z.object({
  code: z.string().min(1).max(4096).optional(),
  state: z.string().min(1).max(512).optional(),
  error: z.string().max(200).optional(),
  iss: z.string().max(2000).optional(),
});

/** A query parameter given twice is malformed, never a silent pick of one (openid-client refuses it too). */
const repeated = (c: Context) => Object.values(c.req.queries()).some((values) => values.length > 1);

export const oidcRoutes = new Hono<AppEnv>()
  .get('/auth/oidc', async (c) => {
    const settings = c.get('oidc');
    if (!settings) return notFound(c);
    const query = startQuery.safeParse(c.req.query());
    const next = safeTarget(query.success ? query.data.next : undefined, '/');
    const user = c.get('user');
    if (user) return c.redirect(landingFor(user.role, next), 303);
    const checks = newChecks();
    let url: URL;
    try {
      url = await oidcClient(settings).authorizationUrl(checks);
    } catch (err) {
      if (!(err instanceof ProviderUnreachable)) throw err;
      console.warn(`single sign-on: ${err.message}`);
      return problem(c, 'unreachable', 503, { next });
    }
    // One binding per browser, kept across attempts, so two tabs signing in at once both finish.
    const binding = validBinding(getCookie(c, BROWSER_COOKIE)) ?? newToken();
    setCookie(c, BROWSER_COOKIE, binding, { path: '/auth/oidc', httpOnly: true, sameSite: 'Lax', secure: !isLocalUrl(c.req.url), maxAge: OIDC_LOGIN_TTL_MS / 1000 });
    await saveLogin(c.get('db'), checks, binding, next, c.get('now')());
    c.header('Cache-Control', 'no-store');
    return c.redirect(url.href, 303);
  })
  .get(CALLBACK_PATH, async (c) => {
    const settings = c.get('oidc');
    if (!settings) return notFound(c);
    const query = callbackQuery.safeParse(c.req.query());
    if (!query.success || repeated(c) || !query.data.state) return problem(c, 'expired', 400);
    const db = c.get('db');
    const login = await takeLogin(db, query.data.state, validBinding(getCookie(c, BROWSER_COOKIE)), c.get('now')());
    if (!login) return problem(c, 'expired', 400);
    if (!login.sameBrowser) return problem(c, 'otherBrowser', 400, { next: login.next });
    if (query.data.error) return problem(c, query.data.error === 'access_denied' ? 'denied' : 'failed', 400, { next: login.next });
    if (!query.data.code) return problem(c, 'failed', 400, { next: login.next });

    let result;
    try {
      result = await oidcClient(settings).signIn(new URL(c.req.url).search, login.checks);
    } catch (err) {
      if (!(err instanceof ProviderUnreachable) && !(err instanceof SignInRejected)) throw err;
      console.warn(`single sign-on: ${err.message}`);
      return err instanceof ProviderUnreachable ? problem(c, 'unreachable', 503, { next: login.next }) : problem(c, 'failed', 400, { next: login.next });
    }
    const identity = identityOf(result.claims, settings.groupsClaim);
    const admission = await admit(db, identity, settings, c.get('now')());
    if (!admission.ok) return problem(c, admission.refusal, 403, { email: identity.email ?? '', next: login.next });
    await startSession(c, admission.userId, result.idToken);
    return c.redirect(landingFor(admission.role, login.next), 303);
  });
