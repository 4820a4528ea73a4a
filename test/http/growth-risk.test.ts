// If this person left: the key-people ranking, one person's what-if, the card's section, roles and deactivated members, on a hand-made team.
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { users } from '../../src/db/schema/index.ts';
import { aRating, anArea, aUser, eachTestWith, signedIn, type World } from '../helpers.ts';
import { aDeal, aPartner, aPartnerUser } from '../fixtures/deals.ts';
import { aWorkItem, text } from '../fixtures/work.ts';
import { insertCycle } from '../../src/work/queries.ts';
import { NOW } from '../helpers.ts';

/**
 * 김민아 is the only expert in zero-shot retrieval and one of two in text embedding (minimum 2), the only
 * one who may own the intent router, and alone on one give of an agreed deal (shared on another).
 * Joon Park is the other embedding expert. Olga left (deactivated) and was an expert in serving.
 */
async function aRiskTeam(db: Db) {
  const manager = await aUser(db, { name: 'Mina Manager', email: 'manager@team.test', role: 'manager' });
  const minah = await aUser(db, { name: '김민아', email: 'minah@team.test' });
  const joon = await aUser(db, { name: 'Joon Park', email: 'joon@team.test' });
  const sara = await aUser(db, { name: 'Sara Silva', email: 'sara@team.test' });
  const olga = await aUser(db, { name: 'Olga Novak', email: 'olga@team.test' });
  const retrieval = await anArea(db, 'zero-shot retrieval', { category: 'Research', minExperts: 2 });
  const embedding = await anArea(db, 'text embedding', { category: 'Research', minExperts: 2 });
  const serving = await anArea(db, 'model serving', { category: 'Engineering', minExperts: 1 });
  await aRating(db, minah.id, retrieval.id, { selfLevel: 5, interest: 2 });
  await aRating(db, minah.id, embedding.id, { selfLevel: 4 });
  await aRating(db, joon.id, embedding.id, { selfLevel: 3, managerLevel: 4 }, manager.id);
  await aRating(db, joon.id, retrieval.id, { selfLevel: 3 });
  await aRating(db, sara.id, serving.id, { selfLevel: 4 });
  await aRating(db, sara.id, retrieval.id, { selfLevel: 2, interest: 3 });
  await aRating(db, olga.id, serving.id, { selfLevel: 5 });
  await db.update(users).set({ active: false }).where(eq(users.id, olga.id));
  const cycleId = (await insertCycle(db, { name: '2026 Q4', startDate: '2026-10-01', endDate: '2026-12-31' }, NOW)).id;
  const router = await aWorkItem(db, cycleId, { title: 'Zero-shot intent router', requirements: [{ areaId: retrieval.id, minLevel: 4 }] });
  await aWorkItem(db, cycleId, { title: 'Embedding refresh', ownerId: joon.id, status: 'planned', requirements: [{ areaId: embedding.id, minLevel: 4 }] });
  await aWorkItem(db, cycleId, { title: 'Finished retrieval study', ownerId: minah.id, status: 'done', requirements: [{ areaId: retrieval.id, minLevel: 4 }] });
  const partner = await aPartner(db);
  await aPartnerUser(db, partner.id);
  const deal = await aDeal(db, {
    partnerId: partner.id,
    ownerId: minah.id,
    title: 'Retriever for care calls',
    status: 'agreed',
    gives: [
      { description: 'Fine-tuned retriever', effort: 4, memberIds: [minah.id] },
      { description: 'Evaluation set', effort: 2, memberIds: [minah.id, joon.id] },
    ],
  });
  await aDeal(db, { partnerId: partner.id, ownerId: minah.id, title: 'Dropped deal', status: 'dropped', gives: [{ description: 'Old give', memberIds: [minah.id] }] });
  return { manager, minah, joon, sara, olga, retrieval, embedding, serving, router, deal };
}
type RiskTeam = Awaited<ReturnType<typeof aRiskTeam>>;

let w: World;
let team: RiskTeam;
eachTestWith(aRiskTeam, (world, made) => {
  w = world;
  team = made;
});

const page = async (email: string, path: string, headers: Record<string, string> = {}) => {
  const res = await (await signedIn(w.app, email)).request(path, { headers });
  return { status: res.status, body: text(await res.text()) };
};

