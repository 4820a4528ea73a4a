// People: creating, editing, deactivating, set-password links.
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db/client.ts';
import { passwordTokens, ratings, users } from '../db/schema/index.ts';
import { DAY_MS, type Role } from '../domain.ts';
import { deleteUserSessions } from '../auth/sessions.ts';
import { hashToken, newToken } from '../auth/tokens.ts';

export const PASSWORD_LINK_TTL_MS = 7 * DAY_MS;

export type NewUser = { name: string; email: string; role: Role; capacity?: number; partnerId?: number | null; passwordHash?: string | null; locale?: string };

export async function emailTaken(db: Db, email: string, exceptId?: number): Promise<boolean> {
  const cond = sql`lower(${users.email}) = ${email.toLowerCase()}`;
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(exceptId ? and(cond, ne(users.id, exceptId)) : cond);
  return Boolean(row);
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row ?? null;
}

export async function getUser(db: Db, id: number) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

/** The team: managers and members (not partner users), the active ones unless told otherwise. */
const inTeam = (opts: { includeInactive?: boolean }) => sql`${users.role} in ('manager','member') ${opts.includeInactive ? sql`` : sql`and ${users.active} = 1`}`;

/** Team members (managers and members, not partner users). */
export async function listTeam(db: DbOrTx, opts: { includeInactive?: boolean } = {}) {
  const rows = await db.select().from(users).where(inTeam(opts)).orderBy(asc(users.name));
  return rows;
}

/** Names of the team (managers and members), for searching and ordering the whole list before a page of it is read. */
export async function teamNames(db: DbOrTx, opts: { includeInactive?: boolean } = {}): Promise<Array<{ id: number; name: string }>> {
  return db.select({ id: users.id, name: users.name }).from(users).where(inTeam(opts));
}

export type TeamLine = { id: number; name: string; email: string; role: 'manager' | 'member'; capacity: number; active: boolean };

/** `limit` team members from `offset` in the order of their ids, which a new member never reorders (the API's pages). One statement. */
export async function teamPage(db: DbOrTx, opts: { includeInactive?: boolean; limit: number; offset: number }): Promise<TeamLine[]> {
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, capacity: users.capacity, active: users.active })
    .from(users)
    .where(inTeam(opts))
    .orderBy(asc(users.id))
    .limit(opts.limit)
    .offset(opts.offset);
  return rows as TeamLine[];
}

/** The list's fields of the given members, with how many areas each has a rating in (one query whatever their number). */
export async function memberRows(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      capacity: users.capacity,
      active: users.active,
      version: users.version,
      rated: sql<number>`(select count(*) from ${ratings} where ${ratings.userId} = ${users.id})`,
    })
    .from(users)
    .where(sql`${users.id} in (select value from json_each(${JSON.stringify(ids)}))`);
}

export type MemberFields = { name: string; email: string; role: 'member' | 'manager'; capacity: number };

/** Saves a member's fields if the record is still at `version`; null means someone changed it meanwhile. */
export async function updateMember(db: DbOrTx, id: number, version: number, values: MemberFields) {
  const [row] = await db
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  return row ?? null;
}

/** (De)activates a member at `version`, recording when (the team over time stops counting them then); a deactivated member is signed out everywhere. False on a stale version. */
export async function setActive(db: Db, id: number, version: number, active: boolean, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ active, deactivatedAt: active ? null : now.getTime(), version: sql`${users.version} + 1` })
      .where(and(eq(users.id, id), eq(users.version, version)))
      .returning();
    if (row && !active) await deleteUserSessions(tx, id);
    return Boolean(row);
  });
}

export async function insertUser(db: DbOrTx, u: NewUser, now: Date) {
  const [row] = await db
    .insert(users)
    .values({
      name: u.name,
      email: u.email,
      role: u.role,
      capacity: u.capacity ?? 10,
      partnerId: u.partnerId ?? null,
      passwordHash: u.passwordHash ?? null,
      locale: u.locale ?? '', // no saved choice: the lang cookie, the browser, then DEFAULT_LOCALE decide
      createdAt: now.getTime(),
    })
    .returning();
  return row;
}

/** A new one-time link; older unused links of the same user stop working. */
/** A new one-time link replacing the person's previous one; `then` runs in the same transaction (e.g. to enqueue the invitation). */
export async function createPasswordLink(db: Db, userId: number, now: Date, then?: (tx: Tx, token: string) => Promise<void>): Promise<string> {
  const token = newToken();
  await db.transaction(async (tx) => {
    await tx.delete(passwordTokens).where(eq(passwordTokens.userId, userId));
    await tx.insert(passwordTokens).values({ tokenHash: hashToken(token), userId, expiresAt: now.getTime() + PASSWORD_LINK_TTL_MS });
    await then?.(tx, token);
  });
  return token;
}

export async function userForPasswordToken(db: Db, token: string, now: Date) {
  const [row] = await db
    .select({ userId: passwordTokens.userId, expiresAt: passwordTokens.expiresAt, usedAt: passwordTokens.usedAt, name: users.name, active: users.active })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(eq(passwordTokens.tokenHash, hashToken(token)));
  if (!row || row.usedAt || row.expiresAt < now.getTime() || !row.active) return null;
  return row;
}

/** Sets the password and spends the link in one transaction; false when the link was used meanwhile. */
export async function usePasswordToken(db: Db, token: string, passwordHash: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const spent = await tx
      .update(passwordTokens)
      .set({ usedAt: now.getTime() })
      .where(and(eq(passwordTokens.tokenHash, hashToken(token)), sql`${passwordTokens.usedAt} is null`))
      .returning({ userId: passwordTokens.userId });
    if (spent.length !== 1) return false;
    await tx.update(users).set({ passwordHash, version: sql`${users.version} + 1` }).where(eq(users.id, spent[0].userId));
    await deleteUserSessions(tx, spent[0].userId);
    return true;
  });
}

/** The public address of a set-password link, from the request's own origin. */
export const passwordLinkUrl = (origin: string, token: string) => `${origin}/password/${token}`;
