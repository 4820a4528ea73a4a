// A study season walked end to end in real Chromium: create → propose (one duplicate refused) and vote → plan, swap,
// publish → dashboard and .ics → check in and evidence after the session → the report; then the pages in Korean.
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import ICAL from 'ical.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, inArray } from 'drizzle-orm';
import { createDemoTeam, DEMO_PASSWORD, type DemoTeam } from '../../src/db/seed/demo-team.ts';
import { seedSkills } from '../../src/db/seed/skills.ts';
import { seedStudy } from '../../src/db/seed/study.ts';
import { studyPaperAreas, studyPapers, studyParticipants, studySeasonAreas, studySeasons, studySessions, studyVotes, users } from '../../src/db/schema/index.ts';
import { DAY_MS, isoDay } from '../../src/domain.ts';
import { en } from '../../views/i18n/en.ts';
import { interpolate } from '../../views/i18n/index.ts';
import { launchBrowser, serveApp, signIn, type Served } from './harness.ts';

const SHOTS = '/tmp/study-shots';

// The app's clock: noon in Seoul (03:00 UTC) so the day is the same in UTC and in the team's time zone; the walk moves it.
const START = Math.floor(Date.now() / DAY_MS) * DAY_MS + 3 * 3_600_000;
let clock = START;
const firstDay = isoDay(START + 7 * DAY_MS);
const lastDay = isoDay(START + 14 * DAY_MS);

let served: Served;
let browser: Browser;
let team: DemoTeam;
let seasonId = 0;

const GTE = { title: 'Towards General Text Embeddings with Multi-stage Contrastive Learning', abs: 'https://arxiv.org/abs/2308.03281', pdf: 'https://arxiv.org/pdf/2308.03281v2' };
const CPT = { title: 'Text and Code Embeddings by Contrastive Pre-Training', abs: 'https://arxiv.org/abs/2201.10005' };

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  served = await serveApp(async (db) => {
    team = await createDemoTeam(db, new Date(START));
    await seedSkills(db, team, new Date(START));
    await seedStudy(db, team, new Date(START), 'ko');
    // Seasons 1 and 2 stay as history; the demo's planned season 3 goes, so the manager creates it in the walk.
    const [three] = await db.select({ id: studySeasons.id }).from(studySeasons).where(eq(studySeasons.number, 3));
    const papers = (await db.select({ id: studyPapers.id }).from(studyPapers).where(eq(studyPapers.seasonId, three.id))).map((p) => p.id);
    await db.delete(studyVotes).where(eq(studyVotes.seasonId, three.id));
    await db.delete(studyPaperAreas).where(inArray(studyPaperAreas.paperId, papers));
    await db.delete(studyPapers).where(eq(studyPapers.seasonId, three.id));
    await db.delete(studyParticipants).where(eq(studyParticipants.seasonId, three.id));
    await db.delete(studySeasonAreas).where(eq(studySeasonAreas.seasonId, three.id));
    await db.delete(studySeasons).where(eq(studySeasons.id, three.id));
  }, () => new Date(clock));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function pageAs(email: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, served.base, email, DEMO_PASSWORD);
  return page;
}

/** Submits a form by its button and waits for the page the redirect leads to. */
async function submit(page: Page, button: ReturnType<Page['getByRole']>) {
  await Promise.all([page.waitForNavigation(), button.click()]);
}

const flash = (page: Page) => page.locator('.flash').first().innerText();
const sessions = () => served.db.select().from(studySessions).where(eq(studySessions.seasonId, seasonId)).orderBy(asc(studySessions.position));
const nameOf = (id: number | null) => [team.manager, ...team.members].find((m) => m.id === id)!;

async function propose(page: Page, paper: { title: string; url: string }, area: string) {
  const form = page.locator('form#propose');
  await form.getByLabel(en['study.paper.field.title'], { exact: true }).fill(paper.title);
  await form.getByLabel(en['study.paper.field.url'], { exact: true }).fill(paper.url);
  await form.getByRole('checkbox', { name: area }).check();
  await form.getByLabel(en['study.paper.field.why'], { exact: true }).fill('Our embedding benchmark compares against it.');
  await submit(page, form.getByRole('button', { name: en['study.paper.propose'] }));
}

