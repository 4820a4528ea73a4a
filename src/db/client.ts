// Opens the libSQL database (local file, remote server or embedded replica) and applies migrations.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { waitingForLocks } from './busy.ts';
import { createLocalClient, localPath } from './local-client.ts';
import { mapRowsOncePerResult } from './row-mapping.ts';
import * as schema from './schema/index.ts';

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** For local files: a writer waits this long for another writer (another process too) before failing — on timers, not in SQLite (busy.ts). */
const BUSY_TIMEOUT_MS = 5000;

export type DbOptions = { url: string; authToken?: string; syncUrl?: string };

/** Creates the folder of a `file:` database, opens it in WAL mode and returns a drizzle handle. */
export async function createDb({ url, authToken, syncUrl }: DbOptions): Promise<Db> {
  const local = url.startsWith('file:');
  if (local) {
    const path = url.slice('file:'.length).split('?')[0];
    if (path && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  // An embedded replica syncs only when it opens unless told to sync periodically.
  // A plain local file gets the client of local-client.ts (prepared statements kept, cheaper rows); in-memory
  // databases, remote servers and embedded replicas get @libsql/client's own.
  const path = syncUrl ? null : localPath(url);
  const opened = path ? createLocalClient(path, BUSY_TIMEOUT_MS) : createClient({ url, authToken, syncUrl, syncInterval: syncUrl ? 5 : undefined, timeout: local ? BUSY_TIMEOUT_MS : undefined });
  const client = local ? waitingForLocks(opened, BUSY_TIMEOUT_MS) : opened;
  if (local) {
    // WAL is a property of the file (persists); synchronous stays at SQLite's FULL default (see README, Design).
    await client.execute('PRAGMA journal_mode = WAL');
  }
  mapRowsOncePerResult();
  return drizzle(client, { schema }) as Db;
}

export async function migrateDb(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/** Opens and migrates: what the server and the tests do at start-up. */
export async function openDatabase(options: DbOptions): Promise<Db> {
  const db = await createDb(options);
  await migrateDb(db);
  return db;
}

/** A transaction handle; queries that may run inside one take `DbOrTx`. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
