// Reminders and notices with real parts: mail goes through a real SMTP server the test started, the messenger
// through a local HTTP receiver; the sender and the scheduler run on the test's clock (tick()).
import { createClient } from '@libsql/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { notices, outbox, users } from '../../src/db/schema/index.ts';
import { createDraftRound } from '../../src/pairings/queries.ts';
import { DEFAULT_WEIGHTS } from '../../src/planning/pairing/index.ts';
import { SENDER } from '../../src/notices/sender.ts';
import { aRating, aTeam, aUser, Client, NOW, type Team } from '../helpers.ts';
import { aDeal, aPartner, aPartnerUser } from '../fixtures/deals.ts';
import { aPaper, aPublishedSeason, aSchedule, aSeason } from '../fixtures/study.ts';
import { noticeWorld, type NoticeWorld } from '../notices-world.ts';
import { startSmtp, startWebhookReceiver, type Mailbox } from '../smtp-server.ts';

const DAY = 86_400_000;
let smtp: Mailbox;
let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
let w: NoticeWorld;
let team: Team;

beforeEach(async () => {
  [smtp, hook] = await Promise.all([startSmtp(), startWebhookReceiver()]);
  w = await noticeWorld({ smtpUrl: smtp.url, webhookUrl: hook.url });
  team = await aTeam(w.db);
});
afterEach(async () => {
  await w.cleanup();
  await Promise.all([smtp.stop(), hook.stop()]);
});

const signIn = (email: string) => new Client(w.app).login(email);
const setLocale = (id: number, locale: string) => w.db.update(users).set({ locale }).where(eq(users.id, id));
const mailsTo = (address: string) => smtp.mails.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === address);
/** Seoul wall-clock time as a Date (UTC+9, no daylight saving). */
const seoul = (local: string) => new Date(`${local}+09:00`);

describe('the set-password invitation', () => {
  it('arrives by e-mail in the recipient\'s language, with a link that opens the set-password page; the copy box stays', async () => {
    await setLocale(team.alice.id, 'ko');
    const manager = await signIn('manager@team.test');
    const page = await manager.post(`/members/${team.alice.id}/password-link`, {});
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('id="set-password-link"');
    expect(html).toContain('The link was also sent to alice@team.test.');
    expect(await w.sender.tick()).toBe(1);
    const [mail] = mailsTo('alice@team.test');
    // The manager reads English; Alice's mail is in her language.
    expect(mail.subject).toBe('Pairwise 비밀번호를 설정해 주세요');
    expect(mail.text).toContain('Alice님, 안녕하세요.');
    expect(mail.from?.text).toContain('pairwise@team.test');
    const link = /http:\/\/localhost\/password\/[\w-]+/.exec(mail.text ?? '')![0];
    expect(html).toContain(link); // the same link as the copy box
    const opened = await new Client(w.app).get(new URL(link).pathname);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain(`action="${new URL(link).pathname}"`);
    // Once sent, the outbox no longer holds the secret link.
    const [row] = await w.db.select().from(outbox).where(eq(outbox.userId, team.alice.id));
    expect(row.status).toBe('sent');
    expect(row.payload).not.toContain(new URL(link).pathname);
    expect(await w.sender.tick()).toBe(0);
    expect(smtp.mails).toHaveLength(1);
  });

  it('a new member with no language saved gets it in the default language', async () => {
    const manager = await signIn('manager@team.test');
    const res = await manager.post('/members', { name: 'Dana', email: 'dana@team.test', role: 'member', capacity: '10' });
    expect(res.status).toBe(200);
    await w.sender.tick();
    expect(mailsTo('dana@team.test').map((m) => m.subject)).toEqual(['Set your password for Pairwise']);
  });
});

