// /growth/outcomes: figures for hand-made histories, who may see it, the small-numbers warning, a deactivated learner, buddies and presenters.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { acceptDraft, createDraftRound } from '../../src/pairings/queries.ts';
import { DEFAULT_WEIGHTS, type ScoredGroup } from '../../src/planning/pairing/index.ts';
import { insertCycle } from '../../src/work/queries.ts';
import { aWorkItem } from '../fixtures/work.ts';
import { aPaper, aSchedule, aSeason } from '../fixtures/study.ts';
import { aRating, aTeam, aUser, freshWorld, NOW, signedIn, type Team, type World } from '../helpers.ts';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;|&#x27;/g, "'").replace(/\s+/g, ' ');

/** Accepted mentoring pairs (mentor → learner in the area) at `at`: a round per pair, since a mentor is in one group per round. */
export async function aMentoringRound(db: Db, managerId: number, at: Date, pairs: Array<{ mentorId: number; learnerId: number; areaId: number }>) {
  for (const p of pairs) {
    const group: ScoredGroup & { locked: boolean } = {
      memberIds: [p.mentorId, p.learnerId],
      role: 'mentoring',
      areaId: p.areaId,
      mentorId: p.mentorId,
      learnerIds: [p.learnerId],
      units: 3000,
      score: 3,
      locked: false,
      reason: { kind: 'pair', memberIds: [p.mentorId, p.learnerId], mentoring: { areaId: p.areaId, mentor: { id: p.mentorId, level: 5 }, learner: { id: p.learnerId, level: 1, interest: 3 } }, sharedAreaId: null, lastPairedDaysAgo: null, coverage: null },
    };
    const settings = { presentIds: [p.mentorId, p.learnerId], areaIds: [], weights: DEFAULT_WEIGHTS, odd: 'trio' as const, locks: [], forbids: [] };
    const draft = await createDraftRound(db, { settings, groups: [group], weightsVersion: 0, createdBy: managerId, now: at });
    if (!draft.ok) throw new Error('fixture round');
    await acceptDraft(db, draft.roundId, 1, '', managerId, at);
  }
}

let w: World;
let team: Team;
beforeEach(async () => {
  w = await freshWorld();
  team = await aTeam(w.db);
});
afterEach(() => w.cleanup());

/** People who rate themselves `level` with `interest` at 300 days ago, and optionally rise a level at `riseDaysAgo`. */
async function people(names: string[], area: number, o: { level?: number; interest?: number; riseDaysAgo?: number } = {}) {
  const made = [];
  for (const name of names) {
    const u = await aUser(w.db, { name });
    await aRating(w.db, u.id, area, { selfLevel: o.level ?? 1, interest: o.interest ?? 3 }, u.id, daysAgo(300));
    if (o.riseDaysAgo !== undefined) await aRating(w.db, u.id, area, { selfLevel: (o.level ?? 1) + 1 }, u.id, daysAgo(o.riseDaysAgo));
    made.push(u);
  }
  return made;
}

