// The work-split planner in real Chromium on demo data: plan, pin, exclude, re-plan, accept; owners, dashboards, balance, flags.
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DEMO_PASSWORD, type DemoTeam } from '../../src/db/seed/demo-team.ts';
import { seedSkills } from '../../src/db/seed/skills.ts';
import { seedWork } from '../../src/db/seed/work.ts';
import { planRuns, workItems } from '../../src/db/schema/index.ts';
import { launchBrowser, serveDemo, signIn, type Served } from './harness.ts';

let served: Served;
let browser: Browser;
let team: DemoTeam;

beforeAll(async () => {
  ({ served, team } = await serveDemo(seedSkills, seedWork));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function pageAs(email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, served.base, email, DEMO_PASSWORD);
  return page;
}

/** The row of the planner's item table for a title. */
const planRow = (page: Page, title: string) => page.locator('#plan-form tbody tr', { has: page.locator('strong', { hasText: title }) });

/** Submits the planner form and waits until the page shows the finished run (htmx: progress, polling, reload). */
async function plan(page: Page, button: string) {
  const before = page.url();
  await page.getByRole('button', { name: button }).first().click();
  await page.waitForURL((u) => u.href !== before && u.searchParams.has('run'));
  await page.locator('.wk-plan-result').waitFor();
}

describe('work split in the browser', () => {
  it('plan → pin and exclude → re-plan → accept → owners on /work and on the members’ dashboards', { timeout: 90_000 }, async () => {
    const sara = team.members[11];
    const page = await pageAs('manager@demo.local');
    await page.goto(`${served.base}/work/plan`);
    expect(await page.locator('h1').innerText()).toMatch(/^Work split · \d{4} Q[1-4]$/);

    await plan(page, 'Plan');
    const result = page.locator('.wk-plan-result');
    expect(await result.innerText()).toContain('This plan');
    expect(await result.innerText()).toContain('Greedy rule');
    expect(await result.locator('.wk-plan-status .tag').innerText()).toMatch(/optimal|time limit/);
    const firstRun = page.url();

    // Pin an item anyone can do to Sara; rule out whoever the planner proposed for another item.
    const cards = 'Quarterly model-card updates';
    const routing = 'Zero-shot intent classifier for care-call routing';
    const proposed = (await planRow(page, routing).locator('.wk-owner').innerText()).trim();
    expect(proposed.length).toBeGreaterThan(0);
    await page.getByLabel(`Pin “${cards}” to`).selectOption({ label: sara.name });
    await page.getByLabel(`Rule someone out for “${routing}”`).selectOption({ label: proposed });
    await plan(page, 'Plan again');
    expect(page.url()).not.toBe(firstRun);
    const acceptedRun = Number(new URL(page.url()).searchParams.get('run'));

    expect(await planRow(page, cards).locator('.wk-owner').innerText()).toBe(sara.name);
    expect(await planRow(page, cards).locator('.wk-reason').innerText()).toContain(`${sara.name} owns it, as pinned`);
    const routingRow = planRow(page, routing);
    const newOwner = (await routingRow.locator('.wk-proposal').innerText()).trim();
    expect(newOwner.startsWith(proposed)).toBe(false);
    // The form remembers both choices for the next round.
    expect(await page.getByLabel(`Pin “${cards}” to`).inputValue()).toMatch(new RegExp(`:${sara.id}$`));
    expect(await routingRow.getByRole('checkbox', { name: `not ${proposed}` }).isChecked()).toBe(true);

    const acceptButton = page.getByRole('button', { name: /^Accept: \d+ items become planned$/ });
    const count = Number((await acceptButton.innerText()).match(/\d+/)![0]);
    await Promise.all([page.waitForURL((u) => u.pathname === '/work'), acceptButton.click()]);
    expect(await page.locator('.flash-ok').innerText()).toContain(`Plan accepted: ${count} items are planned with their owners.`);
    const [run] = await served.db.select().from(planRuns).where(eq(planRuns.id, acceptedRun));
    expect(run.acceptedAt).not.toBeNull();

    // /work lists the items with their owners.
    const cardsRow = page.locator('table.wk-work-items tbody tr', { has: page.getByRole('link', { name: cards }) });
    expect(await cardsRow.innerText()).toContain(sara.name);
    expect(await cardsRow.locator('.wk-status-cell .tag').innerText()).toBe('planned');
    const [stored] = await served.db.select().from(workItems).where(eq(workItems.title, cards));
    expect(stored).toMatchObject({ status: 'planned', ownerId: sara.id });

    // The balance view and both traps are on the page.
    const balance = await page.locator('.wk-balance').innerText();
    expect(balance).toMatch(/Team: \d+% research, \d+% service/);
    const flags = await page.locator('.wk-flags-card').innerText();
    expect(flags).toContain('Research without a customer');
    expect(flags).toContain('Service on immature technology');
    expect(await page.getByRole('link', { name: 'Plan a mentoring pair' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Link a deal or name the service it feeds' }).count()).toBeGreaterThan(0);

    // Sara's dashboard lists her item; she starts it inline.
    const saraPage = await pageAs(sara.email);
    const mine = saraPage.locator('.wk-work-dash');
    expect(await mine.innerText()).toContain(cards);
    await saraPage.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    const row = mine.locator('tr', { hasText: cards });
    await row.getByRole('button', { name: 'Start' }).click();
    await row.locator('.wk-status-cell .tag', { hasText: 'in progress' }).waitFor();
    expect(await saraPage.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect((await served.db.select().from(workItems).where(eq(workItems.title, cards)))[0].status).toBe('in_progress');

    // The routing item's new owner sees it on their dashboard too.
    const [routingItem] = await served.db.select().from(workItems).where(eq(workItems.title, routing));
    if (routingItem.ownerId !== null) {
      const owner = team.members.find((m) => m.id === routingItem.ownerId)!;
      expect(owner.name).not.toBe(proposed);
      const ownerPage = await pageAs(owner.email);
      expect(await ownerPage.locator('.wk-work-dash').innerText()).toContain(routing);
    }
  });

  it('has no serious accessibility violations on the work pages (axe-core)', { timeout: 60_000 }, async () => {
    const page = await pageAs('manager@demo.local');
    const [item] = await served.db.select().from(workItems).limit(1);
    for (const path of ['/work', '/work/plan', '/work/new', `/work/items/${item.id}`, '/work/cycles', '/']) {
      const res = await page.goto(served.base + path);
      expect(res?.status(), path).toBe(200);
      const result = await new AxeBuilder({ page }).analyze();
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${path} ${v.id}: ${v.nodes[0]?.target.join(' ')}`);
      expect(serious).toEqual([]);
    }
  });
});
