// Candidate papers over HTTP: proposing (link checks, duplicates, earlier seasons), votes and their limits, sorting, withdrawing.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { studyPaperAreas, studyPapers, studySeasons, studyVotes } from '../../src/db/schema/index.ts';
import { aUser, eachTestWith, signedIn, type World } from '../helpers.ts';
import { aPaper, aSchedule, aSeason, aStudyTeam, type StudyTeam } from '../fixtures/study.ts';
import { text } from '../fixtures/work.ts';

let w: World;
let team: StudyTeam;
eachTestWith(aStudyTeam, (world, made) => {
  w = world;
  team = made;
});

const as = (email: string) => signedIn(w.app, email);
const paperCount = async () => (await w.db.select().from(studyPapers)).length;
const voteRows = () => w.db.select().from(studyVotes);
const SIMCSE = 'SimCSE: Simple Contrastive Learning of Sentence Embeddings';

const paperForm = (over: Record<string, string | string[]> = {}) => ({
  title: SIMCSE,
  url: 'https://arxiv.org/pdf/2104.08821v2.pdf',
  authors: 'Tianyu Gao, Xingcheng Yao, Danqi Chen',
  year: '2021',
  areaIds: [String(team.embedding.id)],
  why: 'Our embedding stack starts from it.',
  ...over,
});

