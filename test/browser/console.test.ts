// The main pages in real Chromium as the manager: no console error, no uncaught error, no CSP violation.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { pairingGroupMembers, pairingGroups, pairingRounds } from '../../src/db/schema/index.ts';
import { DEMO_PASSWORD, type DemoTeam } from '../../src/db/seed/demo-team.ts';
import { seedSkills } from '../../src/db/seed/skills.ts';
import { seedPairings } from '../../src/db/seed/pairings.ts';
import { seedWork } from '../../src/db/seed/work.ts';
import { seedDeals } from '../../src/db/seed/deals.ts';
import { launchBrowser, serveDemo, signIn, type Served } from './harness.ts';

let served: Served;
let browser: Browser;
let team: DemoTeam;

beforeAll(async () => {
  ({ served, team } = await serveDemo(seedSkills, seedPairings, seedWork, seedDeals));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

/** A signed-in manager page that writes every console error, page error and CSP violation into `problems`. */
async function watchedPage(problems: string[]): Promise<Page> {
  const context = await browser.newContext();
  // The page's own listener reports CSP violations through the console, where the test hears them.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  page.on('console', (m) => {
    // A failed load names the page, not the resource; the location says which address failed.
    if (m.type() === 'error') problems.push(`${page.url()}: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  await signIn(page, served.base, 'manager@demo.local', DEMO_PASSWORD);
  return page;
}

/** The first link on `listPath` whose address is `prefix` followed by an id. */
async function firstDetail(page: Page, listPath: string, prefix: string): Promise<string> {
  await page.goto(served.base + listPath);
  const href = await page.locator(`main a[href^="${prefix}"]`).evaluateAll(
    (links, p) => links.map((a) => a.getAttribute('href') ?? '').find((h) => new RegExp(`^${p}\\d+$`).test(h)),
    prefix,
  );
  expect(href, `a detail link on ${listPath}`).toBeTruthy();
  return href!;
}

/** The open draft's unlocked groups as member id lists. */
async function unlockedDraftGroups(): Promise<number[][]> {
  const [round] = await served.db.select().from(pairingRounds).where(eq(pairingRounds.status, 'draft'));
  const groups = await served.db.select().from(pairingGroups).where(eq(pairingGroups.roundId, round.id));
  const members = await served.db.select().from(pairingGroupMembers).where(eq(pairingGroupMembers.roundId, round.id));
  return groups.filter((g) => !g.locked).map((g) => members.filter((m) => m.groupId === g.id).map((m) => m.userId));
}

describe('browser console on the main pages', () => {
  it('stays clean on every page as the manager', { timeout: 90_000 }, async () => {
    const problems: string[] = [];
    const page = await watchedPage(problems);
    const deal = await firstDetail(page, '/deals', '/deals/');
    const partner = await firstDetail(page, '/partners', '/partners/');
    const paths = ['/', '/matrix', '/members', `/members/${team.members[0].id}`, '/areas', '/pairings/history', '/work', '/work/plan', '/deals', deal, '/partners', partner];
    for (const path of paths) {
      const res = await page.goto(served.base + path);
      expect(res?.status(), path).toBe(200);
      await page.waitForLoadState('load');
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('stays clean on /pairings through propose and swap', { timeout: 60_000 }, async () => {
    const problems: string[] = [];
    const page = await watchedPage(problems);
    await page.goto(`${served.base}/pairings`);
    await page.getByRole('button', { name: 'Propose pairs' }).click();
    await page.locator('#proposal-groups li.pair-group').first().waitFor();
    const version = await page.locator('#proposal input[name="version"]').first().getAttribute('value');
    const [g1, g2] = await unlockedDraftGroups();
    await page.locator('#swap-a').selectOption(String(g1[0]));
    await page.locator('#swap-b').selectOption(String(g2[0]));
    await page.getByRole('button', { name: 'Swap', exact: true }).click();
    await page.locator(`#proposal input[name="version"][value="${Number(version) + 1}"]`).first().waitFor({ state: 'attached' });
    // Let the indicator's timers and any late swap run out before judging.
    await page.waitForTimeout(500);
    // htmx adds no styles of its own (includeIndicatorCSS is off) and nothing carries a style attribute;
    // the indicators are hidden by app.css alone.
    const styles = await page.evaluate(() => ({
      adopted: document.adoptedStyleSheets.length,
      attributes: document.querySelectorAll('[style]').length,
      busy: getComputedStyle(document.getElementById('busy')!).visibility,
      swapBusy: getComputedStyle(document.getElementById('swap-busy')!).opacity,
    }));
    expect(styles).toEqual({ adopted: 0, attributes: 0, busy: 'hidden', swapBusy: '0' });
    expect(problems).toEqual([]);
    await page.close();
  });
});
