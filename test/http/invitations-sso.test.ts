// Invitations under single sign-on, with a real provider and a real SMTP server: with passwords off the invitation
// says to sign in with the company account and links to /login (no set-password link is made); with both on it is
// the set-password invitation plus a line about the company account.
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { passwordTokens, users } from '../../src/db/schema/index.ts';
import { aTeam, ORIGIN, type Team, type World } from '../helpers.ts';
import { aPartner } from '../fixtures/deals.ts';
import { noticeWorld, type NoticeWorld } from '../notices-world.ts';
import { startSmtp, type Mailbox } from '../smtp-server.ts';
import { AppBrowser, provider, toProviderAndBack, useSsoWorlds } from './oidc-world.ts';

useSsoWorlds();
let smtp: Mailbox;
let w: NoticeWorld;
let team: Team;

afterEach(async () => {
  await w?.cleanup();
  await smtp?.stop();
});

async function setUp(passwordLogin: boolean) {
  smtp = await startSmtp();
  w = await noticeWorld({ smtpUrl: smtp.url, oidc: provider.settings({ providerName: 'Acme SSO' }), passwordLogin, publicOrigin: ORIGIN });
  team = await aTeam(w.db);
}

/** The manager, signed in through the provider (passwords may be off). */
async function manager() {
  const app = new AppBrowser({ app: w.app } as World);
  const { callback } = await toProviderAndBack(app, 'mina-sub');
  expect((await app.get(callback)).status).toBe(303);
  return app;
}

const mailsTo = (address: string) => smtp.mails.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === address);

describe('invitations with passwords off', () => {
  it('a new member gets the company-account invitation with the /login link; the page shows the sign-in address; no set-password link exists', async () => {
    await setUp(false);
    const mina = await manager();
    const res = await mina.post('/members', { name: 'Dana', email: 'dana@team.test', role: 'member', capacity: '10' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Dana is added. They sign in with their company account at this address:');
    expect(html).toContain('Sign-in address');
    expect(html).toContain('value="http://localhost/login"');
    expect(html).toContain('The invitation was sent to dana@team.test.');
    expect(html).not.toContain('/password/');
    // Each member's action sends the invitation again rather than making a set-password link.
    expect(html).toContain('Send invitation');
    expect(html).not.toContain('New set-password link');
    expect(await w.sender.tick()).toBe(1);
    const [mail] = mailsTo('dana@team.test');
    expect(mail.subject).toBe('You are invited to Pairwise');
    expect(mail.text).toContain('You are invited to Pairwise — sign in with your company account (Acme SSO) at this address:\n\nhttp://localhost/login');
    expect(mail.text).not.toContain('/password/');
    expect(await w.db.select().from(passwordTokens)).toEqual([]);
  });

  it('"send invitation" on a member reaches a Korean member in Korean, again each time it is pressed', async () => {
    await setUp(false);
    await w.db.update(users).set({ locale: 'ko' }).where(eq(users.id, team.alice.id));
    const mina = await manager();
    const page = await mina.post(`/members/${team.alice.id}/password-link`, {});
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sign-in address for Alice:');
    await w.sender.tick();
    w.clock.now = new Date(w.clock.now.getTime() + 60_000);
    await mina.post(`/members/${team.alice.id}/password-link`, {});
    await w.sender.tick();
    const mails = mailsTo('alice@team.test');
    expect(mails).toHaveLength(2);
    expect(mails[0].subject).toBe('Pairwise에 초대되었어요');
    expect(mails[0].text).toContain('Alice님, 안녕하세요.');
    expect(mails[0].text).toContain('Pairwise에 초대되었어요. 아래 주소에서 회사 계정(Acme SSO)으로 로그인해 주세요:\n\nhttp://localhost/login');
    expect(await w.db.select().from(passwordTokens)).toEqual([]);
  });
});

describe('partner invitations with passwords off', () => {
  it('a partner user gets the company-account invitation too, and the partner page shows the sign-in address', async () => {
    await setUp(false);
    const partner = await aPartner(w.db);
    const mina = await manager();
    const res = await mina.post(`/partners/${partner.id}/people`, { name: 'Pat Partner', email: 'pat@partner.test' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Pat Partner (Care-call service) is invited. They sign in with their company account at this address:');
    expect(html).toContain('value="http://localhost/login"');
    expect(await w.sender.tick()).toBe(1);
    const [mail] = mailsTo('pat@partner.test');
    expect(mail.subject).toBe('You are invited to Pairwise');
    expect(mail.text).toContain('http://localhost/login');
    expect(await w.db.select().from(passwordTokens)).toEqual([]);
  });
});

describe('invitations with passwords and single sign-on both on', () => {
  it('is the set-password invitation with one more line about the company account', async () => {
    await setUp(true);
    const mina = await manager();
    const res = await mina.post('/members', { name: 'Dana', email: 'dana@team.test', role: 'member', capacity: '10' });
    expect(await res.text()).toContain('Set-password link');
    await w.sender.tick();
    const [mail] = mailsTo('dana@team.test');
    expect(mail.subject).toBe('Set your password for Pairwise');
    expect(mail.text).toContain('You can also sign in with your company account (Acme SSO) instead.');
    expect(mail.text).toMatch(/http:\/\/localhost\/password\/[\w-]+/);
    expect(await w.db.select().from(passwordTokens)).toHaveLength(1);
  });
});
