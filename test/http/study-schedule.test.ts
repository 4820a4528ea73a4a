// The schedule planner over HTTP: plan, every edit, locks on re-plan, publish, stale versions, hard rules, access, gaps.
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { studyAway, studyParticipants, studySeasons, studySessions } from '../../src/db/schema/index.ts';
import { aUser, eachTestWith, signedIn, type World } from '../helpers.ts';
import { aPaper, aSeason, aStudyTeam, type StudyTeam } from '../fixtures/study.ts';

let w: World;
let team: StudyTeam;
eachTestWith(aStudyTeam, (world, made) => {
  w = world;
  team = made;
});

const decode = (html: string) => html.replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"');

/**
 * Season 3 on three Thursdays (11-05, 11-12, 11-19) with four papers: SimCSE (embedding, 3 votes), Sentence-BERT
 * (embedding, 2), a serving paper (serving, a single-expert area: Bob; 1 vote) and DPR (embedding, no vote), left out.
 */
async function aPlannableSeason() {
  const season = await aSeason(w.db, team, { endsOn: '2026-11-19', areaIds: [team.embedding.id] });
  const { alice, bob, joon, mina } = team;
  const simcse = await aPaper(w.db, season.id, { title: 'SimCSE: Simple Contrastive Learning of Sentence Embeddings', url: 'https://arxiv.org/abs/2104.08821', areaIds: [team.embedding.id], proposedBy: mina.id, voters: [alice.id, bob.id, joon.id] });
  const sbert = await aPaper(w.db, season.id, { title: 'Sentence-BERT', url: 'https://arxiv.org/abs/1908.10084', areaIds: [team.embedding.id], proposedBy: alice.id, voters: [bob.id, joon.id] });
  const vllm = await aPaper(w.db, season.id, { title: 'vLLM: PagedAttention', url: 'https://arxiv.org/abs/2309.06180', areaIds: [team.serving.id], proposedBy: bob.id, voters: [alice.id] });
  const dpr = await aPaper(w.db, season.id, { title: 'Dense Passage Retrieval', url: 'https://arxiv.org/abs/2004.04906', areaIds: [team.embedding.id], proposedBy: joon.id });
  return { season, papers: { simcse, sbert, vllm, dpr } };
}

const base = (seasonId: number) => `/study/seasons/${seasonId}/schedule`;
const sessions = (seasonId: number) => w.db.select().from(studySessions).where(eq(studySessions.seasonId, seasonId)).orderBy(asc(studySessions.position));
const seasonRow = async (seasonId: number) => (await w.db.select().from(studySeasons).where(eq(studySeasons.id, seasonId)))[0];

async function planned() {
  const made = await aPlannableSeason();
  const manager = await signedIn(w.app, 'manager@team.test');
  const res = await manager.post(`${base(made.season.id)}/plan`, { version: '0' });
  expect(res.status).toBe(303);
  return { ...made, manager, rows: await sessions(made.season.id) };
}

