// The private calendar feed: making, renewing and stopping it, and the .ics it serves, parsed as RFC 5545 by ical.js.
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { createApp } from '../../src/app.tsx';
import { calendarTokens, studyParticipants, users } from '../../src/db/schema/index.ts';
import { aUser, Client, eachTestWith, ORIGIN, signedIn, type World } from '../helpers.ts';
import { aPaper, aPublishedSeason, aSchedule, aSeason, aStudyTeam, type StudyTeam } from '../fixtures/study.ts';
import { text } from '../fixtures/work.ts';

let w: World;
let team: StudyTeam;
let made: Awaited<ReturnType<typeof aPublishedSeason>>;

eachTestWith(aStudyTeam, (world, t) => {
  w = world;
  team = t;
});
afterEach(() => ICAL.TimezoneService.reset());

/** Makes a feed for the signed-in client and returns its address, read from the page as a person would copy it. */
async function makeFeed(client: Client): Promise<string> {
  const res = await client.post('/study/calendar', {});
  expect(res.status).toBe(200);
  const found = /id="feed-url" type="text" readonly="" value="([^"]+)"/.exec(await res.text());
  expect(found, 'the feed address on the page').not.toBeNull();
  return found![1];
}

/** Fetches a feed the way a calendar app does: no cookie, no session. */
const fetchFeed = (address: string, app = w.app) => app.request(address);

/** The feed parsed by ical.js, its time zones registered so that times resolve to instants. */
async function parsed(res: Response) {
  const calendar = new ICAL.Component(ICAL.parse(await res.text()));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  return { calendar, events };
}

