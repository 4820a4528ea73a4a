// Skill figures: coverage per area and the stale and never-rated people from the matrix model; one member's own counts in one query.
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { matrixModel, type MatrixModel } from '../matrix/model.ts';
import { areas, ratings, users } from '../db/schema/index.ts';
import { staleBefore, type Coverage, type LevelCounts } from '../planning/skills.ts';

/** The active team (managers and members), as `listTeam` reads it; `u` is the users table. */
const inTeam = sql`u.role in ('manager','member') and u.active = 1`;

/** `counts`: the members per effective level the coverage was computed from (the what-if of a departure starts from them). */
export type AreaFigures = { area: { id: number; name: string; targetLevel: number; minExperts: number }; coverage: Coverage; counts: LevelCounts };

/**
 * Coverage and bus factor of every non-archived area over the active team, in the order of `listAreas`: from
 * the matrix model this process keeps (`src/matrix/model.ts`, brought up to date with one statement from the
 * ratings written since), so the per-area figures are counted once per write, not once per page.
 */
export async function areaFigures(db: Db): Promise<AreaFigures[]> {
  return figuresOf(await matrixModel(db));
}

/** The per-area figures of a model already read (a page that reads the model once for several sections). */
export function figuresOf(model: MatrixModel): AreaFigures[] {
  return model.areas.map((a) => ({
    area: { id: a.id, name: a.name, targetLevel: a.targetLevel, minExperts: a.minExperts },
    coverage: model.coverage.get(a.id)!,
    counts: model.counts.get(a.id)!,
  }));
}

type Person = { id: number; name: string };

/** The first `limit` rows of a list the dashboard caps, and how many there are in all. */
export type Capped<T> = { top: T[]; total: number };

/** Binary order of names with ties by id, as SQL's `order by name, id`. */
const byNameThenId = (a: Person, b: Person) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id);

/**
 * Active team members with stale ratings in non-archived areas and how many, the `limit` with the most first
 * (ties by name); `total` counts them all. From the matrix model (its team is the active team, its areas the
 * non-archived ones), not a scan of every rating per page.
 */
export function staleCounts(model: MatrixModel, now: Date, limit = Infinity): Capped<{ member: Person; count: number }> {
  const before = staleBefore(now);
  const counted: Array<{ member: Person; count: number }> = [];
  for (const m of model.team) {
    const mine = model.byUser.get(m.id);
    if (!mine) continue;
    let count = 0;
    for (const a of model.areas) {
      const r = mine.get(a.id);
      if (r && r.confirmedAt < before) count++;
    }
    if (count > 0) counted.push({ member: { id: m.id, name: m.name }, count });
  }
  counted.sort((a, b) => b.count - a.count || byNameThenId(a.member, b.member));
  return { top: counted.slice(0, limit), total: counted.length };
}

/** Active team members who have no self level in any area (archived ones too): the first `limit` by name, and how many in all. */
export function neverRated(model: MatrixModel, limit = Infinity): Capped<Person> {
  const never = model.team
    .filter((m) => ![...(model.byUser.get(m.id)?.values() ?? [])].some((r) => r.selfLevel !== null))
    .map((m) => ({ id: m.id, name: m.name }))
    .sort(byNameThenId);
  return { top: never.slice(0, limit), total: never.length };
}

/** One member's own figures in one query reading only their ratings: are there areas, did they never rate themselves, how many stale. */
export async function ownFigures(db: DbOrTx, userId: number, now: Date): Promise<{ hasAreas: boolean; neverRated: boolean; staleCount: number }> {
  const [row] = await db.all<{ hasAreas: number; member: number; rated: number; stale: number }>(sql`
    select exists (select 1 from ${areas} where archived_at is null) as hasAreas,
      exists (select 1 from ${users} u where u.id = ${userId} and ${inTeam}) as member,
      exists (select 1 from ${ratings} r where r.user_id = ${userId} and r.self_level is not null) as rated,
      (select count(*) from ${ratings} r join ${areas} a on a.id = r.area_id where r.user_id = ${userId} and r.confirmed_at < ${staleBefore(now)} and a.archived_at is null) as stale`);
  const member = Boolean(row.member);
  return { hasAreas: Boolean(row.hasAreas), neverRated: member && !row.rated, staleCount: member ? row.stale : 0 };
}
