// Issue 15's "Done when", walked over HTTP with the real parts: single sign-on against a real OpenID provider
// (test/oidc-provider.ts) with PASSWORD_LOGIN=off (the stricter setting), mail through a real SMTP server
// (test/smtp-server.ts), the sender and the scheduler ticked on the test's clock. A manager invites a new member
// by e-mail; the invitation arrives in Korean with a link that works; the member signs in through the provider,
// rates themself, and a later Monday's digest reaches them in Korean, naming the area, with a link into the app.
// Not a browser test, to keep CI short.
import { afterEach, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { passwordTokens, users } from '../../src/db/schema/index.ts';
import { aTeam, ORIGIN, type Team, type World } from '../helpers.ts';
import { noticeWorld, type NoticeWorld } from '../notices-world.ts';
import { startSmtp, type Mailbox } from '../smtp-server.ts';
import { AppBrowser, provider, toProviderAndBack, useSsoWorlds } from './oidc-world.ts';

useSsoWorlds();
let smtp: Mailbox;
let w: NoticeWorld;
let team: Team;

afterEach(async () => {
  provider.accounts.delete('jiwoo-sub');
  await w?.cleanup();
  await smtp?.stop();
});

/** Seoul wall-clock time as a Date (TIME_ZONE of the world's scheduler is Asia/Seoul: UTC+9, no daylight saving). */
const seoul = (local: string) => new Date(`${local}+09:00`);
const mailsTo = (address: string) => smtp.mails.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === address);
const linkIn = (text: string | undefined) => /http:\/\/localhost\/[^\s]*/.exec(text ?? '')?.[0] ?? null;

/** Signs `browser` in through the provider as `sub`; returns the page the app sends them to. */
async function signInThroughProvider(browser: AppBrowser, sub: string) {
  const { callback } = await toProviderAndBack(browser, sub);
  const back = await browser.get(callback);
  expect(back.status).toBe(303);
  return back.headers.get('location')!;
}

it('a new member invited by e-mail gets the invitation, signs in through the provider, rates themself, and gets the Monday digest in Korean', async () => {
  smtp = await startSmtp();
  // The team works in Korean (DEFAULT_LOCALE=ko): a person who saved no language reads Korean. The app records a
  // person's language as their saved choice (users.locale); the add-member form has none, so a new member's is the
  // default until they choose. The manager saved English, so the mail follows the recipient, not the request.
  w = await noticeWorld({ smtpUrl: smtp.url, oidc: provider.settings({ providerName: 'Acme SSO' }), passwordLogin: false, publicOrigin: ORIGIN, defaultLocale: 'ko' });
  team = await aTeam(w.db);
  await w.db.update(users).set({ locale: 'en' }).where(eq(users.id, team.manager.id));
  provider.accounts.set('jiwoo-sub', { sub: 'jiwoo-sub', email: 'jiwoo@team.test', email_verified: true, name: 'Jiwoo Park' });

  // 1. The manager signs in through the provider and adds the member: the page shows the sign-in address to copy.
  const mina = new AppBrowser({ app: w.app } as World);
  await signInThroughProvider(mina, 'mina-sub');
  const added = await mina.post('/members', { name: '박지우', email: 'jiwoo@team.test', role: 'member', capacity: '10' });
  expect(added.status).toBe(200);
  const addedHtml = await added.text();
  expect(addedHtml).toContain('박지우 is added. They sign in with their company account at this address:');
  expect(addedHtml).toContain('The invitation was sent to jiwoo@team.test.');
  expect(await w.db.select().from(passwordTokens)).toEqual([]); // passwords are off: no set-password link exists
  const [jiwoo] = await w.db.select().from(users).where(eq(users.email, 'jiwoo@team.test'));

  // 2. The invitation arrives, in Korean, with the sign-in link.
  expect(await w.sender.tick()).toBe(1);
  const [invitation] = mailsTo('jiwoo@team.test');
  expect(invitation.subject).toBe('Pairwise에 초대되었어요');
  expect(invitation.text).toContain('박지우님, 안녕하세요.');
  expect(invitation.text).toContain('아래 주소에서 회사 계정(Acme SSO)으로 로그인해 주세요:');
  const invitationLink = linkIn(invitation.text);
  expect(invitationLink).toBe('http://localhost/login');

  // 3. The link works: the member's browser opens it and sees the company sign-in, in Korean.
  const member = new AppBrowser({ app: w.app } as World);
  const login = await member.get(new URL(invitationLink!).pathname);
  expect(login.status).toBe(200);
  const loginHtml = await login.text();
  expect(loginHtml).toContain('lang="ko"');
  expect(loginHtml).toContain('Acme SSO로 로그인');
  expect(loginHtml).not.toContain('name="password"');

  // 4. They sign in through the provider (its login and consent forms) and land in the app as themselves.
  const landing = await signInThroughProvider(member, 'jiwoo-sub');
  const home = await member.get(landing);
  expect(home.status).toBe(200);
  expect(await home.text()).toContain('박지우');

  // 5. They rate themself in an area with the rating form.
  const cell = `/members/${jiwoo.id}/ratings/${team.embedding.id}`;
  const form = await member.get(`${cell}/edit`);
  expect(form.status).toBe(200);
  expect(await form.text()).toContain(`action="${cell}"`);
  const rated = await member.post(cell, { selfLevel: '3', interest: '2', evidence: '', version: '' });
  expect(rated.status).toBeLessThan(400);
  const card = await (await member.get(`/members/${jiwoo.id}`)).text();
  expect(card).toContain('text embedding');
  expect(card).toContain('혼자 가능');

  // 6. The digest lists only stale ratings (confirmed before staleBefore(now): 180 days, src/planning/skills.ts).
  // The Monday 25 weeks on (174 days) is too early: nothing is sent.
  w.clock.now = seoul('2027-04-26T09:30:00');
  expect(await w.scheduler.tick()).toContain('digest:2027-04-26');
  expect(await w.sender.tick()).toBe(0);
  // The Monday 26 weeks on, from 09:00 in TIME_ZONE, the rating is stale: the digest goes out.
  w.clock.now = seoul('2027-05-03T09:30:00');
  expect(await w.scheduler.tick()).toContain('digest:2027-05-03');
  expect(await w.sender.tick()).toBe(1);
  const digests = mailsTo('jiwoo@team.test').filter((m) => m !== invitation);
  expect(digests).toHaveLength(1);
  const [digest] = digests;
  expect(digest.subject).toBe('다시 확인할 평가가 1개 있어요');
  expect(digest.text).toContain('박지우님, 안녕하세요.');
  expect(digest.text).toContain('180일 넘게 확인하지 않은 내 평가예요: text embedding (');
  const digestLink = linkIn(digest.text);
  expect(digestLink).toBe('http://localhost/');

  // 7. The link leads back into the app: the session of half a year ago is over, so it asks for the company
  // sign-in first, and after it the member is on the page the link names, in Korean.
  const opened = await member.get(new URL(digestLink!).pathname);
  expect([302, 303]).toContain(opened.status);
  expect(opened.headers.get('location')).toMatch(/^\/login/);
  const back = await signInThroughProvider(member, 'jiwoo-sub');
  const page = await member.get(back);
  expect(page.status).toBe(200);
  const pageHtml = await page.text();
  expect(pageHtml).toContain('lang="ko"');
  expect(pageHtml).toContain('박지우');
});
