// Single sign-on attempts under way (oidc_logins): written when the browser leaves for the provider,
// taken — read and deleted in one statement — when it comes back, so each works once.
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { oidcLogins } from '../db/schema/index.ts';
import type { Checks } from './oidc-client.ts';
import { hashToken } from './tokens.ts';

/** How long a person may take at the provider (login, consent, a second factor). */
export const OIDC_LOGIN_TTL_MS = 10 * 60 * 1000;

/** Stores an attempt bound to the browser's `binding` cookie; expired attempts are cleared on the way. */
export async function saveLogin(db: Db, checks: Checks, binding: string, next: string, now: Date): Promise<void> {
  await db.delete(oidcLogins).where(lt(oidcLogins.expiresAt, now.getTime()));
  await db.insert(oidcLogins).values({
    stateHash: hashToken(checks.state),
    browserHash: hashToken(binding),
    nonce: checks.nonce,
    codeVerifier: checks.codeVerifier,
    next,
    expiresAt: now.getTime() + OIDC_LOGIN_TTL_MS,
  });
}

export type TakenLogin = { checks: Checks; next: string; sameBrowser: boolean };

/** The attempt of `state`, deleted as it is read; null when there is none (never made, used, or expired). */
export async function takeLogin(db: Db, state: string, binding: string | undefined, now: Date): Promise<TakenLogin | null> {
  const [row] = await db.delete(oidcLogins).where(eq(oidcLogins.stateHash, hashToken(state))).returning();
  if (!row || row.expiresAt < now.getTime()) return null;
  return {
    checks: { state, nonce: row.nonce, codeVerifier: row.codeVerifier },
    next: row.next,
    sameBrowser: binding !== undefined && hashToken(binding) === row.browserHash,
  };
}