describe('/growth/outcomes', () => {
  it('is for managers: members and partners get 403', async () => {
    const partner = await aUser(w.db, { name: 'Pat', email: 'pat@partner.test', role: 'partner' });
    void partner;
    expect((await (await signedIn(w.app, 'manager@team.test')).get('/growth/outcomes')).status).toBe(200);
    expect((await (await signedIn(w.app, 'alice@team.test')).get('/growth/outcomes')).status).toBe(403);
    expect((await (await signedIn(w.app, 'pat@partner.test')).get('/growth/outcomes')).status).toBe(403);
  });

  it('says what to do next when nothing has happened yet, and refuses unknown query parameters with 400', async () => {
    const manager = await signedIn(w.app, 'manager@team.test');
    const page = text(await (await manager.get('/growth/outcomes')).text());
    expect(page).toContain('No outcomes yet.');
    expect(page).toContain('Plan a pairing round');
    expect((await manager.get('/growth/outcomes?all=yes')).status).toBe(400);
    expect((await manager.get('/growth/outcomes?page=2')).status).toBe(400);
  });

  it('shows each learner’s path, the figures per area and mentor, the comparison and the small-numbers warning; a deactivated learner is listed, not counted', async () => {
    const area = team.embedding.id;
    await aRating(w.db, team.bob.id, area, { selfLevel: 5, interest: 1 }, team.bob.id, daysAgo(300));
    const [rose] = await people(['Rosa'], area, { riseDaysAgo: 80 }); // 120 days after the round: 4 months
    const [flat] = await people(['Flint'], area);
    const [gone] = await people(['Gone'], area, { riseDaysAgo: 150 });
    const [compRose] = await people(['Cora'], area, { interest: 2, riseDaysAgo: 100 });
    await people(['Colt'], area, { interest: 2 });
    await people(['Idle'], area, { interest: 1, riseDaysAgo: 100 }); // never wanted to grow: in neither group
    await aMentoringRound(w.db, team.manager.id, daysAgo(200), [
      { mentorId: team.bob.id, learnerId: rose.id, areaId: area },
      { mentorId: team.bob.id, learnerId: flat.id, areaId: area },
      { mentorId: team.bob.id, learnerId: gone.id, areaId: area },
    ]);
    await w.db.run(sql`update users set active = 0 where id = ${gone.id}`);
    void compRose;
    const manager = await signedIn(w.app, 'manager@team.test');
    const res = await manager.get('/growth/outcomes');
    expect(res.status).toBe(200);
    const page = text(await res.text());
    expect(page).toContain('text embedding: mentoring 1 of 2 (50%); without support 1 of 2 (50%). Too few people to tell (fewer than 5 on a side).');
    expect(page).toContain('Bob: 2 learners, 1 rose within 180 days, median 3.9 months');
    expect(page).toMatch(/Rosa Mentored by Bob text embedding Apr \d+, 2026 1 → 1 → 2 → 2 ▲ Rose in 3\.9 months/);
    expect(page).toMatch(/Flint Mentored by Bob text embedding Apr \d+, 2026 1 → 1 → 1 → 1 ▬ Did not rise/);
    expect(page).toContain('Gone Mentored by Bob text embedding');
    expect(page).toContain('Not counted: left the team');
    expect(page).not.toContain('Idle');
  });

  it('gives a verdict from five people on each side, and counts buddies on done items and presenters', async () => {
    const area = team.embedding.id;
    const mentored = await people(['M1', 'M2', 'M3', 'M4', 'M5'], area, { riseDaysAgo: 100 });
    const [buddy] = await people(['Buddy'], area, { riseDaysAgo: 20 });
    const [presenter] = await people(['Presenter'], area, { level: 2, riseDaysAgo: 5 });
    await people(['C1', 'C2', 'C3', 'C4', 'C5'], area, { interest: 2 });
    await people(['C6'], area, { interest: 2, riseDaysAgo: 30 });
    await aRating(w.db, team.bob.id, area, { selfLevel: 5 }, team.bob.id, daysAgo(300));
    await aMentoringRound(w.db, team.manager.id, daysAgo(150), mentored.map((m) => ({ mentorId: team.bob.id, learnerId: m.id, areaId: area })));
    const cycle = await insertCycle(w.db, { name: '2026 Q3', startDate: '2026-07-01', endDate: '2026-09-30' }, NOW);
    await aWorkItem(w.db, cycle.id, { title: 'Embedding refresh', status: 'done', ownerId: team.alice.id, buddyId: buddy.id, requirements: [{ areaId: area, minLevel: 3 }] });
    await aWorkItem(w.db, cycle.id, { title: 'Open item', status: 'open', buddyId: buddy.id, requirements: [{ areaId: team.serving.id, minLevel: 3 }] });
    const season = await aSeason(w.db, { ...team, mina: team.alice, joon: team.bob }, { startsOn: '2026-10-01', endsOn: '2026-10-29', participants: [presenter.id] });
    const paper = await aPaper(w.db, season.id, { title: 'SimCSE', url: 'https://arxiv.org/abs/2104.08821', areaIds: [area], proposedBy: presenter.id });
    await aSchedule(w.db, season.id, [{ day: '2026-10-01', paperId: paper.id, presenterId: presenter.id, reviewerId: null }]);
    const page = text(await (await (await signedIn(w.app, 'manager@team.test')).get('/growth/outcomes')).text());
    expect(page).toContain('text embedding: mentoring 5 of 5 (100%) · learning buddies 1 of 1 (100%) · study presenters 1 of 1 (100%); without support 1 of 6 (17%). More rose with mentoring than without.');
    // Per kind, each against no support: only mentoring and all of them together have five people.
    // Per kind, each against no support (all still within their 180 days): only mentoring and all of them together have five people.
    expect(page).toContain('Mentoring 5 5 (100%) 1.6 5 More rose with mentoring than without. Learning buddy 1 1 (100%) 3.4 1 Too few to tell (under 5 a side)');
    expect(page).toContain('Any of these 7 7 (100%) 1.6 7 More rose with support than without. Without support 6 1 (17%) 3.9 6');
    expect(page).toMatch(/Buddy Learning buddy text embedding Jul 1, 2026 1 → 1 → not yet → 2 ▲ Rose in 3\.\d months/);
    expect(page).toMatch(/Presenter Presented in study text embedding Oct 1, 2026 2 → not yet → not yet → 3 ▲ Rose in 0\.9 months/);
  });

  it('lists the newest 30 outcomes with a way to show all', async () => {
    const area = team.embedding.id;
    const learners = await people(Array.from({ length: 32 }, (_, i) => `L${i + 1}`), area);
    await aRating(w.db, team.bob.id, area, { selfLevel: 5 }, team.bob.id, daysAgo(300));
    await aMentoringRound(w.db, team.manager.id, daysAgo(100), learners.slice(0, 16).map((l) => ({ mentorId: team.bob.id, learnerId: l.id, areaId: area })));
    await aRating(w.db, team.alice.id, area, { selfLevel: 5 }, team.alice.id, daysAgo(300));
    await aMentoringRound(w.db, team.manager.id, daysAgo(50), learners.slice(16).map((l) => ({ mentorId: team.alice.id, learnerId: l.id, areaId: area })));
    const manager = await signedIn(w.app, 'manager@team.test');
    const capped = text(await (await manager.get('/growth/outcomes')).text());
    expect(capped).toContain('The first 30 of 32 outcomes. Show all 32');
    expect(capped.match(/Mentored by/g)).toHaveLength(30);
    const all = text(await (await manager.get('/growth/outcomes?all=1')).text());
    expect(all.match(/Mentored by/g)).toHaveLength(32);
    expect(all).toContain('Alice: 16 learners, 0 rose within 180 days, nobody has risen yet');
  });
});

