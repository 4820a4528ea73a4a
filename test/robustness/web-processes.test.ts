// WEB_CONCURRENCY=2: two worker processes serve one port; a write through one shows through both; a killed worker is replaced; SIGTERM stops all.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/auth/sessions.ts';
import { HttpClient, pool, seededDb, startServer, type Seeded, type ServerChild } from './proc.ts';

let s: Seeded;
let server: ServerChild;
beforeAll(async () => {
  s = await seededDb({ members: 4, areas: 3 });
  server = await startServer({ databaseUrl: s.url, processes: 2 });
  await until(() => server.stdout().includes('Pairwise listening'), 'the listening line');
}, 60_000);
afterAll(async () => {
  await server?.stop('SIGKILL');
  s?.cleanup();
});

async function until(ok: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${server.stderr()}${server.stdout()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** User plus system CPU time of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** A GET on a connection of its own (no keep-alive): the primary hands each new connection to the next worker. */
function getOnNewConnection(path: string, token = s.managerToken): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request(`${server.url}${path}`, { agent: false, headers: { cookie: `${SESSION_COOKIE}=${token}`, connection: 'close' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => ok({ status: res.statusCode!, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Runs `requests` and says which of `pids` spent CPU meanwhile (each worker's share shows it served some). */
async function whoWorked(pids: number[], requests: () => Promise<unknown>): Promise<number[]> {
  const before = pids.map(cpuTicks);
  await requests();
  return pids.filter((pid, i) => cpuTicks(pid) > before[i]);
}

const matrixReads = (n: number) => pool(Array.from({ length: n }, () => () => getOnNewConnection('/matrix')), 8);
const cellOf = (html: string, userId: number, areaId: number) => html.split(`href="/members/${userId}/ratings/${areaId}/edit">`)[1]?.split('</a>')[0] ?? 'missing';

describe('several web processes on one port', () => {
  it('serves from two worker processes, children of the one that listens', async () => {
    const workers = server.workerPids();
    expect(workers).toHaveLength(2);
    expect(workers).not.toContain(server.pid);
    expect(server.stdout().match(/Pairwise listening/g)).toHaveLength(1);
    expect(server.stdout()).toContain(`database ${s.url}, 2 worker processes`);
    expect(await whoWorked(workers, () => matrixReads(24))).toEqual(workers);
  });

  it('shows a rating edit made through one connection on /matrix read through many connections, on both processes', async () => {
    const [userId, areaId] = [s.memberIds[0], s.areaIds[0]];
    const workers = server.workerPids();
    // Both processes have the page and its model cached before the edit.
    for (const page of await matrixReads(16)) expect(cellOf(page.body, userId, areaId)).toBe('1');
    const edit = await new HttpClient(server.url, s.memberTokens[0]).post(`/members/${userId}/ratings/${areaId}`, { selfLevel: '4', version: '1' }, { htmx: true });
    expect(edit.status).toBe(200);
    let pages: Array<{ status: number; body: string }> = [];
    expect(await whoWorked(workers, async () => (pages = await matrixReads(24)))).toEqual(workers);
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(cellOf(page.body, userId, areaId)).toBe('4');
    }
  });

  it('replaces a worker killed with SIGKILL, and keeps answering meanwhile', async () => {
    const [victim, survivor] = server.workerPids();
    process.kill(victim, 'SIGKILL');
    await until(() => server.stderr().includes(`worker process ${victim} stopped (signal SIGKILL); starting another in`), 'the restart log line');
    for (let i = 0; i < 10; i++) expect((await getOnNewConnection('/healthz')).status).toBe(200);
    await until(() => server.workerPids().length === 2 && !server.workerPids().includes(victim), 'a new worker');
    await until(() => /worker process \d+ is serving/.test(server.stdout()), 'the new worker to listen');
    const workers = server.workerPids();
    expect(workers).toContain(survivor);
    expect(await whoWorked(workers, () => matrixReads(24))).toEqual(workers);
  });

  it('stops every process on SIGTERM with exit code 0, idle keep-alive connections included', async () => {
    const workers = server.workerPids();
    // fetch keeps this connection open for reuse: the server must not wait for it.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const started = Date.now();
    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(8_000);
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
    expect(server.stderr()).not.toMatch(/did not stop|stopping failed/);
  });
});
