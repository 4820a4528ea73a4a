// Several web processes on one port (node:cluster): the primary starts, restarts and stops the workers; each process stops gracefully.
import cluster, { type Worker } from 'node:cluster';
import type { Server } from 'node:http';
import type { Config } from './config.ts';

/** A worker that dies is replaced after BASE × 2^(deaths in the last minute − 1), at most MAX. */
const RESTART_BASE_MS = 250;
const RESTART_MAX_MS = 15_000;
const DEATH_WINDOW_MS = 60_000;
/** How long in-flight requests get to finish once a process is told to stop; then their connections are cut. */
export const DRAIN_MS = 10_000;
/** How long the primary waits for its workers to stop before it kills them. */
const PRIMARY_STOP_MS = 30_000;

type Failed = { type: 'pairwise:start-failed'; message: string };
const isFailed = (m: unknown): m is Failed => (m as Failed | null)?.type === 'pairwise:start-failed';

/** In a worker that could not start: tells the primary why (it says so once, for all), then exits. */
export function workerFailed(message: string): void {
  process.send!({ type: 'pairwise:start-failed', message } satisfies Failed, () => process.exit(1));
}

/**
 * On SIGTERM or SIGINT (the primary sends SIGTERM; Ctrl-C reaches every process of the group), runs
 * `close` once and exits 0, or 1 if closing failed.
 */
export function stopOnSignals(close: () => Promise<void>): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    close().then(
      () => process.exit(0),
      (err: Error) => {
        console.error(`Pairwise: stopping failed: ${err.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/**
 * Stops accepting connections and resolves once the open ones are closed: each is closed as soon as
 * it is idle (a keep-alive connection waits for no one), requests in flight get `drainMs` to finish.
 */
export function closeServer(server: Server, drainMs = DRAIN_MS): Promise<void> {
  return new Promise((done) => {
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const force = setTimeout(() => server.closeAllConnections(), drainMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(force);
      done();
    });
    server.closeIdleConnections();
  });
}

/**
 * The primary: forks `config.WEB_CONCURRENCY` workers running `entry` with `env`, calls `listening`
 * once all of them listen, and resolves then. A worker that fails before that stops the start-up (its
 * reason is the rejection, said once); one that dies later is replaced with a back-off, logged with
 * why, unless the primary is stopping. SIGTERM/SIGINT stop every worker gracefully, then the primary.
 */
export function superviseWorkers(config: Config, entry: string, env: Record<string, string | undefined>, listening: (port: number) => void): Promise<void> {
  cluster.setupPrimary({ exec: entry });
  const workerEnv = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  const failures = new WeakMap<Worker, string>();
  const deaths: number[] = [];
  let state: 'starting' | 'serving' | 'stopping' | 'failed' = 'starting';
  const workers = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
  const fork = () => {
    const w = cluster.fork(workerEnv);
    w.on('message', (m: unknown) => isFailed(m) && failures.set(w, m.message));
  };

  const stop = () => {
    if (state === 'stopping' || state === 'failed') return;
    state = 'stopping';
    for (const w of workers()) w.process.kill('SIGTERM');
    setTimeout(() => {
      const left = workers();
      console.error(`Pairwise: ${left.length} worker process(es) did not stop within ${PRIMARY_STOP_MS / 1000} s; killing them`);
      for (const w of left) w.process.kill('SIGKILL');
      process.exit(1);
    }, PRIMARY_STOP_MS).unref();
    if (workers().length === 0) process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  return new Promise((resolve, reject) => {
    let listeningCount = 0;
    cluster.on('listening', (w, address) => {
      if (state === 'serving') return console.log(`Pairwise: worker process ${w.process.pid} is serving`);
      if (state !== 'starting' || ++listeningCount < config.WEB_CONCURRENCY) return;
      state = 'serving';
      listening(address.port);
      resolve();
    });
    cluster.on('exit', (w, code, signal) => {
      const why = failures.get(w) ?? (signal ? `signal ${signal}` : `exit code ${code}`);
      if (state === 'failed') return;
      if (state === 'stopping') {
        if (workers().length === 0) process.exit(0);
        return;
      }
      if (state === 'starting') {
        // Whatever stopped one worker before it listened (the port taken, the database gone) stops them all.
        state = 'failed';
        for (const other of workers()) other.process.kill('SIGTERM');
        reject(new Error(failures.has(w) ? why : `a worker process stopped before it was listening (${why})`));
        return;
      }
      const now = Date.now();
      deaths.push(now);
      while (deaths[0] < now - DEATH_WINDOW_MS) deaths.shift();
      const delay = Math.min(RESTART_BASE_MS * 2 ** (deaths.length - 1), RESTART_MAX_MS);
      console.error(`Pairwise: worker process ${w.process.pid} stopped (${why}); starting another in ${delay / 1000} s`);
      setTimeout(() => state === 'serving' && fork(), delay);
    });
    for (let i = 0; i < config.WEB_CONCURRENCY; i++) fork();
  });
}
