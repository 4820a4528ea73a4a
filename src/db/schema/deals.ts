// Tables of the deals feature: partner teams, deals, their give/get items, the timeline and counter-proposal snapshots.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { areas, users } from './core.ts';
import { DEAL_EVENT_KINDS, DEAL_STATUSES } from '../../domain.ts';

export const partners = sqliteTable(
  'partners',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    lead: text('lead').notNull().default(''),
    contact: text('contact').notNull().default(''),
    /** The services the team runs, free text (one per line). */
    services: text('services').notNull().default(''),
    notes: text('notes').notNull().default(''),
    createdAt: integer('created_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('partners_name_unique').on(sql`lower(${t.name})`)],
);

export const deals = sqliteTable(
  'deals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partnerId: integer('partner_id').notNull().references(() => partners.id),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    ownerId: integer('owner_id').notNull().references(() => users.id),
    status: text('status', { enum: DEAL_STATUSES }).notNull().default('proposed'),
    /** 'YYYY-MM-DD': when the partner needs it; when we committed to deliver. */
    neededBy: text('needed_by'),
    committedDate: text('committed_date'),
    /** Value ratings 1–5 of what we give and what we get: ours, and the partner's (their point of view). */
    ourGiveValue: integer('our_give_value'),
    ourGetValue: integer('our_get_value'),
    partnerGiveValue: integer('partner_give_value'),
    partnerGetValue: integer('partner_get_value'),
    /** A partner user's acceptance of the deal as it stands; cleared when items or dates change. */
    acceptedAt: integer('accepted_at'),
    acceptedBy: integer('accepted_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
    createdBy: integer('created_by').notNull().references(() => users.id),
    updatedAt: integer('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('deals_partner').on(t.partnerId), index('deals_status').on(t.status), index('deals_owner').on(t.ownerId)],
);

export const dealItems = sqliteTable(
  'deal_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dealId: integer('deal_id').notNull().references(() => deals.id),
    side: text('side', { enum: ['give', 'get'] }).notNull(),
    description: text('description').notNull(),
    dueDate: text('due_date'),
    done: integer('done', { mode: 'boolean' }).notNull().default(false),
    doneAt: integer('done_at'),
    /** Gives only: the focus area the work is in and its effort in capacity points. */
    areaId: integer('area_id').references(() => areas.id),
    effort: integer('effort').notNull().default(0),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('deal_items_deal').on(t.dealId)],
);

/** Team members committed to a give item. */
export const dealItemMembers = sqliteTable(
  'deal_item_members',
  {
    itemId: integer('item_id').notNull().references(() => dealItems.id),
    userId: integer('user_id').notNull().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.userId] }), index('deal_item_members_user').on(t.userId)],
);


/** Append-only timeline of a deal: one row per change (a changed field is one row), comment or decision. */
export const dealEvents = sqliteTable(
  'deal_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dealId: integer('deal_id').notNull().references(() => deals.id),
    actorId: integer('actor_id').notNull().references(() => users.id),
    at: integer('at').notNull(),
    kind: text('kind', { enum: DEAL_EVENT_KINDS }).notNull(),
    /** For item events: 'give' or 'get' and the item's description at the time. */
    side: text('side', { enum: ['give', 'get'] }),
    subject: text('subject'),
    field: text('field'),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    /** Comment text or the note of a counter-proposal. */
    body: text('body'),
  },
  (t) => [index('deal_events_deal').on(t.dealId, t.at)],
);

/** The deal as it stood before a counter-proposal: JSON of the deal and its items. */
export const dealVersions = sqliteTable(
  'deal_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dealId: integer('deal_id').notNull().references(() => deals.id),
    version: integer('version').notNull(),
    snapshot: text('snapshot').notNull(),
    createdAt: integer('created_at').notNull(),
    createdBy: integer('created_by').notNull().references(() => users.id),
  },
  (t) => [index('deal_versions_deal').on(t.dealId)],
);
