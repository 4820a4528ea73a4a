// The matrix page's data kept per process and brought up to date from the ratings that changed since.
import { asc, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { changeStamps, ratingHistory, ratings, users } from '../db/schema/index.ts';
import { listAreas, type AreaWithCategory } from '../areas/queries.ts';
import { coverageFromCounts, levelCounts, type Coverage, type LevelCounts } from '../planning/skills.ts';

/** The rating fields a matrix cell shows, and the version that tells how many writes a rating has seen. */
export type CellRating = { selfLevel: number | null; managerLevel: number | null; interest: number | null; confirmedAt: number; version: number };
/** What the matrix page and its CSV export show of a member (no more than this is read). */
export type MatrixMember = { id: number; name: string; email: string; role: 'manager' | 'member'; active: boolean };

/**
 * The page's data: the team and areas, per member the shown fields of their ratings by area id, the
 * coverage of each area over the whole team, and where in the change counter and the rating history
 * it was read (`stamp`, `historyId`).
 */
export type MatrixModel = {
  stamp: number;
  historyId: number;
  team: MatrixMember[];
  areas: AreaWithCategory[];
  byUser: Map<number, Map<number, CellRating>>;
  coverage: Map<number, Coverage>;
  /** Per area the members per effective level the coverage was counted from (a what-if starts from them). */
  counts: Map<number, LevelCounts>;
};

/** One rating as read in JSON: user, area, self level, manager level, interest, confirmed at, version. */
type CellJson = [number, number, number | null, number | null, number | null, number, number];
const cellJson = sql`json_group_array(json_array(${ratings.userId}, ${ratings.areaId}, ${ratings.selfLevel}, ${ratings.managerLevel}, ${ratings.interest}, ${ratings.confirmedAt}, ${ratings.version}))`;
type CellRow = { userId: number; areaId: number; cell: CellRating };
const cellRows = (json: string | null): CellRow[] =>
  (JSON.parse(json ?? '[]') as CellJson[]).map(([userId, areaId, selfLevel, managerLevel, interest, confirmedAt, version]) => ({
    userId,
    areaId,
    cell: { selfLevel, managerLevel, interest, confirmedAt, version },
  }));

/** One model per database handle, so apps on different databases (as in tests) never share one. */
const models = new WeakMap<object, MatrixModel>();

type Since = { stamp: number; historyId: number; touched: number; rows: string | null };

/**
 * The matrix page's data as of now. The first call reads the team, the areas and every rating; later
 * calls read, in one statement (so from one snapshot), the 'matrix' change counter (database triggers
 * move it once per written row of ratings, users, areas and categories, by any process), the newest
 * rating history id, and the ratings the history names since the cached model. Every write to a
 * rating raises its `version` by one, so when those ratings' versions rose by exactly as much as the
 * counter moved, nothing else changed and the model is patched (counting again only the touched
 * areas' coverage). Any other change — a member, an area, a rating written without history or removed
 * — reads everything again.
 */
export async function matrixModel(db: Db): Promise<MatrixModel> {
  const cached = models.get(db);
  const since = cached?.historyId ?? Number.MAX_SAFE_INTEGER;
  // NOT INDEXED: the rows after `since` by rowid. Left to itself, SQLite groups these through the
  // (user, area) index and so reads the whole history (3 ms at 1,000 members instead of 0.1 ms).
  const touched = sql`select ${ratingHistory.userId}, ${ratingHistory.areaId} from ${ratingHistory} not indexed where ${ratingHistory.id} > ${since}`;
  const at = (await db.get<Since>(sql`select ${changeStamps.n} as stamp,
      (select coalesce(max(${ratingHistory.id}), 0) from ${ratingHistory}) as historyId,
      (select count(*) from (${touched} group by 1, 2)) as touched,
      (select ${cellJson} from ${ratings} where (${ratings.userId}, ${ratings.areaId}) in (${touched})) as rows
    from ${changeStamps} where ${changeStamps.name} = 'matrix'`)) ?? { stamp: 0, historyId: 0, touched: 0, rows: null };
  if (cached && cached.stamp === at.stamp && cached.historyId === at.historyId) return cached;
  const model = (cached && patched(cached, at)) ?? (await fullModel(db, at));
  const latest = models.get(db);
  if (!latest || latest.stamp <= model.stamp) models.set(db, model);
  return model;
}

/**
 * Everything, read after `at`: the data is at least as new as the stamp it is filed under, so a write
 * in between only makes the next call read everything again, never show something stale.
 */
async function fullModel(db: Db, at: Pick<Since, 'stamp' | 'historyId'>): Promise<MatrixModel> {
  const [team, areaList, all] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email, role: sql<'manager' | 'member'>`${users.role}`, active: users.active })
      .from(users)
      .where(sql`${users.role} in ('manager','member') and ${users.active} = 1`)
      .orderBy(asc(users.name)),
    listAreas(db),
    db.get<{ rows: string | null }>(sql`select ${cellJson} as rows from ${ratings}`),
  ]);
  const byUser = new Map<number, Map<number, CellRating>>();
  for (const r of cellRows(all?.rows ?? null)) {
    let mine = byUser.get(r.userId);
    if (!mine) byUser.set(r.userId, (mine = new Map()));
    mine.set(r.areaId, r.cell);
  }
  const base = { stamp: at.stamp, historyId: at.historyId, team, areas: areaList, byUser };
  const counts = new Map(areaList.map((a) => [a.id, countsOf(base, a)]));
  return { ...base, counts, coverage: new Map(areaList.map((a) => [a.id, coverageFromCounts(a, counts.get(a.id)!)])) };
}

/** The cached model with the ratings written since, or null when something else changed too. */
function patched(cached: MatrixModel, at: Since): MatrixModel | null {
  if (at.stamp < cached.stamp || at.historyId < cached.historyId) return null;
  const rows = cellRows(at.rows);
  if (rows.length !== at.touched) return null; // a rating named by the history is gone
  let writes = 0;
  for (const r of rows) writes += r.cell.version - (cached.byUser.get(r.userId)?.get(r.areaId)?.version ?? 0);
  if (writes !== at.stamp - cached.stamp) return null;
  // Copy on write: a request still rendering from the cached model keeps seeing it whole.
  const byUser = new Map(cached.byUser);
  const areaIds = new Set<number>();
  for (const r of rows) {
    const mine = new Map(byUser.get(r.userId));
    mine.set(r.areaId, r.cell);
    byUser.set(r.userId, mine);
    areaIds.add(r.areaId);
  }
  const base = { stamp: at.stamp, historyId: at.historyId, team: cached.team, areas: cached.areas, byUser };
  const coverage = new Map(cached.coverage);
  const counts = new Map(cached.counts);
  for (const a of cached.areas) {
    if (!areaIds.has(a.id)) continue;
    counts.set(a.id, countsOf(base, a));
    coverage.set(a.id, coverageFromCounts(a, counts.get(a.id)!));
  }
  return { ...base, coverage, counts };
}

/** The level counts of one area over the whole active team (never only the filtered or paged rows); coverage comes from them. */
function countsOf(m: Pick<MatrixModel, 'team' | 'byUser'>, area: AreaWithCategory): LevelCounts {
  return levelCounts(m.team.map((member) => m.byUser.get(member.id)?.get(area.id)));
}