describe('/growth/risk: the key people', () => {
  it('ranks 김민아 first with her reasons in words, then Sara Silva (a blocker), then Joon Park; nobody whose departure breaks nothing', async () => {
    const { status, body } = await page('manager@team.test', '/growth/risk');
    expect(status).toBe(200);
    const ranked = body.slice(body.indexOf('Key people', body.indexOf('Find')));
    expect(ranked).toContain(
      '김민아 zero-shot retrieval becomes a blocker (no expert left) text embedding falls to a single point of failure 1 live work item nobody else can own: Zero-shot intent router 1 deal commitment loses its only committed member: Retriever for care calls (Fine-tuned retriever)',
    );
    // Sara is the only active serving expert (Olga left): without her serving becomes a blocker, which outranks Joon's single point of failure.
    expect(ranked).toContain('Sara Silva model serving becomes a blocker (no expert left) Joon Park text embedding falls to a single point of failure');
    expect(ranked.indexOf('김민아')).toBeLessThan(ranked.indexOf('Sara Silva'));
    expect(ranked).not.toContain('Olga Novak');
    expect(ranked).not.toContain('Mina Manager');
    expect(ranked).not.toContain('Dropped deal');
  });

  it('finds a person by name or initial consonants, with what breaks (or nothing) next to each', async () => {
    const { body } = await page('manager@team.test', '/growth/risk?q=%E3%84%B1%E3%85%81%E3%85%87');
    expect(body).toContain('Members matching “ㄱㅁㅇ” 김민아 : zero-shot retrieval becomes a blocker');
    const manager = await page('manager@team.test', '/growth/risk?q=mina');
    expect(manager.body).toContain('Mina Manager : Nothing breaks.');
    expect((await page('manager@team.test', '/growth/risk?q=olga')).body).toContain('No active member matches “olga”.');
  });

  it('says so when nobody is a key person', async () => {
    await w.db.update(users).set({ active: false }).where(eq(users.id, team.minah.id));
    await aRating(w.db, team.manager.id, team.serving.id, { selfLevel: 4 });
    await aRating(w.db, team.manager.id, team.embedding.id, { selfLevel: 4 });
    await aRating(w.db, team.sara.id, team.embedding.id, { selfLevel: 4 });
    await w.db.update(users).set({ active: false }).where(eq(users.id, team.joon.id));
    await aRating(w.db, team.manager.id, team.serving.id, { selfLevel: 5 });
    const sam = await aUser(w.db, { name: 'Sam Lee' });
    await aRating(w.db, sam.id, team.serving.id, { selfLevel: 4 });
    await aRating(w.db, sam.id, team.embedding.id, { selfLevel: 4 });
    await aRating(w.db, team.manager.id, team.retrieval.id, { selfLevel: 4 });
    await aRating(w.db, sam.id, team.retrieval.id, { selfLevel: 4 });
    await aRating(w.db, team.sara.id, team.retrieval.id, { selfLevel: 4 });
    const { body } = await page('manager@team.test', '/growth/risk');
    expect(body).toContain('Nobody is a key person right now');
  });

  it('speaks Korean with the right particles', async () => {
    const { body } = await page('manager@team.test', '/growth/risk', { 'Accept-Language': 'ko' });
    expect(body).toContain('김민아 zero-shot retrieval이 공백이 돼요 (전문가 없음) text embedding이 한 사람 의존이 돼요 다른 사람이 맡을 수 없는 업무 1개: Zero-shot intent router');
    const one = await page('manager@team.test', `/growth/risk/${team.minah.id}`, { 'Accept-Language': 'ko' });
    expect(one.body).toContain('김민아가 빠지면');
  });
});

