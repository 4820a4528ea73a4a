// The pair history as SQL aggregates over accepted rounds: who is listed, a page of people's summaries, one person's partners, past rounds.
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { pairKey, type PairHistory, type PairRecord } from '../planning/pairing/index.ts';

/** Someone the history lists: active members, and managers who took part in an accepted pair. */
export type HistoryPerson = { id: number; name: string; role: 'manager' | 'member'; lastPairedAt: number | null; inArea: boolean };

const idList = (ids: number[]): SQL => sql.join(ids.map((id) => sql`${id}`), sql`, `);
const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Accepted pairings of `who` (a user id column or value): one row per group with someone else (a solo placement is no pairing). */
const pairedRows = (who: SQL) => sql`
  select m.user_id as uid, m.group_id as gid, r.accepted_at as at
  from pairing_group_members m join pairing_rounds r on r.id = m.round_id and r.status = 'accepted'
  where m.user_id ${who} and m.role <> 'solo'`;

/**
 * Everyone the history lists; with `lastPaired`, when each last paired with someone (it costs a look at
 * every pairing, so only the "not paired lately" filter asks); with `areaId`, whether they know or want
 * the area (level or interest ≥ 1). One statement.
 */
export async function historyPeople(db: DbOrTx, opts: { areaId: number | null; lastPaired: boolean }): Promise<HistoryPerson[]> {
  const inArea =
    opts.areaId === null
      ? sql`1`
      : sql`exists (select 1 from ratings x where x.user_id = u.id and x.area_id = ${opts.areaId}
          and (coalesce(x.manager_level, x.self_level, 0) >= 1 or coalesce(x.interest, 0) >= 1))`;
  const last = opts.lastPaired ? sql`(select max(p.at) from (${pairedRows(sql`= u.id`)}) p)` : sql`null`;
  const rows = await db.all<{ id: number; name: string; role: 'manager' | 'member'; last_at: number | null; in_area: number }>(sql`
    select u.id, u.name, u.role, ${last} as last_at, ${inArea} as in_area
    from users u
    where u.active = 1 and u.role in ('manager', 'member')
      and (u.role = 'member' or exists (${pairedRows(sql`= u.id`)}))`);
  return rows.map((r) => ({ id: num(r.id), name: r.name, role: r.role, lastPairedAt: numOrNull(r.last_at), inArea: num(r.in_area) === 1 }));
}

/** One person's pair history in numbers: groups with others, distinct partners (and how many of them are in the team now), the last group's mates. */
export type PairSummary = { times: number; partners: number; teamPartners: number; lastAt: number | null; lastWith: Array<{ id: number; name: string }> };

export const NO_PAIRS: PairSummary = { times: 0, partners: 0, teamPartners: 0, lastAt: null, lastWith: [] };

/** The summaries of the given people (a page of them) in one statement; people who never paired are absent. */
export async function pairSummaries(db: DbOrTx, ids: number[]): Promise<Map<number, PairSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db.all<{ uid: number; times: number; partners: number; team_partners: number; last_at: number | null; last_with: string }>(sql`
    with mine as materialized (${pairedRows(sql`in (${idList(ids)})`)}),
    -- SQLite takes the bare gid from the row holding max(at): the person's latest group.
    latest as materialized (select uid, max(at) as at, gid from mine group by uid),
    pairs as (select mine.uid, o.user_id as pid, mine.gid from mine join pairing_group_members o on o.group_id = mine.gid and o.user_id <> mine.uid)
    select p.uid, count(distinct p.gid) as times, count(distinct p.pid) as partners,
      count(distinct case when u.active = 1 and u.role in ('manager', 'member') then p.pid end) as team_partners,
      (select at from latest where latest.uid = p.uid) as last_at,
      (select json_group_array(json_object('id', o.user_id, 'name', lu.name))
         from latest join pairing_group_members o on o.group_id = latest.gid and o.user_id <> latest.uid join users lu on lu.id = o.user_id
         where latest.uid = p.uid) as last_with
    from pairs p join users u on u.id = p.pid
    group by p.uid`);
  return new Map(
    rows.map((r) => [
      num(r.uid),
      {
        times: num(r.times),
        partners: num(r.partners),
        teamPartners: num(r.team_partners),
        lastAt: numOrNull(r.last_at),
        lastWith: (JSON.parse(r.last_with) as Array<{ id: number; name: string }>).sort((a, b) => a.id - b.id),
      },
    ]),
  );
}

