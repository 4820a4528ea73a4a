// Single sign-on in Chromium against a real provider: Pairwise's sign-in page → the provider's login and
// consent → back on Pairwise signed in as the invited member → sign-out at both ends. Screenshots in /tmp/sso-shots.
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTeam } from '../helpers.ts';
import { startProvider, type TestProvider } from '../oidc-provider.ts';
import { launchBrowser, serveApp, type Served } from './harness.ts';

const SHOTS = '/tmp/sso-shots';
let served: Served;
let provider: TestProvider;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  served = await serveApp(
    async (db) => void (await aTeam(db)),
    undefined,
    async (base) => {
      provider = await startProvider({ redirectUri: `${base}/auth/oidc/callback`, postLogoutRedirectUri: `${base}/login` });
      return { oidc: provider.settings() };
    },
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
  await provider?.close();
});

async function newPage(opts: { width?: number; locale?: string } = {}): Promise<Page> {
  const width = opts.width ?? 1280;
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 740 : 900 }, locale: opts.locale ?? 'en-US' });
  return context.newPage();
}

/** Through the provider's development login (any password) and its consent form. */
async function atProvider(page: Page, login: string) {
  await page.waitForURL((u) => u.origin === provider.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

describe('single sign-on in the browser', () => {
  it('signs an invited member in through the provider and back, and signs out at both ends', async () => {
    const page = await newPage();
    await page.goto(`${served.base}/matrix`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByRole('link', { name: 'Sign in with your company account' }).click();
    await atProvider(page, 'alice-sub');
    await page.waitForURL(`${served.base}/matrix`);
    expect(await page.locator('h1').first().textContent()).toBeTruthy();
    await page.goto(`${served.base}/profile`);
    expect(await page.locator('#f-email').textContent()).toContain('alice@team.test');

    // Sign-out leaves for the provider's end-session page (the CSP allows the redirect) and comes back.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.origin === provider.issuer);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${served.base}/login`);
    expect(await page.locator('.flash').textContent()).toContain('You are signed out.');
    await page.goto(`${served.base}/profile`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('shows the sign-in page and the "ask your manager" page clean at 1280 and 360 px, in English and Korean', { timeout: 120_000 }, async () => {
    for (const locale of ['en-US', 'ko-KR']) {
      for (const width of [1280, 360]) {
        const page = await newPage({ width, locale });
        await page.goto(`${served.base}/login`);
        const lang = locale.slice(0, 2);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        await page.screenshot({ path: `${SHOTS}/login-${lang}-${width}.png`, fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `login overflows at ${width} px`).toBeLessThanOrEqual(0);
        const axe = await new AxeBuilder({ page }).analyze();
        expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

        await page.getByRole('link', { name: lang === 'ko' ? '회사 계정으로 로그인' : 'Sign in with your company account' }).click();
        await atProvider(page, 'stranger-sub');
        await page.waitForURL((u) => u.origin === served.base && u.pathname === '/auth/oidc/callback');
        expect(await page.locator('h1').textContent()).toBe(lang === 'ko' ? '아직 초대받지 않았어요' : 'You are not invited yet');
        await page.screenshot({ path: `${SHOTS}/not-invited-${lang}-${width}.png`, fullPage: true });
        await page.context().close();
      }
    }
  });
});
