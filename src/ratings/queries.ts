// Ratings: reading the whole matrix in a constant number of queries, saving with history and versions.
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { areas, ratingHistory, ratings, users } from '../db/schema/index.ts';
import { listTeam } from '../members/queries.ts';
import { listAreas } from '../areas/queries.ts';
import { effectiveLevel } from '../planning/skills.ts';

export type Rating = typeof ratings.$inferSelect;
export type RatingFields = {
  selfLevel?: number | null;
  interest?: number | null;
  evidence?: string;
  managerLevel?: number | null;
  managerNote?: string;
};
type HistoryField = (typeof ratingHistory.$inferInsert)['field'];

export const ratingKey = (userId: number, areaId: number) => `${userId}:${areaId}`;

/** Every rating of the given members (one query), keyed by `userId:areaId`. */
export async function ratingsByKey(db: DbOrTx, userIds?: number[]): Promise<Map<string, Rating>> {
  const rows = userIds ? (userIds.length ? await db.select().from(ratings).where(inArray(ratings.userId, userIds)) : []) : await db.select().from(ratings);
  return new Map(rows.map((r) => [ratingKey(r.userId, r.areaId), r]));
}

export async function getRating(db: DbOrTx, userId: number, areaId: number): Promise<Rating | null> {
  const [row] = await db.select().from(ratings).where(and(eq(ratings.userId, userId), eq(ratings.areaId, areaId)));
  return row ?? null;
}

export type SaveResult = { ok: true; rating: Rating; changed: number } | { ok: false; current: Rating | null };

/**
 * Applies `changes` to one rating if it is still at `version` (null = the caller saw no rating yet).
 * Writes the rating and one history row per changed field in one transaction; saving counts as a
 * confirmation. A stale version returns the current rating and writes nothing.
 */
export async function saveRating(
  db: Db,
  key: { userId: number; areaId: number },
  version: number | null,
  changes: RatingFields,
  actorId: number,
  now: Date,
): Promise<SaveResult> {
  return db.transaction(
    async (tx) => {
      const current = await getRating(tx, key.userId, key.areaId);
      if ((current?.version ?? null) !== version) return { ok: false, current };
      const result = await applyRatingChanges(tx, key, current, changes, actorId, now);
      return { ok: true, ...result };
    },
    { behavior: 'immediate' },
  );
}

export type HistoryRow = typeof ratingHistory.$inferInsert;

/**
 * The history rows of saving `changes` over `current`: one per field whose value changes, or one
 * confirmation when nothing changes on an existing rating.
 */
export function historyRows(key: { userId: number; areaId: number }, current: Rating | null, changes: RatingFields, actorId: number, at: number): HistoryRow[] {
  const history: HistoryRow[] = [];
  for (const [field, value] of Object.entries(changes) as Array<[keyof RatingFields, RatingFields[keyof RatingFields]]>) {
    if (value === undefined) continue;
    const old = current ? current[field] : field === 'evidence' || field === 'managerNote' ? '' : null;
    if (old === value) continue;
    history.push({ ...key, changedBy: actorId, changedAt: at, field: field as HistoryField, oldValue: old === null ? null : String(old), newValue: value === null ? null : String(value) });
  }
  // Saved unchanged: that is a confirmation.
  if (history.length === 0 && current) history.push({ ...key, changedBy: actorId, changedAt: at, field: 'confirmed', oldValue: null, newValue: null });
  return history;
}

/** How many fields a set of history rows changes (a confirmation changes none). */
export const changedFields = (history: HistoryRow[]) => history.filter((h) => h.field !== 'confirmed').length;

