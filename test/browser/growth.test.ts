// The growth pages in real Chromium on the demo: the team over time (charts with their figures) at 1280 and 360 px, in English and Korean.
// The setup (the demo world, the browser, signing in) is shared by every growth page's checks below.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type DemoTeam } from '../../src/db/seed/demo-team.ts';
import { seedDeals } from '../../src/db/seed/deals.ts';
import { seedPairings } from '../../src/db/seed/pairings.ts';
import { seedSkills } from '../../src/db/seed/skills.ts';
import { seedStudy } from '../../src/db/seed/study.ts';
import { seedWork } from '../../src/db/seed/work.ts';
import { LANG_COOKIE } from '../../src/lang/middleware.ts';
import { launchBrowser, serveDemo, signIn, type Served } from './harness.ts';

describe('growth', () => {
  let served: Served;
  let browser: Browser;
  let team: DemoTeam;
  /** Screenshots go here (printed once, so a person can look at them). */
  const shots = mkdtempSync(join(tmpdir(), 'growth-shots-'));

  /** A signed-in page for a demo person (signed in in English); `lang` then sets the language switch's cookie. */
  async function pageAs(email: string, opts: { width?: number; lang?: 'en' | 'ko' } = {}): Promise<Page> {
    const width = opts.width ?? 1280;
    const context = await browser.newContext({ viewport: { width, height: width < 500 ? 740 : 900 }, locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, served.base, email, DEMO_PASSWORD);
    if (opts.lang) await context.addCookies([{ name: LANG_COOKIE, value: opts.lang, url: served.base }]);
    return page;
  }

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    ({ served, team } = await serveDemo(seedSkills, seedPairings, seedWork, seedDeals, seedStudy));
    browser = await launchBrowser();
    console.log(`growth screenshots: ${shots}`);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('/growth shows a chart per area with its figures, what grew and the bus-factor timeline, at 1280 and 360 px in English and Korean', { timeout: 120_000 }, async () => {
    for (const lang of ['en', 'ko'] as const) {
      for (const width of [1280, 360]) {
        const page = await pageAs('manager@demo.local', { width, lang });
        const res = await page.goto(`${served.base}/growth`);
        expect(res?.status()).toBe(200);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        // One chart per area, each an image with a name and its figures in a table beside it.
        const charts = page.locator('.growth-area svg[role="img"]');
        expect(await charts.count()).toBe(Object.keys(team.areas).length);
        expect(await page.locator('.growth-area table').count()).toBe(Object.keys(team.areas).length);
        expect(await page.locator('.growth-headline tbody tr').count()).toBeGreaterThan(0);
        expect(await page.locator('.growth-risk-list li').count()).toBeGreaterThan(0);
        const first = page.locator('.growth-area').first();
        await first.locator('summary').click();
        expect(await first.locator('tbody tr').count()).toBe(12);
        expect(await first.locator('tbody tr').last().locator('td').first().innerText()).toMatch(/^\d+$/);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `/growth overflows at ${width} px`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${shots}/growth-${lang}-${width}.png`, fullPage: true });
        // The first screen, and the first chart with its figures opened, as a person sees them.
        await page.screenshot({ path: `${shots}/growth-${lang}-${width}-top.png` });
        await first.screenshot({ path: `${shots}/growth-${lang}-${width}-chart.png` });
        await page.context().close();
      }
    }
  });

  it("a member's own growth and the matrix as of a past day", { timeout: 60_000 }, async () => {
    const member = team.members.find((m) => m.locale !== 'ko')!;
    const page = await pageAs(member.email, { width: 360 });
    await page.goto(`${served.base}/members/${member.id}`);
    await Promise.all([page.waitForURL(/\/growth$/), page.getByRole('link', { name: 'Growth over time' }).click()]);
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${shots}/member-growth-en-360.png`, fullPage: true });
    const day = new Date(Date.now() - 120 * 86_400_000).toISOString().slice(0, 10);
    const res = await page.goto(`${served.base}/matrix?asOf=${day}`);
    expect(res?.status()).toBe(200);
    expect(await page.locator('.mx-past').innerText()).toContain('a past view; edits are off');
    expect(await page.locator('#matrix-rows a.lvl').count()).toBe(0);
    await page.screenshot({ path: `${shots}/matrix-past-en-360.png`, fullPage: true });
    await page.context().close();
  });
});
