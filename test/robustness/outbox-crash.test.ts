// The app killed while it sends a message it had written to the outbox: restarted, it sends that message once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { outbox } from '../../src/db/schema/index.ts';
import { startSmtp, type Mailbox } from '../smtp-server.ts';
import { HttpClient, openForChecks, seededDb, startServer, type Seeded, type ServerChild } from './proc.ts';

let s: Seeded;
let smtp: Mailbox;
const running: ServerChild[] = [];
beforeAll(async () => {
  [s, smtp] = await Promise.all([seededDb({ members: 2, areas: 1 }), startSmtp()]);
});
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop('SIGKILL')));
  await smtp?.stop();
  s?.cleanup();
});

/** A short lease, so the restarted process may take over the dead one's claim within the test; a sender round every second. */
const env = () => ({ SMTP_URL: smtp.url, MAIL_FROM: 'Pairwise <pairwise@team.test>', NOTICE_LEASE_SECONDS: '3', NOTICE_POLL_SECONDS: '1' });
const until = async (ok: () => boolean | Promise<boolean>) => {
  while (!(await ok())) await new Promise((r) => setTimeout(r, 50));
};
const rows = async () => {
  const db = await openForChecks(s.url);
  const found = await db.select().from(outbox).where(eq(outbox.userId, s.memberIds[0]));
  db.$client.close();
  return found;
};

describe('the app killed between writing the outbox and sending', () => {
  it('restarted, it delivers the message exactly once, and its link works', async () => {
    const first = await startServer({ databaseUrl: s.url, env: env() });
    running.push(first);
    // The mail server takes the message but never says it got it: the app is in the middle of sending.
    smtp.hold = true;
    const page = await new HttpClient(first.url, s.managerToken).post(`/members/${s.memberIds[0]}/password-link`, {});
    expect(page.status).toBe(200);
    await until(() => smtp.held === 1);
    await first.stop('SIGKILL');
    const [claimed] = await rows();
    expect([claimed.status, claimed.sentAt, Boolean(claimed.leaseOwner)]).toEqual(['pending', null, true]);
    expect(smtp.mails).toHaveLength(0);

    smtp.hold = false;
    const second = await startServer({ databaseUrl: s.url, env: env() });
    running.push(second);
    await until(async () => (await rows())[0].status === 'sent');
    const [sent] = await rows();
    expect(sent.leaseOwner).not.toBe(claimed.leaseOwner);
    // Three more sender rounds of the live process (one a second): nothing else goes out.
    await new Promise((r) => setTimeout(r, 3_500));
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect((mail.to as { text: string }).text).toBe('member1@team.test');
    const path = new URL(/http:\/\/127\.0\.0\.1:\d+\/password\/[\w-]+/.exec(mail.text ?? '')![0]).pathname;
    const opened = await new HttpClient(second.url).get(path);
    expect(opened.status).toBe(200);
    expect(opened.body).toContain(`action="${path}"`);
  });
});
