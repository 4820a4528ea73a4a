// Personal access tokens of the API: made and revoked on the profile, kept as hashes, looked up on every API request.
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { storageFault } from '../db/storage.ts';
import { apiTokens, users } from '../db/schema/index.ts';
import type { CurrentUser } from '../domain.ts';
import { currentUserColumns } from './sessions.ts';
import { hashToken, newToken } from './tokens.ts';

/** Working tokens one person may hold at once: enough for a few tools, few enough to keep track of. */
export const MAX_ACTIVE_TOKENS = 10;
export const TOKEN_NAME_MAX = 60;
/** Tokens start with this, so a secret scanner (and a person) recognises one pasted into the wrong place. */
export const TOKEN_PREFIX = 'pw_';
/** The characters of a token the profile shows: the prefix and six of the random part. */
const SHOWN_CHARS = TOKEN_PREFIX.length + 6;
/** "Last used" moves at most this often: reading the API must not cost a write per request. */
export const LAST_USED_EVERY_MS = 60_000;

export type ApiTokenLine = { id: number; name: string; prefix: string; createdAt: number; lastUsedAt: number | null };

/** The person's working tokens, newest first. */
export async function activeTokens(db: Db, userId: number): Promise<ApiTokenLine[]> {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/**
 * Makes a token (256 random bits after `pw_`) and returns it: the only time it exists outside the
 * caller's hands. 'full' when the person already holds MAX_ACTIVE_TOKENS; the count and the insert
 * share one write transaction, so two racing requests cannot pass the limit together.
 */
export async function createApiToken(db: Db, userId: number, name: string, at: Date): Promise<{ ok: true; token: string } | { ok: false; reason: 'full' }> {
  const token = TOKEN_PREFIX + newToken();
  return db.transaction(
    async (tx) => {
      const [{ n }] = await tx.select({ n: count() }).from(apiTokens).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
      if (n >= MAX_ACTIVE_TOKENS) return { ok: false as const, reason: 'full' as const };
      await tx.insert(apiTokens).values({ userId, name, tokenHash: hashToken(token), prefix: token.slice(0, SHOWN_CHARS), createdAt: at.getTime() });
      return { ok: true as const, token };
    },
    { behavior: 'immediate' },
  );
}

/** Revokes one of the person's own working tokens; false when it is not theirs or was revoked already. */
export async function revokeApiToken(db: Db, userId: number, id: number, at: Date): Promise<boolean> {
  const done = await db
    .update(apiTokens)
    .set({ revokedAt: at.getTime() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return done.length === 1;
}

/** Whether a string could be one of our tokens at all: garbage is refused without a database look-up. */
export const looksLikeToken = (s: string) => s.length <= 100 && s.startsWith(TOKEN_PREFIX) && /^[A-Za-z0-9_-]+$/.test(s);

/**
 * The active person a working token belongs to (one statement), or null: unknown, revoked, or the person
 * was deactivated. Notes the use when the last one is more than a minute old.
 */
export async function userForApiToken(db: Db, token: string, now: Date): Promise<{ user: CurrentUser; tokenId: number } | null> {
  if (!looksLikeToken(token)) return null;
  const [row] = await db
    .select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, ...currentUserColumns })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt), eq(users.active, true)));
  if (!row) return null;
  const { tokenId, lastUsedAt, ...user } = row;
  if (lastUsedAt === null || now.getTime() - lastUsedAt >= LAST_USED_EVERY_MS) {
    try {
      await db.update(apiTokens).set({ lastUsedAt: now.getTime() }).where(eq(apiTokens.id, tokenId));
    } catch (err) {
      // On a full disk or a read-only file the token still reads: "last used" waits, like session renewal.
      if (!storageFault(err)) throw err;
    }
  }
  return { user, tokenId };
}