/** The write part of `saveRating` (the demo seeding replays history through it too). */
export async function applyRatingChanges(
  tx: DbOrTx,
  key: { userId: number; areaId: number },
  current: Rating | null,
  changes: RatingFields,
  actorId: number,
  now: Date,
): Promise<{ rating: Rating; changed: number }> {
  const t = now.getTime();
  const history = historyRows(key, current, changes, actorId, t);
  const values = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as RatingFields;
  let rating: Rating;
  if (current) {
    [rating] = await tx
      .update(ratings)
      .set({ ...values, confirmedAt: t, updatedAt: t, version: sql`${ratings.version} + 1` })
      .where(and(eq(ratings.userId, key.userId), eq(ratings.areaId, key.areaId), eq(ratings.version, current.version)))
      .returning();
  } else {
    [rating] = await tx.insert(ratings).values({ ...key, ...values, confirmedAt: t, updatedAt: t }).returning();
  }
  if (!rating) throw new Error('rating changed during its own transaction');
  if (history.length) await tx.insert(ratingHistory).values(history);
  return { rating, changed: changedFields(history) };
}

export type HistoryEntry = typeof ratingHistory.$inferSelect & { changedByName: string | null };

/**
 * A member's rating history, newest first (one query); optionally one area's, without the manager-note rows
 * (for viewers who may not read them, see `seesNote`), and `limit` entries from `offset`.
 */
export async function historyOf(
  db: DbOrTx,
  userId: number,
  areaId?: number,
  opts: { withoutNotes?: boolean; limit?: number; offset?: number } = {},
): Promise<HistoryEntry[]> {
  const query = db
    .select({
      id: ratingHistory.id,
      userId: ratingHistory.userId,
      areaId: ratingHistory.areaId,
      changedBy: ratingHistory.changedBy,
      changedAt: ratingHistory.changedAt,
      field: ratingHistory.field,
      oldValue: ratingHistory.oldValue,
      newValue: ratingHistory.newValue,
      changedByName: users.name,
    })
    .from(ratingHistory)
    .leftJoin(users, eq(users.id, ratingHistory.changedBy))
    .where(
      and(
        eq(ratingHistory.userId, userId),
        areaId ? eq(ratingHistory.areaId, areaId) : undefined,
        opts.withoutNotes ? ne(ratingHistory.field, 'managerNote') : undefined,
      ),
    )
    .orderBy(desc(ratingHistory.changedAt), desc(ratingHistory.id));
  return opts.limit === undefined ? query : query.limit(opts.limit).offset(opts.offset ?? 0);
}

/**
 * `limit` ratings from `offset` in non-archived areas, by member id then area id (one statement): of one
 * member (active or not, as their stat card shows them), else of the active team (as the matrix shows it);
 * optionally of one area.
 */
export async function ratingsPage(db: DbOrTx, opts: { memberId?: number; areaId?: number; limit: number; offset: number }): Promise<Rating[]> {
  const rows = await db
    .select({ rating: ratings })
    .from(ratings)
    .innerJoin(users, eq(users.id, ratings.userId))
    .innerJoin(areas, eq(areas.id, ratings.areaId))
    .where(
      and(
        sql`${users.role} in ('manager','member')`,
        opts.memberId === undefined ? eq(users.active, true) : eq(ratings.userId, opts.memberId),
        opts.areaId === undefined ? undefined : eq(ratings.areaId, opts.areaId),
        isNull(areas.archivedAt),
      ),
    )
    .orderBy(asc(ratings.userId), asc(ratings.areaId))
    .limit(opts.limit)
    .offset(opts.offset);
  return rows.map((r) => r.rating);
}

/**
 * The active team with each member's effective level and interest per active area (3 queries):
 * what the planners start from. Unrated areas are absent from `levels`/`interests`.
 */
export async function teamLevels(db: DbOrTx) {
  const [team, areaList, all] = await Promise.all([listTeam(db), listAreas(db), ratingsByKey(db)]);
  const members = team.map((m) => {
    const levels: Record<number, number> = {};
    const interests: Record<number, number> = {};
    for (const area of areaList) {
      const r = all.get(ratingKey(m.id, area.id));
      if (!r) continue;
      levels[area.id] = effectiveLevel(r) ?? 0;
      interests[area.id] = r.interest ?? 0;
    }
    return { ...m, levels, interests };
  });
  return { members, areas: areaList };
}