/** How often and when each two of the given people paired (the grid among one page of people). One statement. */
export async function pairsAmong(db: DbOrTx, ids: number[]): Promise<PairHistory> {
  const history = new Map<string, PairRecord>();
  if (ids.length < 2) return history;
  const rows = await db.all<{ a: number; b: number; n: number; last_at: number }>(sql`
    with mine as materialized (${pairedRows(sql`in (${idList(ids)})`)})
    select a.uid as a, b.uid as b, count(*) as n, max(a.at) as last_at
    from mine a join mine b on b.gid = a.gid and b.uid > a.uid
    group by a.uid, b.uid`);
  for (const r of rows) history.set(pairKey(num(r.a), num(r.b)), { count: num(r.n), lastPaired: new Date(num(r.last_at)) });
  return history;
}

/** One partner of a person: how often, every date (newest first). */
export type Partner = { id: number; name: string; count: number; dates: number[] };

/** The person's partners, most recent first, `limit` from `offset`. One statement. */
export async function partnersOf(db: DbOrTx, userId: number, limit: number, offset: number): Promise<Partner[]> {
  const rows = await db.all<{ pid: number; name: string; n: number; dates: string }>(sql`
    select o.user_id as pid, u.name, count(*) as n, json_group_array(r.accepted_at) as dates, max(r.accepted_at) as last_at
    from pairing_group_members m
    join pairing_rounds r on r.id = m.round_id and r.status = 'accepted'
    join pairing_group_members o on o.group_id = m.group_id and o.user_id <> m.user_id
    join users u on u.id = o.user_id
    where m.user_id = ${userId}
    group by o.user_id
    order by last_at desc, o.user_id
    limit ${limit} offset ${offset}`);
  return rows.map((r) => ({ id: num(r.pid), name: r.name, count: num(r.n), dates: (JSON.parse(r.dates) as number[]).sort((a, b) => b - a) }));
}

/** A past round in one line: when, by whom, how many groups, total score. */
export type RoundLine = { id: number; acceptedAt: number; acceptedBy: number; acceptedByName: string; note: string; groups: number; scoreUnits: number };

export async function acceptedRoundCount(db: DbOrTx): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`select count(*) as n from pairing_rounds where status = 'accepted'`);
  return num(row?.n);
}

/** Accepted rounds newest first, `limit` from `offset`, with their group counts and scores. One statement. */
export async function roundLines(db: DbOrTx, limit: number, offset: number): Promise<RoundLine[]> {
  const rows = await db.all<{ id: number; accepted_at: number; accepted_by: number; name: string; note: string; groups: number; score: number }>(sql`
    select r.id, r.accepted_at, r.accepted_by, u.name, r.note,
      (select count(*) from pairing_groups g where g.round_id = r.id) as groups,
      (select coalesce(sum(g.score_units), 0) from pairing_groups g where g.round_id = r.id) as score
    from pairing_rounds r join users u on u.id = r.accepted_by
    where r.status = 'accepted'
    order by r.accepted_at desc, r.id desc
    limit ${limit} offset ${offset}`);
  return rows.map((r) => ({
    id: num(r.id),
    acceptedAt: num(r.accepted_at),
    acceptedBy: num(r.accepted_by),
    acceptedByName: r.name,
    note: r.note,
    groups: num(r.groups),
    scoreUnits: num(r.score),
  }));
}
