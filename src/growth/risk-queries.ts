// The figures a what-if needs, read as aggregates in a constant number of statements: level counts per area, live items and who may own them, deal commitments.
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { areaFigures } from '../ratings/coverage.ts';
import { qualifiedPeople } from '../work/qualified.ts';
import { FINAL_STATUSES } from '../planning/deal-health.ts';
import { EXPERT_LEVEL } from '../domain.ts';
import { effectiveLevel } from '../planning/skills.ts';
import { meetsMinimums } from '../planning/work-split/rules.ts';
import { areasThatMatter, fragileAreas, keyPersonCandidates, rankKeyPeople, whatIfLeft, type KeyPerson, type Person, type RiskCommitment, type RiskItem, type TeamFigures, type WhatIf } from '../planning/growth/what-if.ts';

/** Work that someone still has to do: the what-if looks at these items. */
const LIVE_ITEM = sql`i.status in ('open', 'planned', 'in_progress')`;
/** Deals still running (not closed or dropped). */
const LIVE_DEAL = sql`d.status not in (select value from json_each(${JSON.stringify(FINAL_STATUSES)}))`;
/** The active team, as the coverage counts it; `u` is the users table. */
const IN_TEAM = sql`u.role in ('manager', 'member') and u.active = 1`;

export type Named = { id: number; name: string };
/** What the pages show of the areas, items and deals a what-if names. */
export type RiskNames = { areas: Map<number, { name: string; minExperts: number }>; items: Map<number, { title: string; status: string }>; commitments: Map<number, { dealTitle: string; description: string }> };

type ItemRow = RiskItem & { title: string; status: string };

/** Live items with their requirements in active areas (one statement). */
async function liveItems(db: DbOrTx): Promise<ItemRow[]> {
  const rows = await db.all<{ id: number; title: string; status: string; ownerId: number | null; reqs: string }>(sql`
    select i.id, i.title, i.status, i.owner_id as ownerId,
      (select json_group_array(json_object('areaId', r.area_id, 'minLevel', r.min_level)) from work_item_areas r join areas a on a.id = r.area_id
       where r.item_id = i.id and a.archived_at is null) as reqs
    from work_items i where ${LIVE_ITEM} order by i.id`);
  return rows.map((r) => ({ id: r.id, title: r.title, status: r.status, ownerId: r.ownerId, requirements: JSON.parse(r.reqs), eligible: null }));
}

/**
 * Who else may own each item, by the work pages' own rule (`qualifiedPeople`): listed when at most one
 * member meets every minimum. Two active members stand in for "everyone" (an item without a real minimum).
 * Its bound (members at or above a level) comes from the matrix model: no second pass over every rating.
 */
async function withEligible(db: Db, items: ItemRow[], figures: Figures): Promise<ItemRow[]> {
  const two = await db.all<Named>(sql`select id, name from users u where u.role = 'member' and u.active = 1 limit 2`);
  const qualified = await qualifiedPeople(db, items, new Set(figures.map((f) => f.area.id)), 1, two);
  return items.map((i) => ({ ...i, eligible: qualified.get(i.id)?.map((p) => p.id) ?? null }));
}

type CommitmentRow = RiskCommitment & { dealTitle: string; description: string };

/** Not-done gives of live deals with their active committed members; only those of `memberId` when given (one statement). */
async function commitments(db: DbOrTx, memberId?: number): Promise<CommitmentRow[]> {
  const rows = await db.all<{ id: number; dealId: number; dealTitle: string; description: string; members: string }>(sql`
    select di.id, di.deal_id as dealId, d.title as dealTitle, di.description,
      (select json_group_array(m.user_id) from deal_item_members m join users u on u.id = m.user_id where m.item_id = di.id and ${IN_TEAM}) as members
    from deal_items di join deals d on d.id = di.deal_id
    where di.side = 'give' and di.done = 0 and ${LIVE_DEAL}
      and ${memberId === undefined ? sql`exists (select 1 from deal_item_members m where m.item_id = di.id)` : sql`di.id in (select item_id from deal_item_members where user_id = ${memberId})`}
    order by d.id, di.position, di.id`);
  return rows.map((r) => ({ dealItemId: r.id, dealId: r.dealId, dealTitle: r.dealTitle, description: r.description, memberIds: JSON.parse(r.members) as number[] }));
}

