// Effective levels as they stood at given moments, read from rating_history in one statement.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';

/** A rating's effective level at a moment, the self level and calibration it came from, and the interest then (null: not set then). */
export type LevelAsOf = { asOf: number; userId: number; areaId: number; level: number; selfLevel: number | null; managerLevel: number | null; interest: number | null };

/** A field's newest value before the moment, as one number: changed_at × 16 + value (15 = cleared), so `max` picks it in a plain group by. */
const newest = (field: string) => sql`max(case when h.field = ${field} then h.changed_at * 16 + coalesce(cast(h.new_value as integer), 15) end)`;
const valueOf = (packed: string) => sql.raw(`nullif(${packed} % 16, 15)`);

/**
 * The effective level (the manager's where one is set, else the member's own) of every rating as it stood
 * just before each moment in `asOf` (ms; changes at exactly that moment count from then on), with the self
 * level, calibration and interest, read from rating_history in one statement however many moments: per
 * moment, user and area the newest change of each field before it. A plain group by with a packed `max`
 * costs half of a window function over the history (the matrix as of a day at 1,000 people); two changes
 * of one field in the same millisecond are told apart by value (the higher wins), not by their order.
 * `users` / `areas` narrow it with a subquery of ids. The season report's level movement and the matrix as
 * of a day (`/matrix?asOf=`) read it.
 */
export async function levelsAsOf(db: DbOrTx, asOf: number[], scope: { users?: SQL; areas?: SQL } = {}): Promise<LevelAsOf[]> {
  if (asOf.length === 0) return [];
  const moments = sql.join(
    asOf.map((at) => sql`select ${at} as at`),
    sql` union all `,
  );
  const rows = await db.all<{ asOf: number; userId: number; areaId: number; self: number | null; manager: number | null; interest: number | null }>(sql`
    with moments as (${moments}),
    latest as (
      select m.at, h.user_id, h.area_id, ${newest('selfLevel')} as s, ${newest('managerLevel')} as mg, ${newest('interest')} as i
      from moments m join rating_history h on h.changed_at < m.at
      where h.field in ('selfLevel', 'managerLevel', 'interest')
        ${scope.users ? sql`and h.user_id in (${scope.users})` : sql``}
        ${scope.areas ? sql`and h.area_id in (${scope.areas})` : sql``}
      group by m.at, h.user_id, h.area_id)
    select at as asOf, user_id as userId, area_id as areaId, ${valueOf('s')} as self, ${valueOf('mg')} as manager, ${valueOf('i')} as interest
    from latest`);
  return rows.flatMap((r) => {
    const level = r.manager ?? r.self;
    return level === null ? [] : [{ asOf: r.asOf, userId: r.userId, areaId: r.areaId, level, selfLevel: r.self, managerLevel: r.manager, interest: r.interest }];
  });
}