describe('preferences', () => {
  it('"only in the app" sends nothing, but the notice is in the app with an unread count until marked read', async () => {
    const alice = await signIn('alice@team.test');
    const profile = await (await alice.get('/profile')).text();
    expect(profile).toContain('Reminders and notices');
    const form = { version: '0', invitation: 'none', dueItem: 'none', digest: 'none', study: 'none', round: 'none' };
    expect((await alice.post('/profile/notices', form)).status).toBe(303);
    const manager = await signIn('manager@team.test');
    await manager.post(`/members/${team.alice.id}/password-link`, {});
    expect(await w.sender.tick()).toBe(0);
    expect(smtp.mails).toHaveLength(0);
    expect(await w.db.select().from(outbox)).toHaveLength(0);
    const list = await (await alice.get('/notices')).text();
    expect(list).toContain('Set your password for Pairwise');
    expect(list).toContain('Notices, 1 unread');
    const [notice] = await w.db.select().from(notices).where(eq(notices.userId, team.alice.id));
    expect((await alice.post(`/notices/${notice.id}/read`, {})).status).toBe(303);
    expect(await (await alice.get('/notices')).text()).not.toContain('unread');
    // Someone else's notice is not there to mark.
    expect((await manager.post(`/notices/${notice.id}/read`, {})).status).toBe(404);
  });

  it('refuses a channel a kind may not use (422, values kept) and a stale version (409); nothing is written', async () => {
    const alice = await signIn('alice@team.test');
    const base = { version: '0', invitation: 'email', dueItem: 'email', digest: 'email', study: 'email', round: 'email' };
    const bad = await alice.post('/profile/notices', { ...base, invitation: 'messenger', digest: 'pigeon' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('name="dueItem" value="email" checked=""');
    expect(html).toContain('id="np-digest-msg" class="error"');
    expect((await alice.post('/profile/notices', { ...base, round: 'none' })).status).toBe(303);
    const stale = await alice.post('/profile/notices', { ...base, round: 'messenger' });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('name="round" value="none" checked=""');
    const rows = await w.db.all<{ kind: string; channel: string }>(sql`select kind, channel from notice_preferences where user_id = ${team.alice.id} and kind = 'round'`);
    expect(rows).toEqual([{ kind: 'round', channel: 'none' }]);
  });
});

describe('the sender', () => {
  it('retries with backoff while the SMTP server is down and sends once when it is back', async () => {
    await smtp.stop();
    const manager = await signIn('manager@team.test');
    await manager.post(`/members/${team.bob.id}/password-link`, {});
    expect(await w.sender.tick()).toBe(0);
    let [row] = await w.db.select().from(outbox);
    expect([row.status, row.attempts, row.nextAttemptAt - NOW.getTime()]).toEqual(['pending', 1, SENDER.baseDelayMs]);
    expect(row.lastError).toBeTruthy();
    // Not due yet: nothing is tried.
    expect(await w.sender.tick()).toBe(0);
    expect((await w.db.select().from(outbox))[0].attempts).toBe(1);
    w.clock.now = new Date(NOW.getTime() + SENDER.baseDelayMs);
    expect(await w.sender.tick()).toBe(0);
    [row] = await w.db.select().from(outbox);
    expect([row.attempts, row.nextAttemptAt - w.clock.now.getTime()]).toEqual([2, 2 * SENDER.baseDelayMs]);
    await smtp.restart();
    w.clock.now = new Date(row.nextAttemptAt);
    expect(await w.sender.tick()).toBe(1);
    expect(await w.sender.tick()).toBe(0);
    expect(mailsTo('bob@team.test')).toHaveLength(1);
    [row] = await w.db.select().from(outbox);
    expect([row.status, row.attempts]).toEqual(['sent', 3]);
  });

  it('with nothing due, a round does not ask for the write lock (another process holding it does not hold the sender up)', { timeout: 20_000 }, async () => {
    const other = createClient({ url: w.url });
    const tx = await other.transaction('write');
    try {
      // With a write statement the round would wait for the lock and then fail with SQLITE_BUSY.
      expect(await w.sender.tick()).toBe(0);
    } finally {
      await tx.rollback();
      other.close();
    }
  });
});

describe('scheduled messages', () => {
  it('the Monday digest reaches members with stale ratings only, once, from 09:00 in TIME_ZONE', async () => {
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 3, interest: 1 }, team.alice.id, new Date(NOW.getTime() - 200 * DAY));
    await aRating(w.db, team.alice.id, team.serving.id, { selfLevel: 2, interest: 1 });
    await aRating(w.db, team.bob.id, team.embedding.id, { selfLevel: 2, interest: 1 });
    w.clock.now = seoul('2026-11-02T08:30:00');
    expect(await w.scheduler.tick()).not.toContain('digest:2026-11-02');
    w.clock.now = seoul('2026-11-02T09:30:00');
    expect(await w.scheduler.tick()).toContain('digest:2026-11-02');
    expect(await w.scheduler.tick()).toEqual([]);
    await w.sender.tick();
    const digests = smtp.mails.filter((m) => /ratings? to look at again/.test(m.subject ?? ''));
    expect(digests.map((m) => (m.to as { text: string }).text)).toEqual(['alice@team.test']);
    expect(digests[0].subject).toBe('1 rating to look at again');
    expect(digests[0].text).toContain('text embedding');
    expect(digests[0].text).not.toContain('model serving');
  });

  it('reminds of a deal item one is committed to that is due within 7 days, and again once it is late', async () => {
    const partner = await aPartner(w.db);
    await aDeal(w.db, {
      partnerId: partner.id,
      ownerId: team.manager.id,
      status: 'in_delivery',
      gives: [
        { description: 'Label 2k call transcripts', dueDate: '2026-11-06', memberIds: [team.alice.id] },
        { description: 'Serve the classifier', dueDate: '2026-12-20', memberIds: [team.bob.id] },
        { description: 'Write the eval report', dueDate: '2026-11-04', memberIds: [team.bob.id], done: true },
      ],
    });
    w.clock.now = seoul('2026-11-03T08:05:00');
    expect(await w.scheduler.tick()).toContain('dueItems:2026-11-03');
    await w.sender.tick();
    expect(smtp.mails.map((m) => m.subject)).toEqual(['Due Nov 6, 2026: Label 2k call transcripts']);
    w.clock.now = seoul('2026-11-04T08:05:00');
    await w.scheduler.tick();
    expect(await w.sender.tick()).toBe(0); // already reminded
    w.clock.now = seoul('2026-11-07T08:05:00');
    await w.scheduler.tick();
    await w.sender.tick();
    expect(smtp.mails.map((m) => m.subject)).toEqual(['Due Nov 6, 2026: Label 2k call transcripts', 'Late since Nov 6, 2026: Label 2k call transcripts']);
    expect(smtp.mails.every((m) => (m.to as { text: string }).text === 'alice@team.test')).toBe(true);
  });

  it('tells presenters and reviewers of a published session three days ahead, in their language', async () => {
    const mina = await aUser(w.db, { name: '김민아', email: 'mina@team.test' });
    const joon = await aUser(w.db, { name: 'Joon Park', email: 'joon@team.test' });
    await setLocale(mina.id, 'ko');
    // Season 3: 2026-11-12 Joon presents SimCSE, 김민아 reviews; 2026-11-19 Bob presents, Alice reviews.
    await aPublishedSeason(w.db, { ...team, mina, joon });
    w.clock.now = seoul('2026-11-08T10:00:00');
    await w.scheduler.tick();
    expect(await w.sender.tick()).toBe(0); // four days ahead: not yet
    w.clock.now = seoul('2026-11-09T10:00:00');
    expect(await w.scheduler.tick()).toContain('study:2026-11-09');
    await w.sender.tick();
    expect(mailsTo('joon@team.test').map((m) => m.subject)).toEqual(['You present on Nov 12, 2026']);
    expect(mailsTo('mina@team.test').map((m) => m.subject)).toEqual(['11월 12일 (목)에 리뷰를 맡았어요']);
    expect(mailsTo('mina@team.test')[0].text).toContain('SimCSE');
    expect(smtp.mails).toHaveLength(2);
    w.clock.now = seoul('2026-11-10T10:00:00');
    await w.scheduler.tick();
    expect(await w.sender.tick()).toBe(0); // told once per session and day
  });
});

