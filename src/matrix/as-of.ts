// The matrix as of a past day (`/matrix?asOf=YYYY-MM-DD`): the date checked, and the team and levels at the end of that day from history.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { AreaWithCategory } from '../areas/queries.ts';
import { areaCoverage, type Coverage } from '../planning/skills.ts';
import { levelsAsOf, type LevelAsOf } from '../ratings/levels-as-of.ts';
import { DAY_MS } from '../domain.ts';
import { startOfDayIn } from '../study/time-zone.ts';
import type { CellRating, MatrixMember } from './model.ts';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d));

/** `asOf` from the address: absent or empty is today's matrix; a malformed day or one after `today` is refused (400). */
export function parseAsOf(query: URLSearchParams, today: string): { ok: true; day: string | null } | { ok: false; reason: 'malformed' | 'future' } {
  const all = query.getAll('asOf');
  if (all.length === 0 || (all.length === 1 && all[0] === '')) return { ok: true, day: null };
  if (all.length > 1 || !day.safeParse(all[0]).success) return { ok: false, reason: 'malformed' };
  if (all[0] > today) return { ok: false, reason: 'future' };
  return { ok: true, day: all[0] === today ? null : all[0] };
}

/** The levels as matrix cells by member and area; confirmed at the end of the day, so nothing shows as stale. */
function cellsOf(levels: LevelAsOf[], end: number): PastMatrix['byUser'] {
  const byUser: PastMatrix['byUser'] = new Map();
  for (const l of levels) {
    let mine = byUser.get(l.userId);
    if (!mine) byUser.set(l.userId, (mine = new Map()));
    mine.set(l.areaId, { selfLevel: l.selfLevel, managerLevel: l.managerLevel, interest: l.interest, confirmedAt: end, version: 0 });
  }
  return byUser;
}

export type PastMatrix = { team: MatrixMember[]; byUser: Map<number, Map<number, CellRating>>; coverage: Map<number, Coverage> };

/** A past day's levels per database handle and day, kept while no history is written into or before that day. */
const KEPT_DAYS = 4;
type KeptDay = {
  maxId: number;
  byUser: PastMatrix['byUser'];
  /** The team and coverage last shown for the day: the same arrays while the team reads the same, so the page's name order (kept per array) and the coverage are not worked out again. */
  shown?: { team: MatrixMember[]; areas: AreaWithCategory[]; coverage: PastMatrix['coverage'] };
};
const pastLevels = new WeakMap<object, Map<string, KeptDay>>();

const sameTeam = (a: MatrixMember[], b: MatrixMember[]) =>
  a.length === b.length && a.every((m, i) => m.id === b[i].id && m.name === b[i].name && m.email === b[i].email && m.role === b[i].role && m.active === b[i].active);

/**
 * Everyone's effective levels at the end of `day` in the zone: the team then (active now or deactivated after
 * it, and there by then: created, or rated, before it) with a stamp of the history (its newest id, and the
 * earliest change written since the levels kept for that day), then — unless the stamp shows nothing was
 * written into that day or before — every level from history (`levelsAsOf`). A past day does not change
 * when today's ratings do, so after an edit the view costs one statement. Confirmation dates are not kept
 * per moment, so a past view marks nothing stale.
 */
export async function pastMatrix(db: Db, day: string, zone: string, areas: AreaWithCategory[]): Promise<PastMatrix> {
  const end = startOfDayIn(zone, day) + DAY_MS;
  let byDay = pastLevels.get(db);
  if (!byDay) pastLevels.set(db, (byDay = new Map()));
  const kept = byDay.get(`${zone} ${day}`);
  const team = await db.all<Omit<MatrixMember, 'active'> & { active: number; maxId: number; writtenFrom: number | null }>(sql`
    select u.id, u.name, u.email, u.role, u.active,
      (select coalesce(max(id), 0) from rating_history) as maxId,
      (select min(changed_at) from rating_history where id > ${kept ? kept.maxId : Number.MAX_SAFE_INTEGER}) as writtenFrom
    from users u
    where u.role in ('manager', 'member') and (u.active = 1 or u.deactivated_at >= ${end})
      and (u.created_at < ${end} or exists (select 1 from rating_history h where h.user_id = u.id and h.changed_at < ${end}))
    order by u.name`);
  const stamp = team[0];
  const valid = kept && stamp && (stamp.writtenFrom === null || stamp.writtenFrom >= end);
  const byUser = valid ? kept.byUser : cellsOf(await levelsAsOf(db, [end]), end);
  let entry = valid ? kept : undefined;
  // Filed under the id read before the levels: a write in between only makes the next view read again.
  if (!entry && stamp) {
    byDay.delete(`${zone} ${day}`);
    byDay.set(`${zone} ${day}`, (entry = { maxId: stamp.maxId, byUser }));
    // A few days are kept (people compare a handful), the oldest read goes first.
    if (byDay.size > KEPT_DAYS) byDay.delete(byDay.keys().next().value!);
  }
  const members = team.map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.role, active: Boolean(m.active) }));
  const shown = entry?.shown;
  if (shown && shown.areas === areas && sameTeam(shown.team, members)) return { team: shown.team, byUser, coverage: shown.coverage };
  const coverage = new Map(areas.map((a) => [a.id, areaCoverage(a, members.map((m) => byUser.get(m.id)?.get(a.id)))]));
  if (entry) entry.shown = { team: members, areas, coverage };
  return { team: members, byUser, coverage };
}
