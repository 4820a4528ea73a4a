// Focus areas and their categories: reading, creating, editing, ordering and archiving them.
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { areas, categories } from '../db/schema/index.ts';
import { preparedPer } from '../db/prepared.ts';

export type Area = typeof areas.$inferSelect;
export type AreaInput = {
  name: string;
  categoryId: number | null;
  /** A category to create (or find by name) in the same transaction; wins over `categoryId`. */
  newCategory?: string;
  description: string;
  targetLevel: number;
  minExperts: number;
  rubric: string[] | null;
};

export async function listCategories(db: DbOrTx) {
  return db.select().from(categories).orderBy(asc(categories.position), asc(categories.name));
}

const areasInOrder = (db: DbOrTx, includeArchived: boolean) =>
  db
    .select({ area: areas, categoryName: categories.name, categoryPosition: categories.position })
    .from(areas)
    .leftJoin(categories, eq(categories.id, areas.categoryId))
    .where(includeArchived ? undefined : isNull(areas.archivedAt))
    .orderBy(sql`${categories.position} is null`, asc(categories.position), asc(areas.position), asc(areas.id))
    .prepare();
/** Most pages read the areas: both statements built once per database handle. */
const liveAreas = preparedPer((db) => areasInOrder(db, false));
const everyArea = preparedPer((db) => areasInOrder(db, true));

/** Areas in display order: by category position, then the area's own position. Archived ones only on request. */
export async function listAreas(db: DbOrTx, opts: { includeArchived?: boolean } = {}) {
  const rows = await (opts.includeArchived ? everyArea : liveAreas)(db).all();
  return rows.map((r) => ({ ...r.area, categoryName: r.categoryName }));
}
export type AreaWithCategory = Awaited<ReturnType<typeof listAreas>>[number];

export async function getArea(db: DbOrTx, id: number) {
  const [row] = await db.select().from(areas).where(eq(areas.id, id));
  return row ?? null;
}

export async function areaNameTaken(db: DbOrTx, name: string, exceptId?: number) {
  const cond = sql`lower(${areas.name}) = ${name.toLowerCase()}`;
  const [row] = await db.select({ id: areas.id }).from(areas).where(exceptId ? and(cond, ne(areas.id, exceptId)) : cond);
  return Boolean(row);
}

/** Finds or creates a category by name (case-insensitive). */
export async function categoryIdFor(db: DbOrTx, name: string): Promise<number> {
  const [found] = await db.select().from(categories).where(sql`lower(${categories.name}) = ${name.toLowerCase()}`);
  if (found) return found.id;
  const [{ max }] = await db.select({ max: sql<number>`coalesce(max(${categories.position}), -1)` }).from(categories);
  const [row] = await db.insert(categories).values({ name, position: max + 1 }).returning();
  return row.id;
}

async function areaValues(tx: DbOrTx, { newCategory, ...input }: AreaInput) {
  const categoryId = newCategory ? await categoryIdFor(tx, newCategory) : input.categoryId;
  return { ...input, categoryId, rubric: input.rubric ? JSON.stringify(input.rubric) : null };
}

export async function createArea(db: Db, input: AreaInput) {
  return db.transaction(async (tx) => {
    const [{ max }] = await tx.select({ max: sql<number>`coalesce(max(${areas.position}), -1)` }).from(areas);
    const [row] = await tx
      .insert(areas)
      .values({ ...(await areaValues(tx, input)), position: max + 1 })
      .returning();
    return row;
  });
}

/** Updates an area if it is still at `version`; null means someone changed it meanwhile (and nothing, not even a new category, is written). */
export async function updateArea(db: Db, id: number, version: number, input: AreaInput) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ version: areas.version }).from(areas).where(eq(areas.id, id));
    if (current?.version !== version) return null;
    const [row] = await tx
      .update(areas)
      .set({ ...(await areaValues(tx, input)), version: sql`${areas.version} + 1` })
      .where(and(eq(areas.id, id), eq(areas.version, version)))
      .returning();
    return row ?? null;
  }, { behavior: 'immediate' });
}

/** Archiving keeps the area's ratings and history; it only leaves the matrix and planning. */
export async function setArchived(db: DbOrTx, id: number, version: number, archivedAt: number | null) {
  const [row] = await db
    .update(areas)
    .set({ archivedAt, version: sql`${areas.version} + 1` })
    .where(and(eq(areas.id, id), eq(areas.version, version)))
    .returning();
  return row ?? null;
}

/** Swaps an area with its neighbour in display order (within the same category). */
export async function moveArea(db: Db, id: number, direction: 'up' | 'down') {
  return db.transaction(async (tx) => {
    const all = await listAreas(tx);
    const me = all.find((a) => a.id === id);
    if (!me) return false;
    const siblings = all.filter((a) => a.categoryId === me.categoryId);
    const i = siblings.findIndex((a) => a.id === id);
    const other = siblings[direction === 'up' ? i - 1 : i + 1];
    if (!other) return true;
    // Renumber the siblings so equal positions cannot make the swap a no-op.
    const order = siblings.map((a) => a.id);
    [order[i], order[direction === 'up' ? i - 1 : i + 1]] = [order[direction === 'up' ? i - 1 : i + 1], order[i]];
    for (const [pos, areaId] of order.entries()) {
      await tx.update(areas).set({ position: pos, version: sql`${areas.version} + 1` }).where(eq(areas.id, areaId));
    }
    return true;
  });
}

/** The six level names an area's rubric stores, or null. */
export function parseRubric(raw: string | null): string[] | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw);
    return Array.isArray(v) && v.length === 6 ? v.map(String) : null;
  } catch {
    return null;
  }
}

/** An area with its rubric read, as pages show it. */
export const withRubric = <A extends { rubric: string | null }>(a: A): Omit<A, 'rubric'> & { rubric: string[] | null } => ({ ...a, rubric: parseRubric(a.rubric) });