describe('planning the schedule', () => {
  it('plans the season into a draft: heavy papers first, a presenter who grows by teaching, an expert reviewer, each said in a sentence', async () => {
    const { season, papers, manager, rows } = await planned();
    expect(rows.map((r) => [r.position, r.day, r.paperId])).toEqual([
      [1, '2026-11-05', papers.simcse.id],
      [2, '2026-11-12', papers.sbert.id],
      [3, '2026-11-19', papers.vllm.id],
    ]);
    for (const r of rows) expect(r.presenterId).not.toBe(r.reviewerId);
    expect(new Set(rows.map((r) => r.presenterId)).size).toBe(3); // nobody presents twice before everyone has once
    expect(await seasonRow(season.id)).toMatchObject({ scheduleStatus: 'draft', scheduleVersion: 1 });

    const page = decode(await (await manager.get(base(season.id))).text());
    expect(page).toContain('Session 1');
    expect(page).toMatch(/(Joon Park|Bob) presents SimCSE \(wants to grow in text embedding, level 2\); 김민아 reviews \(level 5\); a focus area of the season; 3 votes/);
    expect(page).toContain('raises a single-expert area');
    expect(page).toContain('1 paper did not fit into the sessions: Dense Passage Retrieval');

    const ko = decode(await (await manager.request(base(season.id), { headers: { 'Accept-Language': 'ko' } })).text());
    expect(ko).toContain('1회차 · 11월 5일 (목)');
    expect(ko).toMatch(/(Joon Park|Bob) 님이 SimCSE를 발표해요 \(text embedding을 키우고 싶음, 레벨 2\); 김민아 님이 리뷰해요 \(레벨 5\)/);
  });

  it('says when there are more sessions than papers and when a season has no date', async () => {
    const season = await aSeason(w.db, team, { endsOn: '2026-11-12' });
    await aPaper(w.db, season.id, { title: 'T5', url: 'https://arxiv.org/abs/1910.10683', areaIds: [team.embedding.id], proposedBy: team.alice.id });
    const manager = await signedIn(w.app, 'manager@team.test');
    expect((await manager.post(`${base(season.id)}/plan`, { version: '0' })).status).toBe(303);
    expect(decode(await (await manager.get(base(season.id))).text())).toContain('1 session has no paper (too few candidates): Nov 12, 2026');

    const empty = await aSeason(w.db, team, { number: 4, startsOn: '2026-11-06', endsOn: '2026-11-07', participants: [] });
    const res = await manager.post(`${base(empty.id)}/plan`, { version: '0' });
    expect(res.status).toBe(422);
    expect(await sessions(empty.id)).toEqual([]);
  });

  it('keeps locks on a re-plan', async () => {
    const { season, papers, manager, rows } = await planned();
    const third = rows[2];
    // Lock DPR's replacement: put DPR on the third date, presented by Alice, and lock both.
    expect((await manager.post(`${base(season.id)}/sessions/${third.id}/paper`, { version: '1', paperId: String(papers.dpr.id) })).status).toBe(303);
    const presenterRes = await manager.post(`${base(season.id)}/sessions/${third.id}/presenter`, { version: '2', personId: String(team.alice.id) });
    expect(presenterRes.status).toBe(303);
    expect((await manager.post(`${base(season.id)}/sessions/${third.id}/locks`, { version: '3', lockPaper: '1', lockPresenter: '1' })).status).toBe(303);
    expect((await manager.post(`${base(season.id)}/plan`, { version: '4' })).status).toBe(303);
    const after = await sessions(season.id);
    expect(after[2]).toMatchObject({ id: third.id, paperId: papers.dpr.id, presenterId: team.alice.id, lockPaper: true, lockPresenter: true });
    expect(JSON.parse(after[2].reason)).toMatchObject({ presenter: { code: 'locked' }, paper: { locked: true } });
    expect(after.map((r) => r.paperId)).toEqual([papers.simcse.id, papers.sbert.id, papers.dpr.id]);
  });
});

describe('editing the schedule', () => {
  it('swaps presenters, sets a presenter and a reviewer, moves and replaces a paper, each bumping the version', async () => {
    const { season, papers, manager, rows } = await planned();
    const [a, b, c] = rows;
    expect((await manager.post(`${base(season.id)}/swap-presenters`, { version: '1', a: String(a.id), b: String(b.id) })).status).toBe(303);
    let now = await sessions(season.id);
    expect([now[0].presenterId, now[1].presenterId]).toEqual([b.presenterId, a.presenterId]);

    expect((await manager.post(`${base(season.id)}/move-paper`, { version: '2', a: String(a.id), b: String(c.id) })).status).toBe(303);
    now = await sessions(season.id);
    expect([now[0].paperId, now[2].paperId]).toEqual([papers.vllm.id, papers.simcse.id]);

    expect((await manager.post(`${base(season.id)}/sessions/${b.id}/paper`, { version: '3', paperId: String(papers.dpr.id) })).status).toBe(303);
    expect((await manager.post(`${base(season.id)}/sessions/${b.id}/presenter`, { version: '4', personId: '' })).status).toBe(303);
    // Anyone who reviews neither neighbouring session may review this one.
    const free = [team.alice, team.bob, team.mina, team.joon].find((p) => p.id !== now[0].reviewerId && p.id !== now[2].reviewerId)!;
    expect((await manager.post(`${base(season.id)}/sessions/${b.id}/reviewer`, { version: '5', personId: String(free.id) })).status).toBe(303);
    now = await sessions(season.id);
    expect(now[1]).toMatchObject({ paperId: papers.dpr.id, reviewerId: free.id, presenterId: null });
    expect(await seasonRow(season.id)).toMatchObject({ scheduleVersion: 6 });
    expect(decode(await (await manager.get(base(season.id))).text())).toContain('nobody presents Dense Passage Retrieval');
  });

  it('refuses an edit that breaks a hard rule with 422 and the reason, writing nothing', async () => {
    const { season, manager, rows } = await planned();
    const [a] = rows;
    await w.db.insert(studyAway).values({ seasonId: season.id, userId: team.joon.id, day: a.day });
    const away = await manager.post(`${base(season.id)}/sessions/${a.id}/presenter`, { version: '1', personId: String(team.joon.id) });
    expect(away.status).toBe(422);
    expect(decode(await away.text())).toContain('Joon Park is away on Nov 5, 2026.');
    const both = await manager.post(`${base(season.id)}/sessions/${a.id}/reviewer`, { version: '1', personId: String(a.presenterId) });
    expect(both.status).toBe(422);
    expect(decode(await both.text())).toContain('cannot present and review the same session');
    const stranger = await manager.post(`${base(season.id)}/sessions/${a.id}/reviewer`, { version: '1', personId: String(team.manager.id) });
    expect(stranger.status).toBe(422);
    const same = await manager.post(`${base(season.id)}/swap-presenters`, { version: '1', a: String(a.id), b: String(a.id) });
    expect(same.status).toBe(422);
    expect(await sessions(season.id)).toEqual(rows);
    expect(await seasonRow(season.id)).toMatchObject({ scheduleVersion: 1 });
  });

  it('answers a stale version with 409 showing both versions, writing nothing', async () => {
    const { season, manager, rows } = await planned();
    expect((await manager.post(`${base(season.id)}/swap-presenters`, { version: '1', a: String(rows[0].id), b: String(rows[1].id) })).status).toBe(303);
    const after = await sessions(season.id);
    const stale = await manager.post(`${base(season.id)}/sessions/${rows[0].id}/presenter`, { version: '1', personId: '' });
    expect(stale.status).toBe(409);
    const html = decode(await stale.text());
    expect(html).toContain('Your version');
    expect(html).toContain('Schedule version');
    expect(html).toContain('SimCSE');
    expect(await sessions(season.id)).toEqual(after);
    expect((await manager.post(`${base(season.id)}/plan`, { version: '0' })).status).toBe(409);
    expect((await manager.post(`${base(season.id)}/publish`, { version: '1' })).status).toBe(409);
  });
});

