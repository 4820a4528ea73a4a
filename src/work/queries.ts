// Work items, planning cycles and capacities: reads in a constant number of queries, version-checked writes.
import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { users, workCycleCapacities, workCycles, workItemAreas, workItems } from '../db/schema/index.ts';
import type { WorkKind, WorkStatus } from '../domain.ts';
import { listAreas } from '../areas/queries.ts';
import { listTeam } from '../members/queries.ts';
import { teamLevels } from '../ratings/queries.ts';
import type { Priority } from '../planning/work-split/index.ts';
import type { BalanceItem } from '../planning/work-balance.ts';

export type Cycle = typeof workCycles.$inferSelect;
export type WorkItemRow = typeof workItems.$inferSelect;
export type RequirementInput = { areaId: number; minLevel: number };
export type ItemWithDetails = WorkItemRow & { requirements: RequirementInput[]; ownerName: string | null; buddyName: string | null };

/** The largest id a form or a filter may name (ids are at most nine digits). */
export const MAX_ID = 999_999_999;

// ---------------------------------------------------------------------------------------------
// Cycles and capacities.

/** Newest first. */
export async function listCycles(db: DbOrTx): Promise<Cycle[]> {
  return db.select().from(workCycles).orderBy(desc(workCycles.startDate), desc(workCycles.id));
}

export async function getCycle(db: DbOrTx, id: number): Promise<Cycle | null> {
  const [row] = await db.select().from(workCycles).where(eq(workCycles.id, id));
  return row ?? null;
}

/** The cycle running today; else the next one to start; else the latest past one. */
export function currentCycle(cycles: readonly Cycle[], today: string): Cycle | null {
  const running = cycles.find((c) => c.startDate <= today && today <= c.endDate);
  if (running) return running;
  const upcoming = cycles.filter((c) => c.startDate > today).sort((a, b) => a.startDate.localeCompare(b.startDate))[0];
  return upcoming ?? cycles.find((c) => c.endDate < today) ?? null;
}

/** Cycle id (null = the backlog) → how many items it holds. */
export async function itemCountsByCycle(db: DbOrTx): Promise<Map<number | null, number>> {
  const rows = await db.select({ cycleId: workItems.cycleId, n: count() }).from(workItems).groupBy(workItems.cycleId);
  return new Map(rows.map((r) => [r.cycleId, r.n]));
}

export type CycleInput = { name: string; startDate: string; endDate: string };

export async function cycleNameTaken(db: DbOrTx, name: string, exceptId?: number): Promise<boolean> {
  const [row] = await db
    .select({ id: workCycles.id })
    .from(workCycles)
    .where(and(sql`lower(${workCycles.name}) = ${name.toLowerCase()}`, exceptId ? sql`${workCycles.id} <> ${exceptId}` : undefined));
  return Boolean(row);
}

export async function insertCycle(db: DbOrTx, input: CycleInput, now: Date): Promise<Cycle> {
  const [row] = await db.insert(workCycles).values({ ...input, createdAt: now.getTime() }).returning();
  return row;
}

export async function updateCycle(db: DbOrTx, id: number, version: number, input: CycleInput): Promise<Cycle | null> {
  const [row] = await db
    .update(workCycles)
    .set({ ...input, version: sql`${workCycles.version} + 1` })
    .where(and(eq(workCycles.id, id), eq(workCycles.version, version)))
    .returning();
  return row ?? null;
}

/** Per-cycle overrides only: user id → points. */
export async function capacityOverrides(db: DbOrTx, cycleId: number): Promise<Map<number, number>> {
  const rows = await db.select().from(workCycleCapacities).where(eq(workCycleCapacities.cycleId, cycleId));
  return new Map(rows.map((r) => [r.userId, r.capacity]));
}

/**
 * Saves the cycle's capacities (null = the member's profile capacity) if the cycle is still at
 * `version`; false means someone changed the cycle meanwhile and nothing was written.
 */
