// axe-core in real Chromium: no serious or critical violations on the main pages.
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTeam, DEMO_PASSWORD } from '../../src/db/seed/demo-team.ts';
import { seedSkills } from '../../src/db/seed/skills.ts';
import { launchBrowser, serveApp, signIn, type Served } from './harness.ts';

let served: Served;
let browser: Browser;
let memberId = 0;

beforeAll(async () => {
  served = await serveApp(async (db) => {
    const now = new Date();
    const team = await createDemoTeam(db, now);
    await seedSkills(db, team, now);
    memberId = team.members[0].id;
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')})`);
}

describe('accessibility (axe-core)', () => {
  it('the login page', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${served.base}/login`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  for (const path of ['/matrix', '/members/:id', '/areas']) {
    it(path, async () => {
      const page = await (await browser.newContext()).newPage();
      await signIn(page, served.base, 'manager@demo.local', DEMO_PASSWORD);
      const res = await page.goto(served.base + path.replace(':id', String(memberId)));
      expect(res?.status()).toBe(200);
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });
  }
});
