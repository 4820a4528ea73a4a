// Password hashing with scrypt (salted, slow) and constant-time verification.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

const PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

/** Format: scrypt$N$r$p$salt$key (base64url), so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Stands in for a missing account or a missing password, so a wrong guess costs the same scrypt run
 * whether or not the e-mail has an account (no timing tells which do). No password matches it in use:
 * verification against it always reports false.
 */
const NO_ACCOUNT = 'scrypt$16384$8$1$BwcHBwcHBwcHBwcHBwcHBw$ltSasCy7uIF_VPuy4cpP2KiOnFxP-URM_mePm7dWuZE';

/** Always runs one scrypt, also when there is no stored hash (then the answer is false). */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const usable = Boolean(stored && stored.startsWith('scrypt$') && stored.split('$').length === 6);
  const [, n, r, p, salt, key] = (usable ? stored! : NO_ACCOUNT).split('$');
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(expected, actual) && usable;
}
