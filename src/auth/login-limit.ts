// Slows down password guessing without handing attackers a lock-out: failure counters per
// (address, account), per account, per trusted device and per password change, in the database.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { loginAttempts } from '../db/schema/index.ts';

/**
 * Failures allowed within the window before a key locks:
 * - `pair`: one address on one account (an attacker behind one address; 5 like most sites);
 * - `acct`: one account from every untrusted browser (an attacker with many addresses);
 * - `device`: one trusted browser on its own account (only that browser's own failures count);
 * - `change`: wrong current passwords of one signed-in person.
 */
export const MAX_FAILURES = { pair: 5, acct: 20, device: 10, change: 5 } as const;
type Kind = keyof typeof MAX_FAILURES;
const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

const norm = (email: string) => email.trim().toLowerCase();

/** The keys one sign-in attempt counts against: a trusted device only its own; anyone else the address and the account. */
export const signInKeys = (email: string, address: string, device: string | null) =>
  device ? [`device:${device}`] : [`pair:${address}|${norm(email)}`, `acct:${norm(email)}`];
export const passwordChangeKeys = (userId: number) => [`change:${userId}`];

/** Milliseconds until the first of these keys is unlocked, or 0 when sign-in may be tried. */
export async function lockedFor(db: Db, keys: string[], now: Date): Promise<number> {
  const rows = await db.select().from(loginAttempts).where(inArray(loginAttempts.key, keys));
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil ?? 0));
  return Math.max(0, until - now.getTime());
}

export async function recordFailure(db: Db, keys: string[], now: Date): Promise<void> {
  const t = now.getTime();
  await db.transaction(async (tx) => {
    for (const key of keys) {
      const [row] = await tx.select().from(loginAttempts).where(eq(loginAttempts.key, key));
      const fresh = !row || t - row.windowStart > WINDOW_MS;
      const failures = fresh ? 1 : row.failures + 1;
      const values = {
        failures,
        windowStart: fresh ? t : row.windowStart,
        lockedUntil: failures >= MAX_FAILURES[key.slice(0, key.indexOf(':')) as Kind] ? t + LOCK_MS : null,
      };
      await tx
        .insert(loginAttempts)
        .values({ key, ...values })
        .onConflictDoUpdate({ target: loginAttempts.key, set: values });
    }
  });
}

/**
 * After a success: the counters of this browser (its device, or its address on this account). The
 * account-wide counter is left to expire, so one success somewhere does not reset an attack elsewhere.
 */
export async function clearFailures(db: Db, keys: string[]): Promise<void> {
  const own = keys.filter((k) => !k.startsWith('acct:'));
  if (own.length) await db.delete(loginAttempts).where(inArray(loginAttempts.key, own));
}
