// Tables of reminders and notices: the outbox the sender delivers from, the in-app notices, each person's
// channel per kind of message, and the scheduler's record of which periods it has already enqueued.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './core.ts';
import { NOTICE_KINDS, NOTICE_CHANNELS } from '../../domain.ts';

/**
 * One message to deliver over one channel. Written in the same transaction as the change that causes it;
 * a sender claims due rows with a lease (`leaseOwner`, `leaseUntil`), delivers, and marks them sent only
 * while it still holds the lease. `dedupeKey` makes enqueueing the same message twice a no-op.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').notNull().references(() => users.id),
    kind: text('kind', { enum: NOTICE_KINDS }).notNull(),
    channel: text('channel', { enum: ['email', 'messenger'] }).notNull(),
    /** JSON { lang, link, params, to }: everything needed to render and address it later, in the recipient's language. */
    payload: text('payload').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    leaseOwner: text('lease_owner'),
    leaseUntil: integer('lease_until'),
    sentAt: integer('sent_at'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('outbox_dedupe').on(t.dedupeKey), index('outbox_due').on(t.status, t.nextAttemptAt)],
);

/** Every message also shows in the app, for its recipient: /notices, with an unread count in the header. */
export const notices = sqliteTable(
  'notices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').notNull().references(() => users.id),
    kind: text('kind', { enum: NOTICE_KINDS }).notNull(),
    /** JSON { link, params }: rendered in the viewer's language when shown. */
    payload: text('payload').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
  },
  (t) => [uniqueIndex('notices_dedupe').on(t.dedupeKey), index('notices_user').on(t.userId, t.readAt, t.createdAt)],
);

/** A person's channel for one kind of message; no row: the kind's default (src/notices/preferences.ts). */
export const noticePreferences = sqliteTable(
  'notice_preferences',
  {
    userId: integer('user_id').notNull().references(() => users.id),
    kind: text('kind', { enum: NOTICE_KINDS }).notNull(),
    channel: text('channel', { enum: NOTICE_CHANNELS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/** The version of a person's preferences as a whole (the form carries it; a stale save answers 409). */
export const noticePreferenceVersions = sqliteTable('notice_preference_versions', {
  userId: integer('user_id').primaryKey().references(() => users.id),
  version: integer('version').notNull().default(1),
});

/** One row per scheduled job and period ('digest', '2026-W45'): inserted in the transaction that enqueues that period's messages. */
export const scheduledRuns = sqliteTable(
  'scheduled_runs',
  {
    job: text('job').notNull(),
    period: text('period').notNull(),
    ranAt: integer('ran_at').notNull(),
    owner: text('owner').notNull(),
  },
  (t) => [primaryKey({ columns: [t.job, t.period] })],
);
