// OWASP "device cookies": a browser that signed in to an account gets a signed cookie for it, so
// lock-outs caused by other people's failures never apply to it (see README, Security).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { serverKeys } from '../db/schema/index.ts';
import { isLocalUrl } from './cookies.ts';

const SECRET_NAME = 'device_cookie_hmac';
const DEVICE_TTL_S = 365 * 24 * 3600;
const deviceCookie = (userId: number) => `pairwise_device_${userId}`;

/**
 * One random key per database, created on first use and shared by every process on it (the insert
 * loses quietly to a racing one, and both read the stored key back). Cached per database handle.
 */
const secrets = new WeakMap<Db, Buffer>();
async function deviceSecret(db: Db, create: boolean): Promise<Buffer | null> {
  const cached = secrets.get(db);
  if (cached) return cached;
  if (create) await db.insert(serverKeys).values({ name: SECRET_NAME, value: randomBytes(32).toString('base64url') }).onConflictDoNothing();
  const [row] = await db.select({ value: serverKeys.value }).from(serverKeys).where(eq(serverKeys.name, SECRET_NAME));
  if (!row) return null;
  const secret = Buffer.from(row.value, 'base64url');
  secrets.set(db, secret);
  return secret;
}

const sign = (secret: Buffer, userId: number, nonce: string) => createHmac('sha256', secret).update(`${userId}.${nonce}`).digest('base64url');

/** Gives this browser a fresh device cookie for the account it just signed in to. */
export async function trustDevice(c: Context, db: Db, userId: number): Promise<void> {
  const secret = (await deviceSecret(db, true))!;
  const nonce = randomBytes(16).toString('base64url');
  setCookie(c, deviceCookie(userId), `${nonce}.${sign(secret, userId, nonce)}`, {
    path: '/login', // only sign-in reads it
    httpOnly: true,
    sameSite: 'Lax',
    secure: !isLocalUrl(c.req.url),
    maxAge: DEVICE_TTL_S,
  });
}

/** The nonce of this browser's valid device cookie for the account, or null (absent, forged, other account). */
export async function trustedDevice(c: Context, db: Db, userId: number): Promise<string | null> {
  const raw = getCookie(c, deviceCookie(userId));
  const m = raw && /^([\w-]{22})\.([\w-]{43})$/.exec(raw);
  if (!m) return null;
  const secret = await deviceSecret(db, false);
  if (!secret) return null;
  const expected = Buffer.from(sign(secret, userId, m[1]));
  return timingSafeEqual(expected, Buffer.from(m[2])) ? m[1] : null;
}
