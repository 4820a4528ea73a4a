// What the outcomes page reads: every learning event (mentoring pairs, buddies on done items, study presentations) and the rating histories they need.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { levelTimeline, type LevelPoint } from '../planning/skills.ts';
import { interestTimeline, ratingKey, type InterestPoint, type LearningEvent, type OutcomeInput, type OutcomeKind } from '../planning/growth/outcomes.ts';

/**
 * Every learning event, in areas that are not archived:
 * - mentoring: a learner of a 'mentoring' group in an accepted round; start = the round's acceptance;
 * - buddy: the learning buddy of a done work item, once per required area (the planner drops the areas where
 *   the buddy already met the minimum); start = the item's cycle start (when the buddy was set is not
 *   recorded; the cycle is when the work was planned), or the item's creation without a cycle;
 * - study: the presenter of a session of a published schedule held by `today`, once per area of the paper;
 *   start = the session day (00:00 UTC, as the season report counts days).
 */
const eventsSql = (today: string) => sql`events as (
  select 'mentoring' as kind, l.user_id as learnerId, g.area_id as areaId, r.accepted_at as start, m.user_id as mentorId, null as belowLevel, r.id as ref
  from pairing_groups g
  join pairing_rounds r on r.id = g.round_id and r.status = 'accepted'
  join pairing_group_members l on l.group_id = g.id and l.role = 'learner'
  left join pairing_group_members m on m.group_id = g.id and m.role = 'mentor'
  where g.kind = 'mentoring' and g.area_id is not null
  union all
  select 'buddy', w.buddy_id, wa.area_id, coalesce(strftime('%s', c.start_date) * 1000, w.created_at), null, wa.min_level, w.id
  from work_items w
  join work_item_areas wa on wa.item_id = w.id
  left join work_cycles c on c.id = w.cycle_id
  where w.status = 'done' and w.buddy_id is not null
  union all
  select 'study', s.presenter_id, pa.area_id, strftime('%s', s.day) * 1000, null, null, s.id
  from study_sessions s
  join study_seasons se on se.id = s.season_id and se.schedule_status = 'published'
  join study_paper_areas pa on pa.paper_id = s.paper_id
  where s.presenter_id is not null and s.day <= ${today}),
  open_events as materialized (select e.* from events e join areas a on a.id = e.areaId and a.archived_at is null)`;

export async function learningEvents(db: DbOrTx, today: string): Promise<LearningEvent[]> {
  const [row] = await db.all<{ list: string | null }>(sql`
    with ${eventsSql(today)}
    select json_group_array(json_array(kind, learnerId, areaId, start, mentorId, belowLevel, ref)) as list from open_events`);
  const rows = JSON.parse(row?.list ?? '[]') as Array<[OutcomeKind, number, number, number, number | null, number | null, number]>;
  return rows.map(([kind, learnerId, areaId, start, mentorId, belowLevel, ref]) => ({ kind, learnerId, areaId, start, mentorId, belowLevel, ref }));
}

export type OutcomeHistories = { levels: Map<string, LevelPoint[]>; interests: Map<string, InterestPoint[]> };

/**
 * Level and interest histories of the ratings the outcomes need, one statement: in the areas with events, the
 * team's ratings of people who had an event there or ever wanted to grow there (interest ≥ 2). Rows come as a
 * JSON array per rating (see planningData for why) and are replayed by levelTimeline and interestTimeline.
 */
export async function outcomeHistories(db: DbOrTx, today: string): Promise<OutcomeHistories> {
  const rows = await db.all<{ userId: number; areaId: number; list: string }>(sql`
    with ${eventsSql(today)},
    scope as (
      select learnerId as user_id, areaId as area_id from open_events
      union
      select user_id, area_id from rating_history
      where field = 'interest' and cast(new_value as integer) >= 2 and area_id in (select areaId from open_events))
    select h.user_id as userId, h.area_id as areaId,
      json_group_array(json_array(h.changed_at, h.id, h.field, h.old_value, h.new_value)) as list
    from scope s
    join rating_history h on h.user_id = s.user_id and h.area_id = s.area_id and h.field in ('selfLevel', 'managerLevel', 'interest')
    join users u on u.id = h.user_id and u.role in ('manager', 'member')
    group by h.user_id, h.area_id`);
  const levels = new Map<string, LevelPoint[]>();
  const interests = new Map<string, InterestPoint[]>();
  for (const r of rows) {
    const entries = (JSON.parse(r.list) as Array<[number, number, string, string | null, string | null]>).map(([changedAt, id, field, oldValue, newValue]) => ({ changedAt, id, field, oldValue, newValue }));
    const key = ratingKey(r.userId, r.areaId);
    levels.set(key, levelTimeline(entries));
    interests.set(key, interestTimeline(entries));
  }
  return { levels, interests };
}

export type TeamPerson = { id: number; name: string; active: boolean };

/** Every manager and member, deactivated ones too (their past events still show), one statement. */
export async function teamPeople(db: DbOrTx): Promise<TeamPerson[]> {
  const [row] = await db.all<{ list: string | null }>(sql`
    select json_group_array(json_array(id, name, active)) as list from users where role in ('manager', 'member')`);
  return (JSON.parse(row?.list ?? '[]') as Array<[number, string, number]>).map(([id, name, active]) => ({ id, name, active: active === 1 }));
}

/** What the outcome rules need, in three statements: the events, the histories, the team (with who is still active). */
export async function outcomeInput(db: DbOrTx, now: number, today: string): Promise<{ input: OutcomeInput; people: TeamPerson[] }> {
  const [events, histories, people] = await Promise.all([learningEvents(db, today), outcomeHistories(db, today), teamPeople(db)]);
  return { input: { events, ...histories, active: new Set(people.filter((p) => p.active).map((p) => p.id)), now }, people };
}
