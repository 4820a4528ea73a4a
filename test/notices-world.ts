// A test world with notices switched on: an app whose e-mail and messenger channels point at the test's own
// SMTP server and webhook receiver, and a sender and scheduler on the world's clock that the test drives with tick().
import { rmSync } from 'node:fs';
import { createApp, type App } from '../src/app.tsx';
import type { OidcSettings } from '../src/config.ts';
import type { Locale } from '../src/domain.ts';
import { createDb, type Db } from '../src/db/client.ts';
import { deliveryFor } from '../src/notices/channels.ts';
import { startScheduler, type Scheduler } from '../src/notices/scheduler.ts';
import { startSender, type Sender } from '../src/notices/sender.ts';
import { renderMessage } from '../views/notices/message.ts';
import { NOW, tempDbUrl } from './helpers.ts';

export type NoticeWorld = { db: Db; url: string; app: App; clock: { now: Date }; sender: Sender; scheduler: Scheduler; cleanup: () => Promise<void> };

/** `oidc`/`passwordLogin`: single sign-on as in createApp; `defaultLocale`: the language of people who saved none. */
export async function noticeWorld(o: {
  smtpUrl?: string;
  webhookUrl?: string;
  webhookKind?: 'slack' | 'jandi';
  publicOrigin?: string;
  oidc?: OidcSettings;
  passwordLogin?: boolean;
  defaultLocale?: Locale;
}): Promise<NoticeWorld> {
  const { dir, url } = await tempDbUrl();
  const db = await createDb({ url });
  const clock = { now: NOW };
  const now = () => clock.now;
  const channels = { email: Boolean(o.smtpUrl), messenger: Boolean(o.webhookUrl) };
  const defaultLocale = o.defaultLocale ?? 'en';
  const app = createApp({ db, now, notices: channels, publicOrigin: o.publicOrigin, oidc: o.oidc ?? null, passwordLogin: o.passwordLogin ?? true, defaultLocale });
  const delivery = deliveryFor({ SMTP_URL: o.smtpUrl, MAIL_FROM: 'Pairwise <pairwise@team.test>', WEBHOOK_URL: o.webhookUrl, WEBHOOK_KIND: o.webhookKind ?? 'slack' }, (m) =>
    renderMessage(m.payload.message, m.payload.lang, m.payload.name, clock.now),
  );
  const sender = startSender({ db, deliver: delivery.deliver, now, intervalMs: 0, log: () => {} });
  const scheduler = startScheduler({ db, now, intervalMs: 0, timeZone: 'Asia/Seoul', settings: { ...channels, defaultLocale, publicOrigin: o.publicOrigin } });
  return {
    db,
    url,
    app,
    clock,
    sender,
    scheduler,
    cleanup: async () => {
      await Promise.all([sender.stop(), scheduler.stop()]);
      delivery.close();
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
