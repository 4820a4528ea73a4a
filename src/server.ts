// Reads the configuration, opens and migrates the database, and serves the app.
import { serve } from '@hono/node-server';
import { createApp } from './app.tsx';
import { sql } from 'drizzle-orm';
import { ConfigError, displayUrl, loadConfig, type Config } from './config.ts';
import { createDb, migrateDb, type Db } from './db/client.ts';
import { FAULT_WORDS, localPathProblem, tryWrite } from './db/storage.ts';

/** The messages of an error and its causes, outermost first ("fetch failed" ← "connect ECONNREFUSED …"). */
function causes(err: unknown): string[] {
  const chain: string[] = [];
  for (let e = err as { message?: string; code?: string; cause?: unknown } | undefined; e && chain.length < 8; e = e.cause as typeof e) {
    const message = e.message ?? String(e);
    chain.push(e.code && !message.includes(e.code) ? `${e.code}: ${message}` : message);
  }
  return chain;
}

/** Why the database could not be reached or opened, in words an operator can act on. */
export function databaseProblem(config: Config, err: unknown): string {
  const chain = causes(err);
  const all = chain.join(' ← ');
  const cause = chain.at(-1) ?? String(err);
  const replica = Boolean(config.DATABASE_SYNC_URL);
  const server = config.DATABASE_SYNC_URL ?? (config.DATABASE_URL.startsWith('file:') ? null : config.DATABASE_URL);
  const variable = replica ? 'DATABASE_SYNC_URL' : 'DATABASE_URL';
  if (server && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET|connection refused|tcp connect|fetch failed/i.test(all)) {
    return `Cannot reach the database server at ${displayUrl(server)} (${cause}). Check ${variable} and that the libSQL server (sqld or Turso) is running and reachable from this machine.`;
  }
  if (server && /\b(401|403)\b|unauthori[sz]ed|forbidden/i.test(all)) {
    return `The database server at ${displayUrl(server)} refused the credentials (${cause}). Check DATABASE_AUTH_TOKEN.`;
  }
  const local = localFile(config);
  const problem = local ? localPathProblem(local) : null;
  return `Cannot open the database at ${displayUrl(config.DATABASE_URL)}: ${problem ? `${problem} (${cause})` : cause}`;
}

/** The path of a local `file:` database, or null for a server or an in-memory database. */
function localFile(config: Config): string | null {
  if (!config.DATABASE_URL.startsWith('file:')) return null;
  const path = config.DATABASE_URL.slice('file:'.length).split('?')[0];
  return path && path !== ':memory:' ? path : null;
}

/**
 * A database that opens and reads but refuses writes (a read-only file or mount, a full disk) would
 * otherwise serve pages and fail every sign-in; one tiny write at start-up says so instead.
 */
async function checkWritable(config: Config, db: Db): Promise<void> {
  const fault = await tryWrite(db).catch((err: Error) => {
    throw new Error(`Cannot write to the database at ${displayUrl(config.DATABASE_URL)}: ${causes(err).at(-1)}`);
  });
  if (!fault) return;
  const local = localFile(config);
  const detail = (local && localPathProblem(local)) || FAULT_WORDS[fault];
  throw new Error(`Cannot write to the database at ${displayUrl(config.DATABASE_URL)}: ${detail}. Pairwise needs to write to it (and to its folder, for the -wal and -shm files).`);
}

/** Opens the database and makes one round trip, so an unreachable server is reported as such before migrating. */
async function connect(config: Config): Promise<Db> {
  try {
    const db = await createDb({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN, syncUrl: config.DATABASE_SYNC_URL });
    await db.run(sql`select 1`);
    return db;
  } catch (err) {
    throw new Error(databaseProblem(config, err));
  }
}

export async function start(env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(env);
  const db = await connect(config);
  await migrateDb(db).catch((err: Error) => {
    throw new Error(`Cannot apply the migrations to ${displayUrl(config.DATABASE_URL)}: ${causes(err).at(-1)} (${err.message.split('\n')[0]})`);
  });
  await checkWritable(config, db);
  const app = createApp({ db, trustProxy: config.TRUST_PROXY, defaultLocale: config.DEFAULT_LOCALE, timeZone: config.TIME_ZONE, publicOrigin: config.PUBLIC_ORIGIN });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    console.log(`Pairwise listening on http://localhost:${info.port} (database ${displayUrl(config.DATABASE_URL)})`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return { server, db, config };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  start().catch((err) => {
    console.error(err instanceof ConfigError ? err.message : `Pairwise could not start: ${err.message}`);
    process.exit(1);
  });
}