describe('the calendar page', () => {
  it('explains the private feed, shows a new address once and says when a feed exists', async () => {
    const joon = await signedIn(w.app, 'joon@team.test');
    const page = text(await (await joon.get('/study/calendar')).text());
    expect(page).toContain('anyone who has it can read your sessions without signing in');
    expect(page).toContain('Asia/Seoul');
    expect(page).toContain('You have no feed yet.');
    const address = await makeFeed(joon);
    expect(address).toMatch(new RegExp(`^${ORIGIN}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    const [row] = await w.db.select().from(calendarTokens);
    expect(row.userId).toBe(team.joon.id);
    // Only a hash is stored; the page no longer shows the address.
    expect(address).not.toContain(row.tokenHash);
    const again = await (await joon.get('/study/calendar')).text();
    expect(again).not.toContain(address);
    expect(text(again)).toContain('Your feed works since Nov 2, 2026.');
  });

  it('uses PUBLIC_ORIGIN for the address when it is set', async () => {
    const app = createApp({ db: w.db, now: () => w.clock.now, publicOrigin: 'https://pairwise.example.com' });
    const joon = await new Client(app).login('joon@team.test');
    expect(await makeFeed(joon)).toMatch(/^https:\/\/pairwise\.example\.com\/calendar\/[A-Za-z0-9_-]+\.ics$/);
  });

  it('is for the team only: partners are refused', async () => {
    await aUser(w.db, { name: 'Pat Partner', email: 'pat@partner.test', role: 'partner' });
    const partner = await signedIn(w.app, 'pat@partner.test');
    expect((await partner.get('/study/calendar')).status).toBe(403);
    expect((await partner.post('/study/calendar', {})).status).toBe(403);
  });
});

describe('the feed', () => {
  it('is a valid VCALENDAR of the person’s sessions, with TZID Asia/Seoul at 17:00 local, stable UIDs and links, and needs no cookie', async () => {
    made = await aPublishedSeason(w.db, team);
    const joon = await signedIn(w.app, 'joon@team.test');
    const address = await makeFeed(joon);
    const res = await fetchFeed(address);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.getSetCookie()).toEqual([]);
    const { calendar, events } = await parsed(res);
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Asia/Seoul');
    expect(events.map((e) => e.summary)).toEqual([
      'Season 3 · session 1: SimCSE: Simple Contrastive Learning of Sentence Embeddings (presenting)',
      'Season 3 · session 2: Sentence-BERT',
    ]);
    const [first] = events;
    expect(first.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Asia/Seoul');
    expect(first.startDate.zone?.tzid).toBe('Asia/Seoul');
    expect([first.startDate.year, first.startDate.month, first.startDate.day, first.startDate.hour, first.startDate.minute]).toEqual([2026, 11, 12, 17, 0]);
    expect(first.startDate.toJSDate().toISOString()).toBe('2026-11-12T08:00:00.000Z');
    expect(first.endDate.toJSDate().toISOString()).toBe('2026-11-12T09:00:00.000Z');
    expect(first.component.getFirstPropertyValue('url')).toBe(`${ORIGIN}/study/sessions/${made.sessions[0].id}`);
    expect(first.description).toContain('Presenter: Joon Park · Reviewer: 김민아');
    const { events: again } = await parsed(await fetchFeed(address));
    expect(again.map((e) => e.uid)).toEqual(events.map((e) => e.uid));
    expect(new Set(events.map((e) => e.uid)).size).toBe(2);
  });

  it('speaks the person’s saved language: 시즌 3 · 1회차: … (리뷰)', async () => {
    made = await aPublishedSeason(w.db, team);
    await w.db.update(users).set({ locale: 'ko' }).where(eq(users.id, team.mina.id));
    const address = await makeFeed(await signedIn(w.app, 'mina@team.test'));
    const { events } = await parsed(await fetchFeed(address));
    expect(events[0].summary).toBe('시즌 3 · 1회차: SimCSE: Simple Contrastive Learning of Sentence Embeddings (리뷰)');
  });

  it('shows only the owner’s seasons: not another season’s, not a draft, not a season they left', async () => {
    made = await aPublishedSeason(w.db, team);
    const other = await aSeason(w.db, team, { number: 4, name: '시즌 4', participants: [team.alice.id] });
    const dpr = await aPaper(w.db, other.id, { title: 'DPR', url: 'https://arxiv.org/abs/2004.04906', areaIds: [team.embedding.id], proposedBy: team.alice.id });
    await aSchedule(w.db, other.id, [{ day: '2026-12-03', paperId: dpr.id, presenterId: team.alice.id, reviewerId: null }]);
    const draft = await aSeason(w.db, team, { number: 5, name: '시즌 5', participants: [team.joon.id] });
    await aSchedule(w.db, draft.id, [{ day: '2026-12-10', paperId: null, presenterId: team.joon.id, reviewerId: null }], 'draft');
    const alice = await makeFeed(await signedIn(w.app, 'alice@team.test'));
    const joon = await makeFeed(await signedIn(w.app, 'joon@team.test'));
    expect((await parsed(await fetchFeed(alice))).events.map((e) => e.summary)).toEqual([
      'Season 3 · session 1: SimCSE: Simple Contrastive Learning of Sentence Embeddings',
      'Season 3 · session 2: Sentence-BERT (reviewing)',
      'Season 4 · session 1: DPR (presenting)',
    ]);
    expect((await parsed(await fetchFeed(joon))).events).toHaveLength(2);
    await w.db.update(studyParticipants).set({ leftAt: w.clock.now.getTime() }).where(eq(studyParticipants.userId, team.joon.id));
    expect((await parsed(await fetchFeed(joon))).events).toHaveLength(0);
  });

  it('answers 404 with no details for an unknown token, a revoked one, and the old one after a new one is made', async () => {
    const joon = await signedIn(w.app, 'joon@team.test');
    const unknown = await fetchFeed(`${ORIGIN}/calendar/${'A'.repeat(43)}.ics`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('Not found');
    const old = await makeFeed(joon);
    const fresh = await makeFeed(joon);
    expect(fresh).not.toBe(old);
    expect((await fetchFeed(old)).status).toBe(404);
    expect((await fetchFeed(fresh)).status).toBe(200);
    const stop = await joon.post('/study/calendar/revoke', {});
    expect(stop.status).toBe(303);
    const gone = await fetchFeed(fresh);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toBe('Not found');
    expect(text(await (await joon.get('/study/calendar')).text())).toContain('You have no feed yet.');
  });

  it('stops for a person who was deactivated', async () => {
    const address = await makeFeed(await signedIn(w.app, 'joon@team.test'));
    await w.db.update(users).set({ active: false }).where(eq(users.id, team.joon.id));
    expect((await fetchFeed(address)).status).toBe(404);
  });

  it('follows TIME_ZONE: in Europe/Berlin 17:00 is 16:00 UTC in November and 15:00 UTC in summer', async () => {
    const season = await aSeason(w.db, team, { status: 'running' });
    await aSchedule(w.db, season.id, [
      { day: '2026-11-12', paperId: null, presenterId: team.joon.id, reviewerId: null },
      { day: '2027-06-10', paperId: null, presenterId: null, reviewerId: null },
    ]);
    const app = createApp({ db: w.db, now: () => w.clock.now, timeZone: 'Europe/Berlin' });
    const address = await makeFeed(await new Client(app).login('joon@team.test'));
    const { events } = await parsed(await fetchFeed(address, app));
    expect(events.map((e) => e.startDate.zone?.tzid)).toEqual(['Europe/Berlin', 'Europe/Berlin']);
    expect(events.map((e) => e.startDate.hour)).toEqual([17, 17]);
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(['2026-11-12T16:00:00.000Z', '2027-06-10T15:00:00.000Z']);
  });
});
