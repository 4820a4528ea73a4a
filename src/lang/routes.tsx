// The language switch in the page header (a plain form, no JavaScript needed): the cookie for this
// browser and, for a signed-in person, the saved choice of their profile.
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { z } from 'zod';
import { LOCALES, DAY_MS } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { readForm } from '../http/forms.ts';
import { safeTarget } from '../http/redirect.ts';
import { sessionCookieOptions } from '../auth/middleware.ts';
import { LANG_COOKIE } from './middleware.ts';
import { saveLocaleChoice } from './queries.ts';

const YEAR_MS = 365 * DAY_MS;
const schema = z.object({ to: z.enum(LOCALES), back: z.string().optional() });

export const langRoutes = new Hono<AppEnv>().post('/lang', async (c) => {
  const { fields } = await readForm(c);
  const form = schema.safeParse(fields);
  const back = safeTarget(typeof fields.back === 'string' ? fields.back : null, '/');
  // An unsupported language changes nothing: back to the page, as it was.
  if (!form.success) return c.redirect(back, 303);
  setCookie(c, LANG_COOKIE, form.data.to, sessionCookieOptions(c.req.url, c.var.now().getTime() + YEAR_MS));
  if (c.var.user) await saveLocaleChoice(c.var.db, c.var.user.id, form.data.to);
  return c.redirect(back, 303);
});
