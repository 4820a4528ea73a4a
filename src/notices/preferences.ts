// Each person's channel per kind of message: the defaults, reading them, and saving the form with a version check.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { noticePreferences, noticePreferenceVersions } from '../db/schema/index.ts';
import { NOTICE_KINDS, type NoticeChannel, type NoticeKind } from '../domain.ts';

/** Without a saved choice every kind goes by e-mail (the weekly digest included); "none" keeps it in the app. */
export const DEFAULT_CHANNEL: Record<NoticeKind, NoticeChannel> = {
  invitation: 'email',
  dueItem: 'email',
  digest: 'email',
  study: 'email',
  round: 'email',
  dealReview: 'email',
};

/**
 * The channels a kind may use. A set-password link is a secret for one person: it never goes to the team's
 * messenger channel, where everybody reads it.
 */
export const CHANNELS_OF: Record<NoticeKind, readonly NoticeChannel[]> = {
  invitation: ['email', 'none'],
  dueItem: ['email', 'messenger', 'none'],
  digest: ['email', 'messenger', 'none'],
  study: ['email', 'messenger', 'none'],
  round: ['email', 'messenger', 'none'],
  dealReview: ['email', 'messenger', 'none'],
};

export type Preferences = { channels: Record<NoticeKind, NoticeChannel>; version: number };

/** One person's preferences, defaults filled in (two statements). */
export async function preferencesOf(db: DbOrTx, userId: number): Promise<Preferences> {
  const [rows, [v]] = await Promise.all([
    db.select({ kind: noticePreferences.kind, channel: noticePreferences.channel }).from(noticePreferences).where(eq(noticePreferences.userId, userId)),
    db.select({ version: noticePreferenceVersions.version }).from(noticePreferenceVersions).where(eq(noticePreferenceVersions.userId, userId)),
  ]);
  const channels = { ...DEFAULT_CHANNEL };
  for (const r of rows) if (CHANNELS_OF[r.kind].includes(r.channel)) channels[r.kind] = r.channel;
  return { channels, version: v?.version ?? 0 };
}

/**
 * Saves every kind's channel if the person's preferences are still at `version` (0: never saved). One
 * transaction; false and nothing written when another tab saved meanwhile.
 */
export async function savePreferences(db: Db, userId: number, version: number, channels: Record<NoticeKind, NoticeChannel>): Promise<boolean> {
  return db.transaction(
    async (tx) => {
      const bumped =
        version === 0
          ? await tx.insert(noticePreferenceVersions).values({ userId, version: 1 }).onConflictDoNothing().returning({ userId: noticePreferenceVersions.userId })
          : await tx
              .update(noticePreferenceVersions)
              .set({ version: sql`${noticePreferenceVersions.version} + 1` })
              .where(and(eq(noticePreferenceVersions.userId, userId), eq(noticePreferenceVersions.version, version)))
              .returning({ userId: noticePreferenceVersions.userId });
      if (bumped.length === 0) return false;
      await tx.delete(noticePreferences).where(and(eq(noticePreferences.userId, userId), inArray(noticePreferences.kind, [...NOTICE_KINDS])));
      await tx.insert(noticePreferences).values(NOTICE_KINDS.map((kind) => ({ userId, kind, channel: channels[kind] })));
      return true;
    },
    { behavior: 'immediate' },
  );
}
