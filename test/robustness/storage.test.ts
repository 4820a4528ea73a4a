// Storage faults: a read-only database stops the start-up with a clear message; a full disk at run
// time answers 503 with the reason, is logged once, and heals by itself.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.tsx';
import { openDatabase, type Db } from '../../src/db/client.ts';
import { areas } from '../../src/db/schema/index.ts';
import { aTeam, Client, NOW, signedIn } from '../helpers.ts';
import { spawnServer, startServer, type ServerChild } from './proc.ts';

const mounts: Array<{ unmount: () => void }> = [];
const servers: ServerChild[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop('SIGKILL');
  for (const m of mounts) m.unmount();
});
/** A server child that is stopped after the tests even if it (wrongly) keeps running. */
const spawned = async (databaseUrl: string) => {
  const server = await spawnServer({ databaseUrl });
  servers.push(server);
  return server;
};

/** A small tmpfs of our own, so the disk can really fill up or turn read-only (needs root and mount). */
type Mounted = { dir: string; remount: (mode: 'ro' | 'rw') => void; unmount: () => void };
function mountTmpfs(sizeKb: number): Mounted | string {
  const dir = mkdtempSync(join(tmpdir(), 'pairwise-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs here (${String((err as Error).message).split('\n')[0]}); run as root with mount(8)`;
  }
  const mounted: Mounted = {
    dir,
    remount: (mode) => void execFileSync('mount', ['-o', `remount,${mode}`, dir]),
    unmount: () => {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  mounts.push(mounted);
  return mounted;
}


/** Writes 64 kB chunks until the file system says ENOSPC. */
function fill(path: string) {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
}

describe('a database that cannot be written at start-up', () => {
  it('stops with a message naming the path when the folder cannot be created', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pairwise-nofolder-'));
    try {
      writeFileSync(join(dir, 'file'), 'not a folder');
      const server = await spawned(`file:${join(dir, 'file', 'data', 'app.db')}`);
      const exit = await server.exited;
      expect(exit.code).toBe(1);
      expect(server.stderr()).toContain(`cannot create the folder ${join(dir, 'file', 'data')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  const mount = mountTmpfs(16 * 1024);
  it.skipIf(typeof mount === 'string')(`stops with "read-only" and the path on a read-only mount${typeof mount === 'string' ? ` — skipped: ${mount}` : ''}`, async () => {
    if (typeof mount === 'string') return;
    // A database left by a server that was killed, its -wal and -shm still there: on a read-only
    // mount it opens and reads (so /healthz said ok), and only a write tells.
    const url = `file:${join(mount.dir, 'app.db')}`;
    await (await startServer({ databaseUrl: url })).stop('SIGKILL');
    mount.remount('ro');
    const server = await spawned(url);
    const exit = await server.exited;
    expect(exit.code, server.stdout()).toBe(1);
    expect(server.stdout()).not.toContain('listening');
    expect(server.stderr()).toContain(`Cannot write to the database at ${url}: read-only: ${join(mount.dir, 'app.db')} is on a read-only file system`);
    const sub = await spawned(`file:${join(mount.dir, 'sub', 'app.db')}`);
    expect((await sub.exited).code).toBe(1);
    expect(sub.stderr()).toContain(`cannot create the folder ${join(mount.dir, 'sub')}: ${mount.dir} is on a read-only file system`);
  }, 60_000);
});

describe('writes failing at run time', () => {
  const mount = mountTmpfs(4 * 1024);
  let db: Db;
  let errors: { mock: { calls: unknown[][] }; mockRestore: () => void } | undefined;
  beforeAll(async () => {
    if (typeof mount === 'string') return;
    mkdirSync(join(mount.dir, 'db'));
    db = await openDatabase({ url: `file:${join(mount.dir, 'db', 'app.db')}` });
    await aTeam(db);
  });
  afterEach(() => errors?.mockRestore());

  it.skipIf(typeof mount === 'string')(`answers 503 with the reason, logs it once, and recovers by itself${typeof mount === 'string' ? ` — skipped: ${mount}` : ''}`, async () => {
    if (typeof mount === 'string') return;
    const clock = { now: NOW };
    const app = createApp({ db, now: () => clock.now });
    const manager = await signedIn(app, 'manager@team.test');
    const addArea = (name: string) => manager.post('/areas', { name, targetLevel: '3', minExperts: '2' });
    expect((await addArea('before the disk fills')).status).toBe(303);
    const healthz = async () => {
      const res = await new Client(app).get('/healthz');
      return { status: res.status, body: (await res.json()) as { status: string; reason?: string } };
    };
    expect(await healthz()).toEqual({ status: 200, body: { status: 'ok' } });

    // Fill the disk: the WAL is emptied first so the next commit needs new space.
    await db.$client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    const filler = join(mount.dir, 'filler');
    fill(filler);
    errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const name of ['full 1', 'full 2', 'full 3']) {
      const res = await addArea(name);
      expect(res.status).toBe(503);
      const html = await res.text();
      expect(html).toContain('The server cannot save right now (disk full); nothing was saved.');
    }
    const htmx = await manager.post('/areas', { name: 'full htmx', targetLevel: '3', minExperts: '2' }, { htmx: true });
    expect(htmx.status).toBe(503);
    expect(await healthz()).toEqual({ status: 503, body: { status: 'unavailable', reason: 'disk full' } });
    // Reading goes on, even for a session due for its daily renewal (which waits for space).
    clock.now = new Date(NOW.getTime() + 2 * 24 * 3600 * 1000);
    expect((await manager.get('/areas')).status).toBe(200);
    clock.now = NOW;
    const logged = errors.mock.calls.map((call: unknown[]) => call.map(String).join(' '));
    expect(logged.filter((l) => l.includes('disk full'))).toHaveLength(1);
    expect(logged.filter((l) => !l.includes('storage:'))).toEqual([]);

    // Space returns: the next /healthz probes a write and says ok; writes go through again.
    rmSync(filler);
    expect(await healthz()).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await addArea('after the disk was freed')).status).toBe(303);
    const names = (await db.select({ name: areas.name }).from(areas)).map((a) => a.name);
    expect(names).toContain('after the disk was freed');
    expect(names.filter((n) => n.startsWith('full'))).toEqual([]);

    db.$client.close();
  }, 60_000);
});
