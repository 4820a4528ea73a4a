// Session pages over HTTP: what they show, who sees them, attendance rules, materials and notes, evidence on the stat card.
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ratings, studyAttendance, studyEvidence, studyParticipants, studySessions } from '../../src/db/schema/index.ts';
import { aUser, eachTestWith, signedIn, type World } from '../helpers.ts';
import { aPaper, aPublishedSeason, aSchedule, aSeason, aStudyTeam, type StudyTeam } from '../fixtures/study.ts';
import { text } from '../fixtures/work.ts';

let w: World;
let team: StudyTeam;
let made: Awaited<ReturnType<typeof aPublishedSeason>>;

eachTestWith(aStudyTeam, (world, t) => {
  w = world;
  team = t;
});
const setUp = async () => (made = await aPublishedSeason(w.db, team));

/** The SimCSE session (2026-11-12, Thursday, 17:00 in Seoul): Joon presents, 김민아 reviews. */
const simcse = () => made.sessions[0];
const url = (what = '') => `/study/sessions/${simcse().id}${what}`;
/** Moves the test clock; `at` in UTC (Seoul is UTC+9). */
const at = (iso: string) => (w.clock.now = new Date(iso));
const flashOf = (res: Response) => decodeURIComponent(decodeURIComponent(res.headers.getSetCookie().find((c) => c.startsWith('pairwise_flash=')) ?? ''));
const marks = async () => Object.fromEntries((await w.db.select().from(studyAttendance).where(eq(studyAttendance.sessionId, simcse().id))).map((r) => [r.userId, r.status]));
const evidenceRows = () => w.db.select().from(studyEvidence);
const ko = { headers: { 'Accept-Language': 'ko' } };
/** The page's words, the paper titles' italics left out. */
const words = (html: string) => text(html.replace(/<\/?em>/g, ''));

describe('the session page', () => {
  it('shows the paper, the season and session number, the date and time in Seoul, presenter, reviewer and attendance counts', async () => {
    await setUp();
    const bob = await signedIn(w.app, 'bob@team.test');
    const res = await bob.get(url());
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<a href="https://arxiv.org/abs/2104.08821" rel="noopener noreferrer">SimCSE: Simple Contrastive Learning of Sentence Embeddings</a>');
    const page = text(html);
    expect(page).toContain('Season 3 · session 1');
    expect(page).toContain('Nov 12, 2026 17:00–18:00');
    expect(page).toContain('Tianyu Gao, Xingcheng Yao, Danqi Chen');
    expect(page).toContain('2021');
    expect(page).toContain('text embedding');
    expect(page).toMatch(/Presenter Joon Park/);
    expect(page).toMatch(/Reviewer 김민아/);
    expect(page).toContain('came 0 / excused 0 / missed 0 / not marked 4');
    for (const name of ['Alice', 'Bob', '김민아', 'Joon Park']) expect(page).toContain(name);
  });

  it('speaks Korean: 시즌 3 · 1회차, 11월 12일 (목) 17:00–18:00', async () => {
    await setUp();
    const joon = await signedIn(w.app, 'joon@team.test');
    const page = text(await (await joon.request(url(), ko)).text());
    expect(page).toContain('시즌 3 · 1회차');
    expect(page).toContain('11월 12일 (목) 17:00–18:00');
    expect(page).toContain('참석 0 / 사전 불참 0 / 불참 0 / 미확인 4');
  });

  it('is open to every team member, refused to partners (403) and missing for an unknown id (404)', async () => {
    await setUp();
    const outsider = await aUser(w.db, { name: 'Nari', email: 'nari@team.test' });
    expect(outsider.role).toBe('member');
    expect((await (await signedIn(w.app, 'nari@team.test')).get(url())).status).toBe(200);
    await aUser(w.db, { name: 'Pat Partner', email: 'pat@partner.test', role: 'partner' });
    const partner = await signedIn(w.app, 'pat@partner.test');
    expect((await partner.get(url())).status).toBe(403);
    expect((await partner.post(url('/attendance'), { userId: String(team.joon.id), status: 'excused' })).status).toBe(403);
    expect((await (await signedIn(w.app, 'bob@team.test')).get('/study/sessions/9999')).status).toBe(404);
  });

  it('a session of a draft schedule is the managers’: 404 for members, even for its presenter', async () => {
    const season = await aSeason(w.db, team, { number: 4, name: '시즌 4' });
    const paper = await aPaper(w.db, season.id, { title: 'DPR', url: 'https://arxiv.org/abs/2004.04906', areaIds: [team.embedding.id], proposedBy: team.bob.id });
    const [draft] = await aSchedule(w.db, season.id, [{ day: '2026-11-12', paperId: paper.id, presenterId: team.bob.id, reviewerId: team.alice.id }], 'draft');
    const bob = await signedIn(w.app, 'bob@team.test');
    expect((await bob.get(`/study/sessions/${draft.id}`)).status).toBe(404);
    expect((await bob.post(`/study/sessions/${draft.id}/evidence`, {})).status).toBe(404);
    const manager = await signedIn(w.app, 'manager@team.test');
    const res = await manager.get(`/study/sessions/${draft.id}`);
    expect(res.status).toBe(200);
    expect(text(await res.text())).toContain('only managers see this session');
  });
});

