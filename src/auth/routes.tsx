// First-run setup, sign-in and sign-out, set-password links and the user's own profile.
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { count, eq, sql, and } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../db/schema/index.ts';
import type { AppEnv } from '../env.ts';
import { field, parseForm } from '../http/forms.ts';
import { safeTarget } from '../http/redirect.ts';
import { forbidden, page, redirectAfterPost } from '../http/render.tsx';
import { emailTaken, findUserByEmail, getUser, insertUser, usePasswordToken, userForPasswordToken } from '../members/queries.ts';
import { LoginForm, SetPasswordForm, SetupForm } from '../../views/auth/pages.tsx';
import { LOCALES, t } from '../../views/i18n/index.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../domain.ts';
import { trustedDevice } from './devices.ts';
import { clearFailures, lockedFor, passwordChangeKeys, recordFailure, signInKeys } from './login-limit.ts';
import { oidcClient } from './oidc-client.ts';
import { ssoLink } from './oidc-routes.tsx';
import { hashPassword, verifyPassword } from './passwords.ts';
import { deleteSession, deleteUserSessions, SESSION_COOKIE } from './sessions.ts';
import { landingFor, startSession } from './sign-in.ts';
import { profilePage } from './profile-routes.tsx';
import { hashToken } from './tokens.ts';

const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, 'errors.passwordShort')
  .max(MAX_PASSWORD_LENGTH, 'errors.tooLong');
const newPassword = z
  .object({ password, password2: z.string() })
  .refine((v) => v.password === v.password2, { path: ['password2'], message: 'errors.passwordMismatch' });

const setupSchema = z
  .object({ name: field.text(100), email: field.email(), password, password2: z.string() })
  .refine((v) => v.password === v.password2, { path: ['password2'], message: 'errors.passwordMismatch' });
const loginSchema = z.object({ email: z.string().max(300), password: z.string().max(MAX_PASSWORD_LENGTH), next: z.string().max(2000).optional() });
/** Only managers edit e-mails; a member's or partner's form has none (see `emailChangeRefused`). */
const profileSchema = z.object({
  name: field.text(100),
  email: field.email().optional(),
  locale: z.enum(['', ...LOCALES]),
  version: field.version(),
});

/**
 * With PASSWORD_LOGIN=off no password is asked for or set: the form posts and set-password links answer
 * 403 with the way that works instead (the first-run setup then goes through single sign-on too).
 */
function passwordsOff(c: Context<AppEnv>) {
  c.header('Cache-Control', 'no-store');
  return page(c, t('login.title'), <LoginForm sso={ssoLink(c)} passwordLogin={false} message={t('sso.passwordsOff')} />, { status: 403 });
}

