// Reading the matrix: the team, the areas and every rating in a constant number of queries; applying a confirmed import.
import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { ratings, users } from '../db/schema/index.ts';
import { listAreas, type AreaWithCategory } from '../areas/queries.ts';
import { listTeam } from '../members/queries.ts';
import { applyRatingChanges, ratingKey, ratingsByKey, type Rating, type RatingFields } from '../ratings/queries.ts';
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

/**
 * A fingerprint of everything an import decision depends on: each rating's version and which members
 * and areas are active. The confirm step refuses when it differs from the preview's.
 */
export function matrixStamp(data: MatrixData): string {
  const parts = [
    data.team.map((m) => m.id).sort((a, b) => a - b).join(','),
    data.areas.map((a) => a.id).sort((a, b) => a - b).join(','),
    [...data.ratings.values()].map((r) => `${r.userId}:${r.areaId}:${r.version}`).sort().join(','),
  ];
  return createHash('sha256').update(parts.join('|')).digest('hex');
}

/** The intended writes of an import plan, as the confirm form carries them. */
export type ImportChange = { userId: number; areaId: number; managerLevel?: number; interest?: number };

export type ApplyImportResult = { ok: true; changed: number } | { ok: false };

/**
 * Applies the changes of a confirmed import in one transaction, only if the matrix still has the
 * preview's stamp (no rating, member or area changed meanwhile). Every change lands in the history
 * with the importing manager as the actor.
 */
export async function applyImport(db: Db, stamp: string, changes: ImportChange[], actorId: number, now: Date): Promise<ApplyImportResult> {
  return db.transaction(
    async (tx) => {
      // listTeam is typed for the top-level handle; inside a transaction it runs the same select.
      const [team, areas, all] = await Promise.all([listTeam(tx), listAreas(tx), ratingsByKey(tx)]);
      if (matrixStamp({ team, areas, ratings: all }) !== stamp) return { ok: false };
      const teamIds = new Set(team.map((m) => m.id));
      const areaIds = new Set(areas.map((a) => a.id));
      if (changes.some((c) => !teamIds.has(c.userId) || !areaIds.has(c.areaId))) return { ok: false };
      let changed = 0;
      for (const c of changes) {
        const fields: RatingFields = {};
        if (c.managerLevel !== undefined) fields.managerLevel = c.managerLevel;
        if (c.interest !== undefined) fields.interest = c.interest;
        const key = { userId: c.userId, areaId: c.areaId };
        const done = await applyRatingChanges(tx, key, all.get(ratingKey(c.userId, c.areaId)) ?? null, fields, actorId, now);
        if (done.changed) changed++;
      }
      return { ok: true, changed };
    },
    { behavior: 'immediate' },
  );
}
