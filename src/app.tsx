// createApp({ db, now }): the middleware chain and one sub-app per feature.
import { growthTimeRoutes } from './growth/over-time-routes.tsx';
import { Hono, type Context } from 'hono';
import { contextStorage } from 'hono/context-storage';
import { csrf } from 'hono/csrf';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { sql } from 'drizzle-orm';
import { accessGuard, apiTokenAuth, loadSession, setupGate } from './auth/middleware.ts';
import { authRoutes } from './auth/routes.tsx';
import { oidcRoutes } from './auth/oidc-routes.tsx';
import type { OidcSettings } from './config.ts';
import { apiTokenRoutes } from './auth/api-token-routes.tsx';
import { apiError, isApiPath, notFoundJson } from './api/errors.ts';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './api/rate-limit.ts';
import { API_BASE, apiRoutes } from './api/routes.tsx';
import type { Db } from './db/client.ts';
import { currentFault, FAULT_WORDS, noteFault, probeWrite, storageFault } from './db/storage.ts';
import type { AppEnv } from './env.ts';
import { clientAddress } from './http/client-address.ts';
import { serveStatic } from './http/assets.ts';
import { MAX_FORM_BYTES, NotUtf8 } from './http/forms.ts';
import { badRequest, isHtmx, notFound, page } from './http/render.tsx';
import { MAX_UPLOAD_BYTES } from './matrix/csv.ts';
import { areaRoutes } from './areas/routes.tsx';
import { dashboardRoutes } from './dashboard/routes.tsx';
import { matrixRoutes } from './matrix/routes.tsx';
import { memberRoutes } from './members/routes.tsx';
import { ratingRoutes } from './ratings/routes.tsx';
import { pairingRoutes } from './pairings/routes.tsx';
import { workRoutes } from './work/routes.tsx';
import { dealRoutes } from './deals/routes.tsx';
import { partnerRoutes } from './partners/routes.tsx';
import { studyRoutes } from './study/routes.tsx';
import { calendarRoutes } from './study/calendar-routes.tsx';
import { riskRoutes } from './growth/risk-routes.tsx';
import { outcomeRoutes } from './growth/outcomes-routes.tsx';
import { chooseLocale } from './lang/middleware.ts';
import { langRoutes } from './lang/routes.tsx';
import { noticeRoutes } from './notices/routes.tsx';
import type { Locale } from './domain.ts';
import { t } from '../views/i18n/index.ts';

/**
 * `trustProxy`: how many reverse proxies of ours stand in front (TRUST_PROXY); 0 ignores X-Forwarded-For.
 * `oidc`: single sign-on (src/config.ts, oidcSettings); `passwordLogin` false needs it (PASSWORD_LOGIN=off).
 * `apiRateLimit`: requests per token per window on /api (API_RATE_LIMIT per minute; tests make it small).
 */
export type AppOptions = {
  db: Db;
  now?: () => Date;
  trustProxy?: number;
  defaultLocale?: Locale;
  timeZone?: string;
  publicOrigin?: string;
  oidc?: OidcSettings | null;
  passwordLogin?: boolean;
  apiRateLimit?: RateLimit;
  /** Which channels deliver notices (none by default: notices stay in the app; tests and the server say otherwise). */
  notices?: { email: boolean; messenger: boolean };
};

/** The CSV import and its confirmation carry a whole team's ratings; every other form is small. */
const isImport = (path: string) => path === '/matrix/import' || path.startsWith('/matrix/import/');
const IMPORT_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024;

/** 413 before a byte is parsed: a declared length is checked at once, a streamed body only up to the limit. */
const limitTo = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: (c) => {
      if (isApiPath(c.req.path)) return apiError(c, 413, 'payload_too_large', `The API reads no request bodies; this one is over ${Math.round(maxSize / 1024)} kB.`);
      const body = (
        <section class="error-summary" role="alert">
          <p>{t('errors.tooLarge', { max: `${Math.round(maxSize / 1024)} kB` })}</p>
        </section>
      );
      return isHtmx(c) ? c.html(body, 413) : page(c as Context<AppEnv>, t('errors.title'), body, { status: 413 });
    },
  });
const formLimit = limitTo(MAX_FORM_BYTES);
const importLimit = limitTo(IMPORT_BYTES);