export const authRoutes = new Hono<AppEnv>()
  .get('/setup', async (c) => {
    const [{ n }] = await c.get('db').select({ n: count() }).from(users);
    if (n > 0) return redirectAfterPost(c, '/login', { kind: 'ok', text: t('setup.done') });
    return page(c, t('setup.title'), <SetupForm sso={ssoLink(c)} passwordLogin={c.get('passwordLogin')} />);
  })
  .post('/setup', async (c) => {
    if (!c.get('passwordLogin')) return passwordsOff(c);
    const form = await parseForm(c, setupSchema);
    if (!form.ok) return page(c, t('setup.title'), <SetupForm values={form.values} errors={form.errors} sso={ssoLink(c)} />, { status: 422 });
    const db = c.get('db');
    const passwordHash = await hashPassword(form.data.password);
    // The count check and the insert share one write transaction, so two racing setups make one manager.
    const created = await db.transaction(async (tx) => {
      const [{ n }] = await tx.select({ n: count() }).from(users);
      if (n > 0) return null;
      return insertUser(tx, { name: form.data.name, email: form.data.email, role: 'manager', passwordHash }, c.get('now')());
    });
    if (!created) return redirectAfterPost(c, '/login', { kind: 'ok', text: t('setup.done') });
    await startSession(c, created.id);
    return redirectAfterPost(c, '/');
  })
  .get('/login', (c) => {
    if (c.get('user')) return c.redirect('/', 303);
    const next = safeTarget(c.req.query('next'), '/');
    return page(c, t('login.title'), <LoginForm next={next} sso={ssoLink(c, next)} passwordLogin={c.get('passwordLogin')} />);
  })
  .post('/login', async (c) => {
    if (!c.get('passwordLogin')) return passwordsOff(c);
    const form = await parseForm(c, loginSchema);
    const email = (form.values.email ?? '').trim();
    const next = safeTarget(form.values.next, '/');
    const db = c.get('db');
    const now = c.get('now')();
    const user = email ? await findUserByEmail(db, email) : null;
    // A trusted device counts only its own failures; once they lock it, it is treated like any other browser.
    const device = user ? await trustedDevice(c, db, user.id) : null;
    const deviceKeys = device ? signInKeys(email, c.get('clientAddress'), device) : null;
    const trusted = deviceKeys !== null && (await lockedFor(db, deviceKeys, now)) === 0;
    const keys = trusted ? deviceKeys : signInKeys(email, c.get('clientAddress'), null);
    const wait = trusted ? 0 : await lockedFor(db, keys, now);
    const fail = (message: string, status: 401 | 429 | 422) =>
      page(c, t('login.title'), <LoginForm next={next} values={{ email }} message={message} sso={ssoLink(c, next)} />, { status });
    if (wait > 0) return fail(t('login.locked', { minutes: Math.ceil(wait / 60000) }), 429);
    if (!form.ok) return fail(t('login.failed'), 422);
    // One scrypt run whether or not the account exists, is active or has a password yet.
    const ok = await verifyPassword(form.data.password, user?.active ? user.passwordHash : null);
    if (!user || !ok) {
      await recordFailure(db, keys, now);
      return fail(t('login.failed'), 401);
    }
    await clearFailures(db, keys);
    await startSession(c, user.id);
    return c.redirect(landingFor(user.role, next), 303);
  })
  .post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    const idToken = token && token.length < 200 ? await deleteSession(c.get('db'), token) : null;
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    const signedOut = { kind: 'ok', text: t('login.signedOut') } as const;
    // After single sign-on, the provider's session ends too (it sends the browser back to /login).
    const oidc = c.get('oidc');
    const provider = idToken && oidc ? await oidcClient(oidc).endSessionUrl(idToken) : null;
    return redirectAfterPost(c, provider?.href ?? '/login', signedOut);
  })
  .get('/password/:token', async (c) => {
    if (!c.get('passwordLogin')) return passwordsOff(c);
    c.header('Cache-Control', 'no-store'); // the page names the person the link is for
    const token = c.req.param('token');
    const link = await userForPasswordToken(c.get('db'), token, c.get('now')());
    if (!link) return page(c, t('password.title'), <p class="error-summary" role="alert">{t('password.linkInvalid')}</p>, { status: 404 });
    return page(c, t('password.title'), <SetPasswordForm token={token} name={link.name} />);
  })
  .post('/password/:token', async (c) => {
    if (!c.get('passwordLogin')) return passwordsOff(c);
    c.header('Cache-Control', 'no-store');
    const token = c.req.param('token');
    const db = c.get('db');
    const link = await userForPasswordToken(db, token, c.get('now')());
    if (!link) return page(c, t('password.title'), <p class="error-summary" role="alert">{t('password.linkInvalid')}</p>, { status: 404 });
    const form = await parseForm(c, newPassword);
    if (!form.ok) return page(c, t('password.title'), <SetPasswordForm token={token} name={link.name} errors={form.errors} />, { status: 422 });
    // Spending the link also ends every session of that person (in the same transaction).
    const done = await usePasswordToken(db, token, await hashPassword(form.data.password), c.get('now')());
    if (!done) return page(c, t('password.title'), <p class="error-summary" role="alert">{t('password.linkInvalid')}</p>, { status: 404 });
    return redirectAfterPost(c, '/login', { kind: 'ok', text: t('login.passwordSet') });
  })
  .get('/profile', (c) => profilePage(c))
  .post('/profile', async (c) => {
    const db = c.get('db');
    const me = (await getUser(db, c.get('user')!.id))!;
    const form = await parseForm(c, profileSchema);
    const rejected = (errors: Record<string, string>, status: 409 | 422) => profilePage(c, { profile: { values: form.values, errors }, status });
    if (!form.ok) return rejected(form.errors, 422);
    const email = form.data.email ?? me.email;
    // Members and partners could otherwise probe which addresses have accounts by reading "taken":
    // their change is refused before anyone looks, so the answer is the same for every address.
    if (me.role !== 'manager' && email !== me.email.toLowerCase()) return rejected({ email: t('profile.emailByManager') }, 422);
    if (me.role === 'manager' && (await emailTaken(db, email, me.id))) return rejected({ email: t('errors.emailTaken') }, 422);
    const updated = await db
      .update(users)
      .set({ name: form.data.name, email: me.role === 'manager' ? email : me.email, locale: form.data.locale, version: sql`${users.version} + 1` })
      .where(and(eq(users.id, me.id), eq(users.version, form.data.version)))
      .returning({ id: users.id });
    if (updated.length === 0) return rejected({ _form: t('errors.conflictText') }, 409);
    return redirectAfterPost(c, '/profile', { kind: 'ok', text: t('common.saved') });
  })
  .post('/profile/password', async (c) => {
    if (!c.get('passwordLogin')) return forbidden(c);
    const db = c.get('db');
    const me = (await getUser(db, c.get('user')!.id))!;
    const form = await parseForm(c, newPassword.and(z.object({ current: z.string().max(MAX_PASSWORD_LENGTH) })));
    const rejected = (errors: Record<string, string>, status: 422 | 429 = 422) => profilePage(c, { password: { errors }, status });
    if (!form.ok) return rejected(form.errors);
    const keys = passwordChangeKeys(me.id);
    const wait = await lockedFor(db, keys, c.get('now')());
    if (wait > 0) return rejected({ current: t('login.locked', { minutes: Math.ceil(wait / 60000) }) }, 429);
    if (!(await verifyPassword(form.data.current, me.passwordHash))) {
      await recordFailure(db, keys, c.get('now')());
      return rejected({ current: t('password.currentWrong') });
    }
    await clearFailures(db, keys);
    const passwordHash = await hashPassword(form.data.password);
    const current = hashToken(getCookie(c, SESSION_COOKIE) ?? '');
    // Every other session ends: whoever knew the old password is signed out everywhere but here.
    await db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash }).where(eq(users.id, me.id));
      await deleteUserSessions(tx, me.id, { except: current });
    });
    return redirectAfterPost(c, '/profile', { kind: 'ok', text: t('password.changed') });
  });