describe('messages caused by changes', () => {
  it('a published study schedule tells each presenter and reviewer their day, in their language', async () => {
    const mina = await aUser(w.db, { name: '김민아', email: 'mina@team.test' });
    const joon = await aUser(w.db, { name: 'Joon Park', email: 'joon@team.test' });
    await setLocale(mina.id, 'ko');
    const season = await aSeason(w.db, { ...team, mina, joon }, { status: 'running' });
    const paper = await aPaper(w.db, season.id, { title: 'SimCSE', url: 'https://arxiv.org/abs/2104.08821', areaIds: [team.embedding.id], proposedBy: mina.id, voters: [] });
    await aSchedule(w.db, season.id, [{ day: '2026-11-12', paperId: paper.id, presenterId: joon.id, reviewerId: mina.id }], 'draft');
    const manager = await signIn('manager@team.test');
    expect((await manager.post(`/study/seasons/${season.id}/schedule/publish`, { version: '1' })).status).toBe(303);
    expect(await w.sender.tick()).toBe(2);
    expect(mailsTo('joon@team.test').map((m) => m.subject)).toEqual(['You present on Nov 12, 2026']);
    expect(mailsTo('mina@team.test').map((m) => m.subject)).toEqual(['11월 12일 (목)에 리뷰를 맡았어요']);
    expect(mailsTo('joon@team.test')[0].text).toMatch(/http:\/\/localhost\/study\/sessions\/\d+/);
  });

  it('an accepted pairing round tells each participant whom they pair with, by e-mail or in the messenger as they chose', async () => {
    const alice = await signIn('alice@team.test');
    await alice.post('/profile/notices', { version: '0', invitation: 'email', dueItem: 'email', digest: 'email', study: 'email', round: 'messenger' });
    const people = [team.alice.id, team.bob.id];
    const draft = await createDraftRound(w.db, {
      settings: { presentIds: people, areaIds: [], weights: DEFAULT_WEIGHTS, odd: 'solo', locks: [], forbids: [] },
      groups: [{ memberIds: people, role: 'peers', areaId: null, mentorId: null, learnerIds: [], units: 500, score: 0.5, locked: false, reason: { kind: 'pair', memberIds: [people[0], people[1]], mentoring: null, sharedAreaId: null, lastPairedDaysAgo: null, coverage: null } }],
      weightsVersion: 0,
      createdBy: team.manager.id,
      now: NOW,
    });
    if (!draft.ok) throw new Error('fixture round');
    const manager = await signIn('manager@team.test');
    expect((await manager.post(`/pairings/rounds/${draft.roundId}/accept`, { version: '1', note: '' })).status).toBe(303);
    expect(await w.sender.tick()).toBe(2);
    expect(mailsTo('bob@team.test').map((m) => m.subject)).toEqual(['New pairing round: you pair with Alice']);
    expect(mailsTo('alice@team.test')).toHaveLength(0);
    expect(hook.received).toHaveLength(1);
    const { text } = hook.received[0].body as { text: string };
    expect(text).toContain('*Alice*: The manager accepted a new pairing round. You pair with Bob.');
    expect(text).toContain('<http://localhost/pairings|New pairing round: you pair with Bob>');
  });

  it('a deal a partner accepted waits for the manager\'s review: every manager hears of it', async () => {
    const partner = await aPartner(w.db);
    const sunwoo = await aPartnerUser(w.db, partner.id);
    const deal = await aDeal(w.db, { partnerId: partner.id, ownerId: team.manager.id, status: 'negotiating', title: 'Intent classifier ⇄ call transcripts' });
    const client = await signIn(sunwoo.email);
    expect((await client.post(`/deals/${deal.id}/accept`, { version: String(deal.version) })).status).toBe(303);
    await w.sender.tick();
    expect(smtp.mails.map((m) => [(m.to as { text: string }).text, m.subject])).toEqual([['manager@team.test', 'Deal waiting for your review: Intent classifier ⇄ call transcripts']]);
    expect(smtp.mails[0].text).toContain('Care-call service accepted');
    expect(smtp.mails[0].text).toContain(`http://localhost/deals/${deal.id}`);
  });
});

describe('the JANDI webhook', () => {
  it('posts JANDI\'s connect card with its Accept header', async () => {
    const jandi = await noticeWorld({ webhookUrl: hook.url, webhookKind: 'jandi', publicOrigin: 'https://pairwise.example.com' });
    try {
      const t = await aTeam(jandi.db);
      await aRating(jandi.db, t.bob.id, t.embedding.id, { selfLevel: 3, interest: 1 }, t.bob.id, new Date(NOW.getTime() - 200 * DAY));
      await jandi.db.run(sql`insert into notice_preferences (user_id, kind, channel) values (${t.bob.id}, 'digest', 'messenger')`);
      await jandi.scheduler.tick();
      expect(await jandi.sender.tick()).toBe(1);
      const [got] = hook.received;
      expect(got.headers.accept).toBe('application/vnd.tosslab.jandi-v2+json');
      const body = got.body as { body: string; connectColor: string; connectInfo: Array<{ title: string; description: string }> };
      expect(body.body).toBe('Bob: 1 rating to look at again (https://pairwise.example.com/)');
      expect(body.connectInfo[0].title).toBe('1 rating to look at again');
      expect(body.connectInfo[0].description).toContain('text embedding');
    } finally {
      await jandi.cleanup();
    }
  });
});
