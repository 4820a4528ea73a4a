// Study seasons over HTTP: /study, creating and editing seasons, status moves, people, away dates and the published schedule.
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { studyAway, studyParticipants, studySeasonAreas, studySeasons } from '../../src/db/schema/index.ts';
import { aUser, eachTestWith, signedIn, type World } from '../helpers.ts';
import { aPublishedSeason, aSchedule, aSeason, aStudyTeam, type StudyTeam } from '../fixtures/study.ts';
import { text } from '../fixtures/work.ts';

let w: World;
let team: StudyTeam;
eachTestWith(aStudyTeam, (world, made) => {
  w = world;
  team = made;
});

const manager = () => signedIn(w.app, 'manager@team.test');
const member = (email = 'alice@team.test') => signedIn(w.app, email);
const seasonCount = async () => (await w.db.select().from(studySeasons)).length;
const participantsOf = (seasonId: number) => w.db.select().from(studyParticipants).where(eq(studyParticipants.seasonId, seasonId));

/** A valid season form: season 1, Thursdays 17:00 in November 2026 minus the 26th. */
const seasonForm = (over: Record<string, string | string[]> = {}) => ({
  number: '1',
  name: '거꾸로 읽는 SSL',
  startsOn: '2026-11-02',
  endsOn: '2026-11-30',
  weekday: '4',
  startTime: '17:00',
  sessionMinutes: '90',
  skipDates: '2026-11-26',
  areaIds: [String(team.embedding.id)],
  goal: 'Read the papers behind our embedding stack.',
  votesPerMember: '5',
  ...over,
});

describe('/study', () => {
  it('says what to do when there is no season: the manager creates season 1, a member waits', async () => {
    const m = await manager();
    const page = text(await (await m.get('/study')).text());
    expect(page).toContain('Create season 1');
    const a = await member();
    const res = await a.get('/study');
    expect(res.status).toBe(200);
    const seen = text(await res.text());
    expect(seen).toContain('Your manager has not started a season yet');
    expect(seen).not.toContain('Create season');
  });

  it('lists seasons newest first with status, dates and the number of people taking part', async () => {
    const two = await aSeason(w.db, team, { number: 2, name: 'Season two', status: 'finished', startsOn: '2026-05-07', endsOn: '2026-06-25' });
    await aSeason(w.db, team, { number: 3 });
    await w.db.update(studyParticipants).set({ leftAt: 1 }).where(and(eq(studyParticipants.seasonId, two.id), eq(studyParticipants.userId, team.bob.id)));
    const page = text(await (await (await member()).get('/study')).text());
    expect(page.indexOf('Season 3')).toBeLessThan(page.indexOf('Season 2'));
    expect(page).toMatch(/Season 3 거꾸로 읽는 SSL 시즌 3 planned Nov 5, 2026 – Dec 17, 2026 4/);
    expect(page).toMatch(/Season 2 Season two finished May 7, 2026 – Jun 25, 2026 3/);
  });

  it('shows the next published session of a season the viewer takes part in, in a Korean sentence', async () => {
    const { sessions } = await aPublishedSeason(w.db, team);
    const joon = await member('joon@team.test');
    joon.cookie += '; lang=ko';
    const html = await (await joon.get('/study')).text();
    expect(text(html)).toContain('11월 12일 (목) 17:00 · 시즌 3');
    expect(text(html)).toContain('SimCSE: Simple Contrastive Learning of Sentence Embeddings');
    expect(text(html)).toContain('발표자 Joon Park, 리뷰어 김민아');
    expect(html).toContain(`href="/study/sessions/${sessions[0].id}"`);
    // The manager takes no part: no next session for them.
    expect(text(await (await (await manager()).get('/study')).text())).not.toContain('Your next session');
  });

  it('shows no next session while the schedule is a draft', async () => {
    const season = await aSeason(w.db, team);
    await aSchedule(w.db, season.id, [{ day: '2026-11-12', paperId: null, presenterId: team.joon.id, reviewerId: null }], 'draft');
    expect(text(await (await (await member('joon@team.test')).get('/study')).text())).not.toContain('Your next session');
  });

  it('is closed to partners', async () => {
    await aUser(w.db, { name: 'Pat Partner', email: 'pat@partner.test', role: 'partner' });
    const p = await signedIn(w.app, 'pat@partner.test');
    expect((await p.get('/study')).status).toBe(403);
    const season = await aSeason(w.db, team);
    expect((await p.get(`/study/seasons/${season.id}`)).status).toBe(403);
  });
});