export async function saveCapacities(db: Db, cycleId: number, version: number, entries: ReadonlyArray<{ userId: number; capacity: number | null }>): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [bumped] = await tx
      .update(workCycles)
      .set({ version: sql`${workCycles.version} + 1` })
      .where(and(eq(workCycles.id, cycleId), eq(workCycles.version, version)))
      .returning({ id: workCycles.id });
    if (!bumped) return false;
    const userIds = entries.map((e) => e.userId);
    if (userIds.length > 0) await tx.delete(workCycleCapacities).where(and(eq(workCycleCapacities.cycleId, cycleId), inArray(workCycleCapacities.userId, userIds)));
    const rows = entries.filter((e) => e.capacity !== null).map((e) => ({ cycleId, userId: e.userId, capacity: e.capacity! }));
    if (rows.length > 0) await tx.insert(workCycleCapacities).values(rows);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Work items.

/** `cycleId: null` = items in no cycle (the backlog); `ownerId: null` = unowned items. */
/** `active`: only work still ahead (neither done nor dropped). */
export type ItemFilter = { cycleId?: number | null; kind?: WorkKind; status?: WorkStatus; areaId?: number; ownerId?: number | null; involving?: number; active?: boolean };

function itemConditions(filter: ItemFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.cycleId !== undefined) conditions.push(filter.cycleId === null ? isNull(workItems.cycleId) : eq(workItems.cycleId, filter.cycleId));
  if (filter.kind) conditions.push(eq(workItems.kind, filter.kind));
  if (filter.status) conditions.push(eq(workItems.status, filter.status));
  if (filter.ownerId !== undefined) conditions.push(filter.ownerId === null ? isNull(workItems.ownerId) : eq(workItems.ownerId, filter.ownerId));
  if (filter.involving !== undefined) conditions.push(or(eq(workItems.ownerId, filter.involving), eq(workItems.buddyId, filter.involving))!);
  if (filter.areaId !== undefined) {
    conditions.push(sql`exists (select 1 from ${workItemAreas} where ${workItemAreas.itemId} = ${workItems.id} and ${workItemAreas.areaId} = ${filter.areaId})`);
  }
  if (filter.active) conditions.push(sql`${workItems.status} not in ('done', 'dropped')`);
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/** How many items the filter keeps. */
export async function countItems(db: DbOrTx, filter: ItemFilter = {}): Promise<number> {
  const [row] = await db.select({ n: count() }).from(workItems).where(itemConditions(filter));
  return row?.n ?? 0;
}

/** The order of every item list: high priority first, then the soonest due (undated last), then the oldest. */
const ITEM_ORDER = [sql`case ${workItems.priority} when 'high' then 0 when 'normal' then 1 else 2 end`, sql`${workItems.dueDate} is null`, asc(workItems.dueDate), asc(workItems.id)];

/**
 * Items with their requirements and the names of owner and buddy (three queries whatever the count),
 * high priority and soonest due first; `page` takes one slice of that order.
 */
export async function listItems(db: DbOrTx, filter: ItemFilter = {}, page?: { limit: number; offset: number }): Promise<ItemWithDetails[]> {
  const query = db
    .select()
    .from(workItems)
    .where(itemConditions(filter))
    .orderBy(...ITEM_ORDER);
  return withDetails(db, await (page ? query.limit(page.limit).offset(page.offset) : query));
}

/**
 * What the research/service balance and the trap flags read of each item (no description, dates or people's
 * names), with its requirements, in `listItems`' order: one statement whose rows come back as one JSON array.
 * The manager's dashboard and /work read every item of a cycle for these; `listItems` would build a row object
 * of every column per item and read the owners' names besides.
 */