describe('a study season in the browser', () => {
  it('create → propose and vote → plan, swap, publish → dashboard and .ics → check in, evidence → report', { timeout: 120_000 }, async () => {
    const [joon, daniel, priya, tom] = [team.members[1], team.members[3], team.members[5], team.members[7]];
    const contrastive = team.areas.contrastive.name;

    // The manager creates season 3 from /study.
    const manager = await pageAs('manager@demo.local');
    await manager.getByRole('link', { name: en['nav.study'], exact: true }).click();
    await manager.getByRole('link', { name: en['study.list.new'] }).click();
    expect(await manager.getByLabel(en['study.season.field.number'], { exact: true }).inputValue()).toBe('3');
    await manager.getByLabel(en['study.season.field.name'], { exact: true }).fill('거꾸로 읽는 SSL 시즌 3');
    await manager.getByLabel(en['study.season.field.startsOn'], { exact: true }).fill(firstDay);
    await manager.getByLabel(en['study.season.field.endsOn'], { exact: true }).fill(lastDay);
    await manager.getByLabel(en['study.season.field.weekday'], { exact: true }).selectOption(String(new Date(firstDay).getUTCDay()));
    await manager.getByRole('checkbox', { name: contrastive }).check();
    await manager.getByLabel(en['study.season.field.goal'], { exact: true }).fill('From SimCSE back to InfoNCE.');
    await submit(manager, manager.getByRole('button', { name: en['study.season.create'] }));
    expect(await flash(manager)).toContain(interpolate(en['study.season.created'], { number: 3 }));
    seasonId = Number(new URL(manager.url()).pathname.split('/').pop());
    // The manager adds two people by name; two members join themselves.
    for (const person of [priya, tom]) {
      await manager.getByLabel(en['study.people.add'], { exact: true }).fill(person.name);
      await submit(manager, manager.getByRole('button', { name: en['study.people.addButton'], exact: true }));
    }
    const season = `${served.base}/study/seasons/${seasonId}`;
    const joonPage = await pageAs(joon.email);
    const danielPage = await pageAs(daniel.email);
    for (const p of [joonPage, danielPage]) {
      await p.goto(season);
      await submit(p, p.getByRole('button', { name: en['study.people.join'] }));
    }
    expect((await served.db.select().from(studyParticipants).where(eq(studyParticipants.seasonId, seasonId))).length).toBe(4);

    // Joon proposes GTE; Daniel tries the same paper as a pdf link of another version and is refused, then proposes his own.
    await joonPage.getByRole('link', { name: /^Candidate papers/ }).click();
    await propose(joonPage, { title: GTE.title, url: GTE.abs }, contrastive);
    expect(await flash(joonPage)).toContain(GTE.title);
    await danielPage.goto(`${season}/papers`);
    await propose(danielPage, { title: 'GTE', url: GTE.pdf }, contrastive);
    expect(await danielPage.locator('form#propose').innerText()).toContain(interpolate(en['study.paper.error.duplicate'], { name: joon.name }));
    expect(await danielPage.getByLabel(en['study.paper.field.url'], { exact: true }).inputValue()).toBe(GTE.pdf);
    await propose(danielPage, { title: CPT.title, url: CPT.abs }, contrastive);
    expect((await served.db.select().from(studyPapers).where(eq(studyPapers.seasonId, seasonId))).length).toBe(2);
    // Each votes for the other's paper.
    await submit(danielPage, danielPage.getByRole('button', { name: interpolate(en['study.vote.voteNamed'], { title: GTE.title }) }));
    await joonPage.goto(`${season}/papers`);
    await submit(joonPage, joonPage.getByRole('button', { name: interpolate(en['study.vote.voteNamed'], { title: CPT.title }) }));
    expect((await served.db.select().from(studyVotes).where(eq(studyVotes.seasonId, seasonId))).length).toBe(2);

    // The manager plans from the season page, swaps the presenters of the two sessions and publishes.
    await manager.goto(season);
    await manager.getByRole('link', { name: en['study.season.planLink'] }).click();
    await manager.getByRole('button', { name: en['study.schedule.plan'] }).click();
    await manager.locator('.schedule-session').nth(1).waitFor();
    const planned = await sessions();
    expect(planned.map((s) => s.day)).toEqual([firstDay, lastDay]);
    expect(planned.every((s) => s.paperId !== null && s.presenterId !== null)).toBe(true);
    // Swapping the two presenters would make each one review their own session: refused with the reason, nothing written.
    const swap = manager.locator('form', { has: manager.getByRole('heading', { name: en['study.schedule.swap.title'] }) });
    await swap.getByLabel(en['study.schedule.first']).selectOption({ index: 1 });
    await swap.getByLabel(en['study.schedule.second']).selectOption({ index: 2 });
    await submit(manager, swap.getByRole('button', { name: en['study.schedule.swap.submit'] }));
    const swapClash = planned[0].reviewerId === planned[1].presenterId || planned[1].reviewerId === planned[0].presenterId;
    if (swapClash) {
      expect(await manager.locator('.error-summary').innerText()).toContain('cannot present and review the same session');
      expect((await sessions()).map((s) => s.presenterId)).toEqual(planned.map((s) => s.presenterId));
      // So the manager swaps the first session's presenter for someone who has no role in the season yet.
      const busy = new Set(planned.flatMap((s) => [s.presenterId, s.reviewerId]));
      const free = [joon, daniel, priya, tom].find((m) => !busy.has(m.id))!;
      const card = manager.locator('.schedule-session').first();
      await card.getByText(en['study.schedule.change'], { exact: true }).click();
      await card.getByLabel(en['study.schedule.presenter'], { exact: true }).selectOption(String(free.id));
      await submit(manager, card.locator(`form[action$="/sessions/${planned[0].id}/presenter"]`).getByRole('button', { name: en['study.schedule.set'] }));
      expect((await sessions())[0].presenterId).toBe(free.id);
    } else {
      expect((await sessions()).map((s) => s.presenterId)).toEqual([planned[1].presenterId, planned[0].presenterId]);
    }
    const swapped = await sessions();
    expect(swapped[0].presenterId).not.toBe(planned[0].presenterId);
    await submit(manager, manager.getByRole('button', { name: en['study.schedule.publish'] }));
    expect(await flash(manager)).toContain(en['study.schedule.published']);
    expect((await served.db.select().from(studySeasons).where(eq(studySeasons.id, seasonId)))[0].scheduleStatus).toBe('published');
    // From the schedule back to the season, which the manager starts.
    await manager.getByRole('link', { name: en['study.schedule.back'] }).click();
    await submit(manager, manager.getByRole('button', { name: en['study.season.moveTo.running'] }));
    expect((await served.db.select().from(studySeasons).where(eq(studySeasons.id, seasonId)))[0].status).toBe('running');

    // The first session's presenter sees it on the dashboard and in the calendar feed.
    const first = swapped[0];
    const [paper] = await served.db.select().from(studyPapers).where(eq(studyPapers.id, first.paperId!));
    const presenter = nameOf(first.presenterId);
    const me = await pageAs(presenter.email);
    const dash = me.locator('.st-dash');
    expect(await dash.innerText()).toContain(paper.title);
    expect(await dash.innerText()).toContain(`You present ${paper.title} on`);
    if (first.reviewerId !== null) expect(await dash.innerText()).toContain(`reviewer ${nameOf(first.reviewerId).name}`);
    await dash.getByRole('link', { name: en['study.calendar.link'] }).click();
    await submit(me, me.getByRole('button', { name: en['study.calendar.make'] }));
    const feedUrl = await me.locator('#feed-url').inputValue();
    const ics = await fetch(feedUrl.replace(/^https?:\/\/[^/]+/, served.base));
    expect(ics.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await ics.text()));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const event = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)).find((e) => e.summary.includes(paper.title));
    expect(event, 'the session in the feed').toBeDefined();
    expect(event!.startDate.toJSDate().toISOString()).toBe(new Date(`${firstDay}T17:00:00+09:00`).toISOString());
    ICAL.TimezoneService.reset();

    // The session day, 19:00 in Seoul: the presenter checks in and adds the session to their stats.
    clock = Date.parse(`${firstDay}T10:00:00Z`);
    await me.goto(`${served.base}/study/sessions/${first.id}`);
    await submit(me, me.getByRole('button', { name: en['study.attendance.mark.came'] }));
    expect(await flash(me)).toContain(presenter.name);
    await submit(me, me.getByRole('button', { name: en['study.evidence.add'] }));
    expect(await flash(me)).toContain(contrastive);
    await me.goto(`${served.base}/members/${presenter.id}`);
    const evidence = me.locator('.st-evidence li', { hasText: interpolate(en['study.evidence.presented'], { paper: paper.title, season: 3 }) });
    expect(await evidence.count()).toBe(1);
    expect(await evidence.getByRole('link').getAttribute('href')).toBe(`/study/sessions/${first.id}`);

    // The manager reaches the session from the schedule and marks a participant who could not come as excused.
    await manager.goto(`${season}/schedule`);
    await manager.getByRole('link', { name: interpolate(en['study.schedule.session'], { n: 1 }), exact: true }).click();
    const excused = [joon, daniel, priya, tom].find((m) => m.id !== presenter.id)!;
    const mark = manager.getByLabel(interpolate(en['study.attendance.markFor'], { name: excused.name }));
    await mark.selectOption('excused');
    await submit(manager, manager.locator('form.st-mark-form', { has: mark }).getByRole('button', { name: en['study.attendance.set'] }));
    expect(await flash(manager)).toContain(excused.name);

    // The season report, reached from the season page: the paper is read in its area and the session shows who came.
    await manager.goto(`${served.base}/study`);
    await manager.getByRole('link', { name: interpolate(en['study.season.numbered'], { number: 3 }), exact: true }).click();
    await manager.getByRole('link', { name: en['study.season.reportLink'] }).click();
    expect(await manager.locator('h1').innerText()).toContain('거꾸로 읽는 SSL 시즌 3');
    const areas = manager.locator('section[aria-labelledby="report-areas"] tr', { hasText: contrastive });
    expect(await areas.locator('td.num').first().innerText()).toBe('1');
    const held = manager.locator('section[aria-labelledby="report-attendance"] tbody tr');
    expect(await held.count()).toBe(1);
    expect(await held.innerText()).toContain(paper.title);
    const cells = await held.locator('td').allInnerTexts();
    expect(cells.slice(4)).toEqual(['1 / 4 (25%)', '1', '0', '2']);
    const person = manager.locator('section[aria-labelledby="report-people"] tr', { hasText: presenter.name });
    expect(await person.innerText()).toMatch(/1 \/ 1/);
  });

  it('the study pages in Korean at 1280 and 360 px: screenshots, and nothing serious for axe', { timeout: 120_000 }, async () => {
    await served.db.update(users).set({ locale: 'ko' }).where(eq(users.id, team.manager.id));
    const [first] = await sessions();
    const pages: Array<[string, string]> = [
      ['study', '/study'],
      ['season', `/study/seasons/${seasonId}`],
      ['papers', `/study/seasons/${seasonId}/papers`],
      ['schedule', `/study/seasons/${seasonId}/schedule`],
      ['session', `/study/sessions/${first.id}`],
      ['report', `/study/seasons/${seasonId}/report`],
    ];
    for (const width of [1280, 360]) {
      const page = await pageAs('manager@demo.local', { width, height: width < 500 ? 740 : 900 });
      for (const [name, path] of pages) {
        const res = await page.goto(served.base + path);
        expect(res?.status(), path).toBe(200);
        expect(await page.locator('html').getAttribute('lang'), path).toBe('ko');
        await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${path} overflows at ${width} px`).toBeLessThanOrEqual(0);
        const result = await new AxeBuilder({ page }).analyze();
        const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
        expect(serious, `axe on ${path} at ${width} px`).toEqual([]);
      }
      await page.close();
    }
  });
});
