// The demo's /growth/outcomes in real Chromium: the manager sees a headline per area and one mentoring outcome with its figures,
// on a laptop and a phone, in English and Korean (screenshots in /tmp/growth-outcomes-shots), nothing serious for axe.
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTeam, DEMO_PASSWORD } from '../../src/db/seed/demo-team.ts';
import { seedSkills } from '../../src/db/seed/skills.ts';
import { seedPairings } from '../../src/db/seed/pairings.ts';
import { seedWork } from '../../src/db/seed/work.ts';
import { seedStudy } from '../../src/db/seed/study.ts';
import { launchBrowser, serveApp, signIn, type Served } from './harness.ts';

const SHOTS = '/tmp/growth-outcomes-shots';
let served: Served;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const now = new Date();
  served = await serveApp(async (db) => {
    const team = await createDemoTeam(db, now);
    await seedSkills(db, team, now);
    await seedPairings(db, team, now);
    await seedWork(db, team, now);
    await seedStudy(db, team, now);
  });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function managerPage(width: number, lang: 'en' | 'ko'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 740 : 900 } });
  await context.addCookies([{ name: 'lang', value: 'en', url: served.base }]);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, served.base, 'manager@demo.local', DEMO_PASSWORD);
  if (lang === 'ko') await context.addCookies([{ name: 'lang', value: 'ko', url: served.base }]);
  await page.goto(`${served.base}/growth/outcomes`);
  return page;
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
}

describe('/growth/outcomes in the browser', () => {
  it('shows the demo’s mentoring outcome with figures, at 1280 and 360 px, in English and Korean', { timeout: 120_000 }, async () => {
    for (const lang of ['en', 'ko'] as const) {
      for (const width of [1280, 360]) {
        const page = await managerPage(width, lang);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        const glance = page.locator('.outcome-headlines li').filter({ hasText: 'zero-shot retriever/classifier' });
        await expect.poll(() => glance.count()).toBe(1);
        const row = page.locator('.growth-outcomes tr').filter({ hasText: '최유진' }).filter({ hasText: '이서연' }).filter({ hasText: 'zero-shot' }).last();
        const rowText = (await row.innerText()).replace(/\s+/g, ' ');
        expect(rowText).toMatch(/1 → 2 → 2 → 2/);
        expect(rowText).toContain(lang === 'en' ? 'Rose in' : '만에 성장');
        expect(await row.locator('.outcome-rose').count()).toBe(1);
        const mentors = (await page.locator('.outcome-mentors').innerText()).replace(/\s+/g, ' ');
        expect(mentors).toMatch(lang === 'en' ? /이서연: \d+ learners, [1-9]\d* rose within 180 days/ : /이서연: 멘티 \d+명, 180일 안에 [1-9]\d*명 성장/);
        // Nothing sideways on a phone but the tables' own scrolling regions.
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
        if (width === 1280) expect(await seriousViolations(page)).toEqual([]);
        await page.screenshot({ path: `${SHOTS}/outcomes-${lang}-${width}.png`, fullPage: true });
        await page.screenshot({ path: `${SHOTS}/outcomes-${lang}-${width}-top.png` });
        await page.locator('section[aria-labelledby="outcomes-areas"]').screenshot({ path: `${SHOTS}/outcomes-${lang}-${width}-areas.png` });
        if (width === 360) { await page.locator('section[aria-labelledby="outcomes-areas"] .table-wrap').evaluate((el) => el.scrollBy(1000, 0)); await page.locator('section[aria-labelledby="outcomes-areas"]').screenshot({ path: `${SHOTS}/outcomes-${lang}-${width}-areas-right.png` }); }
        await row.scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${SHOTS}/outcomes-${lang}-${width}-row.png` });
        await page.context().close();
      }
    }
  });
});
