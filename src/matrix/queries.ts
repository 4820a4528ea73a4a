// Reading the matrix: the team, the areas and every rating in a constant number of queries.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { ratings } from '../db/schema/index.ts';
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