describe('creating a season', () => {
  it('a manager creates a season with skipped dates and focus areas; the page lists its session dates', async () => {
    const m = await manager();
    const form = text(await (await m.get('/study/seasons/new')).text());
    expect(form).toContain('New season');
    const res = await m.post('/study/seasons', seasonForm());
    expect(res.status).toBe(303);
    const [season] = await w.db.select().from(studySeasons);
    expect(season).toMatchObject({ number: 1, weekday: 4, startTime: '17:00', sessionMinutes: 90, skipDates: '["2026-11-26"]', votesPerMember: 5, status: 'planned', createdBy: team.manager.id });
    expect(await w.db.select().from(studySeasonAreas)).toEqual([{ seasonId: season.id, areaId: team.embedding.id }]);
    expect(res.headers.get('location')).toBe(`/study/seasons/${season.id}`);
    const page = text(await (await m.get(`/study/seasons/${season.id}`)).text());
    expect(page).toContain('3 sessions: first Nov 5, 2026, last Nov 19, 2026');
    expect(page).toContain('Every Thursday at 17:00, 90 minutes');
    expect(page).toContain('text embedding');
  });

  it('offers the next free number', async () => {
    await aSeason(w.db, team, { number: 3 });
    const html = await (await (await manager()).get('/study/seasons/new')).text();
    expect(html).toMatch(/name="number" type="number" value="4"/);
  });

  it.each([
    ['an end before the start', { startsOn: '2026-11-30', endsOn: '2026-11-02' }, 'The season ends before it starts.'],
    ['a weekday with no date inside the season', { startsOn: '2026-11-02', endsOn: '2026-11-04', skipDates: '' }, 'No session falls inside the season on this weekday'],
    ['every date skipped', { startsOn: '2026-11-02', endsOn: '2026-11-06', skipDates: '2026-11-05' }, 'No session falls inside the season on this weekday'],
    ['a time past 23:59', { startTime: '25:00' }, 'A time like 17:00 (24-hour), please.'],
    ['a time in words', { startTime: '5pm' }, 'A time like 17:00 (24-hour), please.'],
    ['a skipped date that is no date', { skipDates: '2026-11-26, 2026-02-30' }, '"2026-02-30" is not a date like 2026-12-24.'],
    ['a skipped date outside the season', { skipDates: '2026-12-03' }, '2026-12-03 is outside the season.'],
    ['no name', { name: '  ' }, 'Required.'],
    ['an impossible start date', { startsOn: '2026-13-01' }, 'A date like 2027-01-31, please.'],
    ['no votes per member', { votesPerMember: '0' }, 'At least 1.'],
    ['too many votes per member', { votesPerMember: '21' }, 'At most 20.'],
    ['a goal longer than 200 characters', { goal: 'x'.repeat(201) }, 'At most 200 characters.'],
    ['an unknown area', { areaIds: ['999'] }, 'No such area.'],
    ['a session of 5 minutes', { sessionMinutes: '5' }, 'At least 15.'],
  ])('refuses %s with 422, keeping what was typed; nothing is written', async (_name, over, message) => {
    const res = await (await manager()).post('/study/seasons', seasonForm(over));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(text(html)).toContain(message);
    expect(html).toContain('name' in over ? 'value="Read the papers behind our embedding stack."' : 'value="거꾸로 읽는 SSL"');
    expect(await seasonCount()).toBe(0);
  });

  it('refuses a number another season has', async () => {
    await aSeason(w.db, team, { number: 1 });
    const res = await (await manager()).post('/study/seasons', seasonForm());
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('There is a season 1 already.');
    expect(await seasonCount()).toBe(1);
  });

  it('a member may not create a season (403), nor see the form', async () => {
    const a = await member();
    expect((await a.post('/study/seasons', seasonForm())).status).toBe(403);
    expect((await a.get('/study/seasons/new')).status).toBe(403);
    expect(await seasonCount()).toBe(0);
  });
});

