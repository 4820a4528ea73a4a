// The page shell: head, navigation by role, flash message, main content.
import type { Child } from 'hono/jsx';
import type { CurrentUser } from '../src/domain.ts';
import { currentLocale, LANGUAGE_NAMES, LOCALES, t, type MessageKey } from './i18n/index.ts';

export type Flash = { kind: 'ok' | 'error'; text: string } | null;

type NavItem = { href: string; key: MessageKey; roles: CurrentUser['role'][] };
const NAV: NavItem[] = [
  { href: '/', key: 'nav.dashboard', roles: ['manager', 'member', 'partner'] },
  { href: '/matrix', key: 'nav.matrix', roles: ['manager', 'member'] },
  { href: '/members', key: 'nav.members', roles: ['manager', 'member'] },
  { href: '/areas', key: 'nav.areas', roles: ['manager', 'member'] },
  { href: '/pairings', key: 'nav.pairings', roles: ['manager', 'member'] },
  { href: '/work', key: 'nav.work', roles: ['manager', 'member'] },
  { href: '/deals', key: 'nav.deals', roles: ['manager', 'member', 'partner'] },
  { href: '/study', key: 'nav.study', roles: ['manager', 'member'] },
  { href: '/growth', key: 'growth.nav.label', roles: ['manager'] },
  { href: '/partners', key: 'nav.partners', roles: ['manager', 'member'] },
];

export function Layout(props: {
  title: string;
  /** URL of each static file by its plain name (app.css, app.js, htmx.js, favicon.svg): content-hashed, so cached for good. */
  assets: Record<string, string>;
  user: CurrentUser | null;
  flash?: Flash;
  current?: string;
  wide?: boolean;
  /** Where the language switch returns to (this page, when it was a GET). */
  back?: string;
  children?: Child;
}) {
  const { user, current } = props;
  const locale = currentLocale();
  // In the header; on a phone, signed in, inside the menu instead (app.css), so the header keeps one row.
  const languageSwitch = (
    <form method="post" action="/lang" class="lang-switch" aria-label={t('nav.language')}>
      <input type="hidden" name="back" value={props.back ?? '/'} />
      {LOCALES.map((l) => (
        <button type="submit" name="to" value={l} lang={l} class="link" aria-pressed={l === locale ? 'true' : 'false'}>
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </form>
  );
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content='{"includeIndicatorCSS": false}' />
        <title>{`${props.title} · ${t('app.name')}`}</title>
        <link rel="icon" href={props.assets['favicon.svg']} type="image/svg+xml" />
        <link rel="stylesheet" href={props.assets['app.css']} />
        <script src={props.assets['htmx.js']} defer></script>
        <script src={props.assets['app.js']} defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          {t('app.skip')}
        </a>
        <header class="top">
          <a class="brand" href="/">
            {t('app.name')}
          </a>
          {user && (
            <nav aria-label={t('nav.main')}>
              {/* Folded behind "Menu" on narrow screens; app.css shows it unfolded on wide ones. */}
              <details class="menu">
                <summary>{t('nav.menu')}</summary>
                <ul>
                  {NAV.filter((n) => n.roles.includes(user.role)).map((n) => (
                    <li>
                      <a href={n.href} aria-current={current === n.href ? 'page' : undefined}>
                        {t(n.key)}
                      </a>
                    </li>
                  ))}
                  <li class="menu-lang">{languageSwitch}</li>
                </ul>
              </details>
            </nav>
          )}
          {user && (
            <div class="who">
              <a href="/notices" class={user.unreadNotices ? 'notice-count unread' : 'notice-count'} aria-current={current === '/notices' ? 'page' : undefined} aria-label={user.unreadNotices ? t('notices.navUnread', { count: user.unreadNotices }) : undefined}>
                <span class="label">{t('notices.nav')}</span>
                {user.unreadNotices ? <span class="count">{user.unreadNotices}</span> : null}
              </a>
              <a href="/profile">{user.name}</a>
              <form method="post" action="/logout">
                <button type="submit" class="link">
                  {t('nav.signOut')}
                </button>
              </form>
            </div>
          )}
          {languageSwitch}
        </header>
        <main id="main" class={props.wide ? 'wide' : undefined}>
          {props.flash && (
            <p class={`flash flash-${props.flash.kind}`} role={props.flash.kind === 'error' ? 'alert' : 'status'}>
              {props.flash.text}
            </p>
          )}
          {props.children}
        </main>
        <div id="busy" class="htmx-indicator" role="status" aria-live="polite">
          <span class="spinner" aria-hidden="true"></span> {t('common.loading')}
        </div>
      </body>
    </html>
  );
}
