// Deals and partner teams in the database: scoped reads, committed effort, and every write with its timeline rows.
import { and, asc, desc, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { areas, dealEvents, dealItemMembers, dealItems, deals, dealVersions, partners, users } from '../db/schema/index.ts';
import type { DealSide, DealStatus, Role } from '../domain.ts';
import { COMMITTED_STATUSES, FINAL_STATUSES, type MemberLoad } from '../planning/deal-health.ts';

export type DealRow = typeof deals.$inferSelect;
export type DealEvent = typeof dealEvents.$inferSelect & { actorName: string };
/** Who is looking: partners see only their own team's deals. */
export type Viewer = { id: number; role: Role; partnerId: number | null };

export type DealItem = typeof dealItems.$inferSelect & { areaName: string | null; members: Array<{ id: number; name: string; active: boolean }> };
type Names = { partnerName: string; ownerName: string; acceptedByName: string | null; closedAt: number | null };
export type Deal = DealRow & Names & { items: DealItem[] };

// --- reading deals ---

/** The record-level scope of a viewer: a partner sees their own team's deals, nobody else's. */
function scope(viewer: Viewer): SQL | undefined {
  if (viewer.role !== 'partner') return undefined;
  return viewer.partnerId === null ? sql`0` : eq(deals.partnerId, viewer.partnerId);
}

const owner = sql<string>`(select ${users.name} from ${users} where ${users.id} = ${deals.ownerId})`;
const acceptedBy = sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${deals.acceptedBy})`;
/** When the timeline last moved the deal to closed. */
const closedAt = sql<number | null>`(select max(${dealEvents.at}) from ${dealEvents} where ${dealEvents.dealId} = ${deals.id} and ${dealEvents.kind} = 'status' and ${dealEvents.newValue} = 'closed')`;

type ItemJson = [number, number, DealSide, string, string | null, number, number | null, number | null, number, number, string | null];
type MemberJson = [number, number, string, number];

/**
 * The deals' items (by position) with their area names and committed members (by name), in one statement:
 * both lists come as JSON arrays, which JSON.parse reads several times faster than the driver and drizzle
 * build a row object per row (every dashboard reads every live deal's items).
 */
async function withItems(db: DbOrTx, rows: Array<DealRow & Names>): Promise<Deal[]> {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const packed = await db.get<{ items: string | null; members: string | null }>(sql`
    select
      (select json_group_array(json_array(i.id, i.deal_id, i.side, i.description, i.due_date, i.done, i.done_at, i.area_id, i.effort, i.position, a.name))
        from (select * from ${dealItems} where deal_id in (select value from json_each(${ids})) order by position, id) i
        left join ${areas} a on a.id = i.area_id) as items,
      (select json_group_array(json_array(m.item_id, m.id, m.name, m.active))
        from (select dm.item_id, u.id, u.name, u.active from ${dealItemMembers} dm join ${users} u on u.id = dm.user_id
          where dm.item_id in (select id from ${dealItems} where deal_id in (select value from json_each(${ids}))) order by u.name) m) as members`);
  const membersOf = new Map<number, DealItem['members']>();
  for (const [itemId, id, name, active] of JSON.parse(packed?.members ?? '[]') as MemberJson[]) {
    let list = membersOf.get(itemId);
    if (!list) membersOf.set(itemId, (list = []));
    list.push({ id, name, active: Boolean(active) });
  }
  const byDeal = new Map<number, DealItem[]>(rows.map((r) => [r.id, []]));
  for (const [id, dealId, side, description, dueDate, done, doneAt, areaId, effort, position, areaName] of JSON.parse(packed?.items ?? '[]') as ItemJson[]) {
    byDeal.get(dealId)!.push({ id, dealId, side, description, dueDate, done: Boolean(done), doneAt, areaId, effort, position, areaName, members: membersOf.get(id) ?? [] });
  }
  return rows.map((r) => ({ ...r, items: byDeal.get(r.id)! }));
}

function selectDeals(db: DbOrTx) {
  return db
    .select({ deal: deals, partnerName: partners.name, ownerName: owner, acceptedByName: acceptedBy, closedAt })
    .from(deals)
    .innerJoin(partners, eq(partners.id, deals.partnerId));
}

const flatten = (rows: Array<Names & { deal: DealRow }>) => rows.map(({ deal, ...names }) => ({ ...deal, ...names }));

/** `live`: only deals that are not closed or dropped (what the dashboard shows). */
export type DealFilter = { partnerId?: number | null; ownerId?: number | null; live?: boolean };

/** Every deal the viewer may see, with items, newest activity first; `page` takes `limit` of them from `offset`. */
export async function listDeals(db: DbOrTx, viewer: Viewer, filter: DealFilter = {}, page?: { limit: number; offset: number }): Promise<Deal[]> {
  const conds = [
    scope(viewer),
    filter.partnerId ? eq(deals.partnerId, filter.partnerId) : undefined,
    filter.ownerId ? eq(deals.ownerId, filter.ownerId) : undefined,
    filter.live ? notInArray(deals.status, [...FINAL_STATUSES]) : undefined,
  ];
  const query = selectDeals(db)
    .where(and(...conds))
    .orderBy(desc(deals.updatedAt), desc(deals.id));
  return withItems(db, flatten(await (page ? query.limit(page.limit).offset(page.offset) : query)));
}

/** One deal if the viewer may see it; null otherwise (callers answer 404, so guessed ids leak nothing). */
export async function getDeal(db: DbOrTx, id: number, viewer: Viewer): Promise<Deal | null> {
  const rows = await selectDeals(db).where(and(eq(deals.id, id), scope(viewer)));
  const [deal] = await withItems(db, flatten(rows));
  return deal ?? null;
}

export async function dealTimeline(db: DbOrTx, dealId: number): Promise<DealEvent[]> {
  const rows = await db
    .select({ event: dealEvents, actorName: users.name })
    .from(dealEvents)
    .innerJoin(users, eq(users.id, dealEvents.actorId))
    .where(eq(dealEvents.dealId, dealId))
    .orderBy(desc(dealEvents.at), desc(dealEvents.id));
  return rows.map((r) => ({ ...r.event, actorName: r.actorName }));
}

/** The version kept before the latest counter-proposal, if any. */
export async function latestCounterVersion(db: DbOrTx, dealId: number) {
  const [row] = await db
    .select({ version: dealVersions, byName: users.name })
    .from(dealVersions)
    .innerJoin(users, eq(users.id, dealVersions.createdBy))
    .where(eq(dealVersions.dealId, dealId))
    .orderBy(desc(dealVersions.id))
    .limit(1);
  return row ? { ...row.version, byName: row.byName } : null;
}

/** For linking work items to deals: id, title and partner name of every deal that is not dropped. */
export async function listDealOptions(db: DbOrTx): Promise<Array<{ id: number; title: string; partnerName: string; status: DealStatus }>> {
  return db
    .select({ id: deals.id, title: deals.title, partnerName: partners.name, status: deals.status })
    .from(deals)
    .innerJoin(partners, eq(partners.id, deals.partnerId))
    .where(sql`${deals.status} <> 'dropped'`)
    .orderBy(asc(partners.name), asc(deals.title));
}

/** Deals by id (id, title, partner name, status) for showing links; unknown ids are left out. */
export async function dealsByIds(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return new Map<number, { id: number; title: string; partnerName: string; status: DealStatus }>();
  const rows = await db
    .select({ id: deals.id, title: deals.title, partnerName: partners.name, status: deals.status })
    .from(deals)
    .innerJoin(partners, eq(partners.id, deals.partnerId))
    .where(inArray(deals.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

// --- committed effort ---

/**
 * Effort points each member has committed to partners: the open (not done) gives of deals that are
 * agreed or in delivery. A give's effort is split evenly among its committed members (two people
 * sharing a 6-point give carry 3 each), so the team's total equals the gives' total. `from`/`to`
 * ('YYYY-MM-DD', inclusive) keep gives due in that window; gives without a due date always count,
 * since nothing says they fall outside it.
 */
export async function committedEffortByMember(db: DbOrTx, window: { from?: string; to?: string } = {}): Promise<Map<number, number>> {
  const rows = await db
    .select({ itemId: dealItems.id, effort: dealItems.effort, userId: dealItemMembers.userId, dueDate: dealItems.dueDate })
    .from(dealItems)
    .innerJoin(deals, eq(deals.id, dealItems.dealId))
    .innerJoin(dealItemMembers, eq(dealItemMembers.itemId, dealItems.id))
    .where(
      and(
        eq(dealItems.side, 'give'),
        eq(dealItems.done, false),
        inArray(deals.status, [...COMMITTED_STATUSES]),
        window.from ? sql`(${dealItems.dueDate} is null or ${dealItems.dueDate} >= ${window.from})` : undefined,
        window.to ? sql`(${dealItems.dueDate} is null or ${dealItems.dueDate} <= ${window.to})` : undefined,
      ),
    );
  const share = new Map<number, number>();
  for (const r of rows) share.set(r.itemId, (share.get(r.itemId) ?? 0) + 1);
  const result = new Map<number, number>();
  for (const r of rows) result.set(r.userId, (result.get(r.userId) ?? 0) + r.effort / share.get(r.itemId)!);
  return result;
}

/**
 * Capacity and committed effort of the active team members on any deal item, for the "over capacity" health
 * check (it looks only at an item's members, so the rest of the team is never read).
 */
export async function memberLoad(db: DbOrTx): Promise<MemberLoad> {
  const [team, committed] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, capacity: users.capacity })
      .from(users)
      .where(and(sql`${users.role} in ('manager','member') and ${users.active} = 1`, inArray(users.id, db.selectDistinct({ id: dealItemMembers.userId }).from(dealItemMembers)))),
    committedEffortByMember(db),
  ]);
  return new Map(team.map((m) => [m.id, { name: m.name, capacity: m.capacity, committed: committed.get(m.id) ?? 0 }]));
}

/** What the health check may know of members' load: the team sees capacity, a partner is not shown our members' capacity. */
export async function healthLoad(db: DbOrTx, viewer: Viewer): Promise<MemberLoad> {
  return viewer.role === 'partner' ? new Map() : memberLoad(db);
}

// --- writing deals ---

export type ItemInput = {
  id?: number;
  side: DealSide;
  description: string;
  dueDate: string | null;
  areaId: number | null;
  effort: number;
  memberIds: number[];
};
export type DealInput = {
  title: string;
  partnerId: number;
  ownerId: number;
  summary: string;
  neededBy: string | null;
  committedDate: string | null;
  /** The full item list after the edit: items with an id are kept (and changed), the rest are new. */
  items: ItemInput[];
};

type Event = Omit<typeof dealEvents.$inferInsert, 'dealId' | 'actorId' | 'at'>;

async function writeItems(tx: DbOrTx, dealId: number, items: ItemInput[]) {
  for (const [position, item] of items.entries()) {
    const values = { side: item.side, description: item.description, dueDate: item.dueDate, areaId: item.side === 'give' ? item.areaId : null, effort: item.side === 'give' ? item.effort : 0, position };
    let id = item.id;
    if (id) {
      await tx.update(dealItems).set(values).where(and(eq(dealItems.id, id), eq(dealItems.dealId, dealId)));
      await tx.delete(dealItemMembers).where(eq(dealItemMembers.itemId, id));
    } else {
      [{ id }] = await tx.insert(dealItems).values({ ...values, dealId }).returning({ id: dealItems.id });
    }
    if (item.side === 'give' && item.memberIds.length) await tx.insert(dealItemMembers).values(item.memberIds.map((userId) => ({ itemId: id!, userId })));
  }
}

async function log(tx: DbOrTx, dealId: number, actorId: number, now: Date, events: Event[]) {
  if (events.length) await tx.insert(dealEvents).values(events.map((e) => ({ ...e, dealId, actorId, at: now.getTime() })));
}

export async function createDeal(db: Db, input: DealInput, actorId: number, now: Date): Promise<number> {
  return db.transaction(
    async (tx) => {
      const { items, ...fields } = input;
      const [{ id }] = await tx
        .insert(deals)
        .values({ ...fields, status: 'proposed', createdAt: now.getTime(), createdBy: actorId, updatedAt: now.getTime() })
        .returning({ id: deals.id });
      await writeItems(tx, id, items);
      await log(tx, id, actorId, now, [{ kind: 'created', newValue: input.title }]);
      return id;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Bumps the deal's version if it is still at `version`, then runs `write` in the same transaction.
 * Returns false (and writes nothing) when someone else changed the deal meanwhile.
 */
export async function withVersion(
  db: Db,
  dealId: number,
  version: number,
  set: Partial<typeof deals.$inferInsert>,
  now: Date,
  write: (tx: DbOrTx) => Promise<void> = async () => {},
): Promise<boolean> {
  return db.transaction(
    async (tx) => {
      const bumped = await tx
        .update(deals)
        .set({ ...set, updatedAt: now.getTime(), version: sql`${deals.version} + 1` })
        .where(and(eq(deals.id, dealId), eq(deals.version, version)))
        .returning({ id: deals.id });
      if (bumped.length === 0) return false;
      await write(tx);
      return true;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Saves an edited deal (fields and the full item list) with one timeline row per change. A counter-proposal
 * also keeps the previous version as a snapshot, returns the deal to negotiating and clears an acceptance.
 */
export async function saveDeal(
  db: Db,
  current: Deal,
  version: number,
  input: DealInput,
  changes: Event[],
  actorId: number,
  now: Date,
  counter?: { note: string; snapshot: unknown },
  then?: (tx: DbOrTx) => Promise<void>,
): Promise<boolean> {
  const { items, ...fields } = input;
  const contentChanged = changes.length > 0;
  const status: DealStatus = counter ? 'negotiating' : current.status;
  const set: Partial<typeof deals.$inferInsert> = { ...fields, status, ...(contentChanged || counter ? { acceptedAt: null, acceptedBy: null } : {}) };
  return withVersion(db, current.id, version, set, now, async (tx) => {
    const keep = new Set(items.filter((i) => i.id).map((i) => i.id!));
    const removed = current.items.filter((i) => !keep.has(i.id)).map((i) => i.id);
    if (removed.length) {
      await tx.delete(dealItemMembers).where(inArray(dealItemMembers.itemId, removed));
      await tx.delete(dealItems).where(inArray(dealItems.id, removed));
    }
    await writeItems(tx, current.id, items);
    // The timeline lists newest first (same time: highest id first), so the counter-proposal is logged last and reads above its changes.
    const events: Event[] = [...changes];
    if (counter) {
      await tx.insert(dealVersions).values({ dealId: current.id, version, snapshot: JSON.stringify(counter.snapshot), createdAt: now.getTime(), createdBy: actorId });
      if (status !== current.status) events.push({ kind: 'status', oldValue: current.status, newValue: status });
      events.push({ kind: 'counter', body: counter.note });
    }
    await log(tx, current.id, actorId, now, events);
    await then?.(tx);
  });
}

export async function moveDeal(db: Db, deal: Deal, version: number, to: DealStatus, actorId: number, now: Date) {
  return withVersion(db, deal.id, version, { status: to }, now, (tx) => log(tx, deal.id, actorId, now, [{ kind: 'status', oldValue: deal.status, newValue: to }]));
}

/** Comments do not bump the deal's version: adding one never makes someone else's edit stale. */
export async function addComment(db: Db, dealId: number, body: string, actorId: number, now: Date) {
  await db.transaction(async (tx) => {
    await tx.update(deals).set({ updatedAt: now.getTime() }).where(eq(deals.id, dealId));
    await log(tx, dealId, actorId, now, [{ kind: 'comment', body }]);
  });
}

/** Team members rate our side's view, partner users theirs. */
export async function rateDeal(db: Db, deal: Deal, version: number, values: { give: number; get: number }, viewer: Viewer, now: Date) {
  const partner = viewer.role === 'partner';
  const [giveCol, getCol] = partner ? (['partnerGiveValue', 'partnerGetValue'] as const) : (['ourGiveValue', 'ourGetValue'] as const);
  const events: Event[] = (
    [
      [giveCol, deal[giveCol], values.give],
      [getCol, deal[getCol], values.get],
    ] as const
  )
    .filter(([, old, value]) => old !== value)
    .map(([field, old, value]) => ({ kind: 'rating' as const, field, oldValue: old === null ? null : String(old), newValue: String(value) }));
  return withVersion(db, deal.id, version, { [giveCol]: values.give, [getCol]: values.get }, now, (tx) => log(tx, deal.id, viewer.id, now, events));
}

/** `then` runs in the same transaction (the managers' review notice when a partner accepts). */
export async function acceptDeal(db: Db, deal: Deal, version: number, actorId: number, now: Date, then?: (tx: DbOrTx) => Promise<void>) {
  return withVersion(db, deal.id, version, { acceptedAt: now.getTime(), acceptedBy: actorId }, now, async (tx) => {
    await log(tx, deal.id, actorId, now, [{ kind: 'accepted', newValue: deal.status }]);
    await then?.(tx);
  });
}

export async function setItemDone(db: Db, deal: Deal, version: number, item: DealItem, done: boolean, actorId: number, now: Date) {
  return withVersion(db, deal.id, version, {}, now, async (tx) => {
    await tx.update(dealItems).set({ done, doneAt: done ? now.getTime() : null }).where(eq(dealItems.id, item.id));
    await log(tx, deal.id, actorId, now, [{ kind: done ? 'item_done' : 'item_reopened', side: item.side, subject: item.description }]);
  });
}
