// Starting a Pairwise session after a successful sign-in, by password or through single sign-on alike.
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Role } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { sessionCookieOptions } from './cookies.ts';
import { trustDevice } from './devices.ts';
import { createSession, deleteSession, SESSION_COOKIE } from './sessions.ts';

/**
 * Rotates the session cookie (a pre-sign-in token never becomes a session), stores the new session
 * (with the provider's ID token after single sign-on) and, where passwords are used at all, marks this
 * browser as a trusted device of the account: it has just proved who its person is.
 */
export async function startSession(c: Context<AppEnv>, userId: number, idToken: string | null = null): Promise<void> {
  const old = getCookie(c, SESSION_COOKIE);
  if (old && old.length < 200) await deleteSession(c.get('db'), old);
  const { token, expiresAt } = await createSession(c.get('db'), userId, c.get('now')(), idToken);
  setCookie(c, SESSION_COOKIE, token, sessionCookieOptions(c.req.url, expiresAt));
  if (c.get('passwordLogin')) await trustDevice(c, c.get('db'), userId);
}

/** Where a sign-in lands: the page asked for, else partners on their deals and everyone else on the dashboard. */
export const landingFor = (role: Role, next: string) => (role === 'partner' && next === '/' ? '/deals' : next);
