// Runs the real server (src/server.ts) as a child process on a given database, for the benchmark and the robustness tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = resolve(ROOT, 'src/server.ts');

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type ServerChild = {
  child: ChildProcess;
  pid: number;
  port: number;
  /** http://127.0.0.1:<port> — also the Origin a same-site form post carries. */
  url: string;
  /** The worker processes serving right now (children of `pid`; none with WEB_CONCURRENCY=1). */
  workerPids: () => number[];
  /** Everything the process printed so far. */
  stdout: () => string;
  stderr: () => string;
  /** Resolves when the process has exited (never rejects). */
  exited: Promise<Exit>;
  /**
   * Peak resident set size in KiB (Linux VmHWM): the sum over the primary and every worker process seen
   * (each one's own peak, so an upper bound of what they held at once), or null when /proc is not readable.
   */
  peakRssKb: () => number | null;
  /**
   * Sends a signal (default SIGTERM) and waits until the server and its workers are gone. SIGKILL goes to
   * the workers too, as a crash of the machine would: a worker left alone would exit on its own anyway.
   */
  stop: (signal?: NodeJS.Signals) => Promise<Exit>;
};

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => ok(port));
    });
  });
}

/** Peak RSS of a process from /proc/<pid>/status (VmHWM is the kernel's own high-water mark). */
export function peakRssKb(pid: number): number | null {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The child processes of `pid` (Linux /proc; empty when it is gone or /proc is not there). */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Whether a process is still there (a zombie waiting for its reaper is not). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Sends a signal to a process that may already be gone. */
export function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/**
 * Spawns `node --import tsx src/server.ts` (node itself, not the tsx wrapper, so a signal or SIGKILL
 * reaches the server directly and /proc shows the server's own memory). Does not wait for it to listen.
 */
export async function spawnServer(opts: { databaseUrl: string; port?: number; env?: Record<string, string>; processes?: number }): Promise<ServerChild> {
  const port = opts.port ?? (await freePort());
  const processes = opts.processes ? { WEB_CONCURRENCY: String(opts.processes) } : {};
  // PAIRWISE_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"): flags for the server's node, to profile it under the benchmark.
  const nodeArgs = process.env.PAIRWISE_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', SERVER], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', ...processes, ...opts.env, DATABASE_URL: opts.databaseUrl, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<Exit>((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  const pid = child.pid!;
  /** Every process seen (the server and its workers, replaced ones too) → its last known peak. */
  const peaks = new Map<number, number>();
  const seen = new Set<number>();
  const peak = () => {
    for (const p of [pid, ...childPids(pid)]) {
      seen.add(p);
      const now = peakRssKb(p);
      if (now !== null) peaks.set(p, now);
    }
    return peaks.size ? [...peaks.values()].reduce((a, b) => a + b, 0) : null;
  };
  // Workers come and go: look every half second, so one that ends before the last look still counts.
  const sampler = setInterval(peak, 500);
  sampler.unref();
  let done = false;
  void exited.then(() => {
    done = true;
    clearInterval(sampler);
  });
  return {
    child,
    pid,
    port,
    url: `http://127.0.0.1:${port}`,
    workerPids: () => childPids(pid),
    stdout: () => out,
    stderr: () => err,
    exited,
    peakRssKb: peak,
    stop: async (signal = 'SIGTERM') => {
      if (!done) {
        peak();
        const workers = childPids(pid);
        child.kill(signal);
        if (signal === 'SIGKILL') for (const p of workers) kill(p, 'SIGKILL');
      }
      const exit = await exited;
      // The workers are gone too before the database file is touched again (removed, remounted).
      while ([...seen].some(alive)) await new Promise((r) => setTimeout(r, 20));
      return exit;
    },
  };
}

/**
 * Waits until the server said it listens (with several processes: all of them) and GET /healthz answers
 * 200; fails with the server's output if it exits or takes too long (a primary and its workers each
 * start Node and tsx, over 10 s on a loaded 2-core machine).
 */
export async function waitForHealthy(server: ServerChild, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: Exit | null = null;
  void server.exited.then((e) => (exit = e));
  while (Date.now() < deadline) {
    if (exit) throw new Error(`server exited (${JSON.stringify(exit)}) before it was healthy:\n${server.stderr()}${server.stdout()}`);
    try {
      if (server.stdout().includes('Pairwise listening') && (await fetch(`${server.url}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await server.stop('SIGKILL');
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${server.stderr()}${server.stdout()}`);
}

/** Starts the real server on `databaseUrl` and resolves once it listens and /healthz says ok. */
export async function startServer(opts: Parameters<typeof spawnServer>[0] & { timeoutMs?: number }): Promise<ServerChild> {
  const server = await spawnServer(opts);
  await waitForHealthy(server, opts.timeoutMs);
  return server;
}
