// Writing messages: enqueue() puts a message in the recipient's in-app notices and, when they want it and a
// channel can carry it, in the outbox — inside the caller's transaction, so the change and its message commit together.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { noticePreferences, notices, outbox, users } from '../db/schema/index.ts';
import { isLocale, type Locale, type NoticeMessage, type NoticeSettings } from '../domain.ts';

export type { NoticeSettings };
import { CHANNELS_OF, DEFAULT_CHANNEL } from './preferences.ts';

export const NO_CHANNELS: NoticeSettings = { email: false, messenger: false, defaultLocale: 'en', publicOrigin: undefined };

/** What the sender needs besides the message: where it goes and in which language its words are. */
export type OutboxPayload = { lang: Locale; to: string; name: string; message: NoticeMessage };

/**
 * Enqueues `message` for `userId` under `dedupeKey` (the same key twice: the second is ignored, so a retried
 * or concurrent cause sends once). Returns the channel it went to, 'none' when it stays in the app only, or
 * null when the recipient is gone or the key was already used. Two to four statements, all in `tx`.
 */
export async function enqueue(tx: DbOrTx, settings: NoticeSettings, userId: number, dedupeKey: string, message: NoticeMessage, now: Date): Promise<'email' | 'messenger' | 'none' | null> {
  const [who] = await tx
    .select({ email: users.email, name: users.name, locale: users.locale, active: users.active, channel: noticePreferences.channel })
    .from(users)
    .leftJoin(noticePreferences, and(eq(noticePreferences.userId, users.id), eq(noticePreferences.kind, message.kind)))
    .where(eq(users.id, userId));
  if (!who || !who.active) return null;
  // The in-app copy of an invitation links to the sign-in page: the one-time link itself is kept only until it is sent.
  const appLink = message.kind === 'invitation' && message.link ? new URL('/login', message.link).href : message.link;
  const shown = await tx
    .insert(notices)
    .values({ userId, kind: message.kind, payload: JSON.stringify({ ...message, link: appLink }), dedupeKey, createdAt: now.getTime() })
    .onConflictDoNothing()
    .returning({ id: notices.id });
  if (shown.length === 0) return null;
  const wanted = who.channel && CHANNELS_OF[message.kind].includes(who.channel) ? who.channel : DEFAULT_CHANNEL[message.kind];
  if (wanted === 'none' || !settings[wanted]) return 'none';
  const payload: OutboxPayload = { lang: isLocale(who.locale) ? who.locale : settings.defaultLocale, to: who.email, name: who.name, message };
  await tx
    .insert(outbox)
    .values({ userId, kind: message.kind, channel: wanted, payload: JSON.stringify(payload), dedupeKey, nextAttemptAt: now.getTime(), createdAt: now.getTime() })
    .onConflictDoNothing();
  return wanted;
}

/** The origin links point at: PUBLIC_ORIGIN, else the origin of the request that caused the message. */
export const linkOrigin = (settings: NoticeSettings, requestUrl?: string) => settings.publicOrigin ?? (requestUrl ? new URL(requestUrl).origin : null);

/** `path` under `origin`, or null without one. */
export const linkTo = (origin: string | null, path: string) => (origin ? new URL(path, origin).href : null);

/** The outbox rows of one person, newest first (tests and diagnostics). */
export const outboxOf = (tx: DbOrTx, userId: number) => tx.select().from(outbox).where(eq(outbox.userId, userId)).orderBy(sql`${outbox.id} desc`);