export async function balanceItems(db: DbOrTx, filter: Pick<ItemFilter, 'cycleId' | 'active'>): Promise<BalanceItem[]> {
  const listed = db
    .select({ id: workItems.id, title: workItems.title, kind: workItems.kind, effort: workItems.effort, status: workItems.status, ownerId: workItems.ownerId, cycleId: workItems.cycleId, feeds: workItems.feeds, dealId: workItems.dealId })
    .from(workItems)
    .where(itemConditions(filter))
    .orderBy(...ITEM_ORDER)
    .as('listed');
  // Two arrays, the items (in the list's order) and every requirement of the same items: JSON built once, never
  // parsed again inside SQLite (a JSON value read back from a subquery is text and would have to be).
  const [row] = await db
    .select({
      items: sql<string | null>`json_group_array(json_array(${listed.id}, ${listed.title}, ${listed.kind}, ${listed.effort}, ${listed.status}, ${listed.ownerId}, ${listed.cycleId}, ${listed.feeds}, ${listed.dealId}))`,
      requirements: sql<string | null>`(select json_group_array(json_array(r.item_id, r.area_id, r.min_level)) from (select r.item_id, r.area_id, r.min_level from ${workItemAreas} r
        where r.item_id in (select ${workItems.id} from ${workItems} where ${itemConditions(filter) ?? sql`1`}) order by r.item_id, r.min_level desc, r.area_id) r)`,
    })
    .from(listed);
  const requirementsOf = new Map<number, Array<{ areaId: number; minLevel: number }>>();
  for (const [itemId, areaId, minLevel] of JSON.parse(row?.requirements ?? '[]') as Array<[number, number, number]>) {
    let list = requirementsOf.get(itemId);
    if (!list) requirementsOf.set(itemId, (list = []));
    list.push({ areaId, minLevel });
  }
  type Packed = [number, string, WorkKind, number, WorkStatus, number | null, number | null, string, number | null];
  return (JSON.parse(row?.items ?? '[]') as Packed[]).map(([id, title, kind, effort, status, ownerId, cycleId, feeds, dealId]) => ({
    id,
    title,
    kind,
    effort,
    status,
    ownerId,
    cycleId,
    feeds,
    dealId,
    requirements: requirementsOf.get(id) ?? [],
  }));
}

export async function getItem(db: DbOrTx, id: number): Promise<ItemWithDetails | null> {
  const [item] = await withDetails(db, await db.select().from(workItems).where(eq(workItems.id, id)));
  return item ?? null;
}

/**
 * The items' requirements (highest minimum first) and their owners' and buddies' names, in one statement:
 * both as JSON arrays, which JSON.parse reads several times faster than building a row object per row.
 */
async function withDetails(db: DbOrTx, rows: WorkItemRow[]): Promise<ItemWithDetails[]> {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const peopleIds = JSON.stringify([...new Set(rows.flatMap((i) => [i.ownerId, i.buddyId]).filter((v): v is number => v !== null))]);
  const packed = await db.get<{ requirements: string | null; names: string | null }>(sql`
    select
      (select json_group_array(json_array(item_id, area_id, min_level)) from (select item_id, area_id, min_level from ${workItemAreas}
        where item_id in (select value from json_each(${ids})) order by min_level desc, area_id)) as requirements,
      (select json_group_array(json_array(id, name)) from ${users} where id in (select value from json_each(${peopleIds}))) as names`);
  const requirements = new Map<number, RequirementInput[]>();
  for (const [itemId, areaId, minLevel] of JSON.parse(packed?.requirements ?? '[]') as Array<[number, number, number]>) {
    let list = requirements.get(itemId);
    if (!list) requirements.set(itemId, (list = []));
    list.push({ areaId, minLevel });
  }
  const names = new Map(JSON.parse(packed?.names ?? '[]') as Array<[number, string]>);
  const nameOf = (id: number | null) => (id === null ? null : (names.get(id) ?? null));
  return rows.map((i) => ({ ...i, requirements: requirements.get(i.id) ?? [], ownerName: nameOf(i.ownerId), buddyName: nameOf(i.buddyId) }));
}

export type Person = { id: number; name: string; active: boolean; role: string };

/** The people with these ids, in one query (ids that do not exist are simply missing). */
export async function peopleByIds(db: DbOrTx, ids: readonly number[]): Promise<Map<number, Person>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name, active: users.active, role: users.role }).from(users).where(inArray(users.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r]));
}