describe('editing a season and its status', () => {
  it('saves an edit at the current version; a stale one is a 409 with both versions and nothing overwritten', async () => {
    const season = await aSeason(w.db, team);
    const m = await manager();
    expect(text(await (await m.get(`/study/seasons/${season.id}/edit`)).text())).toContain('Edit season 3');
    const edit = (name: string) => seasonForm({ number: '3', name, startsOn: season.startsOn, endsOn: season.endsOn, skipDates: '', version: '1' });
    expect((await m.post(`/study/seasons/${season.id}`, edit('First edit'))).status).toBe(303);
    const stale = await m.post(`/study/seasons/${season.id}`, edit('Second edit'));
    expect(stale.status).toBe(409);
    const html = text(await stale.text());
    expect(html).toContain('Second edit');
    expect(html).toContain('First edit');
    expect(html).toContain('Every Thursday at 17:00, 90 minutes');
    const [row] = await w.db.select().from(studySeasons);
    expect(row).toMatchObject({ name: 'First edit', version: 2 });
  });

  it('moves planned → running → finished, refuses a skip (422) and a stale version (409)', async () => {
    const season = await aSeason(w.db, team);
    const m = await manager();
    const skip = await m.post(`/study/seasons/${season.id}/status`, { status: 'finished', version: '1' });
    expect(skip.status).toBe(422);
    expect(text(await skip.text())).toContain('A season cannot go from planned to finished.');
    expect((await m.post(`/study/seasons/${season.id}/status`, { status: 'running', version: '1' })).status).toBe(303);
    expect((await m.post(`/study/seasons/${season.id}/status`, { status: 'finished', version: '1' })).status).toBe(409);
    expect((await m.post(`/study/seasons/${season.id}/status`, { status: 'finished', version: '2' })).status).toBe(303);
    const [row] = await w.db.select().from(studySeasons);
    expect(row).toMatchObject({ status: 'finished', version: 3 });
    expect((await (await member()).post(`/study/seasons/${season.id}/status`, { status: 'running', version: '3' })).status).toBe(403);
  });

  it('answers 404 for a season that does not exist', async () => {
    const m = await manager();
    expect((await m.get('/study/seasons/999')).status).toBe(404);
    expect((await m.get('/study/seasons/999/edit')).status).toBe(404);
    expect((await m.post('/study/seasons/999/join', {})).status).toBe(404);
  });
});

