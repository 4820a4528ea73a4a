// Rendering helpers: full pages in the layout, htmx partials, flash messages, redirects, error pages.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Child } from 'hono/jsx';
import { HtmlEscapedCallbackPhase, resolveCallback } from 'hono/utils/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ConflictView } from '../../views/components.tsx';
import { Layout, type Flash } from '../../views/layout.tsx';
import { t } from '../../views/i18n/index.ts';
import type { AppEnv } from '../env.ts';
import { ASSET_URLS } from './assets.ts';

const FLASH_COOKIE = 'pairwise_flash';

export const isHtmx = (c: Context) => c.req.header('HX-Request') === 'true';
/** htmx restoring a page from history wants the whole page, not the partial. */
export const wantsPartial = (c: Context) => isHtmx(c) && c.req.header('HX-History-Restore-Request') !== 'true';

/** A message shown once on the next page (after a redirect). */
export function setFlash(c: Context, flash: NonNullable<Flash>) {
  setCookie(c, FLASH_COOKIE, encodeURIComponent(JSON.stringify(flash)), { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 60 });
}

/** Whether a flash message waits to be shown on this request's page. */
export const hasFlash = (c: Context) => Boolean(getCookie(c, FLASH_COOKIE));

function takeFlash(c: Context): Flash {
  const raw = getCookie(c, FLASH_COOKIE);
  if (!raw) return null;
  deleteCookie(c, FLASH_COOKIE, { path: '/' });
  try {
    const f = JSON.parse(decodeURIComponent(raw));
    return (f.kind === 'ok' || f.kind === 'error') && typeof f.text === 'string' ? { kind: f.kind, text: f.text.slice(0, 500) } : null;
  } catch {
    return null;
  }
}

/**
 * Where the language switch returns: this page when it was an ordinary GET; else the dashboard (an
 * error page stays the same bytes whatever was asked for, so it reveals nothing about the address).
 */
const backHere = (c: Context, status = 200) => (c.req.method === 'GET' && status === 200 ? c.req.path + new URL(c.req.url).search : undefined);

type PageOptions = { status?: ContentfulStatusCode; current?: string; flash?: Flash; wide?: boolean };

export function page(c: Context<AppEnv>, title: string, body: Child, opts: PageOptions = {}) {
  return c.html(layout(c, title, body, opts), opts.status ?? 200);
}

function layout(c: Context<AppEnv>, title: string, body: Child, opts: PageOptions) {
  const flash = opts.flash ?? takeFlash(c);
  return (
    <Layout title={title} assets={ASSET_URLS} user={c.get('user')} flash={flash} current={opts.current} wide={opts.wide} back={backHere(c, opts.status)}>
      {body}
    </Layout>
  );
}

/** Markup as the string `c.html()` would send (async components resolved), for a route that keeps the page. */
export const htmlOf = (node: Child): Promise<string> => resolveCallback(node as string, HtmlEscapedCallbackPhase.Stringify, false, {});

/** A whole page as a string: what `page()` sends. */
export const pageHtml = (c: Context<AppEnv>, title: string, body: Child, opts: PageOptions = {}) => htmlOf(layout(c, title, body, opts));

/** After a successful post: htmx follows HX-Redirect, a plain form follows the 303. */
export function redirectAfterPost(c: Context, location: string, flash?: NonNullable<Flash>) {
  if (flash) setFlash(c, flash);
  if (isHtmx(c)) {
    c.header('HX-Redirect', location);
    return c.body(null, 204);
  }
  return c.redirect(location, 303);
}

/** An error answer: htmx gets the bare section to swap in, a browser the whole page. */
function errorPage(c: Context<AppEnv>, status: 400 | 403 | 404, title: string, body: string | Promise<string>) {
  if (isHtmx(c)) return c.html(body, status);
  return page(c, title, body, { status });
}

/** An error page whose heading is its title, with one line below. */
function titledError(c: Context<AppEnv>, status: 403 | 404, title: string, text: string) {
  return errorPage(
    c,
    status,
    title,
    <section>
      <h1>{title}</h1>
      <p>{text}</p>
    </section>,
  );
}

export function notFound(c: Context<AppEnv>) {
  return titledError(c, 404, t('errors.notFound'), t('errors.notFoundText'));
}

export function forbidden(c: Context<AppEnv>) {
  return titledError(c, 403, t('errors.forbidden'), t('errors.forbiddenText'));
}

/** A request whose shape is wrong (not a user's typo in a form): 400 with what to fix. */
export function badRequest(c: Context<AppEnv>, reason: string) {
  return errorPage(
    c,
    400,
    t('errors.title'),
    <section class="error-summary" role="alert">
      <p>{t('errors.badRequest', { reason })}</p>
    </section>,
  );
}

/**
 * 409 for an edit made on an out-of-date version: both versions side by side and a way back to the
 * form. `rows` are [label, value] pairs of what the user sent and of what is stored now.
 */
export function conflict(
  c: Context<AppEnv>,
  view: { yours: Array<[string, string]>; current: Array<[string, string]>; backHref: string },
  opts: { current?: string } = {},
) {
  return page(c, t('errors.conflict'), <ConflictView yours={view.yours} current={view.current} backHref={view.backHref} />, { status: 409, current: opts.current });
}
