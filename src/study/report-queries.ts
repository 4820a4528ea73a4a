// The season report's figures (papers read per area, attendance, roles, unread papers, level movement) and carrying unread papers over.
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { DAY_MS } from '../domain.ts';
import { levelsAsOf, type LevelAsOf } from '../ratings/levels-as-of.ts';

export type ReportSeason = {
  id: number;
  number: number;
  name: string;
  startsOn: string;
  endsOn: string;
  status: 'planned' | 'running' | 'finished';
  published: boolean;
  /** The season numbered one more, where unread papers are carried; null until a manager creates it. */
  nextId: number | null;
};

export async function reportSeason(db: DbOrTx, id: number): Promise<ReportSeason | null> {
  const [row] = await db.all<Omit<ReportSeason, 'published'> & { published: number }>(sql`
    select s.id, s.number, s.name, s.starts_on as startsOn, s.ends_on as endsOn, s.status,
      s.schedule_status = 'published' as published,
      (select n.id from study_seasons n where n.number = s.number + 1) as nextId
    from study_seasons s where s.id = ${id}`);
  return row ? { ...row, published: Boolean(row.published) } : null;
}

/**
 * The sessions that took place: in the published schedule, on or before `today`. Only a published schedule
 * counts, since a draft is the manager's sketch and nobody was told to come.
 */
const held = (seasonId: number, today: string) => sql`held as (
  select ss.id, ss.position, ss.day, ss.paper_id, ss.presenter_id, ss.reviewer_id, strftime('%s', ss.day) * 1000 as dayStart
  from study_sessions ss join study_seasons se on se.id = ss.season_id
  where ss.season_id = ${seasonId} and se.schedule_status = 'published' and ss.day <= ${today})`;

/** Whether participant row `p` was in the season on held session `h`'s day (joined before it ended, had not left before it began). */
const presentOn = sql`p.joined_at < h.dayStart + ${DAY_MS} and (p.left_at is null or p.left_at >= h.dayStart)`;

/** `papers`: the season's papers in the area (not withdrawn), `read`: those of them read. */
export type AreaRead = { id: number; name: string; focus: boolean; papers: number; read: number };

/** Every area of the season's papers or focus, with how many papers in it were read (a paper in two areas counts in both). */
export async function papersReadPerArea(db: DbOrTx, seasonId: number, today: string): Promise<AreaRead[]> {
  const rows = await db.all<Omit<AreaRead, 'focus'> & { focus: number }>(sql`
    with ${held(seasonId, today)},
    season_areas as (
      select area_id from study_season_areas where season_id = ${seasonId}
      union select pa.area_id from study_paper_areas pa join study_papers sp on sp.id = pa.paper_id where sp.season_id = ${seasonId} and sp.withdrawn_at is null)
    select a.id, a.name,
      exists(select 1 from study_season_areas f where f.season_id = ${seasonId} and f.area_id = a.id) as focus,
      (select count(*) from study_paper_areas pa join study_papers sp on sp.id = pa.paper_id where pa.area_id = a.id and sp.season_id = ${seasonId} and sp.withdrawn_at is null) as papers,
      (select count(distinct pa.paper_id) from study_paper_areas pa join held h on h.paper_id = pa.paper_id where pa.area_id = a.id) as read
    from season_areas sa join areas a on a.id = sa.area_id
    order by a.position, a.id`);
  return rows.map((r) => ({ ...r, focus: Boolean(r.focus) }));
}

export type SessionAttendance = {
  id: number;
  position: number;
  day: string;
  title: string | null;
  presenter: string | null;
  reviewer: string | null;
  participants: number;
  came: number;
  excused: number;
  missed: number;
};

/** Each held session with its paper, roles and attendance among the people taking part that day. */
export async function sessionAttendance(db: DbOrTx, seasonId: number, today: string): Promise<SessionAttendance[]> {
  return db.all<SessionAttendance>(sql`
    with ${held(seasonId, today)}
    select h.id, h.position, h.day, paper.title, pr.name as presenter, rv.name as reviewer,
      count(p.user_id) as participants,
      coalesce(sum(a.status = 'came'), 0) as came,
      coalesce(sum(a.status = 'excused'), 0) as excused,
      coalesce(sum(a.status = 'missed'), 0) as missed
    from held h
    left join study_papers paper on paper.id = h.paper_id
    left join users pr on pr.id = h.presenter_id
    left join users rv on rv.id = h.reviewer_id
    left join study_participants p on p.season_id = ${seasonId} and ${presentOn}
    left join study_attendance a on a.session_id = h.id and a.user_id = p.user_id
    group by h.id
    order by h.position`);
}