describe('publishing', () => {
  it('publishes, allows edits afterwards, and a re-plan rewrites only sessions not yet held', async () => {
    const { season, manager, rows } = await planned();
    expect((await manager.post(`${base(season.id)}/publish`, { version: '1' })).status).toBe(303);
    expect(await seasonRow(season.id)).toMatchObject({ scheduleStatus: 'published', scheduleVersion: 2, publishedAt: w.clock.now.getTime() });
    expect((await manager.post(`${base(season.id)}/publish`, { version: '2' })).status).toBe(422);

    w.clock.now = new Date('2026-11-13T09:00:00Z'); // sessions 1 and 2 are held
    const held = await sessions(season.id);
    const res = await manager.post(`${base(season.id)}/sessions/${held[0].id}/presenter`, { version: '2', personId: '' });
    expect(res.status).toBe(422); // a held session is history
    await w.db.update(studySessions).set({ presenterId: null, reviewerId: null }).where(eq(studySessions.id, held[2].id));
    expect((await manager.post(`${base(season.id)}/plan`, { version: '2' })).status).toBe(303);
    const after = await sessions(season.id);
    expect(after.slice(0, 2)).toEqual(held.slice(0, 2));
    expect(after[2].presenterId).not.toBeNull();
    // Nobody who presented in a held session presents again while someone has not presented yet.
    expect([held[0].presenterId, held[1].presenterId]).not.toContain(after[2].presenterId);
    expect(await seasonRow(season.id)).toMatchObject({ scheduleStatus: 'published', scheduleVersion: 3 });
    expect(rows.length).toBe(3);
  });
});

describe('gaps and access', () => {
  it('shows the gap of a presenter who left and offers a re-plan', async () => {
    const { season, manager, rows } = await planned();
    await w.db.update(studyParticipants).set({ leftAt: w.clock.now.getTime() }).where(eq(studyParticipants.userId, rows[0].presenterId!));
    const ko = decode(await (await manager.request(base(season.id), { headers: { 'Accept-Language': 'ko' } })).text());
    expect(ko).toContain('발표자가 시즌을 떠났어요');
    expect(ko).toContain('다시 계획하면 빈자리를 채워요');
    // The gap itself does not block other edits of that session.
    expect((await manager.post(`${base(season.id)}/sessions/${rows[0].id}/reviewer`, { version: '1', personId: '' })).status).toBe(303);
    expect((await manager.post(`${base(season.id)}/plan`, { version: '2' })).status).toBe(303);
    const after = await sessions(season.id);
    expect(after.map((r) => r.presenterId)).not.toContain(rows[0].presenterId);
  });

  it('is for managers only: a member and a partner get 403, an unknown season 404', async () => {
    const { season, rows } = await planned();
    const member = await signedIn(w.app, 'alice@team.test');
    expect((await member.get(base(season.id))).status).toBe(403);
    expect((await member.post(`${base(season.id)}/plan`, { version: '1' })).status).toBe(403);
    expect((await member.post(`${base(season.id)}/sessions/${rows[0].id}/presenter`, { version: '1', personId: '' })).status).toBe(403);
    await aUser(w.db, { name: 'Pat Partner', email: 'pat@partner.test', role: 'partner' });
    const partner = await signedIn(w.app, 'pat@partner.test');
    expect((await partner.get(base(season.id))).status).toBe(403);
    expect((await partner.post(`${base(season.id)}/publish`, { version: '1' })).status).toBe(403);
    const manager = await signedIn(w.app, 'manager@team.test');
    expect((await manager.get(base(9999))).status).toBe(404);
    expect(await seasonRow(season.id)).toMatchObject({ scheduleVersion: 1 });
  });
});
