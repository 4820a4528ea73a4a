// The season report's figures on a fixture season, level movement from rating history, carrying unread papers on, and who may see it.
import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { studyAttendance, studyPaperAreas, studyPapers, studyParticipants, studySeasonAreas, studyVotes } from '../../src/db/schema/index.ts';
import { insertUser } from '../../src/members/queries.ts';
import { levelsAsOf } from '../../src/ratings/levels-as-of.ts';
import { seasonLevels } from '../../src/study/report-queries.ts';
import * as schema from '../../src/db/schema/index.ts';
import type { Db } from '../../src/db/client.ts';
import { aPaper, aPublishedSeason, aSeason, aStudyTeam, type StudyTeam } from '../fixtures/study.ts';
import { aRating, eachTestWith, passwordHash, signedIn, NOW, type World } from '../helpers.ts';

let w: World;
let team: StudyTeam;
eachTestWith(aStudyTeam, (world, made) => ((w = world), (team = made)));

const at = (day: string) => new Date(`${day}T09:00:00Z`);
/** Table cells as text, tags stripped, so assertions read like the page. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/**
 * Season 3 (embedding focus, serving added as a focus area without reading) on 2026-11-20: both sessions held.
 * Joon leaves on 11-15, between them. Unread: T5 (serving, 2 votes) and BART (1 vote); a withdrawn paper.
 * Levels during the season: Bob rises 2 → 3 in embedding, the manager calibrates 김민아 5 → 4.
 */
async function aHeldSeason() {
  const s = await aPublishedSeason(w.db, team);
  await w.db.insert(studySeasonAreas).values({ seasonId: s.season.id, areaId: team.serving.id });
  const t5 = await aPaper(w.db, s.season.id, { title: 'T5', url: 'https://arxiv.org/abs/1910.10683', areaIds: [team.serving.id], proposedBy: team.bob.id, voters: [team.alice.id, team.bob.id] });
  const bart = await aPaper(w.db, s.season.id, { title: 'BART', url: 'https://arxiv.org/abs/1910.13461', areaIds: [team.embedding.id], proposedBy: team.alice.id, voters: [team.mina.id] });
  const gone = await aPaper(w.db, s.season.id, { title: 'Withdrawn one', url: 'https://arxiv.org/abs/2004.04906', areaIds: [team.embedding.id], proposedBy: team.alice.id });
  await w.db.update(studyPapers).set({ withdrawnAt: NOW.getTime() }).where(eq(studyPapers.id, gone.id));
  await w.db.update(studyParticipants).set({ leftAt: at('2026-11-15').getTime() }).where(eq(studyParticipants.userId, team.joon.id));
  const mark = (sessionId: number, userId: number, status: 'came' | 'excused' | 'missed') =>
    w.db.insert(studyAttendance).values({ sessionId, userId, status, markedBy: team.manager.id, markedAt: NOW.getTime() });
  const [first, second] = s.sessions;
  for (const id of [team.alice.id, team.bob.id, team.mina.id, team.joon.id]) await mark(first.id, id, 'came');
  await mark(second.id, team.alice.id, 'came');
  await mark(second.id, team.bob.id, 'came');
  await mark(second.id, team.mina.id, 'excused');
  await aRating(w.db, team.mina.id, team.embedding.id, { managerLevel: 4 }, team.manager.id, at('2026-11-10'));
  await aRating(w.db, team.bob.id, team.embedding.id, { selfLevel: 3 }, team.bob.id, at('2026-11-19'));
  w.clock.now = at('2026-11-20');
  return { ...s, t5, bart };
}

