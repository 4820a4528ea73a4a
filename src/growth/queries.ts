// The team over time from the database: level changes summed per area, month and level, and who joined and left when.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import type { Joins, LevelDelta, MemberHistory } from '../planning/growth/timeline.ts';

/**
 * The month a moment falls in: 0 before bounds[0], k while before bounds[k], N + 1 from the end on. The bounds
 * are parameters, not text: the last one is the request's clock, and a statement whose text changed with it
 * would be parsed and planned again on every request (and push the kept statements out of the cache).
 */
function bucketOf(column: SQL, bounds: number[]): SQL {
  const arms = bounds.map((b, k) => sql`when ${column} < ${b} then ${sql.raw(String(k))}`);
  return sql`(case ${sql.join(arms, sql` `)} else ${sql.raw(String(bounds.length))} end)`;
}

/**
 * The team over the period: the active managers and members, and those deactivated on a known date
 * (people deactivated before that date was recorded count in no month: when they left is not known).
 * A member counts from their account's creation or their first rating history entry, whichever is earlier
 * (a history written before the account, as by the demo's seed, still shows).
 */
const teamOver = (bounds: number[]) => sql`team as (
  select u.id, ${bucketOf(sql`min(u.created_at, coalesce((select min(h.changed_at) from rating_history h where h.user_id = u.id), u.created_at))`, bounds)} as joined,
    case when u.active = 1 then null else u.deactivated_at end as left_at
  from users u where u.role in ('manager', 'member') and (u.active = 1 or u.deactivated_at is not null))`;

/** Who is in the team's sums and since when they are gone (null: still here). */
const members = sql`team as (
  select id, case when active = 1 then null else deactivated_at end as left_at
  from users where role in ('manager', 'member') and (active = 1 or deactivated_at is not null))`;

type Sums = { part: 'closed' | 'live' } & LevelDelta;

/**
 * The sums of the months before the current one, per database handle and month bounds: past months only
 * change when history is written into the past (a seed, a generator), and then the stamp says so.
 */
const closedMonths = new WeakMap<object, { key: string; maxId: number; team: string; rows: LevelDelta[] }>();

/**
 * Per area, month and (from, to) level, how many changes of effective level the team's members made, and for
 * members who left, the same changes undone in the month they left (their changes after it do not count).
 * Sums over level_changes, which a trigger keeps with every rating_history row, so nothing is replayed; the
 * caller leaves out archived areas. A member's changes never come before they joined (they join with their
 * first history entry at the latest), so no change needs moving to the month they joined.
 *
 * Two statements whatever happened: a stamp (the newest change's id, the earliest time written since the
 * kept sums, and the team's make-up), then either every month's sums, or — when the stamp shows that nothing
 * was written into a past month and the team is the same — only the current month's and the leavers'. The
 * months before the current one are kept per process; a request after a rating edit then reads only this
 * month's changes (the benchmark's "fresh" case), and a write into the past or a change of who is in the
 * team makes the next request read everything again.
 */
export async function levelDeltasByMonth(db: DbOrTx, bounds: number[]): Promise<LevelDelta[]> {
  const end = bounds[bounds.length - 1];
  const current = bounds[bounds.length - 2];
  const month = bounds.length - 1;
  const key = bounds.slice(0, -1).join(',');
  const kept = closedMonths.get(db);
  const [stamp] = await db.all<{ maxId: number; writtenFrom: number | null; team: string }>(sql`
    select coalesce((select max(id) from level_changes), 0) as maxId,
      (select min(at) from level_changes where id > ${kept ? kept.maxId : Number.MAX_SAFE_INTEGER}) as writtenFrom,
      (select count(*) || ':' || total(id) || ':' || total(coalesce(deactivated_at, 0)) from users
       where role in ('manager', 'member') and (active = 1 or deactivated_at is not null)) as team`);
  const valid = kept && kept.key === key && kept.team === stamp.team && (stamp.writtenFrom === null || stamp.writtenFrom >= current);
  const closed = valid
    ? sql``
    : sql`select 'closed' as part, c.area_id as areaId, ${bucketOf(sql`c.at`, bounds)} as bucket, c.from_level as "from", c.to_level as "to", count(*) as n
        from level_changes c join team t on t.id = c.user_id
        where c.at < ${current} and c.id <= ${stamp.maxId} and (t.left_at is null or c.at < t.left_at)
        group by 2, 3, 4, 5
      union all`;
  const rows = await db.all<Sums>(sql`
    with ${members}
    ${closed}
    select 'live' as part, c.area_id as areaId, ${month} as bucket, c.from_level as "from", c.to_level as "to", count(*) as n
    from level_changes c join team t on t.id = c.user_id
    where c.at >= ${current} and c.at < ${end} and (t.left_at is null or c.at < t.left_at)
    group by 2, 4, 5
    union all
    select 'live', c.area_id, ${bucketOf(sql`t.left_at`, bounds)}, c.to_level, c.from_level, count(*)
    from team t join level_changes c on c.user_id = t.id
    where t.left_at is not null and t.left_at < ${end} and c.at < t.left_at
    group by 2, 3, 4, 5`);
  const closedRows = valid ? kept.rows : rows.filter((r) => r.part === 'closed');
  if (!valid) closedMonths.set(db, { key, maxId: stamp.maxId, team: stamp.team, rows: closedRows });
  return [...closedRows, ...rows.filter((r) => r.part === 'live')];
}

/** How many team members joined in each month of the period (0: before it) and left in which (null: not within it). */
export async function joinsByMonth(db: DbOrTx, bounds: number[]): Promise<Joins[]> {
  const end = bounds[bounds.length - 1];
  return db.all<Joins>(sql`
    with ${teamOver(bounds)}
    select joined as bucket, case when left_at < ${end} then ${bucketOf(sql`left_at`, bounds)} end as "left", count(*) as n
    from team where joined <= ${bounds.length - 1} and (left_at is null or ${bucketOf(sql`left_at`, bounds)} > joined)
    group by 1, 2`);
}

/** One member's level history (self levels and calibrations) in non-archived areas, and when they joined and left. */
export async function memberHistory(db: DbOrTx, userId: number): Promise<MemberHistory | null> {
  const [user] = await db.all<{ createdAt: number; active: number; deactivatedAt: number | null; entries: string }>(sql`
    select u.created_at as createdAt, u.active, u.deactivated_at as deactivatedAt,
      (select json_group_array(json_array(h.area_id, h.changed_at, h.id, h.field, h.old_value, h.new_value))
       from rating_history h join areas a on a.id = h.area_id and a.archived_at is null
       where h.user_id = u.id and h.field in ('selfLevel', 'managerLevel')) as entries
    from users u where u.id = ${userId}`);
  if (!user) return null;
  const rows = JSON.parse(user.entries) as Array<[number, number, number, string, string | null, string | null]>;
  return {
    userId,
    joinedAt: user.createdAt,
    leftAt: user.active ? null : user.deactivatedAt,
    entries: rows.map(([areaId, changedAt, id, field, oldValue, newValue]) => ({ areaId, changedAt, id, field, oldValue, newValue })),
  };
}
