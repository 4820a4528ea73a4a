// Storage faults: recognising a full disk, a read-only database or an I/O error in any error, remembering
// it per database (logged once), probing a tiny write to notice recovery, and explaining local paths.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { serverKeys } from './schema/index.ts';

export type StorageFault = 'full' | 'readonly' | 'io';

/** For operators (logs, /healthz); users get the catalog's words for the same codes. */
export const FAULT_WORDS: Record<StorageFault, string> = { full: 'disk full', readonly: 'read-only', io: 'I/O error' };

const PATTERNS: Array<[StorageFault, RegExp]> = [
  ['full', /SQLITE_FULL|database or disk is full|ENOSPC/i],
  ['readonly', /SQLITE_READONLY|attempt to write a readonly database|EROFS/i],
  ['io', /SQLITE_IOERR|disk I\/O error/i],
];

/** The storage fault behind an error (looking through drizzle's and libSQL's wrappers), or null. */
export function storageFault(err: unknown): StorageFault | null {
  for (let e = err as { message?: string; code?: string; extendedCode?: string; cause?: unknown } | undefined, depth = 0; e && depth < 8; e = e.cause as typeof e, depth++) {
    const text = `${e.code ?? ''} ${e.extendedCode ?? ''} ${e.message ?? ''}`;
    for (const [fault, re] of PATTERNS) if (re.test(text)) return fault;
  }
  return null;
}

const faults = new WeakMap<Db, StorageFault>();

/** The fault the last failed write of this process met, until a probe write succeeds. */
export const currentFault = (db: Db): StorageFault | null => faults.get(db) ?? null;

/** Remembers a fault; the log names it once per episode, not once per failing request. */
export function noteFault(db: Db, fault: StorageFault, err: unknown): void {
  if (faults.get(db) === fault) return;
  faults.set(db, fault);
  const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
  console.error(`storage: writes fail (${FAULT_WORDS[fault]}): ${cause}. Requests that write answer 503 until a write succeeds again (GET /healthz probes).`);
}

/** One tiny write: the fault it meets, or null when the database takes writes. */
export async function tryWrite(db: Db): Promise<StorageFault | null> {
  try {
    await db
      .insert(serverKeys)
      .values({ name: 'write_probe', value: String(Date.now()) })
      .onConflictDoUpdate({ target: serverKeys.name, set: { value: sql`excluded.value` } });
    return null;
  } catch (err) {
    const fault = storageFault(err);
    if (!fault) throw err;
    return fault;
  }
}

/** After a failed write: probes again, and forgets the fault (saying so once) when writes work again. */
export async function probeWrite(db: Db): Promise<StorageFault | null> {
  const fault = await tryWrite(db);
  if (fault) faults.set(db, fault);
  else if (faults.delete(db)) console.error('storage: writes work again.');
  return fault;
}

/** Why a local database file cannot be created or written, from the file system's point of view, or null. */
export function localPathProblem(path: string): string | null {
  const file = resolve(path);
  const folder = dirname(file);
  let existing = folder;
  while (!existsSync(existing)) existing = dirname(existing);
  const denied = (target: string) => {
    try {
      accessSync(target, constants.W_OK);
      return null;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return code === 'EROFS' ? `${target} is on a read-only file system (EROFS)` : `${target} is not writable (${code})`;
    }
  };
  if (!statSync(existing).isDirectory()) return `cannot create the folder ${folder}: ${existing} is a file, not a folder`;
  if (existing !== folder) {
    const why = denied(existing);
    return why ? `cannot create the folder ${folder}: ${why}` : null;
  }
  const why = (existsSync(file) && denied(file)) || denied(folder);
  return why ? `read-only: ${why}` : null;
}
