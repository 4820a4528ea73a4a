// Reads the configuration, opens, migrates and checks the database once, and serves the app: in this
// process, or in WEB_CONCURRENCY worker processes on one port (src/web-processes.ts).
import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { sql } from 'drizzle-orm';
import { ConfigError, displayUrl, loadConfig, oidcSettings, type Config } from './config.ts';
import { createDb, migrateDb, type Db } from './db/client.ts';
import { FAULT_WORDS, localPathProblem, tryWrite } from './db/storage.ts';
import { listen } from './http/listen.ts';
import { closeServer, DRAIN_MS, stopOnSignals, superviseWorkers, workerFailed } from './web-processes.ts';

/**
 * How far V8 lets the heap grow past what survived the last full collection before collecting again: 1.3×
 * instead of its own factor of up to 4×. Under load most of a page's garbage lives long enough to reach the old
 * space, so the default let a server with ≈ 50 MiB of live data grow to ≈ 190 MiB of heap (the benchmark's peak
 * RSS at 1,000 members: 350–380 MiB; with 1.5× 270–293 MiB, with 1.3× about 15 MiB less, at the same throughput —
 * README, Design: memory). V8 reads the flag each time it sets the next limit, so setting it here, before the app
 * is loaded, is enough; the worker processes run this file too.
 */
export const HEAP_GROWING_PERCENT = 30;
setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);

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

/** What the start-up checks: the configuration, the database reachable, migrated and writable. */
export async function prepare(env: Record<string, string | undefined>): Promise<{ config: Config; db: Db }> {
  const config = loadConfig(env);
  const db = await connect(config);
  await migrateDb(db).catch((err: Error) => {
    throw new Error(`Cannot apply the migrations to ${displayUrl(config.DATABASE_URL)}: ${causes(err).at(-1)} (${err.message.split('\n')[0]})`);
  });
  await checkWritable(config, db);
  return { config, db };
}

/**
 * Serves the app on PORT from this process and resolves with the port once it listens. SIGTERM/SIGINT
 * stop it gracefully: no new connections, requests in flight finish, planner runs it is solving record
 * their result, then the database is closed. The app is imported here, not at the top, so a primary
 * that only supervises workers does not load it.
 */
async function serveApp(config: Config, db: Db): Promise<number> {
  const [{ createApp }, { runsSettled, PLAN_TIME_LIMIT_SEC }] = await Promise.all([import('./app.tsx'), import('./work/plan-runs.ts')]);
  const channels = { email: Boolean(config.SMTP_URL), messenger: Boolean(config.WEBHOOK_URL) };
  const app = createApp({
    db,
    trustProxy: config.TRUST_PROXY,
    defaultLocale: config.DEFAULT_LOCALE,
    timeZone: config.TIME_ZONE,
    publicOrigin: config.PUBLIC_ORIGIN,
    oidc: oidcSettings(config),
    passwordLogin: config.PASSWORD_LOGIN,
    apiRateLimit: { requests: config.API_RATE_LIMIT, windowMs: 60_000 },
    notices: channels,
  });
  const notices = await startNotices(config, db, channels);
  const server = listen(app.fetch, config.PORT, config.HOST);
  const port = await new Promise<number>((ok, fail) => {
    server.once('error', fail);
    server.once('listening', () => ok((server.address() as { port: number }).port));
  });
  stopOnSignals(async () => {
    await closeServer(server, DRAIN_MS);
    await notices.stop();
    await runsSettled(PLAN_TIME_LIMIT_SEC * 1000 + 2_000);
    db.$client.close();
  });
  return port;
}

/**
 * The notice sender and scheduler of this process (every process runs both: leases and scheduled_runs keep
 * each message once). Imported here so a supervising primary loads neither.
 */
async function startNotices(config: Config, db: Db, channels: { email: boolean; messenger: boolean }) {
  const [{ startSender }, { startScheduler }, { deliveryFor }, { renderMessage }] = await Promise.all([
    import('./notices/sender.ts'),
    import('./notices/scheduler.ts'),
    import('./notices/channels.ts'),
    import('../views/notices/message.ts'),
  ]);
  if ((channels.email || channels.messenger) && !config.PUBLIC_ORIGIN) {
    console.warn('PUBLIC_ORIGIN is not set: notices caused by a request link to that request\'s address; scheduled reminders (digest, due items, study) go out without a link.');
  }
  const delivery = deliveryFor(config, (m) => renderMessage(m.payload.message, m.payload.lang, m.payload.name, new Date()));
  const sender = startSender({ db, deliver: delivery.deliver, leaseMs: config.NOTICE_LEASE_SECONDS * 1000, intervalMs: config.NOTICE_POLL_SECONDS * 1000 });
  const scheduler = startScheduler({ db, timeZone: config.TIME_ZONE, settings: { ...channels, defaultLocale: config.DEFAULT_LOCALE, publicOrigin: config.PUBLIC_ORIGIN } });
  return {
    stop: async () => {
      await Promise.all([sender.stop(), scheduler.stop()]);
      delivery.close();
    },
  };
}

/** The listening line (tests and the benchmark wait for "Pairwise listening"). */
const listeningLine = (config: Config, port: number, processes: number) =>
  `Pairwise listening on http://localhost:${port} (database ${displayUrl(config.DATABASE_URL)}${processes > 1 ? `, ${processes} worker processes` : ''})`;

/**
 * Checks everything once, then serves: with WEB_CONCURRENCY=1 in this process, otherwise from that many
 * worker processes this one starts, restarts and stops. Resolves once the app is listening.
 */
export async function start(env: Record<string, string | undefined> = process.env): Promise<void> {
  const { config, db } = await prepare(env);
  if (config.WEB_CONCURRENCY === 1) {
    const port = await serveApp(config, db);
    console.log(listeningLine(config, port, 1));
    return;
  }
  // The workers open their own connections; this process keeps none.
  db.$client.close();
  await superviseWorkers(config, fileURLToPath(import.meta.url), env, (port) => console.log(listeningLine(config, port, config.WEB_CONCURRENCY)));
}

/** A worker process: the configuration its primary already checked, its own connection, the app. */
async function worker(): Promise<void> {
  const config = loadConfig(process.env);
  await serveApp(config, await connect(config));
}

const startUpError = (err: Error) => (err instanceof ConfigError ? err.message : `Pairwise could not start: ${err.message}`);

if (import.meta.url === `file://${process.argv[1]}`) {
  if (cluster.isWorker) {
    worker().catch((err: Error) => workerFailed(err.message));
  } else {
    start().catch((err: Error) => {
      console.error(startUpError(err));
      process.exit(1);
    });
  }
}