describe('attendance', () => {
  it('before the day a participant may say they cannot come, not that they came; the manager may not mark came or missed yet', async () => {
    await setUp();
    const joon = await signedIn(w.app, 'joon@team.test');
    expect(text(await (await joon.get(url())).text())).toContain('I can’t come');
    const early = await joon.post(url('/attendance'), { userId: String(team.joon.id), status: 'came' });
    expect(early.status).toBe(422);
    expect(text(await early.text())).toContain('The session is on Nov 12, 2026: “came” and “missed” can be marked from that day on.');
    const manager = await signedIn(w.app, 'manager@team.test');
    expect((await manager.post(url('/attendance'), { userId: String(team.bob.id), status: 'missed' })).status).toBe(422);
    expect(await marks()).toEqual({});
    const excused = await joon.post(url('/attendance'), { userId: String(team.joon.id), status: 'excused' });
    expect(excused.status).toBe(303);
    expect(await marks()).toEqual({ [team.joon.id]: 'excused' });
    expect(text(await (await joon.get(url())).text())).toContain('came 0 / excused 1 / missed 0 / not marked 3');
  });

  it('on the session day (in Seoul, though UTC is still the day before) a participant checks in; excusing oneself is over', async () => {
    await setUp();
    at('2026-11-11T16:00:00Z'); // 01:00 on 12 November in Seoul
    const joon = await signedIn(w.app, 'joon@team.test');
    const page = text(await (await joon.get(url())).text());
    expect(page).toContain('I came');
    expect(page).not.toContain('I can’t come');
    expect((await joon.post(url('/attendance'), { userId: String(team.joon.id), status: 'came' })).status).toBe(303);
    const late = await joon.post(url('/attendance'), { userId: String(team.joon.id), status: 'excused' });
    expect(late.status).toBe(422);
    expect(text(await late.text())).toContain('Ask a manager to mark you excused.');
    expect(await marks()).toEqual({ [team.joon.id]: 'came' });
  });

  it('a member marks only themself and never “missed”; the manager marks anyone who takes part, and nobody else (422)', async () => {
    await setUp();
    at('2026-11-12T10:00:00Z');
    const alice = await signedIn(w.app, 'alice@team.test');
    expect((await alice.post(url('/attendance'), { userId: String(team.joon.id), status: 'came' })).status).toBe(403);
    expect((await alice.post(url('/attendance'), { userId: String(team.alice.id), status: 'missed' })).status).toBe(403);
    const manager = await signedIn(w.app, 'manager@team.test');
    const outsider = await manager.post(url('/attendance'), { userId: String(team.manager.id), status: 'came' });
    expect(outsider.status).toBe(422);
    expect(text(await outsider.text())).toContain('does not take part in this season');
    expect((await manager.post(url('/attendance'), { userId: '9999', status: 'came' })).status).toBe(422);
    expect((await manager.post(url('/attendance'), { userId: String(team.bob.id), status: 'nearly' })).status).toBe(422);
    expect(await marks()).toEqual({});
    for (const [who, status] of [[team.alice.id, 'came'], [team.bob.id, 'missed'], [team.mina.id, 'excused'], [team.joon.id, 'came']] as const) {
      expect((await manager.post(url('/attendance'), { userId: String(who), status })).status).toBe(303);
    }
    expect(text(await (await manager.get(url())).text())).toContain('came 2 / excused 1 / missed 1 / not marked 0');
  });

  it('someone who left the season cannot be marked, and drops off the list unless they were marked', async () => {
    await setUp();
    at('2026-11-12T10:00:00Z');
    await w.db.update(studyParticipants).set({ leftAt: w.clock.now.getTime() }).where(eq(studyParticipants.userId, team.alice.id));
    const manager = await signedIn(w.app, 'manager@team.test');
    expect((await manager.post(url('/attendance'), { userId: String(team.alice.id), status: 'came' })).status).toBe(422);
    expect(text(await (await manager.get(url())).text())).toContain('not marked 3');
  });
});

