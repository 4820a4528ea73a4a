// Slows down password guessing: failed sign-ins per email and per client address, counted in the database.
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { loginAttempts } from '../db/schema/index.ts';

/** A shared office address sees many people's typos, so it gets more room than one email. */
export const MAX_FAILURES = { email: 5, addr: 20 } as const;
const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

export const limitKeys = (email: string, address: string) => [`email:${email.trim().toLowerCase()}`, `addr:${address}`];

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
        lockedUntil: failures >= MAX_FAILURES[key.startsWith('addr:') ? 'addr' : 'email'] ? t + LOCK_MS : null,
      };
      await tx
        .insert(loginAttempts)
        .values({ key, ...values })
        .onConflictDoUpdate({ target: loginAttempts.key, set: values });
    }
  });
}

export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.key, `email:${email.trim().toLowerCase()}`));
}