describe('proposing a paper', () => {
  it('a participant proposes a paper; it is stored under its normalised link and listed with proposer and areas', async () => {
    const season = await aSeason(w.db, team);
    const bob = await as('bob@team.test');
    const res = await bob.post(`/study/seasons/${season.id}/papers`, paperForm());
    expect(res.status).toBe(303);
    const [paper] = await w.db.select().from(studyPapers);
    expect(paper).toMatchObject({ seasonId: season.id, title: SIMCSE, url: 'https://arxiv.org/pdf/2104.08821v2.pdf', linkKey: 'arxiv:2104.08821', year: 2021, proposedBy: team.bob.id, withdrawnAt: null });
    expect(await w.db.select().from(studyPaperAreas)).toEqual([{ paperId: paper.id, areaId: team.embedding.id }]);
    const page = text(await (await bob.get(`/study/seasons/${season.id}/papers`)).text());
    expect(page).toContain(`0 ${SIMCSE} Tianyu Gao, Xingcheng Yao, Danqi Chen · 2021 text embedding`);
    expect(page).toContain('proposed by Bob');
    expect(page).toContain('5 votes left.');
  });

  it.each([
    ['a link that is not http(s)', { url: 'ftp://arxiv.org/abs/2104.08821' }, 'Only http:// or https:// links.'],
    ['a javascript: link', { url: 'javascript:alert(1)' }, 'Only http:// or https:// links.'],
    ['a malformed link', { url: 'arxiv 2104.08821' }, 'This is not a valid link'],
    ['a link without a host', { url: 'https://' }, 'This is not a valid link'],
    ['no focus area', { areaIds: [] }, 'Pick at least one focus area.'],
    ['an unknown area', { areaIds: ['999'] }, 'No such area.'],
    ['a year before 1950', { year: '1949' }, 'At least 1950.'],
    ['a year after next year', { year: '2028' }, 'At most 2027.'],
    ['a year that is no number', { year: 'soon' }, 'A whole number, please.'],
    ['no title', { title: '' }, 'Required.'],
    ['a reason longer than 300 characters', { why: 'x'.repeat(301) }, 'At most 300 characters.'],
    ['no reason', { why: '' }, 'Required.'],
  ])('refuses %s with 422, keeping what was typed; nothing is written', async (_name, over, message) => {
    const season = await aSeason(w.db, team);
    const res = await (await as('bob@team.test')).post(`/study/seasons/${season.id}/papers`, paperForm(over));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(text(html)).toContain(message);
    expect(html).toContain('title' in over ? 'value="Tianyu Gao, Xingcheng Yao, Danqi Chen"' : `value="${SIMCSE}"`);
    expect(await paperCount()).toBe(0);
  });

  it('refuses another form of a link already proposed in the season, naming who proposed it (Korean: 김민아님)', async () => {
    const season = await aSeason(w.db, team);
    await aPaper(w.db, season.id, { title: SIMCSE, url: 'https://arxiv.org/abs/2104.08821', areaIds: [team.embedding.id], proposedBy: team.mina.id });
    const bob = await as('bob@team.test');
    for (const url of ['http://export.arxiv.org/abs/2104.08821v1', 'https://arxiv.org/pdf/2104.08821.pdf']) {
      const res = await bob.post(`/study/seasons/${season.id}/papers`, paperForm({ url }));
      expect(res.status).toBe(422);
      expect(text(await res.text())).toContain('This paper is already proposed, by 김민아.');
    }
    bob.cookie += '; lang=ko';
    const ko = await bob.post(`/study/seasons/${season.id}/papers`, paperForm());
    expect(text(await ko.text())).toContain('이미 김민아님이 제안한 논문이에요.');
    expect(await paperCount()).toBe(1);
  });

  it('a paper read in an earlier season needs a confirm, then it is proposed', async () => {
    const two = await aSeason(w.db, team, { number: 2, status: 'finished', startsOn: '2026-05-07', endsOn: '2026-06-25' });
    const old = await aPaper(w.db, two.id, { title: SIMCSE, url: 'https://doi.org/10.18653/V1/2021.EMNLP-MAIN.552', areaIds: [team.embedding.id], proposedBy: team.alice.id });
    const days = ['2026-05-07', '2026-05-14', '2026-05-21', '2026-05-28', '2026-06-04'];
    await aSchedule(w.db, two.id, days.map((day, i) => ({ day, paperId: i === 4 ? old.id : null, presenterId: i === 4 ? team.mina.id : null, reviewerId: null })));
    const three = await aSeason(w.db, team);
    const bob = await as('bob@team.test');
    const form = paperForm({ url: 'http://dx.doi.org/10.18653/v1/2021.emnlp-main.552' });
    const first = await bob.post(`/study/seasons/${three.id}/papers`, form);
    expect(first.status).toBe(422);
    const html = await first.text();
    expect(text(html)).toContain('Read in season 2, session 5, presented by 김민아.');
    expect(html).toContain('name="confirm"');
    expect(await paperCount()).toBe(1);
    expect((await bob.post(`/study/seasons/${three.id}/papers`, { ...form, confirm: '1' })).status).toBe(303);
    const rows = await w.db.select().from(studyPapers).where(eq(studyPapers.seasonId, three.id));
    expect(rows).toMatchObject([{ linkKey: 'doi:10.18653/v1/2021.emnlp-main.552', proposedBy: team.bob.id }]);
  });

  it('a paper proposed but not read in an earlier season says so', async () => {
    const two = await aSeason(w.db, team, { number: 2, status: 'finished', startsOn: '2026-05-07', endsOn: '2026-06-25' });
    await aPaper(w.db, two.id, { title: SIMCSE, url: 'https://arxiv.org/abs/2104.08821', areaIds: [team.embedding.id], proposedBy: team.alice.id });
    const three = await aSeason(w.db, team);
    const res = await (await as('bob@team.test')).post(`/study/seasons/${three.id}/papers`, paperForm());
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('Proposed in season 2, not read.');
    expect(await paperCount()).toBe(1);
  });

  it('only participants and managers propose; partners see nothing', async () => {
    const season = await aSeason(w.db, team, { participants: [team.alice.id] });
    const bob = await as('bob@team.test');
    const res = await bob.post(`/study/seasons/${season.id}/papers`, paperForm());
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('Join the season to propose papers.');
    expect(await paperCount()).toBe(0);
    expect((await (await as('manager@team.test')).post(`/study/seasons/${season.id}/papers`, paperForm())).status).toBe(303);
    await aUser(w.db, { name: 'Pat Partner', email: 'pat@partner.test', role: 'partner' });
    const pat = await as('pat@partner.test');
    expect((await pat.get(`/study/seasons/${season.id}/papers`)).status).toBe(403);
    expect((await pat.post(`/study/seasons/${season.id}/papers`, paperForm({ url: 'https://example.com/x' }))).status).toBe(403);
    expect(await paperCount()).toBe(1);
  });
});

