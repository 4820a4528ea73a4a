// Sessions in the database: a random cookie token, stored only as its hash, expiring and renewed on use.
import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { preparedPer } from '../db/prepared.ts';
import { storageFault } from '../db/storage.ts';
import { sessions, users } from '../db/schema/index.ts';
import type { CurrentUser } from '../domain.ts';
import { hashToken, newToken } from './tokens.ts';

export const SESSION_COOKIE = 'pairwise_session';
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;
/** Renew at most once a day so a busy page does not write on every request. */
const RENEW_AFTER_MS = 24 * 3600 * 1000;

/** `idToken`: the provider's ID token of a single sign-on, kept for the provider's sign-out. */
export async function createSession(db: Db, userId: number, now: Date, idToken: string | null = null): Promise<{ token: string; expiresAt: number }> {
  const token = newToken();
  const expiresAt = now.getTime() + SESSION_TTL_MS;
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId, createdAt: now.getTime(), expiresAt, idToken });
  return { token, expiresAt };
}

/** The columns of `users` that make a CurrentUser (a session's or an API token's). */
// The header's unread count, read in the session's own statement (the notices_user index answers it).
const unreadNotices = sql<number>`(select count(*) from notices n where n.user_id = ${users.id} and n.read_at is null)`;

export const currentUserColumns = { id: users.id, name: users.name, email: users.email, role: users.role, partnerId: users.partnerId, locale: users.locale };

/** Every page runs this statement: built once per database handle. */
const sessionLookup = preparedPer((db) =>
  db
    .select({ ...currentUserColumns, active: users.active, expiresAt: sessions.expiresAt, unreadNotices })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql.placeholder('now'))))
    .prepare(),
);

/** The signed-in, active user of a token, renewing the session when it is older than a day. */
export async function userForSession(
  db: Db,
  token: string,
  now: Date,
): Promise<{ user: CurrentUser; renewedUntil: number | null } | null> {
  const tokenHash = hashToken(token);
  const [row] = await sessionLookup(db).all({ tokenHash, now: now.getTime() });
  if (!row || !row.active) return null;
  let renewedUntil: number | null = null;
  if (row.expiresAt - now.getTime() < SESSION_TTL_MS - RENEW_AFTER_MS) {
    try {
      await db.update(sessions).set({ expiresAt: now.getTime() + SESSION_TTL_MS }).where(eq(sessions.tokenHash, tokenHash));
      renewedUntil = now.getTime() + SESSION_TTL_MS;
    } catch (err) {
      // On a full disk or a read-only file the session is still valid: reading pages goes on, renewal waits.
      if (!storageFault(err)) throw err;
    }
  }
  const { active: _active, expiresAt: _expiresAt, ...user } = row;
  return { user, renewedUntil };
}

/** Ends a session; returns the provider's ID token it was signed in with (null: none, or no such session). */
export async function deleteSession(db: Db, token: string): Promise<string | null> {
  const [row] = await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token))).returning({ idToken: sessions.idToken });
  return row?.idToken ?? null;
}

/** Ends every session of a person, or every one but `except` (a token hash: the session making the change). */
export async function deleteUserSessions(db: DbOrTx, userId: number, opts: { except?: string } = {}): Promise<void> {
  await db.delete(sessions).where(opts.except ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, opts.except)) : eq(sessions.userId, userId));
}

export async function purgeExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now.getTime()));
}
