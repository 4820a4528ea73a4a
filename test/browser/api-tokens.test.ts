// API tokens in real Chromium: made on the profile, copied with the button, used against the API, revoked; English and Korean at 1280 and 360 px.
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema/index.ts';
import { DEMO_PASSWORD, type DemoTeam } from '../../src/db/seed/demo-team.ts';
import { en, type Catalog } from '../../views/i18n/en.ts';
import { ko } from '../../views/i18n/ko.ts';
import { aToken } from '../fixtures/api.ts';
import { launchBrowser, serveDemo, type Served } from './harness.ts';

const SHOTS = '/tmp/pairwise-shots/api-tokens';

let served: Served;
let browser: Browser;
let team: DemoTeam;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ served, team } = await serveDemo());
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

const api = (path: string, token: string) => fetch(`${served.base}${path}`, { headers: { Authorization: `Bearer ${token}` } });

async function signedInPage(email: string, locale: 'en' | 'ko', width: number): Promise<Page> {
  const words: Catalog = locale === 'ko' ? ko : en;
  const context = await browser.newContext({ locale: locale === 'ko' ? 'ko-KR' : 'en-US', viewport: { width, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.base });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${served.base}/login`);
  await page.getByLabel(words['common.email']).fill(email);
  await page.getByLabel(words['login.password']).fill(DEMO_PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.getByRole('button', { name: words['login.submit'] }).click()]);
  return page;
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
}

/** Makes a token through the form and returns what the page shows once. */
async function makeToken(page: Page, name: string, words: Catalog) {
  await page.goto(`${served.base}/profile`);
  await page.getByLabel(words['profile.tokens.name']).fill(name);
  await Promise.all([page.waitForURL(/\/profile\/tokens/), page.getByRole('button', { name: words['profile.tokens.make'] }).click()]);
  return page.getByLabel(words['profile.tokens.newLabel']).inputValue();
}

describe('API tokens on the profile', () => {
  it('in English: made, copied with the button, read the API, shown once, revoked and refused', { timeout: 90_000 }, async () => {
    const member = team.members.find((m) => m.locale === 'en')!;
    await aToken(served.db, member.id, 'weekly report script');
    for (const width of [1280, 360]) {
      const page = await signedInPage(member.email, 'en', width);
      const token = await makeToken(page, width > 500 ? 'team dashboard' : 'phone check', en);
      expect(token).toMatch(/^pw_[A-Za-z0-9_-]{43}$/);
      const copy = page.getByRole('button', { name: en['profile.tokens.copy'] });
      await copy.click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(token);
      expect(await page.getByRole('button', { name: en['profile.tokens.copied'] }).count()).toBe(1);
      expect(await (await api('/api/v1/me', token)).json()).toMatchObject({ id: member.id, role: 'member' });
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('#api-tokens').screenshot({ path: `${SHOTS}/en-${width}-new.png` });

      await page.goto(`${served.base}/profile`);
      expect(await page.content()).not.toContain(token);
      await page.locator('#api-tokens').screenshot({ path: `${SHOTS}/en-${width}-list.png` });
      const name = width > 500 ? 'team dashboard' : 'phone check';
      await Promise.all([page.waitForURL(/\/profile/), page.getByRole('button', { name: en['profile.tokens.revokeLabel'].replace('{name}', name) }).click()]);
      expect(await page.getByRole('status').first().innerText()).toContain(en['profile.tokens.revoked']);
      expect((await api('/api/v1/me', token)).status).toBe(401);
      await page.context().close();
    }
  });

  it('in Korean at 1280 and 360 px', { timeout: 90_000 }, async () => {
    const member = team.members[0];
    await served.db.update(users).set({ locale: 'ko' }).where(eq(users.id, member.id));
    await aToken(served.db, member.id, '주간 리포트 스크립트');
    for (const width of [1280, 360]) {
      const page = await signedInPage(member.email, 'ko', width);
      expect(await page.locator('html').getAttribute('lang')).toBe('ko');
      const token = await makeToken(page, `팀 대시보드 ${width}`, ko);
      expect((await api('/api/v1/members', token)).status).toBe(200);
      expect(await page.locator('#api-tokens h2').innerText()).toBe(ko['profile.tokens.title']);
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('#api-tokens').screenshot({ path: `${SHOTS}/ko-${width}-new.png` });
      await page.context().close();
    }
  });
});