describe('votes', () => {
  async function twoPapers(votesPerMember = 5) {
    const season = await aSeason(w.db, team, { votesPerMember });
    const simcse = await aPaper(w.db, season.id, { title: SIMCSE, url: 'https://arxiv.org/abs/2104.08821', areaIds: [team.embedding.id], proposedBy: team.mina.id });
    const sbert = await aPaper(w.db, season.id, { title: 'Sentence-BERT', url: 'https://arxiv.org/abs/1908.10084', areaIds: [team.serving.id], proposedBy: team.alice.id });
    return { season, simcse, sbert };
  }

  it('a participant votes and takes the vote back; the list shows "you voted" and the votes left', async () => {
    const { season, simcse } = await twoPapers();
    const bob = await as('bob@team.test');
    expect((await bob.post(`/study/seasons/${season.id}/papers/${simcse.id}/vote`, {})).status).toBe(303);
    expect(await voteRows()).toMatchObject([{ paperId: simcse.id, userId: team.bob.id, seasonId: season.id }]);
    const page = text(await (await bob.get(`/study/seasons/${season.id}/papers`)).text());
    expect(page).toContain('4 votes left.');
    expect(page).toContain(`1 ${SIMCSE}`);
    expect(page).toContain('you voted');
    bob.cookie += '; lang=ko';
    expect(text(await (await bob.get(`/study/seasons/${season.id}/papers`)).text())).toContain('남은 투표 4표');
    expect((await bob.post(`/study/seasons/${season.id}/papers/${simcse.id}/unvote`, {})).status).toBe(303);
    expect(await voteRows()).toEqual([]);
  });

  it('refuses a second vote on the same paper, a vote over the limit and taking back a vote never cast (422); nothing is written', async () => {
    const { season, simcse, sbert } = await twoPapers(1);
    const bob = await as('bob@team.test');
    expect((await bob.post(`/study/seasons/${season.id}/papers/${simcse.id}/vote`, {})).status).toBe(303);
    const twice = await bob.post(`/study/seasons/${season.id}/papers/${simcse.id}/vote`, {});
    expect(twice.status).toBe(422);
    expect(text(await twice.text())).toContain(`You voted for "${SIMCSE}" already.`);
    const over = await bob.post(`/study/seasons/${season.id}/papers/${sbert.id}/vote`, {});
    expect(over.status).toBe(422);
    expect(text(await over.text())).toContain('You have used all 1 votes.');
    const never = await bob.post(`/study/seasons/${season.id}/papers/${sbert.id}/unvote`, {});
    expect(never.status).toBe(422);
    expect(text(await never.text())).toContain('You have not voted for "Sentence-BERT".');
    expect(await voteRows()).toMatchObject([{ paperId: simcse.id, userId: team.bob.id }]);
  });

  it('refuses votes from someone not taking part (422)', async () => {
    const { season, simcse } = await twoPapers();
    const m = await as('manager@team.test');
    const res = await m.post(`/study/seasons/${season.id}/papers/${simcse.id}/vote`, {});
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('Join the season to vote.');
    expect(await voteRows()).toEqual([]);
  });

  it('after the schedule is published, votes neither come nor go (409)', async () => {
    const { season, simcse, sbert } = await twoPapers();
    await w.db.insert(studyVotes).values({ paperId: sbert.id, userId: team.bob.id, seasonId: season.id, createdAt: 1 });
    await w.db.update(studySeasons).set({ scheduleStatus: 'published' });
    const bob = await as('bob@team.test');
    for (const path of [`${simcse.id}/vote`, `${sbert.id}/unvote`]) {
      const res = await bob.post(`/study/seasons/${season.id}/papers/${path}`, {});
      expect(res.status).toBe(409);
      expect(text(await res.text())).toContain('The schedule is published; votes cannot change any more.');
    }
    expect(await voteRows()).toMatchObject([{ paperId: sbert.id, userId: team.bob.id }]);
    expect(text(await (await bob.get(`/study/seasons/${season.id}/papers`)).text())).toContain('voting is closed');
  });

  it('a vote on a withdrawn paper is given back; votes on unknown papers are 404', async () => {
    const { season, simcse, sbert } = await twoPapers(1);
    const bob = await as('bob@team.test');
    await bob.post(`/study/seasons/${season.id}/papers/${simcse.id}/vote`, {});
    expect((await (await as('mina@team.test')).post(`/study/seasons/${season.id}/papers/${simcse.id}/withdraw`, {})).status).toBe(303);
    expect((await bob.post(`/study/seasons/${season.id}/papers/${simcse.id}/vote`, {})).status).toBe(404);
    expect((await bob.post(`/study/seasons/${season.id}/papers/${sbert.id}/vote`, {})).status).toBe(303);
    expect((await bob.post(`/study/seasons/${season.id}/papers/999/vote`, {})).status).toBe(404);
  });

  it('sorts by votes (default) or by area', async () => {
    const { season, simcse, sbert } = await twoPapers();
    await w.db.insert(studyVotes).values([team.alice.id, team.bob.id].map((userId) => ({ paperId: sbert.id, userId, seasonId: season.id, createdAt: 1 })));
    void simcse;
    const bob = await as('bob@team.test');
    const byVotes = text(await (await bob.get(`/study/seasons/${season.id}/papers`)).text());
    expect(byVotes.indexOf('Sentence-BERT')).toBeLessThan(byVotes.indexOf(SIMCSE));
    const byArea = text(await (await bob.get(`/study/seasons/${season.id}/papers?sort=area`)).text());
    expect(byArea.indexOf(SIMCSE)).toBeLessThan(byArea.indexOf('Sentence-BERT'));
  });
});

