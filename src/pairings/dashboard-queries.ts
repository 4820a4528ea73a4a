// What the dashboard reads of pairings: the current round in one line, the viewer's own group, the draft's size, and only the names shown.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { areas, pairingGroupMembers, pairingGroups, pairingRounds, users } from '../db/schema/index.ts';
import type { Reason } from '../planning/pairing/index.ts';
import type { MemberRole, RoundGroup } from './queries.ts';
import type { Names } from './queries.ts';

export type RoundSummary = { id: number; acceptedAt: number; note: string; groups: number; totalUnits: number };

/** The current (latest accepted) round as one line: when, its note, how many groups and their total score. */
export async function currentRoundSummary(db: DbOrTx): Promise<RoundSummary | null> {
  const [row] = await db.all<RoundSummary>(sql`
    select r.id, r.accepted_at as acceptedAt, r.note,
      (select count(*) from ${pairingGroups} g where g.round_id = r.id) as groups,
      (select coalesce(sum(g.score_units), 0) from ${pairingGroups} g where g.round_id = r.id) as totalUnits
    from ${pairingRounds} r where r.status = 'accepted'
    order by r.accepted_at desc, r.id desc limit 1`);
  return row ?? null;
}

/** The groups of the open draft, or null when there is no draft. */
export async function draftGroupCount(db: DbOrTx): Promise<number | null> {
  const [row] = await db.all<{ groups: number }>(sql`
    select (select count(*) from ${pairingGroups} g where g.round_id = r.id) as groups
    from ${pairingRounds} r where r.status = 'draft' order by r.id desc limit 1`);
  return row ? row.groups : null;
}

const ROLE_ORDER: Record<MemberRole, number> = { mentor: 0, learner: 1, peer: 2, solo: 3 };

/** The user's group in a round with all its members (as `withGroups` orders them), or null. One query. */
export async function groupOf(db: DbOrTx, roundId: number, userId: number): Promise<RoundGroup | null> {
  const rows = await db.all<{ id: number; position: number; kind: RoundGroup['kind']; areaId: number | null; scoreUnits: number; reason: string; locked: number; userId: number; role: MemberRole }>(sql`
    select g.id, g.position, g.kind, g.area_id as areaId, g.score_units as scoreUnits, g.reason, g.locked, m.user_id as userId, m.role
    from ${pairingGroupMembers} mine
    join ${pairingGroups} g on g.id = mine.group_id
    join ${pairingGroupMembers} m on m.group_id = g.id
    where mine.round_id = ${roundId} and mine.user_id = ${userId}`);
  if (rows.length === 0) return null;
  const [g] = rows;
  const members = rows.map((r) => ({ userId: r.userId, role: r.role })).sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.userId - b.userId);
  return { id: g.id, position: g.position, kind: g.kind, areaId: g.areaId, scoreUnits: g.scoreUnits, reason: JSON.parse(g.reason) as Reason, locked: Boolean(g.locked), members };
}

/** Names of these people and of every area (archived too), in one query. */
export async function namesOf(db: DbOrTx, personIds: readonly number[]): Promise<Names> {
  const ids = [...new Set(personIds)];
  const rows = await db.all<{ kind: 'p' | 'a'; id: number; name: string }>(sql`
    select 'p' as kind, u.id, u.name from ${users} u where u.id in (${ids.length ? sql.join(ids.map((id) => sql`${id}`), sql`, `) : sql`null`})
    union all select 'a' as kind, a.id, a.name from ${areas} a`);
  const of = (kind: 'p' | 'a') => new Map(rows.filter((r) => r.kind === kind).map((r) => [r.id, r.name]));
  return { people: of('p'), areas: of('a') };
}
