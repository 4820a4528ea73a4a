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
  /** Everything the process printed so far. */
  stdout: () => string;
  stderr: () => string;
  /** Resolves when the process has exited (never rejects). */
  exited: Promise<Exit>;
  /** Peak resident set size in KiB (Linux VmHWM), or null when /proc is not readable or the process is gone. */
  peakRssKb: () => number | null;
  /** Sends a signal (default SIGTERM) and waits for the exit. */
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

/**
 * Spawns `node --import tsx src/server.ts` (node itself, not the tsx wrapper, so a signal or SIGKILL
 * reaches the server directly and /proc shows the server's own memory). Does not wait for it to listen.
 */
export async function spawnServer(opts: { databaseUrl: string; port?: number; env?: Record<string, string> }): Promise<ServerChild> {
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', ...opts.env, DATABASE_URL: opts.databaseUrl, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<Exit>((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  let lastPeak: number | null = null;
  const pid = child.pid!;
  const peak = () => {
    const now = peakRssKb(pid);
    if (now !== null) lastPeak = now;
    return lastPeak;
  };
  let done = false;
  void exited.then(() => (done = true));
  return {
    child,
    pid,
    port,
    url: `http://127.0.0.1:${port}`,
    stdout: () => out,
    stderr: () => err,
    exited,
    peakRssKb: peak,
    stop: async (signal = 'SIGTERM') => {
      if (!done) {
        peak();
        child.kill(signal);
      }
      return exited;
    },
  };
}

/** Waits until GET /healthz answers 200; fails with the server's output if it exits or takes too long. */
export async function waitForHealthy(server: ServerChild, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: Exit | null = null;
  void server.exited.then((e) => (exit = e));
  while (Date.now() < deadline) {
    if (exit) throw new Error(`server exited (${JSON.stringify(exit)}) before it was healthy:\n${server.stderr()}${server.stdout()}`);
    try {
      const res = await fetch(`${server.url}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await server.stop('SIGKILL');
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${server.stderr()}${server.stdout()}`);
}

/** Starts the real server on `databaseUrl` and resolves once /healthz says ok. */
export async function startServer(opts: Parameters<typeof spawnServer>[0] & { timeoutMs?: number }): Promise<ServerChild> {
  const server = await spawnServer(opts);
  await waitForHealthy(server, opts.timeoutMs);
  return server;
}
