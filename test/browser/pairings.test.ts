// The pairing planner in real Chromium on demo data: away, lock, propose, swap, accept, then dashboards and history.
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DEMO_PASSWORD, type DemoTeam } from '../../src/db/seed/demo-team.ts';
import { seedSkills } from '../../src/db/seed/skills.ts';
import { seedPairings } from '../../src/db/seed/pairings.ts';
import { pairingGroupMembers, pairingGroups, pairingRounds } from '../../src/db/schema/index.ts';
import { launchBrowser, serveDemo, signIn, type Served } from './harness.ts';

let served: Served;
let browser: Browser;
let team: DemoTeam;

beforeAll(async () => {
  ({ served, team } = await serveDemo(seedSkills, seedPairings));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

/** The open draft's groups as member id lists, with their locked flag. */
async function draftGroups() {
  const [round] = await served.db.select().from(pairingRounds).where(eq(pairingRounds.status, 'draft'));
  const groups = await served.db.select().from(pairingGroups).where(eq(pairingGroups.roundId, round.id));
  const members = await served.db.select().from(pairingGroupMembers).where(eq(pairingGroupMembers.roundId, round.id));
  return {
    round,
    groups: groups.map((g) => ({ locked: g.locked, ids: members.filter((m) => m.groupId === g.id).map((m) => m.userId) })),
  };
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
}

async function memberPage(email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(8000);
  await signIn(page, served.base, email, DEMO_PASSWORD);
  return page;
}

describe('pairing planner in the browser', () => {
  it('away → lock → propose → swap → accept → dashboards and history grid', { timeout: 60_000 }, async () => {
    const [mina, joon, , , , , , , , , , sara] = team.members;
    const page = await memberPage('manager@demo.local');
    await page.goto(`${served.base}/pairings`);

    // A marker that survives only if propose and swap update the page in place (htmx), not by navigation.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    // One click marks Sara away; lock 김민아 with Joon.
    await page.getByRole('checkbox', { name: sara.name }).uncheck();
    await page.getByLabel('Keep together, row 1: first person').fill(mina.name);
    await page.getByLabel('Keep together, row 1: second person').fill(joon.name);
    await page.getByRole('button', { name: 'Propose pairs' }).click();
    await page.locator('#proposal-groups').waitFor();

    const proposal = page.locator('#proposal-groups');
    await expect.poll(() => proposal.locator('li.pair-group').count()).toBeGreaterThan(3);
    expect(await proposal.textContent()).not.toContain(sara.name);
    const lockedGroup = proposal.locator('li.pair-group', { hasText: 'locked' });
    expect(await lockedGroup.textContent()).toContain(mina.name);
    expect(await lockedGroup.textContent()).toContain(joon.name);

    // Swap the first members of two unlocked groups.
    const before = await draftGroups();
    expect(before.groups.flatMap((g) => g.ids)).not.toContain(sara.id);
    const [g1, g2] = before.groups.filter((g) => !g.locked);
    const [a, b] = [g1.ids[0], g2.ids[0]];
    await page.locator('#swap-a').selectOption(String(a));
    await page.locator('#swap-b').selectOption(String(b));
    await page.getByRole('button', { name: 'Swap', exact: true }).click();
    await page.locator(`#proposal input[name="version"][value="${before.round.version + 1}"]`).first().waitFor({ state: 'attached' });
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    const after = await draftGroups();
    const withA = after.groups.find((g) => g.ids.includes(a))!;
    expect(withA.ids).toEqual(expect.arrayContaining(g2.ids.filter((x) => x !== b)));

    // Accept with a note.
    await page.getByLabel('Note (optional)').fill('Browser test round');
    await Promise.all([page.waitForURL(`${served.base}/pairings`), page.getByRole('button', { name: 'Accept round' }).click()]);
    expect(await page.locator('.flash-ok').textContent()).toContain('Round accepted');
    expect(await page.locator('.current-round').textContent()).toContain('Browser test round');

    // Both members of the swapped pair see each other on their dashboards.
    const partner = withA.ids.find((x) => x !== a)!;
    const byId = new Map([team.manager, ...team.members].map((m) => [m.id, m]));
    for (const [me, other] of [
      [a, partner],
      [partner, a],
    ]) {
      const mp = await memberPage(byId.get(me)!.email);
      const section = mp.locator('.pairings-dash');
      expect(await section.textContent()).toContain(byId.get(other)!.name);
      await mp.close();
    }

    // The history grid counts the new pair, paired today.
    await page.goto(`${served.base}/pairings/history`);
    const grid = await page.locator('table.pair-grid').textContent();
    const names = [byId.get(a)!.name, byId.get(partner)!.name];
    expect(await seriousViolations(page)).toEqual([]);
    expect(grid).toMatch(new RegExp(`(${names[0]} and ${names[1]}|${names[1]} and ${names[0]}): paired (once|\\d+ times), most recently today`));
    await page.close();
  });
});
