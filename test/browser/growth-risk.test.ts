// The demo manager in real Chromium: /growth/risk ranks key people with reasons, the picker opens one what-if, a card shows "If … left"; screenshots in English and Korean.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type DemoTeam } from '../../src/db/seed/demo-team.ts';
import { seedDeals } from '../../src/db/seed/deals.ts';
import { seedSkills } from '../../src/db/seed/skills.ts';
import { seedWork } from '../../src/db/seed/work.ts';
import { launchBrowser, serveDemo, signIn, type Served } from './harness.ts';

const SHOTS = '/tmp/growth-risk-shots';

let served: Served;
let team: DemoTeam;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ served, team } = await serveDemo(seedSkills, seedWork, seedDeals));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function managerPage(width: number, locale: 'en-GB' | 'ko-KR'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, served.base, 'manager@demo.local', DEMO_PASSWORD);
  // Signing in uses the English form's labels; Korean is chosen afterwards.
  if (locale === 'ko-KR') {
    // The header's 한국어 switch (folded into the menu on a phone), posted as that form posts it.
    const res = await page.request.post(`${served.base}/lang`, { form: { to: 'ko', back: '/' }, headers: { origin: served.base }, maxRedirects: 0 });
    expect(res.status()).toBe(303);
  }
  return page;
}

describe('key people in the demo', () => {
  it('ranks people with the reason in words; the picker opens one what-if; the card says what breaks', async () => {
    const page = await managerPage(1280, 'en-GB');
    await page.goto(`${served.base}/growth/risk`);
    const rows = page.locator('ol.risk-ranked > li');
    expect(await rows.count()).toBeGreaterThan(0);
    const first = rows.first();
    const name = (await first.locator('a.risk-name').textContent())!.trim();
    expect(await first.locator('.risk-list').textContent()).toMatch(/blocker|single point of failure|nobody else can own|committed member|thin/);
    await page.screenshot({ path: `${SHOTS}/risk-en-1280.png`, fullPage: true });

    // Typed name → the matching member → their full what-if.
    await page.getByLabel('Name (initial consonants work too)').fill(name);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.locator('.risk-people a', { hasText: name }).first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(`If ${name} left`);
    expect(await page.locator('.growth-risk .card li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/what-if-en-1280.png`, fullPage: true });

    // Their card, for the manager, has the short summary and the way back to the full what-if.
    await page.getByRole('link', { name: `${name}’s card` }).click();
    const section = page.locator('section.what-if-card');
    expect(await section.locator('h2').textContent()).toBe(`If ${name} left`);
    expect(await section.getByRole('link', { name: 'The full what-if' }).getAttribute('href')).toMatch(/^\/growth\/risk\/\d+$/);
    await section.screenshot({ path: `${SHOTS}/card-en-1280.png` });
    await page.context().close();
  });

  it('reads well on a phone and in Korean', async () => {
    for (const [width, locale, tag] of [[360, 'en-GB', 'en'], [1280, 'ko-KR', 'ko'], [360, 'ko-KR', 'ko']] as const) {
      const page = await managerPage(width, locale);
      await page.goto(`${served.base}/growth/risk`);
      if (tag === 'ko') expect(await page.locator('h1').textContent()).toBe('팀이 잃으면 안 되는 사람');
      // Nothing wider than the screen but the tables' own scrolling regions.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `${SHOTS}/risk-${tag}-${width}.png`, fullPage: true });
      const href = await page.locator('ol.risk-ranked a.risk-name').first().getAttribute('href');
      await page.goto(`${served.base}${href}`);
      await page.screenshot({ path: `${SHOTS}/what-if-${tag}-${width}.png`, fullPage: true });
      await page.goto(`${served.base}/members/${href!.split('/').pop()}`);
      expect(await page.locator('section.what-if-card').count()).toBe(1);
      await page.locator('section.what-if-card').screenshot({ path: `${SHOTS}/card-${tag}-${width}.png` });
      await page.context().close();
    }
  });

  it('a member sees no what-if on a card and is refused the pages', async () => {
    const member = team.members[0];
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, served.base, member.email, DEMO_PASSWORD);
    const res = await page.goto(`${served.base}/growth/risk`);
    expect(res?.status()).toBe(403);
    await page.goto(`${served.base}/members/${team.members[1].id}`);
    expect(await page.locator('section.what-if-card').count()).toBe(0);
    await page.context().close();
  });
});
