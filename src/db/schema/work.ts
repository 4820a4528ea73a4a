// Tables of the work feature: planning cycles and capacities, work items with required areas, planner runs.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { areas, users } from './core.ts';
import { WORK_KINDS, WORK_PRIORITIES, WORK_STATUSES } from '../../domain.ts';

/** A planning cycle such as "2027 Q1"; dates are 'YYYY-MM-DD'. Editing capacities bumps its version too. */
export const workCycles = sqliteTable(
  'work_cycles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    createdAt: integer('created_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('work_cycles_name').on(t.name), index('work_cycles_start').on(t.startDate)],
);

/** A member's points in one cycle when it differs from their profile capacity (leave, part-time). */
export const workCycleCapacities = sqliteTable(
  'work_cycle_capacities',
  {
    cycleId: integer('cycle_id').notNull().references(() => workCycles.id),
    userId: integer('user_id').notNull().references(() => users.id),
    capacity: integer('capacity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.userId] })],
);

export const workItems = sqliteTable(
  'work_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    kind: text('kind', { enum: WORK_KINDS }).notNull(),
    /** The service or product the item feeds, free text ('' = none). */
    feeds: text('feeds').notNull().default(''),
    /** An optional partner deal (the deals feature's table); no foreign key so either feature can ship first. */
    dealId: integer('deal_id'),
    effort: integer('effort').notNull(),
    priority: text('priority', { enum: WORK_PRIORITIES }).notNull().default('normal'),
    dueDate: text('due_date'),
    status: text('status', { enum: WORK_STATUSES }).notNull().default('open'),
    cycleId: integer('cycle_id').references(() => workCycles.id),
    ownerId: integer('owner_id').references(() => users.id),
    /** A learning buddy: below a required minimum, interested in growing there. */
    buddyId: integer('buddy_id').references(() => users.id),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('work_items_cycle').on(t.cycleId, t.status), index('work_items_owner').on(t.ownerId), index('work_items_buddy').on(t.buddyId)],
);

export const workItemAreas = sqliteTable(
  'work_item_areas',
  {
    itemId: integer('item_id').notNull().references(() => workItems.id),
    areaId: integer('area_id').notNull().references(() => areas.id),
    minLevel: integer('min_level').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.areaId] }), index('work_item_areas_area').on(t.areaId)],
);

/**
 * One run of the work-split planner. Kept in the database (not process memory) so any app instance
 * can show its progress and result. `input` is the planner input with the manager's pins and
 * exclusions; `itemVersions` is what accepting checks against; `inputHash` lets an identical request
 * reuse a run instead of solving again.
 */
export const planRuns = sqliteTable(
  'plan_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cycleId: integer('cycle_id').notNull().references(() => workCycles.id),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    inputHash: text('input_hash').notNull(),
    input: text('input').notNull(),
    /** JSON [[itemId, version], …] of the items planned. */
    itemVersions: text('item_versions').notNull(),
    timeLimitSec: integer('time_limit_sec').notNull(),
    /** The latest progress report (JSON), while running. */
    progress: text('progress'),
    /** The planner's result (JSON) once done. */
    result: text('result'),
    error: text('error'),
    createdBy: integer('created_by').notNull().references(() => users.id),
    createdAt: integer('created_at').notNull(),
    finishedAt: integer('finished_at'),
    /** The app process solving it (pid and a random id per start), so a run whose process is gone is known at once. */
    ownerInstance: text('owner_instance'),
    /** Wall-clock ms of the owner's last sign of life; it beats every second while the worker solves. */
    heartbeatAt: integer('heartbeat_at'),
    acceptedBy: integer('accepted_by').references(() => users.id),
    acceptedAt: integer('accepted_at'),
  },
  (t) => [index('plan_runs_cycle').on(t.cycleId, t.createdAt), index('plan_runs_hash').on(t.inputHash)],
);