export type ItemInput = {
  title: string;
  description: string;
  kind: WorkKind;
  feeds: string;
  dealId: number | null;
  effort: number;
  priority: Priority;
  dueDate: string | null;
  status: WorkStatus;
  cycleId: number | null;
  ownerId: number | null;
  buddyId: number | null;
  requirements: RequirementInput[];
};

export async function insertItem(db: Db, input: ItemInput, now: Date): Promise<WorkItemRow> {
  return db.transaction(async (tx) => {
    const { requirements, ...values } = input;
    const [row] = await tx.insert(workItems).values({ ...values, createdAt: now.getTime(), updatedAt: now.getTime() }).returning();
    if (requirements.length > 0) await tx.insert(workItemAreas).values(requirements.map((r) => ({ itemId: row.id, ...r })));
    return row;
  });
}

/** Replaces an item's fields and requirements if it is still at `version`; null when someone changed it meanwhile. */
export async function updateItem(db: Db, id: number, version: number, input: ItemInput, now: Date): Promise<WorkItemRow | null> {
  return db.transaction(async (tx) => {
    const { requirements, ...values } = input;
    const [row] = await tx
      .update(workItems)
      .set({ ...values, updatedAt: now.getTime(), version: sql`${workItems.version} + 1` })
      .where(and(eq(workItems.id, id), eq(workItems.version, version)))
      .returning();
    if (!row) return null;
    await tx.delete(workItemAreas).where(eq(workItemAreas.itemId, id));
    if (requirements.length > 0) await tx.insert(workItemAreas).values(requirements.map((r) => ({ itemId: id, ...r })));
    return row;
  });
}

export async function setItemStatus(db: DbOrTx, id: number, version: number, status: WorkStatus, now: Date): Promise<WorkItemRow | null> {
  const [row] = await db
    .update(workItems)
    .set({ status, updatedAt: now.getTime(), version: sql`${workItems.version} + 1` })
    .where(and(eq(workItems.id, id), eq(workItems.version, version)))
    .returning();
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// The team as planning sees it.

export type TeamMember = Awaited<ReturnType<typeof listTeam>>[number] & {
  /** Effective level by area id, only rated non-archived areas. */
  levels: Record<number, number>;
  interests: Record<number, number>;
};

/** Active team members with effective levels and interests in the non-archived areas, and those areas' names. */
export async function teamWithLevels(db: DbOrTx): Promise<{ members: TeamMember[]; areaNames: Record<number, string> }> {
  const { members, areas } = await teamLevels(db);
  return { members, areaNames: Object.fromEntries(areas.map((a) => [a.id, a.name])) };
}

/**
 * The owner filter's choices: the people who own a work item (a filter on anyone else finds nothing),
 * plus the one the filter names now so the form shows it; id and name only. Not the whole team: a
 * select of 1,000 people was 40 kB of the page.
 */
export async function ownerChoices(db: DbOrTx, selectedId: number | null): Promise<Array<{ id: number; name: string }>> {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(sql`${users.id} in (select ${workItems.ownerId} from ${workItems}) or ${users.id} = ${selectedId ?? 0}`);
}

/** A member as planning needs them. */
export type PlanMember = Pick<TeamMember, 'id' | 'name' | 'role' | 'capacity' | 'levels' | 'interests'>;

/** Active members (not managers) without reading a single rating: for pages that show the plan but do not solve. */
export async function teamWithoutLevels(db: DbOrTx): Promise<{ members: PlanMember[]; areaNames: Record<number, string> }> {
  const [team, areas] = await Promise.all([
    db.select({ id: users.id, name: users.name, role: users.role, capacity: users.capacity }).from(users).where(and(eq(users.role, 'member'), eq(users.active, true))),
    listAreas(db),
  ]);
  return { members: team.map((m) => ({ ...m, levels: {}, interests: {} })), areaNames: Object.fromEntries(areas.map((a) => [a.id, a.name])) };
}
