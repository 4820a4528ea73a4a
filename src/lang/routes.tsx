// The language switch in the page header (a plain form, no JavaScript needed): the cookie for this
// browser and, for a signed-in person, the saved choice of their profile.
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { z } from 'zod';
import { LOCALES } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { readForm } from '../http/forms.ts';
import { safeTarget } from '../http/redirect.ts';
import { LANG_COOKIE } from './middleware.ts';
import { saveLocaleChoice } from './queries.ts';

/** A preference, not a secret: a year, this site only, over https when the site is. */
const cookieOptions = (url: string) => ({ path: '/', httpOnly: true, sameSite: 'Lax' as const, secure: url.startsWith('https:'), maxAge: 365 * 24 * 3600 });
const schema = z.object({ to: z.enum(LOCALES), back: z.string().optional() });

export const langRoutes = new Hono<AppEnv>().post('/lang', async (c) => {
  const { fields } = await readForm(c);
  const form = schema.safeParse(fields);
  const back = safeTarget(typeof fields.back === 'string' ? fields.back : null, '/');
  // An unsupported language changes nothing: back to the page, as it was.
  if (!form.success) return c.redirect(back, 303);
  setCookie(c, LANG_COOKIE, form.data.to, cookieOptions(c.req.url));
  const user = c.get('user');
  if (user) await saveLocaleChoice(c.get('db'), user.id, form.data.to);
  return c.redirect(back, 303);
});
