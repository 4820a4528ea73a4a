// Skill figures the database aggregates: coverage per area in one query, stale and never-rated people, one member's own counts.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { areas, categories, ratings, users } from '../db/schema/index.ts';
import { EXPERT_LEVEL, GROWTH_INTEREST } from '../domain.ts';
import { coverageFromCounts, staleBefore, type Coverage, type LevelCounts } from '../planning/skills.ts';

/** The active team (managers and members), as `listTeam` reads it; `u` is the users table. */
const inTeam = sql`u.role in ('manager','member') and u.active = 1`;
/** `effectiveLevel` in SQL (the manager's calibration wins), unrated fields as 0 like the coverage rule. */
const level = sql`coalesce(r.manager_level, r.self_level, 0)`;

/** `counts`: the members per effective level the coverage was computed from (the what-if of a departure starts from them). */
export type AreaFigures = { area: { id: number; name: string; targetLevel: number; minExperts: number }; coverage: Coverage; counts: LevelCounts };

/**
 * Coverage and bus factor of every non-archived area over the active team, in one query whatever the team
 * size: members per effective level and the growing count come from SQL, the figures from `coverageFromCounts`.
 * Areas in the order of `listAreas`.
 */
export async function areaFigures(db: DbOrTx): Promise<AreaFigures[]> {
  const rows = await db.all<{ id: number; name: string; targetLevel: number; minExperts: number; level: number | null; n: number | null; growing: number | null; team: number }>(sql`
    select a.id, a.name, a.target_level as targetLevel, a.min_experts as minExperts, g.level, g.n, g.growing,
      (select count(*) from ${users} u where ${inTeam}) as team
    from ${areas} a
    left join ${categories} c on c.id = a.category_id
    left join (
      select r.area_id, ${level} as level, count(*) as n,
        sum(case when coalesce(r.interest, 0) >= ${GROWTH_INTEREST} and ${level} < ${EXPERT_LEVEL} then 1 else 0 end) as growing
      from ${ratings} r join ${users} u on u.id = r.user_id
      where ${inTeam}
      group by r.area_id, level
    ) g on g.area_id = a.id
    where a.archived_at is null
    order by c.position is null, c.position, a.position, a.id`);
  const byArea = new Map<number, { area: AreaFigures['area']; atLevel: Map<number, number>; growing: number; team: number }>();
  for (const r of rows) {
    let entry = byArea.get(r.id);
    if (!entry) byArea.set(r.id, (entry = { area: { id: r.id, name: r.name, targetLevel: r.targetLevel, minExperts: r.minExperts }, atLevel: new Map(), growing: 0, team: r.team }));
    if (r.level === null || r.n === null) continue;
    entry.atLevel.set(r.level, r.n);
    entry.growing += r.growing ?? 0;
  }
  return [...byArea.values()].map(({ area, atLevel, growing, team }) => {
    // Team members without a rating in the area count at level 0.
    const rated = [...atLevel.values()].reduce((a, b) => a + b, 0);
    atLevel.set(0, (atLevel.get(0) ?? 0) + team - rated);
    const counts = { atLevel, growing };
    return { area, coverage: coverageFromCounts(area, counts), counts };
  });
}

type Person = { id: number; name: string };

/** The first `limit` rows of a list the dashboard caps, and how many there are in all. */
export type Capped<T> = { top: T[]; total: number };

/** `limit` in SQL: -1 reads every row (SQLite's "no limit"). */
const capOf = (limit: number) => (Number.isFinite(limit) ? limit : -1);

/** Active team members with stale ratings in non-archived areas and how many, the `limit` with the most first (ties by name); `total` counts them all. */
export async function staleCounts(db: DbOrTx, now: Date, limit = Infinity): Promise<Capped<{ member: Person; count: number }>> {
  const rows = await db.all<{ id: number; name: string; count: number; total: number }>(sql`
    select u.id, u.name, count(*) as count, count(*) over () as total
    from ${ratings} r join ${users} u on u.id = r.user_id join ${areas} a on a.id = r.area_id
    where r.confirmed_at < ${staleBefore(now)} and a.archived_at is null and ${inTeam}
    group by u.id
    order by count desc, u.name, u.id
    limit ${capOf(limit)}`);
  return { top: rows.map((r) => ({ member: { id: r.id, name: r.name }, count: r.count })), total: rows[0]?.total ?? 0 };
}

/** Active team members who have no self level in any area: the first `limit` by name, and how many in all. */
export async function neverRated(db: DbOrTx, limit = Infinity): Promise<Capped<Person>> {
  const rows = await db.all<Person & { total: number }>(sql`
    select u.id, u.name, count(*) over () as total from ${users} u
    where ${inTeam} and not exists (select 1 from ${ratings} r where r.user_id = u.id and r.self_level is not null)
    order by u.name, u.id
    limit ${capOf(limit)}`);
  return { top: rows.map((r) => ({ id: r.id, name: r.name })), total: rows[0]?.total ?? 0 };
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
