// Tables of the pairings feature: pairing rounds (draft → accepted), their groups, and study circles.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { areas, users } from './core.ts';

/**
 * A round of pairs. A proposal is stored as a 'draft'; the manager swaps people and accepts it.
 * Proposing again retires the open draft as 'discarded' (kept, never deleted). The current round is the
 * latest 'accepted' one; older accepted rounds are the pair history the rotation goal reads.
 */
export const pairingRounds = sqliteTable(
  'pairing_rounds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    status: text('status', { enum: ['draft', 'accepted', 'discarded'] }).notNull(),
    /** The planner's inputs as JSON (participants, areas, weights, odd mode, locks, forbids). */
    settings: text('settings').notNull(),
    note: text('note').notNull().default(''),
    createdBy: integer('created_by').notNull().references(() => users.id),
    createdAt: integer('created_at').notNull(),
    acceptedBy: integer('accepted_by').references(() => users.id),
    acceptedAt: integer('accepted_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('pairing_rounds_status').on(t.status, t.acceptedAt)],
);

/** One pair, trio or solo of a round, with its score and explanation as computed when it was formed. */
export const pairingGroups = sqliteTable(
  'pairing_groups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    roundId: integer('round_id').notNull().references(() => pairingRounds.id),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['mentoring', 'peers', 'solo'] }).notNull(),
    areaId: integer('area_id').references(() => areas.id),
    /** Integer milli-points, as the planner compares them. */
    scoreUnits: integer('score_units').notNull(),
    /** The planner's structured reason (JSON), rendered into words at display time. */
    reason: text('reason').notNull(),
    locked: integer('locked', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('pairing_groups_round').on(t.roundId, t.position)],
);

export const pairingGroupMembers = sqliteTable(
  'pairing_group_members',
  {
    groupId: integer('group_id').notNull().references(() => pairingGroups.id),
    /** Repeated from the group so the database itself refuses a person twice in one round. */
    roundId: integer('round_id').notNull().references(() => pairingRounds.id),
    userId: integer('user_id').notNull().references(() => users.id),
    role: text('role', { enum: ['mentor', 'learner', 'peer', 'solo'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.userId] }),
    uniqueIndex('pairing_group_members_round_user').on(t.roundId, t.userId),
    index('pairing_group_members_user').on(t.userId),
  ],
);

/** An accepted study circle: an expert leads learners through one area. Ending it keeps the row. */
export const studyCircles = sqliteTable(
  'study_circles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    areaId: integer('area_id').notNull().references(() => areas.id),
    leaderId: integer('leader_id').notNull().references(() => users.id),
    acceptedBy: integer('accepted_by').notNull().references(() => users.id),
    acceptedAt: integer('accepted_at').notNull(),
    endedAt: integer('ended_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('study_circles_area').on(t.areaId)],
);

export const studyCircleMembers = sqliteTable(
  'study_circle_members',
  {
    circleId: integer('circle_id').notNull().references(() => studyCircles.id),
    userId: integer('user_id').notNull().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.circleId, t.userId] }), index('study_circle_members_user').on(t.userId)],
);