describe('materials and notes', () => {
  const form = (version: number, over: Record<string, string> = {}) => ({ version: String(version), slides: '', notes: '', recording: '', sessionNotes: '', ...over });

  it('the presenter saves https links and notes; they show as links', async () => {
    await setUp();
    const joon = await signedIn(w.app, 'joon@team.test');
    const res = await joon.post(url('/materials'), form(1, { slides: 'https://slides.example.com/simcse', recording: 'https://video.example.com/42', sessionNotes: 'Dropout as augmentation.\nAsk about batch size.' }));
    expect(res.status).toBe(303);
    const [row] = await w.db.select().from(studySessions).where(eq(studySessions.id, simcse().id));
    expect(JSON.parse(row.materials)).toEqual({ slides: 'https://slides.example.com/simcse', recording: 'https://video.example.com/42' });
    expect(row).toMatchObject({ notes: 'Dropout as augmentation.\nAsk about batch size.', version: 2 });
    const html = await (await joon.get(url())).text();
    expect(html).toContain('<a href="https://slides.example.com/simcse" rel="noopener noreferrer">Slides</a>');
    expect(html).toContain('Ask about batch size.');
  });

  it.each([
    ['a javascript: URL', { slides: 'javascript:alert(1)' }, 'slides'],
    ['a plain http link', { notes: 'http://notes.example.com' }, 'notes'],
    ['a data: URL', { recording: 'data:text/html,<b>x</b>' }, 'recording'],
    ['no link at all', { slides: 'my slides' }, 'slides'],
  ])('refuses %s with 422 and keeps what was typed; nothing is written', async (_name, over, field) => {
    await setUp();
    const mina = await signedIn(w.app, 'mina@team.test');
    const res = await mina.post(url('/materials'), form(1, { ...over, sessionNotes: 'kept' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(text(html)).toContain('A link starting with https://, please.');
    expect(html).toContain(`aria-invalid="true"`);
    expect(html).toContain(`id="f-${field}-msg"`);
    expect(html).toContain('kept');
    const [row] = await w.db.select().from(studySessions).where(eq(studySessions.id, simcse().id));
    expect(row).toMatchObject({ materials: '{}', notes: '', version: 1 });
  });

  it('refuses notes over 2,000 characters (422)', async () => {
    await setUp();
    const joon = await signedIn(w.app, 'joon@team.test');
    const res = await joon.post(url('/materials'), form(1, { sessionNotes: 'x'.repeat(2001) }));
    expect(res.status).toBe(422);
    expect(text(await res.text())).toContain('At most 2000 characters.');
  });

  it('answers a stale version with 409 and both versions, and writes nothing', async () => {
    await setUp();
    const joon = await signedIn(w.app, 'joon@team.test');
    expect((await joon.post(url('/materials'), form(1, { slides: 'https://slides.example.com/v1' }))).status).toBe(303);
    const manager = await signedIn(w.app, 'manager@team.test');
    const res = await manager.post(url('/materials'), form(1, { slides: 'https://slides.example.com/mine' }));
    expect(res.status).toBe(409);
    const page = text(await res.text());
    expect(page).toContain('https://slides.example.com/mine');
    expect(page).toContain('https://slides.example.com/v1');
    const [row] = await w.db.select().from(studySessions).where(eq(studySessions.id, simcse().id));
    expect(JSON.parse(row.materials)).toEqual({ slides: 'https://slides.example.com/v1' });
  });

  it('is the presenter’s, the reviewer’s and the manager’s: another member gets 403 and no form', async () => {
    await setUp();
    const alice = await signedIn(w.app, 'alice@team.test');
    expect(await (await alice.get(url())).text()).not.toContain('/materials"');
    expect((await alice.post(url('/materials'), form(1, { slides: 'https://x.example.com' }))).status).toBe(403);
    const manager = await signedIn(w.app, 'manager@team.test');
    expect((await manager.post(url('/materials'), form(1, { slides: 'https://x.example.com' }))).status).toBe(303);
  });
});

describe('evidence', () => {
  it('only from the session day on', async () => {
    await setUp();
    const joon = await signedIn(w.app, 'joon@team.test');
    expect(text(await (await joon.get(url())).text())).toContain('From the session day (Nov 12, 2026)');
    const res = await joon.post(url('/evidence'), {});
    expect(res.status).toBe(422);
    expect(await evidenceRows()).toEqual([]);
  });

  it('the presenter and the reviewer add it once each; a second click adds nothing and says so; others get 403', async () => {
    await setUp();
    at('2026-11-12T10:00:00Z');
    const joon = await signedIn(w.app, 'joon@team.test');
    expect(text(await (await joon.get(url())).text())).toContain('Adds “presented SimCSE: Simple Contrastive Learning of Sentence Embeddings, season 3” to your stat card in text embedding.');
    const first = await joon.post(url('/evidence'), {});
    expect(first.status).toBe(303);
    expect(flashOf(first)).toContain('Added to your stat card in text embedding.');
    const again = await joon.post(url('/evidence'), {});
    expect(again.status).toBe(303);
    expect(flashOf(again)).toContain('already; nothing was added twice');
    const mina = await signedIn(w.app, 'mina@team.test');
    expect((await mina.post(url('/evidence'), {})).status).toBe(303);
    const alice = await signedIn(w.app, 'alice@team.test');
    expect((await alice.post(url('/evidence'), {})).status).toBe(403);
    const manager = await signedIn(w.app, 'manager@team.test');
    expect((await manager.post(url('/evidence'), {})).status).toBe(403);
    const rows = await evidenceRows();
    expect(rows.map((r) => [r.userId, r.areaId, r.role]).sort()).toEqual([
      [team.mina.id, team.embedding.id, 'reviewer'],
      [team.joon.id, team.embedding.id, 'presenter'],
    ].sort());
    expect(text(await (await joon.get(url())).text())).toContain('This session is on your stat card.');
  });

  it('shows on the stat card in the area, linking to the session; levels stay as they were', async () => {
    await setUp();
    at('2026-11-20T10:00:00Z');
    const joon = await signedIn(w.app, 'joon@team.test');
    await joon.post(url('/evidence'), {});
    const mina = await signedIn(w.app, 'mina@team.test');
    await mina.post(url('/evidence'), {});
    const card = await (await signedIn(w.app, 'bob@team.test')).get(`/members/${team.joon.id}`);
    const html = await card.text();
    expect(html).toContain(`<a href="/study/sessions/${simcse().id}">presented <em>SimCSE: Simple Contrastive Learning of Sentence Embeddings</em>, season 3</a>`);
    expect(words(await (await mina.get(`/members/${team.mina.id}`)).text())).toContain('reviewed SimCSE: Simple Contrastive Learning of Sentence Embeddings, season 3');
    const koCard = words(await (await joon.request(`/members/${team.joon.id}`, ko)).text());
    expect(koCard).toContain('SimCSE: Simple Contrastive Learning of Sentence Embeddings 발표, 시즌 3');
    const [rating] = await w.db.select().from(ratings).where(and(eq(ratings.userId, team.joon.id), eq(ratings.areaId, team.embedding.id)));
    expect(rating.selfLevel).toBe(2);
  });
});

describe('the dashboard line', () => {
  it('tells the presenter and the reviewer of their next sessions, in their language, with a link', async () => {
    await setUp();
    const joon = await signedIn(w.app, 'joon@team.test');
    const html = await (await joon.get('/')).text();
    expect(html).toContain(`<a href="/study/sessions/${simcse().id}">You present <em>SimCSE: Simple Contrastive Learning of Sentence Embeddings</em> on Nov 12, 2026, reviewer 김민아</a>`);
    const mina = words(await (await (await signedIn(w.app, 'mina@team.test')).request('/', ko)).text());
    expect(mina).toContain('11월 12일 (목)에 SimCSE: Simple Contrastive Learning of Sentence Embeddings를 리뷰해요. 발표자는 Joon Park님이에요.');
  });

  it('shows a manager who takes part their role too, and nothing once the day has passed', async () => {
    await setUp();
    await w.db.insert(studyParticipants).values({ seasonId: made.season.id, userId: team.manager.id, joinedAt: w.clock.now.getTime() });
    await w.db.update(studySessions).set({ reviewerId: team.manager.id }).where(eq(studySessions.id, made.sessions[1].id));
    const manager = await signedIn(w.app, 'manager@team.test');
    expect(words(await (await manager.get('/')).text())).toContain('You review Sentence-BERT on Nov 19, 2026 (presenter Bob)');
    at('2026-11-20T10:00:00Z');
    expect(text(await (await manager.get('/')).text())).not.toContain('You review');
    const alice = await signedIn(w.app, 'alice@team.test');
    expect(text(await (await alice.get('/')).text())).not.toContain('My study sessions');
  });
});