/** The ratings in active areas (only `areaIds` when given) of these active team members, and whether each owns work (one statement). */
async function people(db: DbOrTx, ids: readonly number[], areaIds?: Iterable<number>): Promise<Array<Person & Named>> {
  const inAreas = areaIds ? sql`(select value from json_each(${JSON.stringify([...areaIds])}))` : sql`(select id from areas where archived_at is null)`;
  const rows = await db.all<{ id: number; name: string; role: string; areaId: number | null; selfLevel: number | null; managerLevel: number | null; interest: number | null }>(sql`
    select u.id, u.name, u.role, r.area_id as areaId, r.self_level as selfLevel, r.manager_level as managerLevel, r.interest
    from json_each(${JSON.stringify(ids)}) j cross join users u on u.id = j.value
      left join ratings r on r.user_id = u.id and r.area_id in ${inAreas}
    where ${IN_TEAM}`);
  const out = new Map<number, Person & Named & { ratings: Map<number, { selfLevel: number | null; managerLevel: number | null; interest: number | null }> }>();
  for (const r of rows) {
    let p = out.get(r.id);
    if (!p) out.set(r.id, (p = { id: r.id, name: r.name, ownsWork: r.role === 'member', ratings: new Map() }));
    if (r.areaId !== null) p.ratings.set(r.areaId, { selfLevel: r.selfLevel, managerLevel: r.managerLevel, interest: r.interest });
  }
  return [...out.values()];
}

function namesOf(areas: Figures, items: ItemRow[], deals: CommitmentRow[]): RiskNames {
  return {
    areas: new Map(areas.map((a) => [a.area.id, { name: a.area.name, minExperts: a.area.minExperts }])),
    items: new Map(items.map((i) => [i.id, { title: i.title, status: i.status }])),
    commitments: new Map(deals.map((c) => [c.dealItemId, { dealTitle: c.dealTitle, description: c.description }])),
  };
}

type Figures = Awaited<ReturnType<typeof areaFigures>>;

const riskAreas = (figures: Figures) => figures.map((f) => ({ id: f.area.id, targetLevel: f.area.targetLevel, minExperts: f.area.minExperts, counts: f.counts }));

/**
 * The what-if of one active team member, or null when they are not one (deactivated, a partner, unknown).
 * Only the items they own or may own (the planner's `meetsMinimums` on their levels) are checked for others.
 */
export async function whatIfOf(db: Db, memberId: number): Promise<{ person: Named; whatIf: WhatIf; names: RiskNames } | null> {
  const [figures, [person], items, deals] = await Promise.all([areaFigures(db), people(db, [memberId]), liveItems(db), commitments(db, memberId)]);
  if (!person) return null;
  const levels = Object.fromEntries([...person.ratings].map(([areaId, r]) => [areaId, effectiveLevel(r) ?? 0]));
  const theirs = items.filter((i) => i.ownerId === person.id || (person.ownsWork && meetsMinimums({ levels }, i)));
  const checked = await withEligible(db, theirs, figures);
  const team: TeamFigures = { areas: riskAreas(figures), items: checked, commitments: deals };
  return { person: { id: person.id, name: person.name }, whatIf: whatIfLeft(person, team), names: namesOf(figures, checked, deals) };
}

/**
 * The team's key people, ranked. The aggregates name the only people who can break anything (experts
 * of areas one departure makes worse, the only possible owner of an item, the only member of a
 * commitment); their ratings are read and each gets the same what-if as one person does.
 */
export async function keyPeople(db: Db, compareNames: (a: string, b: string) => number): Promise<{ ranked: Array<KeyPerson & { name: string }>; names: RiskNames }> {
  const [figures, items, deals] = await Promise.all([areaFigures(db), liveItems(db), commitments(db)]);
  const areas = riskAreas(figures);
  const fragile = fragileAreas(areas);
  const [checked, experts] = await Promise.all([withEligible(db, items, figures), expertsIn(db, fragile)]);
  const team: TeamFigures = { areas, items: checked, commitments: deals };
  // Only the ratings that can change a score: the candidates' levels in the fragile areas and in those of items with at most one eligible member.
  const candidates = await people(db, [...keyPersonCandidates(team, experts)], areasThatMatter(team, fragile));
  const nameOf = new Map(candidates.map((p) => [p.id, p.name]));
  const ranked = rankKeyPeople(candidates, team, (a, b) => compareNames(nameOf.get(a)!, nameOf.get(b)!) || a - b);
  return { ranked: ranked.map((k) => ({ ...k, name: nameOf.get(k.personId)! })), names: namesOf(figures, checked, deals) };
}

/** Active team members at expert level in any of these areas (one statement). */
async function expertsIn(db: DbOrTx, areaIds: readonly number[]): Promise<number[]> {
  const rows = await db.all<{ id: number }>(sql`
    select distinct u.id from ratings r join users u on u.id = r.user_id
    where r.area_id in (select value from json_each(${JSON.stringify(areaIds)})) and coalesce(r.manager_level, r.self_level, 0) >= ${EXPERT_LEVEL} and ${IN_TEAM}`);
  return rows.map((r) => r.id);
}
