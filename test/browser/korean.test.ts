// The main journeys in Korean, in real Chromium on the demo team: no English catalog string may show on
// a Korean page, axe finds nothing serious, and a mixed team sees each person's own language.
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { DEMO_PASSWORD, type DemoTeam } from '../../src/db/seed/demo-team.ts';
import { seedSkills } from '../../src/db/seed/skills.ts';
import { seedPairings } from '../../src/db/seed/pairings.ts';
import { seedWork } from '../../src/db/seed/work.ts';
import { seedDeals } from '../../src/db/seed/deals.ts';
import { deals, users } from '../../src/db/schema/index.ts';
import { en } from '../../views/i18n/en.ts';
import { ko } from '../../views/i18n/ko.ts';
import { interpolate } from '../../views/i18n/index.ts';
import { launchBrowser, serveDemo, type Served } from './harness.ts';

const SHOTS = '/tmp/pairwise-shots/korean';

let served: Served;
let browser: Browser;
let team: DemoTeam;
let dataTexts: string[] = [];

/**
 * The English catalog's own words: every piece of an English string between placeholders that has a
 * word of three letters or more, for the keys whose Korean differs (a name like "Pairwise" or "CSV"
 * is the same in both and may show). A plural form counts with the words of its `other` branch.
 */
const englishPieces = (() => {
  const pieces = new Set<string>();
  for (const [key, value] of Object.entries(en)) {
    if ((ko as Record<string, string>)[key] === value) continue;
    const gap = '\u0000';
    const filled = interpolate(value, Object.fromEntries([...value.matchAll(/\{(\w+)/g)].map((m) => [m[1], gap])));
    for (const raw of filled.split(gap)) {
      const piece = raw.replace(/^[^A-Za-z]+|[^A-Za-z]+$/g, '');
      if (/[A-Za-z]{3,}/.test(piece) && piece.length >= 4) pieces.add(piece);
    }
  }
  return [...pieces].sort((a, b) => b.length - a.length);
})();

/** Every text the demo data holds (names, area names, titles, notes): they keep their own language. */
async function loadDataTexts(): Promise<string[]> {
  const tables = (await served.db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'`)).map((r) => r.name);
  const texts = new Set<string>();
  for (const table of tables) {
    const columns = await served.db.all<{ name: string; type: string }>(sql.raw(`pragma table_info("${table}")`));
    for (const col of columns.filter((c) => /text/i.test(c.type))) {
      const rows = await served.db.all<{ v: string | null }>(sql.raw(`select distinct "${col.name}" as v from "${table}"`));
      for (const { v } of rows) if (v && v.length >= 2 && !v.startsWith('{') && !v.startsWith('[')) texts.add(v);
    }
  }
  return [...texts].sort((a, b) => b.length - a.length);
}

/** The English catalog pieces visible on the page, after the data's own texts are taken out. */
async function englishOn(page: Page): Promise<string[]> {
  let text = await page.evaluate(() => document.body.innerText);
  for (const data of dataTexts) text = text.split(data).join(' ');
  // Data shortened for a chart label or a table cell ends in "…"; it is data too.
  text = text.replace(/[^\n]{1,80}…/g, ' ');
  return englishPieces.filter((piece) => new RegExp(`(^|[^A-Za-z])${piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z]|$)`).test(text));
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
}

/** A browser that asks for Korean, signed in through the Korean login form. */
async function koreanPage(email: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ locale: 'ko-KR', viewport: { width, height: width < 500 ? 740 : 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${served.base}/login`);
  expect(await page.locator('html').getAttribute('lang')).toBe('ko');
  await page.getByLabel(ko['common.email']).fill(email);
  await page.getByLabel(ko['login.password']).fill(DEMO_PASSWORD);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.getByRole('button', { name: ko['login.submit'] }).click()]);
  return page;
}

/** Checks one Korean page: lang attribute, no English, no serious axe finding, and a screenshot. */
async function checkKorean(page: Page, name: string) {
  expect(await page.locator('html').getAttribute('lang'), name).toBe('ko');
  expect(await englishOn(page), `English on ${name}`).toEqual([]);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ served, team } = await serveDemo(seedSkills, seedPairings, seedWork, seedDeals));
  // The manager, the first two members and the partner chose Korean; Sara (the last member) English.
  const korean = [team.manager.id, team.members[0].id, team.members[1].id];
  await served.db.update(users).set({ locale: 'ko' }).where(inArray(users.id, korean));
  await served.db.update(users).set({ locale: 'ko' }).where(eq(users.role, 'partner'));
  await served.db.update(users).set({ locale: 'en' }).where(eq(users.id, team.members[11].id));
  dataTexts = await loadDataTexts();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe('Pairwise in Korean', () => {
  it('the manager: dashboard, matrix with an inline edit, stat card, pairings propose → accept, work plan, deals', { timeout: 180_000 }, async () => {
    const page = await koreanPage('manager@demo.local');
    await checkKorean(page, 'dashboard');

    await page.goto(`${served.base}/matrix`);
    await checkKorean(page, 'matrix');
    const firstCell = page.locator('tbody tr td.cell').first();
    await firstCell.locator('a.lvl').click();
    const editor = page.locator('tbody form');
    await editor.waitFor();
    expect(await englishOn(page), 'English in the inline editor').toEqual([]);
    await editor.getByRole('button', { name: ko['common.save'] }).click();
    await editor.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/matrix');

    await page.goto(`${served.base}/members/${team.members[0].id}`);
    await checkKorean(page, 'stat-card');

    await page.goto(`${served.base}/pairings`);
    await page.getByRole('button', { name: ko['pairings.propose'] }).click();
    await page.locator('#proposal-groups').waitFor();
    await checkKorean(page, 'pairings-proposal');
    await Promise.all([page.waitForURL(`${served.base}/pairings`), page.getByRole('button', { name: ko['pairings.accept.submit'] }).click()]);
    await checkKorean(page, 'pairings-accepted');
    await page.goto(`${served.base}/pairings/history`);
    await checkKorean(page, 'pairings-history');

    await page.goto(`${served.base}/work`);
    await checkKorean(page, 'work');
    await page.goto(`${served.base}/work/plan`);
    const before = page.url();
    await page.getByRole('button', { name: ko['work.plan.plan'] }).first().click();
    await page.waitForURL((u) => u.href !== before && u.searchParams.has('run'));
    await page.locator('.wk-plan-result').waitFor({ timeout: 30_000 });
    await checkKorean(page, 'work-plan');

    await page.goto(`${served.base}/deals`);
    await checkKorean(page, 'deals');
    const [deal] = await served.db.select().from(deals).limit(1);
    await page.goto(`${served.base}/deals/${deal.id}`);
    await checkKorean(page, 'deal');
    await page.goto(`${served.base}/partners`);
    await checkKorean(page, 'partners');
    await page.close();
  });

  it('a member on a phone, and a partner: their pages are Korean too', { timeout: 90_000 }, async () => {
    const member = await koreanPage(team.members[1].email, 360);
    await checkKorean(member, 'member-dashboard-phone');
    await member.goto(`${served.base}/matrix`);
    await checkKorean(member, 'member-matrix-phone');
    await member.goto(`${served.base}/members/${team.members[1].id}`);
    await checkKorean(member, 'member-card-phone');
    await member.close();

    const partner = await koreanPage('partner@demo.local');
    await checkKorean(partner, 'partner-dashboard');
    const [own] = await served.db.select().from(deals).where(eq(deals.partnerId, (await served.db.select().from(users).where(eq(users.email, 'partner@demo.local')))[0].partnerId!));
    await partner.goto(`${served.base}/deals/${own.id}`);
    await checkKorean(partner, 'partner-deal');
    await partner.close();
  });

  it('a mixed team: the member who chose English sees English, whatever the browser asks for', async () => {
    const sara = team.members[11];
    const context = await browser.newContext({ locale: 'ko-KR' });
    const page = await context.newPage();
    await page.goto(`${served.base}/login`);
    await page.getByLabel(ko['common.email']).fill(sara.email);
    await page.getByLabel(ko['login.password']).fill(DEMO_PASSWORD);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.getByRole('button', { name: ko['login.submit'] }).click()]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // The same check that finds no English on the Korean pages finds plenty here: it can fail.
    expect((await englishOn(page)).length).toBeGreaterThan(10);
    expect(await page.locator('h1').innerText()).toContain(en['dashboard.hello'].replace('{name}', sara.name).replace(/[!.]$/, ''));
    await context.close();
  });
});
