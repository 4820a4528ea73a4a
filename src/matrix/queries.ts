// Reading the matrix: the team, the areas and every rating in a constant number of queries.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { changeStamps, ratings, users } from '../db/schema/index.ts';
import { listAreas, type AreaWithCategory } from '../areas/queries.ts';
import { listTeam } from '../members/queries.ts';
import { ratingKey, ratingsByKey, type Rating } from '../ratings/queries.ts';
import { areaCoverage, type Coverage } from '../planning/skills.ts';

export type TeamMember = Awaited<ReturnType<typeof listTeam>>[number];
export type MatrixData = { team: TeamMember[]; areas: AreaWithCategory[]; ratings: Map<string, Rating> };

/** Three queries whatever the team size: active team, active areas, all ratings. */
export async function loadMatrix(db: Db): Promise<MatrixData> {
  const [team, areas, all] = await Promise.all([listTeam(db), listAreas(db), ratingsByKey(db)]);
  return { team, areas, ratings: all };
}

/** The rating fields a matrix cell shows (the matrix loads only these). */
export type CellRating = Pick<Rating, 'selfLevel' | 'managerLevel' | 'interest' | 'confirmedAt'>;

/** What the matrix page shows of a member (the page needs no more than this). */
export type MatrixMember = { id: number; name: string; active: boolean };
/** The page's data: the team and areas, and per member the shown fields of their ratings by area id. */
export type MatrixView = { team: MatrixMember[]; areas: AreaWithCategory[]; byUser: Map<number, Map<number, CellRating>> };

/**
 * The matrix page's data in three queries whatever the team size, reading only the columns the page
 * shows (no evidence, notes or password hashes). Same team as `listTeam`: active managers and members.
 */
export async function loadMatrixView(db: Db): Promise<MatrixView> {
  const [team, areaList, rows] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, active: users.active })
      .from(users)
      .where(sql`${users.role} in ('manager','member') and ${users.active} = 1`)
      .orderBy(asc(users.name)),
    listAreas(db),
    db.select({ userId: ratings.userId, areaId: ratings.areaId, selfLevel: ratings.selfLevel, managerLevel: ratings.managerLevel, interest: ratings.interest, confirmedAt: ratings.confirmedAt }).from(ratings),
  ]);
  const byUser = new Map<number, Map<number, CellRating>>();
  for (const r of rows) {
    let mine = byUser.get(r.userId);
    if (!mine) byUser.set(r.userId, (mine = new Map()));
    mine.set(r.areaId, r);
  }
  return { team, areas: areaList, byUser };
}

/** Coverage of each area over the whole active team (never only the filtered or paged rows). */
export function coverageOfView(view: MatrixView): Map<number, Coverage> {
  return new Map(view.areas.map((a) => [a.id, areaCoverage(a, view.team.map((m) => view.byUser.get(m.id)?.get(a.id)))]));
}

export const ratingOf = (ratingsMap: Map<string, Rating>) => (userId: number, areaId: number) => ratingsMap.get(ratingKey(userId, areaId));

/** Coverage of each area over the active team. */
export function coverageByArea(data: MatrixData): Map<number, Coverage> {
  const get = ratingOf(data.ratings);
  return new Map(data.areas.map((a) => [a.id, areaCoverage(a, data.team.map((m) => get(m.id, a.id)))]));
}

/** Coverage of one area (after an inline edit): two queries. */
export async function coverageOfArea(db: Db, area: { id: number; targetLevel: number; minExperts: number }): Promise<Coverage> {
  const [team, rows] = await Promise.all([listTeam(db), db.select().from(ratings).where(eq(ratings.areaId, area.id))]);
  const byUser = new Map(rows.map((r) => [r.userId, r]));
  return areaCoverage(area, team.map((m) => byUser.get(m.id)));
}

/** The 'matrix' change counter: database triggers move it on every write to ratings, users, areas and categories, by any process. */
export async function matrixCounter(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: changeStamps.n }).from(changeStamps).where(eq(changeStamps.name, 'matrix'));
  return row?.n ?? 0;
}
