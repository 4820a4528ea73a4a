// Scaling beyond one machine: a remote libSQL server with a token, clear start-up errors, /healthz 503 while the database is down.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.tsx';
import { displayUrl, loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { LibsqlStandIn } from './libsql-stand-in.ts';
import { freePort, HttpClient, PASSWORD, spawnServer, startServer, type ServerChild } from './proc.ts';

const TOKEN = 'test-token-5f2c9a';
let dir: string;
const servers: ServerChild[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pairwise-scaling-'));
});
afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** A start that fails takes a few seconds (tsx, then the client's connect); a loaded CI machine may need many times that. */
const GIVE_UP_WITHIN_MS = 50_000;

/** Starts the server and waits for it to give up; returns its exit and what it printed. */
async function failedStart(databaseUrl: string, env: Record<string, string> = {}) {
  const server = await spawnServer({ databaseUrl, env });
  servers.push(server);
  const exit = await Promise.race([server.exited, new Promise<'still running'>((ok) => setTimeout(() => ok('still running'), GIVE_UP_WITHIN_MS))]);
  return { exit, stderr: server.stderr(), stdout: server.stdout() };
}

describe('configuration of a remote database', () => {
  it('parses libSQL server URLs with a token, and keeps credentials out of what it prints', () => {
    for (const url of ['libsql://team.turso.io', 'https://db.example:8080', 'http://127.0.0.1:8080', 'wss://db.example']) {
      expect(loadConfig({ DATABASE_URL: url, DATABASE_AUTH_TOKEN: TOKEN, NODE_ENV: 'production' })).toMatchObject({ DATABASE_URL: url, DATABASE_AUTH_TOKEN: TOKEN });
    }
    expect(loadConfig({ DATABASE_URL: 'file:replica.db', DATABASE_SYNC_URL: 'libsql://team.turso.io', DATABASE_AUTH_TOKEN: TOKEN })).toMatchObject({ DATABASE_SYNC_URL: 'libsql://team.turso.io' });
    expect(displayUrl(`libsql://team.turso.io?authToken=${TOKEN}`)).toBe('libsql://team.turso.io');
    expect(displayUrl(`https://user:${TOKEN}@db.example/x`)).toBe('https://db.example/x');
    expect(displayUrl('file:data/pairwise.db')).toBe('file:data/pairwise.db');
  });
});

describe('start-up against a database server that is not there', () => {
  it('exits with a clear message for an unreachable server, a refused token, and an unreachable primary of an embedded replica', async () => {
    const standIn = await new LibsqlStandIn(join(dir, 'tokens.db'), TOKEN).start();
    try {
      const [down, refused, replica] = await Promise.all([
        freePort().then((port) => failedStart(`http://127.0.0.1:${port}?authToken=${TOKEN}`)),
        failedStart(standIn.url, { DATABASE_AUTH_TOKEN: 'wrong-token' }),
        freePort().then((port) => failedStart(`file:${join(dir, 'replica.db')}`, { DATABASE_SYNC_URL: `http://127.0.0.1:${port}`, DATABASE_AUTH_TOKEN: TOKEN })),
      ]);
      expect(down.exit).toEqual({ code: 1, signal: null });
      expect(down.stderr).toMatch(/Cannot reach the database server at http:\/\/127\.0\.0\.1:\d+ \(connect ECONNREFUSED [\d.:]+\)\. Check DATABASE_URL/);
      expect(down.stderr + down.stdout).not.toContain(TOKEN);
      expect(down.stderr).not.toMatch(/CREATE TABLE|Failed query/);

      expect(refused.exit).toEqual({ code: 1, signal: null });
      expect(refused.stderr).toMatch(/The database server at http:\/\/127\.0\.0\.1:\d+ refused the credentials .*Check DATABASE_AUTH_TOKEN/);
      expect(refused.stderr).not.toContain('wrong-token');

      expect(replica.exit).toEqual({ code: 1, signal: null });
      expect(replica.stderr).toMatch(/Cannot reach the database server at http:\/\/127\.0\.0\.1:\d+ .*Check DATABASE_SYNC_URL/);
    } finally {
      await standIn.stop();
    }
  }, GIVE_UP_WITHIN_MS + 20_000);
});

describe('running on a remote libSQL server', () => {
  it('migrates and serves over HTTP with a token, shares sessions between two instances, answers 503 while the server is down and recovers', { timeout: 90_000 }, async () => {
    const standIn = await new LibsqlStandIn(join(dir, 'remote.db'), TOKEN).start();
    try {
      const env = { DATABASE_AUTH_TOKEN: TOKEN };
      const a = await startServer({ databaseUrl: standIn.url, env });
      servers.push(a);
      expect(a.stdout()).toContain(`database ${standIn.url}`);
      const ada = new HttpClient(a.url);
      expect((await ada.post('/setup', { name: 'Ada', email: 'ada@team.test', password: PASSWORD, password2: PASSWORD })).status).toBe(303);

      // A second instance on the same server: nothing it needs lives in the first one's memory.
      const b = await startServer({ databaseUrl: standIn.url, env });
      servers.push(b);
      const onB = await new HttpClient(b.url, ada.token).get('/profile');
      expect(onB.status).toBe(200);
      expect(onB.body).toContain('Ada');

      await standIn.stop();
      for (const s of [a, b]) {
        const res = await fetch(`${s.url}/healthz`);
        expect(res.status).toBe(503);
        expect(await res.json()).toEqual({ status: 'unavailable' });
      }
      await standIn.start(standIn.port);
      for (const s of [a, b]) expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      expect((await new HttpClient(a.url, ada.token).get('/profile')).status).toBe(200);
    } finally {
      await standIn.stop();
    }
  });
});

describe('a local database that stops answering', () => {
  it('answers /healthz with 503 once the database connection is gone', async () => {
    const db = await openDatabase({ url: `file:${join(dir, 'local.db')}` });
    const app = createApp({ db });
    expect((await app.request('/healthz')).status).toBe(200);
    db.$client.close();
    const res = await app.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable' });
  });
});