describe('/growth/risk/:id: one person’s what-if', () => {
  it('names the area that becomes a blocker, the item nobody else can own and the deal commitment left alone, with links', async () => {
    const res = await (await signedIn(w.app, 'manager@team.test')).get(`/growth/risk/${team.minah.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const body = text(html);
    expect(body).toContain('If 김민아 left');
    expect(body).toMatch(/zero-shot retrieval single point of failure → blocker: no expert 1 → 0/);
    expect(body).toMatch(/text embedding ok → single point of failure 2 → 1/);
    expect(body).toContain('Zero-shot intent router open the only member who meets every minimum');
    expect(body).not.toContain('Embedding refresh');
    expect(body).not.toContain('Finished retrieval study');
    expect(body).toContain('Retriever for care calls Fine-tuned retriever nobody is committed any more');
    expect(body).toContain('Retriever for care calls Evaluation set 1 other member stays committed');
    expect(body).not.toContain('Dropped deal');
    expect(html).toContain(`href="/matrix?sort=${team.retrieval.id}"`);
    expect(html).toContain(`href="/work/items/${team.router.id}"`);
    expect(html).toContain(`href="/deals/${team.deal.id}"`);
  });

  it('an owner nobody can replace: the item she owns when nobody meets its minimum', async () => {
    await aWorkItem(w.db, null, { title: 'Needs a level nobody has', ownerId: team.joon.id, status: 'in_progress', requirements: [{ areaId: team.retrieval.id, minLevel: 5 }, { areaId: team.embedding.id, minLevel: 5 }] });
    const { body } = await page('manager@team.test', `/growth/risk/${team.joon.id}`);
    expect(body).toContain('Needs a level nobody has in progress owns it, and nobody meets every minimum');
  });

  it('follows rating edits between views: Joon qualifies for the router, then no longer does, then does again', async () => {
    const router = async () => (await page('manager@team.test', `/growth/risk/${team.minah.id}`)).body.includes('Zero-shot intent router open the only member who meets every minimum');
    await aRating(w.db, team.joon.id, team.retrieval.id, { selfLevel: 4 });
    expect(await router()).toBe(false);
    await aRating(w.db, team.joon.id, team.retrieval.id, { selfLevel: 2 });
    expect(await router()).toBe(true);
    await aRating(w.db, team.joon.id, team.retrieval.id, { selfLevel: 4 });
    expect(await router()).toBe(false);
  });

  it('a manager counts as an expert of an area but owns no work: 김민아 stays the only possible owner of the router', async () => {
    await aRating(w.db, team.manager.id, team.retrieval.id, { selfLevel: 4 });
    const { body } = await page('manager@team.test', `/growth/risk/${team.minah.id}`);
    expect(body).toMatch(/zero-shot retrieval ok → single point of failure 2 → 1/);
    expect(body).toContain('Zero-shot intent router open the only member who meets every minimum');
    const ranked = await page('manager@team.test', '/growth/risk');
    expect(ranked.body).toContain('1 live work item nobody else can own: Zero-shot intent router');
  });

  it('nothing breaks without the manager here, and the page says so', async () => {
    const { status, body } = await page('manager@team.test', `/growth/risk/${team.manager.id}`);
    expect(status).toBe(200);
    expect(body).toContain('Nothing breaks if Mina Manager left');
  });

  it('a deactivated member has already left; a partner or an unknown id is not found', async () => {
    const gone = await page('manager@team.test', `/growth/risk/${team.olga.id}`);
    expect(gone.status).toBe(200);
    expect(gone.body).toContain('Olga Novak is deactivated: they have already left');
    const [partner] = await w.db.select({ id: users.id }).from(users).where(eq(users.role, 'partner'));
    expect((await page('manager@team.test', `/growth/risk/${partner.id}`)).status).toBe(404);
    expect((await page('manager@team.test', '/growth/risk/99999')).status).toBe(404);
    expect((await page('manager@team.test', '/growth/risk/abc')).status).toBe(404);
  });
});

describe('roles and the member card', () => {
  it('members and partners get 403 on the pages', async () => {
    for (const email of ['joon@team.test', 'sunwoo.park@partner.test']) {
      expect((await page(email, '/growth/risk')).status).toBe(403);
      expect((await page(email, `/growth/risk/${team.minah.id}`)).status).toBe(403);
    }
  });

  it('the manager sees "If 김민아 left" on her card with the summary and a link; members do not', async () => {
    const res = await (await signedIn(w.app, 'manager@team.test')).get(`/members/${team.minah.id}`);
    const html = await res.text();
    expect(text(html)).toContain('If 김민아 left zero-shot retrieval becomes a blocker (no expert left)');
    expect(html).toContain(`href="/growth/risk/${team.minah.id}"`);
    for (const email of ['minah@team.test', 'joon@team.test']) {
      const seen = await page(email, `/members/${team.minah.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body).not.toContain('If 김민아 left');
    }
    expect((await page('manager@team.test', `/members/${team.olga.id}`)).body).not.toContain('If Olga Novak left');
  });
});