describe('withdrawing a paper', () => {
  it('the proposer or a manager withdraws; another member may not (403); a scheduled paper stays (422)', async () => {
    const season = await aSeason(w.db, team);
    const simcse = await aPaper(w.db, season.id, { title: SIMCSE, url: 'https://arxiv.org/abs/2104.08821', areaIds: [team.embedding.id], proposedBy: team.mina.id });
    const sbert = await aPaper(w.db, season.id, { title: 'Sentence-BERT', url: 'https://arxiv.org/abs/1908.10084', areaIds: [team.embedding.id], proposedBy: team.alice.id });
    const gpl = await aPaper(w.db, season.id, { title: 'GPL', url: 'https://aclanthology.org/2022.naacl-main.168/', areaIds: [team.embedding.id], proposedBy: team.alice.id });
    await aSchedule(w.db, season.id, [{ day: '2026-11-05', paperId: gpl.id, presenterId: team.bob.id, reviewerId: team.mina.id }], 'draft');
    expect((await (await as('bob@team.test')).post(`/study/seasons/${season.id}/papers/${simcse.id}/withdraw`, {})).status).toBe(403);
    expect((await (await as('mina@team.test')).post(`/study/seasons/${season.id}/papers/${simcse.id}/withdraw`, {})).status).toBe(303);
    expect((await (await as('manager@team.test')).post(`/study/seasons/${season.id}/papers/${sbert.id}/withdraw`, {})).status).toBe(303);
    const scheduled = await (await as('alice@team.test')).post(`/study/seasons/${season.id}/papers/${gpl.id}/withdraw`, {});
    expect(scheduled.status).toBe(422);
    expect(text(await scheduled.text())).toContain('"GPL" is in the schedule; it cannot be withdrawn.');
    const rows = await w.db.select().from(studyPapers);
    expect(rows.filter((r) => r.withdrawnAt !== null).map((r) => r.id).sort()).toEqual([simcse.id, sbert.id].sort());
    const page = text(await (await as('bob@team.test')).get(`/study/seasons/${season.id}/papers`).then((r) => r.text()));
    expect(page).not.toContain(SIMCSE);
    expect(page).toContain('GPL');
  });

  it('a withdrawn paper may be proposed again in the same season, without its old votes', async () => {
    const season = await aSeason(w.db, team);
    const simcse = await aPaper(w.db, season.id, { title: 'Old title', url: 'https://arxiv.org/abs/2104.08821', areaIds: [team.serving.id], proposedBy: team.mina.id, voters: [team.alice.id] });
    await w.db.update(studyPapers).set({ withdrawnAt: 1 });
    expect((await (await as('bob@team.test')).post(`/study/seasons/${season.id}/papers`, paperForm())).status).toBe(303);
    const rows = await w.db.select().from(studyPapers);
    expect(rows).toMatchObject([{ id: simcse.id, title: SIMCSE, proposedBy: team.bob.id, withdrawnAt: null }]);
    expect(await w.db.select().from(studyPaperAreas)).toEqual([{ paperId: simcse.id, areaId: team.embedding.id }]);
    expect(await voteRows()).toEqual([]);
  });
});