export function createApp({
  db,
  now = () => new Date(),
  trustProxy = 0,
  defaultLocale = 'en',
  timeZone = 'Asia/Seoul',
  publicOrigin,
  oidc = null,
  passwordLogin = true,
  apiRateLimit = DEFAULT_RATE_LIMIT,
  notices = { email: false, messenger: false },
}: AppOptions) {
  if (!passwordLogin && !oidc) throw new Error('passwordLogin: false needs single sign-on (oidc), or nobody could sign in');
  const app = new Hono<AppEnv>();
  const noticeSettings = { ...notices, defaultLocale, publicOrigin };

  app.use(contextStorage());
  // Pages, partials, CSV and JSON are compressed by the HTTP server as they are written (src/http/compression.ts,
  // used by src/http/listen.ts); static assets come precompressed.
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // Signing out after single sign-on is a form post redirected to the provider's end-session endpoint.
        formAction: oidc ? ["'self'", new URL(oidc.issuer).origin] : ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'same-origin',
    }),
  );
  app.use(async (c, next) => {
    c.set('db', db);
    c.set('now', now);
    c.set('clientAddress', clientAddress(c, trustProxy));
    c.set('timeZone', timeZone);
    c.set('publicOrigin', publicOrigin);
    c.set('oidc', oidc);
    c.set('passwordLogin', passwordLogin);
    c.set('notices', noticeSettings);
    await next();
  });
  app.use(chooseLocale(defaultLocale));

  app.get('/healthz', async (c) => {
    try {
      await db.run(sql`select 1`);
    } catch {
      return c.json({ status: 'unavailable' }, 503);
    }
    // Reads may work while writes fail; after a failed write, a tiny write tells when they work again.
    const fault = currentFault(db) && (await probeWrite(db).catch(() => currentFault(db)));
    return fault ? c.json({ status: 'unavailable', reason: FAULT_WORDS[fault] }, 503) : c.json({ status: 'ok' });
  });
  app.get('/static/*', serveStatic);
  app.get('/favicon.ico', (c) => c.redirect('/static/favicon.svg', 301));

  app.use(setupGate());
  app.use(loadSession);
  app.use('/api/*', apiTokenAuth(apiRateLimit));
  // What a signed-in person saw must not come back from the browser's cache after sign-out (Back).
  // Set before the handler, so it is part of the answer as made (a header set afterwards makes Hono copy the
  // finished body into a new Response); afterwards only for an answer made without it (errors, a sign-in).
  app.use(async (c, next) => {
    if (c.get('user')) c.header('Cache-Control', 'no-store');
    await next();
    if (c.get('user') && !c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  app.use((c, next) => (isImport(c.req.path) ? importLimit : formLimit)(c, next));
  // Cookies never sign in to the API (bearer tokens only), so a cross-site request there carries no one's rights: no CSRF surface.
  const formOrigin = csrf();
  app.use((c, next) => (isApiPath(c.req.path) ? next() : formOrigin(c, next)));
  app.use(accessGuard);

  app.route('/', authRoutes);
  app.route('/', oidcRoutes);
  app.route('/', langRoutes);
  app.route('/', dashboardRoutes);
  app.route('/members', memberRoutes);
  app.route('/areas', areaRoutes);
  app.route('/', matrixRoutes);
  app.route('/', ratingRoutes);
  app.route('/pairings', pairingRoutes);
  app.route('/work', workRoutes);
  app.route('/deals', dealRoutes);
  app.route('/partners', partnerRoutes);
  app.route('/study', studyRoutes);
  app.route('/calendar', calendarRoutes);
  app.route('/', apiTokenRoutes);
  app.route(API_BASE, apiRoutes);
  app.route('/growth/risk', riskRoutes);
  app.route('/growth/outcomes', outcomeRoutes);
  app.route('/', growthTimeRoutes);
  app.route('/', noticeRoutes);

  app.notFound((c) => (isApiPath(c.req.path) ? notFoundJson(c) : notFound(c)));
  app.onError((err, c) => {
    const api = isApiPath(c.req.path);
    if (err instanceof NotUtf8) return api ? apiError(c, 400, 'bad_request', 'The request is not UTF-8.') : badRequest(c, t('errors.notUtf8'));
    if (err instanceof HTTPException) return api && !err.res ? apiError(c, err.status, 'bad_request', err.message || 'The request cannot be read.') : err.getResponse();
    const fault = storageFault(err);
    if (fault) {
      noteFault(db, fault, err);
      if (api) return apiError(c, 503, 'unavailable', `The database cannot answer now: ${FAULT_WORDS[fault]}.`);
      const body = (
        <section class="error-summary" role="alert">
          <p>{t('errors.storage', { reason: t(`errors.storage.${fault}`) })}</p>
        </section>
      );
      return isHtmx(c) ? c.html(body, 503) : page(c, t('errors.title'), body, { status: 503 });
    }
    console.error(err);
    if (api) return apiError(c, 500, 'server_error', 'Something went wrong on our side; it is logged.');
    return page(c, t('errors.title'), <p class="error-summary" role="alert">{t('errors.server')}</p>, { status: 500 });
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