describe('the pairing planner’s mentor track record', () => {
  const form = (ids: number[], trackRecord: string) => ({ present: ids.map(String), mentoring: '3', rotation: '2', coverage: '1', trackRecord, odd: 'trio', weightsVersion: '0', lockA: '', lockB: '', forbidA: '', forbidB: '' });

  it('explains the bonus of a mentor whose learners rose, only when its weight is above 0', async () => {
    const area = team.embedding.id;
    await aRating(w.db, team.bob.id, area, { selfLevel: 5, interest: 1 }, team.bob.id, daysAgo(300));
    const [rose] = await people(['Rosa'], area, { riseDaysAgo: 80 });
    await aMentoringRound(w.db, team.manager.id, daysAgo(200), [{ mentorId: team.bob.id, learnerId: rose.id, areaId: area }]);
    const [nia] = await people(['Nia'], area);
    const manager = await signedIn(w.app, 'manager@team.test');
    const off = await manager.post('/pairings/propose', form([team.bob.id, nia.id], '0'));
    expect(off.status).toBe(303);
    expect(text(await (await manager.get('/pairings')).text())).not.toContain('has helped');
    const [{ version }] = await w.db.all<{ version: number }>(sql`select version from settings where key = 'pairing.weights'`);
    const on = await manager.post('/pairings/propose', { ...form([team.bob.id, nia.id], '2'), weightsVersion: String(version) });
    expect(on.status).toBe(303);
    expect(text(await (await manager.get('/pairings')).text())).toContain('Bob has helped 1 learner grow in text embedding');
  });
});
