// axe-core in real Chromium: no serious or critical violations on the main pages, at laptop and phone widths.
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTeam, DEMO_PASSWORD } from '../../src/db/seed/demo-team.ts';
import { seedSkills } from '../../src/db/seed/skills.ts';
import { seedPairings } from '../../src/db/seed/pairings.ts';
import { seedDeals } from '../../src/db/seed/deals.ts';
import { partners } from '../../src/db/schema/index.ts';
import { launchBrowser, serveApp, signIn, type Served } from './harness.ts';

let served: Served;
let browser: Browser;
let memberId = 0;
let partnerId = 0;
const PHONE = { width: 360, height: 740 };

beforeAll(async () => {
  served = await serveApp(async (db) => {
    const now = new Date();
    const team = await createDemoTeam(db, now);
    await seedSkills(db, team, now);
    await seedPairings(db, team, now);
    await seedDeals(db, team, now);
    memberId = team.members[0].id;
    [{ partnerId }] = await db.select({ partnerId: partners.id }).from(partners).limit(1);
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

const at = (path: string) => served.base + path.replace(':id', String(path.startsWith('/partners') ? partnerId : memberId));

async function managerPage(viewport?: { width: number; height: number }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await signIn(page, served.base, 'manager@demo.local', DEMO_PASSWORD);
  return page;
}

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

  // A phone: tables that scroll sideways must be reachable by keyboard (scrollable-region-focusable).
  for (const path of ['/members/:id', '/areas', '/pairings/history', '/partners/:id', '/matrix']) {
    it(`${path} at 360 px`, async () => {
      const page = await managerPage(PHONE);
      const res = await page.goto(at(path));
      expect(res?.status()).toBe(200);
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });
  }
});

describe('a phone viewport (360 × 740)', () => {
  const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  it('the stat card and its inline editor fit the width', async () => {
    const page = await managerPage(PHONE);
    await page.goto(at('/members/:id'));
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    // Nothing inside the card scrolls sideways either: the ratings and the history fit as they are.
    const wide = await page.locator('.stat-card .table-wrap').evaluateAll((ws) => ws.filter((w) => w.scrollWidth > w.clientWidth + 1).length);
    expect(wide).toBe(0);
    await page.locator('.card-table a', { hasText: 'Edit' }).first().click();
    const editor = page.locator('.card-table td.editing');
    await editor.waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    const box = (await editor.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(await page.locator('.stat-card .table-wrap').first().evaluate((w) => w.scrollWidth <= w.clientWidth + 1)).toBe(true);
    await page.close();
  });

  it('the navigation is one folded menu that opens without JavaScript', async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, served.base, 'manager@demo.local', DEMO_PASSWORD);
    await page.goto(at('/matrix'));
    const header = (await page.locator('header.top').boundingBox())!;
    expect(header.height).toBeLessThan(70);
    const members = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' });
    expect(await members.isVisible()).toBe(false);
    await page.getByText('Menu', { exact: true }).click();
    expect(await members.isVisible()).toBe(true);
    await Promise.all([page.waitForURL(at('/members')), members.click()]);
    await context.close();
  });

  it('the matrix table starts on the first screen', async () => {
    const page = await managerPage(PHONE);
    await page.goto(at('/matrix'));
    const table = (await page.locator('table.matrix').boundingBox())!;
    expect(table.y).toBeLessThan(PHONE.height - 120);
    // The filters are one tap away.
    await page.getByText('Filter and sort', { exact: true }).click();
    expect(await page.getByLabel('Search names').isVisible()).toBe(true);
    await page.close();
  });

  it('a laptop shows the navigation and the filters unfolded', async () => {
    const page = await managerPage({ width: 1280, height: 800 });
    await page.goto(at('/matrix'));
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Members' }).isVisible()).toBe(true);
    expect(await page.getByText('Menu', { exact: true }).isVisible()).toBe(false);
    expect(await page.getByLabel('Search names').isVisible()).toBe(true);
    expect(await page.getByText('Filter and sort', { exact: true }).isVisible()).toBe(false);
    await page.close();
  });
});