export type PersonFigures = { id: number; name: string; participant: boolean; held: number; came: number; presented: number; reviewed: number };

/** Everyone who took part, presented or reviewed: sessions held while they took part, how many they came to, their roles. */
export async function personFigures(db: DbOrTx, seasonId: number, today: string): Promise<PersonFigures[]> {
  const rows = await db.all<Omit<PersonFigures, 'participant'> & { participant: number }>(sql`
    with ${held(seasonId, today)},
    people as (
      select user_id from study_participants where season_id = ${seasonId}
      union select presenter_id from held where presenter_id is not null
      union select reviewer_id from held where reviewer_id is not null)
    select u.id, u.name,
      exists(select 1 from study_participants p where p.season_id = ${seasonId} and p.user_id = u.id) as participant,
      (select count(*) from held h join study_participants p on p.season_id = ${seasonId} and p.user_id = u.id and ${presentOn}) as held,
      (select count(*) from held h join study_participants p on p.season_id = ${seasonId} and p.user_id = u.id and ${presentOn}
        join study_attendance a on a.session_id = h.id and a.user_id = u.id and a.status = 'came') as came,
      (select count(*) from held h where h.presenter_id = u.id) as presented,
      (select count(*) from held h where h.reviewer_id = u.id) as reviewed
    from people pe join users u on u.id = pe.user_id`);
  return rows.map((r) => ({ ...r, participant: Boolean(r.participant) }));
}

export type UnreadPaper = { id: number; title: string; url: string; linkKey: string; votes: number; areaIds: number[]; carriedTo: boolean };

/** Papers proposed but not read: not withdrawn and in no held session. */
const unreadWhere = (seasonId: number) => sql`p.season_id = ${seasonId} and p.withdrawn_at is null and p.id not in (select paper_id from held where paper_id is not null)`;

/** The unread papers, most votes first, and whether the next season already has each (by link). */
export async function unreadPapers(db: DbOrTx, seasonId: number, today: string, nextId: number | null): Promise<UnreadPaper[]> {
  const rows = await db.all<Omit<UnreadPaper, 'areaIds' | 'carriedTo'> & { areaIds: string | null; carriedTo: number }>(sql`
    with ${held(seasonId, today)}
    select p.id, p.title, p.url, p.link_key as linkKey,
      (select count(*) from study_votes v where v.paper_id = p.id) as votes,
      (select group_concat(pa.area_id) from study_paper_areas pa where pa.paper_id = p.id) as areaIds,
      exists(select 1 from study_papers n where n.season_id = ${nextId ?? 0} and n.link_key = p.link_key) as carriedTo
    from study_papers p
    where ${unreadWhere(seasonId)}
    order by votes desc, p.title`);
  return rows.map((r) => ({ ...r, areaIds: r.areaIds ? r.areaIds.split(',').map(Number) : [], carriedTo: Boolean(r.carriedTo) }));
}

/** The span the level movement covers: from the season's first day to the end of its last (or now, while it runs). */
export function movementSpan(season: { startsOn: string; endsOn: string; status: string }, now: Date): { from: number; to: number } | null {
  const from = Date.parse(`${season.startsOn}T00:00:00Z`);
  const end = Date.parse(`${season.endsOn}T00:00:00Z`) + DAY_MS;
  const to = season.status === 'finished' ? end : Math.min(end, now.getTime());
  return to > from ? { from, to } : null;
}

/** The levels of spans that are over, per database handle: season → the stamp they were read under and the levels. */
const keptSpans = new WeakMap<object, Map<string, { maxId: number; scope: string; levels: LevelAsOf[] }>>();
/** Reports people look at now and then (a few seasons back); the oldest read goes first. */
const KEPT_SPANS = 8;

/**
 * The participants' levels in the season's paper areas at the start and the end of `span`. While the span
 * runs (its end is the clock) in one statement. Once it is over the levels are kept, like a past day of the
 * matrix: a stamp (the newest history id, the earliest moment written since the kept levels, and who and
 * which areas the report covers) says whether anything was written into the span or before it, or the
 * participants or paper areas changed; only then are they read again. Today's edits land after the span, so
 * the report of a finished season costs the stamp, not the history (10 of its 26 ms at 200 members).
 */