describe('the season report', () => {
  it('shows papers read per area against the focus, attendance per session and person, roles, unread papers and level movement', async () => {
    const s = await aHeldSeason();
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await m.get(`/study/seasons/${s.season.id}/report`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const page = text(html);
    // Papers per area: both read papers are in embedding; serving is a focus area with none read.
    expect(page).toMatch(/text embedding yes 2 /);
    expect(page).toMatch(/model serving yes 0 /);
    expect(page).toContain('A focus area has no paper read: model serving.');
    // Attendance: 4 of 4 in session 1; session 2 counts the 3 still taking part (Joon left).
    expect(page).toContain('Session 1 Nov 12, 2026 SimCSE: Simple Contrastive Learning of Sentence Embeddings Joon Park 김민아 4 / 4 (100%) 0 0 0');
    expect(page).toContain('Session 2 Nov 19, 2026 Sentence-BERT Bob Alice 2 / 3 (67%) 1 0 0');
    expect(page).toContain('6 / 7 (86%) of the participants came');
    // Per person: sessions while taking part, presented, reviewed.
    expect(page).toContain('Alice 2 / 2 (100%) 0 1');
    expect(page).toContain('Bob 2 / 2 (100%) 1 0');
    expect(page).toContain('김민아 1 / 2 (50%) 0 1');
    expect(page).toContain('Joon Park 1 / 1 (100%) 1 0');
    // Unread: most votes first, the withdrawn paper left out; no season 4 yet, so no carry button.
    expect(page).toMatch(/T5 model serving 2 .*BART text embedding 1 /);
    expect(page).not.toContain('Withdrawn one');
    expect(page).toContain('Create season 4 first to carry the unread papers there.');
    expect(html).not.toContain('/carry"');
    // Levels in embedding (Alice 4, Bob 2, 김민아 5, Joon 2 → 4, 3, 4, 2): one rose, one fell, median 3 → 3.5.
    expect(page).toContain('text embedding 4 1 1 3 → 3.5');
    expect(page).toContain('model serving 2 0 0 3 → 3');
    // The charts are images with every number in their description.
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="chart-areas-title chart-areas-desc"/);
    expect(html).toContain('model serving (focus): 0');
    expect(html).toContain('Session 2 · Sentence-BERT: 2 / 3 (67%)');
  });

  it('counts a session as held from its day in TIME_ZONE (Seoul), while UTC is still the day before', async () => {
    const s = await aPublishedSeason(w.db, team);
    const m = await signedIn(w.app, 'manager@team.test');
    w.clock.now = new Date('2026-11-11T14:30:00Z'); // 23:30 in Seoul on the 11th: session 1 (the 12th) not yet held
    expect(text(await (await m.get(`/study/seasons/${s.season.id}/report`)).text())).not.toContain('Session 1 Nov 12');
    w.clock.now = new Date('2026-11-11T15:30:00Z'); // 00:30 in Seoul on the 12th, still the 11th in UTC
    expect(text(await (await m.get(`/study/seasons/${s.season.id}/report`)).text())).toContain('Session 1 Nov 12, 2026 SimCSE');
  });

  it('reads levels as of any moments from the rating history: the manager’s level wins, later changes do not count', async () => {
    await aHeldSeason();
    const moments = [at('2026-11-05').getTime(), at('2026-11-20').getTime(), NOW.getTime()];
    const levels = await levelsAsOf(w.db, moments, { areas: sql`select ${team.embedding.id}` });
    const of = (when: number, userId: number) => levels.find((l) => l.asOf === when && l.userId === userId)?.level;
    expect([of(moments[0], team.bob.id), of(moments[1], team.bob.id)]).toEqual([2, 3]);
    expect([of(moments[0], team.mina.id), of(moments[1], team.mina.id)]).toEqual([5, 4]);
    // The fixture ratings were written at NOW itself: just before it, nobody had a level.
    expect(levels.filter((l) => l.asOf === NOW.getTime())).toEqual([]);
    expect(levels.every((l) => l.areaId === team.embedding.id)).toBe(true);
  });


  it('keeps a finished season’s levels, and reads them again when history is written into the season or who it covers changes', async () => {
    const s = await aHeldSeason();
    // Finished on the 19th: the movement covers up to the end of that day, the clock (the 20th) is after it.
    await w.db.run(sql`update study_seasons set status = 'finished', ends_on = '2026-11-19' where id = ${s.season.id}`);
    const dana = await insertUser(w.db, { name: 'Dana', email: 'dana@team.test', role: 'member', passwordHash: await passwordHash() }, at('2026-10-01'));
    await aRating(w.db, dana.id, team.embedding.id, { selfLevel: 3 }, dana.id, at('2026-10-02'));
    const m = await signedIn(w.app, 'manager@team.test');
    const movement = async () => text(await (await m.get(`/study/seasons/${s.season.id}/report`)).text());
    expect(await movement()).toContain('text embedding 4 1 1 3 → 3.5');
    // Today's edit comes after the season: the kept levels are still the season's.
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 5 }, team.alice.id, w.clock.now);
    expect(await movement()).toContain('text embedding 4 1 1 3 → 3.5');
    // A change dated inside the season (as an import of old history would write it): Alice 4 → 1 on the 18th.
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 1 }, team.alice.id, at('2026-11-18'));
    expect(await movement()).toContain('text embedding 4 1 2 3 → 2.5');
    // Dana, rated since October, joins the season's list (no history written): five people rated in embedding.
    await w.db.insert(studyParticipants).values({ seasonId: s.season.id, userId: dana.id, joinedAt: at('2026-11-05').getTime() });
    expect(await movement()).toContain('text embedding 5 1 2 3 → 3');
    // Once kept, a view reads the stamp only, not the history.
    const texts: string[] = [];
    const logged = drizzle(w.db.$client, { schema, logger: { logQuery: (query) => void texts.push(query) } }) as unknown as Db;
    const span = { from: at('2026-11-05').getTime(), to: at('2026-11-20').getTime() };
    await seasonLevels(logged, s.season.id, span, w.clock.now);
    expect(texts).toHaveLength(2);
    await seasonLevels(logged, s.season.id, span, w.clock.now);
    expect(texts).toHaveLength(3);
  });
  it('a season without a published schedule says so and shows no figures', async () => {
    const season = await aSeason(w.db, team);
    const html = text(await (await (await signedIn(w.app, 'alice@team.test')).get(`/study/seasons/${season.id}/report`)).text());
    expect(html).toContain('No schedule is published yet');
    expect(html).toContain('No session has been held yet.');
    expect(html).toContain('The season has not started yet.');
  });

  it('members read it; partners get 403; carrying is the manager’s; a missing season answers 404', async () => {
    const s = await aHeldSeason();
    await insertUser(w.db, { name: 'Pat Partner', email: 'pat@partner.test', role: 'partner', passwordHash: await passwordHash() }, NOW);
    const alice = await signedIn(w.app, 'alice@team.test');
    const member = await alice.get(`/study/seasons/${s.season.id}/report`);
    expect(member.status).toBe(200);
    expect(await member.text()).not.toContain('Create season 4 first');
    expect((await alice.post(`/study/seasons/${s.season.id}/carry`, {})).status).toBe(403);
    const partner = await signedIn(w.app, 'pat@partner.test');
    expect((await partner.get(`/study/seasons/${s.season.id}/report`)).status).toBe(403);
    const m = await signedIn(w.app, 'manager@team.test');
    expect((await m.get('/study/seasons/999/report')).status).toBe(404);
    expect((await m.post('/study/seasons/999/carry', {})).status).toBe(404);
  });
});

