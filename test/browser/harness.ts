// Browser tests: the real app on a free port over a temp database, driven by Debian's Chromium.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp, type AppOptions } from '../../src/app.tsx';
import { listen } from '../../src/http/listen.ts';
import { createDb, type Db } from '../../src/db/client.ts';
import { tempDbUrl } from '../helpers.ts';
import { rmSync } from 'node:fs';
import { createDemoTeam, type DemoTeam } from '../../src/db/seed/demo-team.ts';

export const CHROMIUM = '/usr/bin/chromium';

export type Served = { db: Db; url: string; base: string; close: () => Promise<void> };

/**
 * Starts the app on 127.0.0.1 with a random port. `prepare` may fill the database first; `options` get the
 * app's address before the app is made (single sign-on needs it: the provider's client names its callback).
 */
export async function serveApp(
  prepare?: (db: Db, url: string) => Promise<void>,
  now?: () => Date,
  options?: (base: string) => Promise<Omit<AppOptions, 'db' | 'now'>>,
): Promise<Served> {
  const { dir, url } = await tempDbUrl();
  const db = await createDb({ url });
  if (prepare) await prepare(db, url);
  let app: ReturnType<typeof createApp> | undefined;
  // The server of `npm start` (requests one per turn, compression where answers are written).
  const server: Server = await new Promise((resolve) => {
    const s = listen((req) => app!.fetch(req), 0, '127.0.0.1');
    s.once('listening', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  app = createApp({ ...(options ? await options(base) : {}), db, now });
  return {
    db,
    url,
    base,
    close: async () => {
      // Browsers keep connections alive; end them so close() cannot wait on an idle socket.
      const closing = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closing;
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/** Signs in through the real login form. */
export async function signIn(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.getByRole('button', { name: 'Sign in' }).click()]);
}

type Seed = (db: Db, team: DemoTeam, now: Date) => Promise<void>;

/** The app on the demo team plus the given feature seeds (e.g. seedSkills, seedWork). */
export async function serveDemo(...seeds: Seed[]): Promise<{ served: Served; team: DemoTeam }> {
  let team!: DemoTeam;
  const served = await serveApp(async (db) => {
    const now = new Date();
    team = await createDemoTeam(db, now);
    for (const seed of seeds) await seed(db, team, now);
  });
  return { served, team };
}