describe('the season page and its people', () => {
  it('sorts participants with the viewer’s collation and links to the papers, the schedule planner (manager) and the report', async () => {
    const season = await aSeason(w.db, team);
    const m = await manager();
    const en = text(await (await m.get(`/study/seasons/${season.id}`)).text());
    const order = (page: string) => ['Alice', 'Bob', 'Joon Park', '김민아'].sort((a, b) => page.indexOf(`${a} `) - page.indexOf(`${b} `));
    expect(order(en.slice(en.indexOf('4 participants')))).toEqual(['Alice', 'Bob', 'Joon Park', '김민아']);
    m.cookie += '; lang=ko';
    const ko = text(await (await m.get(`/study/seasons/${season.id}`)).text());
    expect(order(ko.slice(ko.indexOf('참여자 4명')))).toEqual(['김민아', 'Alice', 'Bob', 'Joon Park']);
    const html = await (await m.get(`/study/seasons/${season.id}`)).text();
    expect(html).toContain(`href="/study/seasons/${season.id}/schedule"`);
    expect(html).toContain(`href="/study/seasons/${season.id}/report"`);
    expect(html).toContain(`href="/study/seasons/${season.id}/papers"`);
    const seen = await (await member()).get(`/study/seasons/${season.id}`).then((r) => r.text());
    expect(seen).not.toContain(`href="/study/seasons/${season.id}/schedule"`);
    expect(seen).toContain(`href="/study/seasons/${season.id}/report"`);
  });

  it('a member joins, leaves (the row stays with leftAt) and rejoins (leftAt cleared)', async () => {
    const season = await aSeason(w.db, team, { participants: [] });
    const a = await member();
    expect((await a.post(`/study/seasons/${season.id}/join`, {})).status).toBe(303);
    expect(await participantsOf(season.id)).toMatchObject([{ userId: team.alice.id, leftAt: null }]);
    expect((await a.post(`/study/seasons/${season.id}/leave`, {})).status).toBe(303);
    expect(await participantsOf(season.id)).toMatchObject([{ userId: team.alice.id, leftAt: w.clock.now.getTime() }]);
    const again = await a.post(`/study/seasons/${season.id}/leave`, {});
    expect(again.status).toBe(422);
    expect(text(await again.text())).toContain('You do not take part in this season.');
    expect((await a.post(`/study/seasons/${season.id}/join`, {})).status).toBe(303);
    expect(await participantsOf(season.id)).toMatchObject([{ userId: team.alice.id, leftAt: null }]);
  });

  it('nobody joins a finished season', async () => {
    const season = await aSeason(w.db, team, { participants: [], status: 'finished' });
    const res = await (await member()).post(`/study/seasons/${season.id}/join`, {});
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('This season is finished');
    expect(await participantsOf(season.id)).toEqual([]);
  });

  it('the manager adds people by e-mail or exact name and removes them', async () => {
    const season = await aSeason(w.db, team, { participants: [] });
    const m = await manager();
    expect((await m.post(`/study/seasons/${season.id}/participants`, { person: 'ALICE@team.test' })).status).toBe(303);
    expect((await m.post(`/study/seasons/${season.id}/participants`, { person: '김민아' })).status).toBe(303);
    expect((await participantsOf(season.id)).map((p) => p.userId).sort()).toEqual([team.alice.id, team.mina.id].sort());
    expect((await m.post(`/study/seasons/${season.id}/participants/${team.alice.id}/remove`, {})).status).toBe(303);
    const rows = await participantsOf(season.id);
    expect(rows.find((p) => p.userId === team.alice.id)?.leftAt).not.toBeNull();
    expect((await m.post(`/study/seasons/${season.id}/participants/${team.alice.id}/remove`, {})).status).toBe(404);
  });

  it.each([
    ['nobody by that name', 'Nobody Here', 'Nobody on the team is called "Nobody Here" or has that e-mail.'],
    ['several people of that name', 'Bob', 'Several people are called "Bob". Type their e-mail instead.'],
    ['someone taking part already', 'joon@team.test', 'Joon Park takes part already.'],
    ['an empty input', '', 'Required.'],
  ])('refuses to add %s with 422; nothing is written', async (_name, person, message) => {
    await aUser(w.db, { name: 'Bob', email: 'bob2@team.test' });
    const season = await aSeason(w.db, team, { participants: [team.joon.id] });
    const res = await (await manager()).post(`/study/seasons/${season.id}/participants`, { person });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(text(html)).toContain(message);
    expect(html).toContain(`value="${person}"`);
    expect((await participantsOf(season.id)).map((p) => p.userId)).toEqual([team.joon.id]);
  });

  it('a member may not add or remove people', async () => {
    const season = await aSeason(w.db, team, { participants: [] });
    const a = await member();
    expect((await a.post(`/study/seasons/${season.id}/participants`, { person: 'bob@team.test' })).status).toBe(403);
    expect(await participantsOf(season.id)).toEqual([]);
  });

  it('a participant opts out of presenting and back in; the page says so', async () => {
    const season = await aSeason(w.db, team);
    const a = await member();
    expect((await a.post(`/study/seasons/${season.id}/no-presenting`, { noPresenting: '1' })).status).toBe(303);
    const row = (await participantsOf(season.id)).find((p) => p.userId === team.alice.id);
    expect(row?.noPresenting).toBe(true);
    expect(text(await (await a.get(`/study/seasons/${season.id}`)).text())).toContain('Alice not presenting');
    expect((await a.post(`/study/seasons/${season.id}/no-presenting`, { noPresenting: '0' })).status).toBe(303);
    expect((await participantsOf(season.id)).find((p) => p.userId === team.alice.id)?.noPresenting).toBe(false);
    expect((await a.post(`/study/seasons/${season.id}/no-presenting`, { noPresenting: 'maybe' })).status).toBe(422);
  });

  it('a participant marks session dates they are away; everyone sees "away on …"', async () => {
    const season = await aSeason(w.db, team);
    const a = await member();
    expect((await a.post(`/study/seasons/${season.id}/away`, { days: ['2026-11-12', '2026-11-26'] })).status).toBe(303);
    expect((await w.db.select().from(studyAway)).map((r) => r.day).sort()).toEqual(['2026-11-12', '2026-11-26']);
    const seen = text(await (await member('bob@team.test')).get(`/study/seasons/${season.id}`).then((r) => r.text()));
    expect(seen).toContain('Alice · away on Nov 12, 2026, Nov 26, 2026');
    expect((await a.post(`/study/seasons/${season.id}/away`, { days: ['2026-11-19'] })).status).toBe(303);
    expect((await w.db.select().from(studyAway)).map((r) => r.day)).toEqual(['2026-11-19']);
  });

  it('shows each person only their own away dates of this season', async () => {
    const season = await aSeason(w.db, team);
    const other = await aSeason(w.db, team, { number: 4, startsOn: '2027-01-07', endsOn: '2027-02-25' });
    await w.db.insert(studyAway).values([
      { seasonId: season.id, userId: team.alice.id, day: '2026-11-12' },
      { seasonId: season.id, userId: team.bob.id, day: '2026-11-19' },
      { seasonId: other.id, userId: team.alice.id, day: '2027-01-14' },
    ]);
    const page = text(await (await member()).get(`/study/seasons/${season.id}`).then((r) => r.text()));
    expect(page).toContain('Alice · away on Nov 12, 2026 Bob · away on Nov 19, 2026 Joon Park 김민아');
  });

  it.each([
    ['a date that is no session date', 'alice@team.test', ['2026-11-13'], '2026-11-13 is not one of the season’s session dates.'],
    ['someone not taking part', 'manager@team.test', ['2026-11-12'], 'You do not take part in this season.'],
  ])('refuses away dates for %s with 422; nothing is written', async (_name, email, days, message) => {
    const season = await aSeason(w.db, team);
    await w.db.insert(studyAway).values({ seasonId: season.id, userId: team.alice.id, day: '2026-11-05' });
    const res = await (await signedIn(w.app, email)).post(`/study/seasons/${season.id}/away`, { days });
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain(message);
    expect((await w.db.select().from(studyAway)).map((r) => r.day)).toEqual(['2026-11-05']);
  });

  it('shows the published schedule as a table, gaps as gaps; a draft stays hidden', async () => {
    const { season, sessions } = await aPublishedSeason(w.db, team);
    await w.db.update(studyParticipants).set({ leftAt: 1 }).where(eq(studyParticipants.userId, team.bob.id));
    const { studySessions } = await import('../../src/db/schema/index.ts');
    await w.db.update(studySessions).set({ presenterId: null }).where(eq(studySessions.id, sessions[1].id));
    const html = await (await member()).get(`/study/seasons/${season.id}`).then((r) => r.text());
    const page = text(html);
    expect(page).toContain('Session 1 Nov 12, 2026 SimCSE: Simple Contrastive Learning of Sentence Embeddings Joon Park 김민아');
    expect(page).toContain('Session 2 Nov 19, 2026 Sentence-BERT nobody (gap) Alice');
    expect(html).toContain(`href="/study/sessions/${sessions[0].id}"`);
    await w.db.update(studySeasons).set({ scheduleStatus: 'draft' });
    expect(text(await (await member()).get(`/study/seasons/${season.id}`).then((r) => r.text()))).toContain('The schedule is not published yet');
  });
});