export async function seasonLevels(db: DbOrTx, seasonId: number, span: { from: number; to: number }, now: Date): Promise<LevelAsOf[]> {
  const users = sql`select user_id from study_participants where season_id = ${seasonId}`;
  const areas = sql`select pa.area_id from study_paper_areas pa join study_papers sp on sp.id = pa.paper_id where sp.season_id = ${seasonId} and sp.withdrawn_at is null`;
  const read = () => levelsAsOf(db, [span.from, span.to], { users, areas });
  if (span.to > now.getTime()) return read();
  let byDb = keptSpans.get(db);
  if (!byDb) keptSpans.set(db, (byDb = new Map()));
  const key = `${seasonId} ${span.from} ${span.to}`;
  const kept = byDb.get(key);
  const [stamp] = await db.all<{ maxId: number; writtenFrom: number | null; scope: string }>(sql`
    select (select coalesce(max(id), 0) from rating_history) as maxId,
      (select min(changed_at) from rating_history where id > ${kept ? kept.maxId : Number.MAX_SAFE_INTEGER}) as writtenFrom,
      coalesce((select group_concat(user_id) from (select distinct user_id from (${users}) order by 1)), '') || '|' ||
        coalesce((select group_concat(area_id) from (select distinct area_id from (${areas}) order by 1)), '') as scope`);
  if (kept && kept.scope === stamp.scope && (stamp.writtenFrom === null || stamp.writtenFrom >= span.to)) return kept.levels;
  const levels = await read();
  // Filed under the id read before the levels: a write in between only makes the next view read again.
  byDb.delete(key);
  byDb.set(key, { maxId: stamp.maxId, scope: stamp.scope, levels });
  if (byDb.size > KEPT_SPANS) byDb.delete(byDb.keys().next().value!);
  return levels;
}

export type AreaMovement = { areaId: number; rated: number; rose: number; fell: number; medianBefore: number | null; medianAfter: number | null };

const median = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Per area, over the participants rated at both ends: how many rose or fell, and the median before and after. */
export function areaMovement(levels: LevelAsOf[], span: { from: number; to: number }, areaIds: number[]): AreaMovement[] {
  const at = (when: number) => new Map(levels.filter((l) => l.asOf === when).map((l) => [`${l.userId}:${l.areaId}`, l.level]));
  const [before, after] = [at(span.from), at(span.to)];
  return areaIds.map((areaId) => {
    const pairs: Array<[number, number]> = [];
    for (const [key, b] of before) {
      const a = after.get(key);
      if (key.endsWith(`:${areaId}`) && a !== undefined) pairs.push([b, a]);
    }
    return {
      areaId,
      rated: pairs.length,
      rose: pairs.filter(([b, a]) => a > b).length,
      fell: pairs.filter(([b, a]) => a < b).length,
      medianBefore: median(pairs.map(([b]) => b)),
      medianAfter: median(pairs.map(([, a]) => a)),
    };
  });
}

export type CarryResult = { carried: number; skipped: string[] };

/**
 * Copies this season's unread papers (with their areas, not their votes) into season `nextId` in one
 * transaction, each remembering where it came from. A paper whose link the next season already has is
 * skipped and named, so carrying twice copies nothing twice.
 */
export async function carryUnread(db: Db, seasonId: number, nextId: number, today: string, now: Date): Promise<CarryResult> {
  return db.transaction(
    async (tx) => {
      const already = sql`p.link_key in (select link_key from study_papers where season_id = ${nextId})`;
      const skipped = await tx.all<{ title: string }>(sql`with ${held(seasonId, today)} select p.title from study_papers p where ${unreadWhere(seasonId)} and ${already} order by p.title`);
      const copied = await tx.all<{ id: number }>(sql`
        with ${held(seasonId, today)}
        insert into study_papers (season_id, title, url, link_key, authors, year, why, proposed_by, proposed_at, carried_from)
        select ${nextId}, p.title, p.url, p.link_key, p.authors, p.year, p.why, p.proposed_by, ${now.getTime()}, p.id
        from study_papers p where ${unreadWhere(seasonId)} and not (${already})
        returning id`);
      if (copied.length) {
        await tx.run(sql`
          insert into study_paper_areas (paper_id, area_id)
          select n.id, pa.area_id from study_papers n join study_paper_areas pa on pa.paper_id = n.carried_from
          where n.id in (${sql.join(
            copied.map((r) => sql`${r.id}`),
            sql`, `,
          )})`);
      }
      return { carried: copied.length, skipped: skipped.map((r) => r.title) };
    },
    { behavior: 'immediate' },
  );
}