describe('carrying unread papers to the next season', () => {
  const papersOf = (seasonId: number) => w.db.select().from(studyPapers).where(eq(studyPapers.seasonId, seasonId)).orderBy(studyPapers.title);
  const flashOf = (res: Response) => decodeURIComponent(decodeURIComponent(res.headers.getSetCookie().find((c) => c.startsWith('pairwise_flash=')) ?? ''));

  it('refuses with 422 and writes nothing while season N+1 does not exist', async () => {
    const s = await aHeldSeason();
    const before = await w.db.select().from(studyPapers);
    const res = await (await signedIn(w.app, 'manager@team.test')).post(`/study/seasons/${s.season.id}/carry`, {});
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Create season 4 first to carry the unread papers there.');
    expect(await w.db.select().from(studyPapers)).toEqual(before);
  });

  it('copies the unread papers with their areas (not their votes) once, and skips a link the next season already has', async () => {
    const s = await aHeldSeason();
    const next = await aSeason(w.db, team, { number: 4, name: 'Season 4', startsOn: '2027-01-07', endsOn: '2027-02-25' });
    await aPaper(w.db, next.id, { title: 'BART (proposed again)', url: 'https://arxiv.org/abs/1910.13461', areaIds: [team.embedding.id], proposedBy: team.joon.id });
    const m = await signedIn(w.app, 'manager@team.test');
    const report = await m.get(`/study/seasons/${s.season.id}/report`);
    const html = text(await report.text());
    expect(html).toContain('Carry the unread paper to season 4');
    expect(html).toContain('BART in season 4');

    const res = await m.post(`/study/seasons/${s.season.id}/carry`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/study/seasons/${s.season.id}/report`);
    expect(flashOf(res)).toContain('1 paper carried to season 4. Already in season 4, skipped: BART.');
    const carried = (await papersOf(next.id)).find((p) => p.title === 'T5')!;
    expect(carried).toMatchObject({ url: s.t5.url, linkKey: s.t5.linkKey, carriedFrom: s.t5.id, proposedBy: team.bob.id, proposedAt: w.clock.now.getTime() });
    expect(await w.db.select({ areaId: studyPaperAreas.areaId }).from(studyPaperAreas).where(eq(studyPaperAreas.paperId, carried.id))).toEqual([{ areaId: team.serving.id }]);
    expect(await w.db.select().from(studyVotes).where(and(eq(studyVotes.seasonId, next.id)))).toEqual([]);

    const again = await m.post(`/study/seasons/${s.season.id}/carry`, {});
    expect(again.status).toBe(303);
    expect(flashOf(again)).toContain('No paper carried to season 4. Already in season 4, skipped: BART, T5.');
    expect((await papersOf(next.id)).map((p) => p.title)).toEqual(['BART (proposed again)', 'T5']);
    expect(text(await (await m.get(`/study/seasons/${s.season.id}/report`)).text())).not.toContain('Carry the');
  });
});
