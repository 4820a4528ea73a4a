// Notices in a real browser: the header's unread count, the list, marking read, and the profile's notice choices
// with the keyboard, in English and Korean at 1280 and 360 px (screenshots in $SHOTS when set), checked with axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { enqueue, NO_CHANNELS } from '../../src/notices/outbox.ts';
import { aRating, aTeam, PASSWORD } from '../helpers.ts';
import { launchBrowser, serveApp, signIn, type Served } from './harness.ts';

let served: Served;
let browser: Browser;
// The real clock: the browser drops a session cookie whose expiry (from the app's clock) is already past.
const now = new Date();
beforeAll(async () => {
  served = await serveApp(async (db) => {
    const team = await aTeam(db);
    await aRating(db, team.alice.id, team.embedding.id, { selfLevel: 3, interest: 1 }, team.alice.id, new Date(now.getTime() - 200 * 86_400_000));
    const origin = 'http://127.0.0.1';
    await db.transaction(async (tx) => {
      await enqueue(tx, NO_CHANNELS, team.alice.id, 'b1', { kind: 'digest', params: { areas: [{ name: 'text embedding', confirmedAt: now.getTime() - 200 * 86_400_000 }] }, link: `${origin}/` }, new Date(now.getTime() - 3 * 86_400_000));
      await enqueue(tx, NO_CHANNELS, team.alice.id, 'b2', { kind: 'round', params: { partners: ['Bob'] }, link: `${origin}/pairings` }, new Date(now.getTime() - 86_400_000));
      await enqueue(tx, NO_CHANNELS, team.alice.id, 'b3', { kind: 'dueItem', params: { deal: 'Intent classifier ⇄ call transcripts', item: 'Label 2k call transcripts', due: new Date(now.getTime() + 3 * 86_400_000).toISOString().slice(0, 10), late: false }, link: `${origin}/deals/1` }, now);
    });
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe('notices in the browser', () => {
  it('the header counts unread notices; the list marks them read; the profile saves a choice by keyboard', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, served.base, 'alice@team.test', PASSWORD);
    const link = page.getByRole('link', { name: 'Notices, 3 unread' });
    await expect(link.count()).resolves.toBe(1);
    await link.click();
    await expect(page.locator('.notice.unread').count()).resolves.toBe(3);
    await expect(page.getByText('New pairing round: you pair with Bob').count()).resolves.toBe(1);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    for (const [lang, width] of [['en', 1280], ['en', 360], ['ko', 1280], ['ko', 360]] as const) {
      await page.context().addCookies([{ name: 'lang', value: lang, url: served.base }]);
      await page.setViewportSize({ width, height: 900 });
      for (const path of ['/notices', '/profile']) {
        await page.goto(served.base + path);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${path} overflows at ${width} px`).toBeLessThanOrEqual(0);
        if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/${path.slice(1)}-${lang}-${width}.png`, fullPage: true });
      }
    }
    await page.context().addCookies([{ name: 'lang', value: 'en', url: served.base }]);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${served.base}/notices`);
    await page.getByRole('button', { name: /모두 읽음으로 표시|Mark all read/ }).click();
    await expect(page.locator('.notice.unread').count()).resolves.toBe(0);
    await expect(page.locator('header .notice-count .count').count()).resolves.toBe(0);
    // Keyboard only: focus the digest's "only in the app" radio and save.
    await page.goto(`${served.base}/profile`);
    const radio = page.locator('input[name="digest"][value="none"]');
    await radio.focus();
    await page.keyboard.press('Space');
    await page.locator('.notice-prefs button[type="submit"]').focus();
    // The page is /profile before and after the save: wait for the saved page itself (its flash), not the URL.
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.keyboard.press('Enter')]);
    await page.locator('main .flash-ok').waitFor();
    await expect(page.locator('input[name="digest"][value="none"]').isChecked()).resolves.toBe(true);
    const prefsAxe = await new AxeBuilder({ page }).include('.notice-prefs').analyze();
    expect(prefsAxe.violations.map((v) => v.id)).toEqual([]);
  }, 90_000);
});
