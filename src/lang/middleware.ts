// Which language a request is answered in, before anyone is signed in: the `lang` cookie, then
// Accept-Language, then DEFAULT_LOCALE. The signed-in person's saved choice beats all three (loadSession).
import type { MiddlewareHandler } from 'hono';
import { languageDetector } from 'hono/language';
import { LOCALES, type Locale } from '../domain.ts';
import type { AppEnv } from '../env.ts';

/** The cookie the language switch sets. */
export const LANG_COOKIE = 'lang';

/**
 * hono/language reads the cookie and the header (q-values, `ko-KR` → `ko`) and ignores what it cannot
 * parse or does not support; it never writes a cookie itself (only the switch does).
 */
export function chooseLocale(fallback: Locale): MiddlewareHandler<AppEnv> {
  const detect = languageDetector({
    order: ['cookie', 'header'],
    lookupCookie: LANG_COOKIE,
    supportedLanguages: [...LOCALES],
    fallbackLanguage: fallback,
    caches: false,
  });
  return (c, next) =>
    detect(c, async () => {
      c.set('locale', LOCALES.find((l) => l === c.get('language')) ?? fallback);
      await next();
    });
}
