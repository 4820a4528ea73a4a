// The schedule of a season: what its page shows, the planner's input from the tables, and version-checked writes.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { areas, ratings, studyAway, studyPaperAreas, studyParticipants, studyPapers, studySeasonAreas, studySeasons, studySessions, studyVotes, users } from '../db/schema/index.ts';
import { EXPERT_LEVEL } from '../domain.ts';
import { busFactorRisk } from '../planning/skills.ts';
import { sessionDates, type PlannedSession, type ScheduleInput, type ScheduleParticipant } from '../planning/study-schedule/index.ts';
import type { AreaRisk, SessionReason } from '../domain.ts';

export type Season = Omit<typeof studySeasons.$inferSelect, 'skipDates'> & { skipDates: string[] };
export type ScheduleSession = Omit<typeof studySessions.$inferSelect, 'reason' | 'materials' | 'notes'> & { reason: SessionReason | null };
export type CandidatePaper = { id: number; title: string; url: string; votes: number; areaIds: number[] };
export type SeasonParticipant = ScheduleParticipant & { name: string; leftAt: number | null };
export type ScheduleArea = { id: number; name: string; risk: AreaRisk | null; focus: boolean };

export interface ScheduleData {
  season: Season;
  /** Every session date of the season's cadence. */
  dates: string[];
  sessions: ScheduleSession[];
  /** Papers not withdrawn, with their votes and areas. */
  papers: CandidatePaper[];
  /** Everyone who joined, those who left included (a scheduled session shows their gap). */
  participants: SeasonParticipant[];
  areas: ScheduleArea[];
}

const parseJson = <T>(s: string | null | undefined, fallback: T): T => {
  try {
    return s ? (JSON.parse(s) as T) : fallback;
  } catch {
    return fallback;
  }
};

const isReason = (r: unknown): r is SessionReason => typeof r === 'object' && r !== null && 'paper' in r;

/** The season and all its schedule needs in 7 statements whatever the team size; null when there is no such season. */
export async function scheduleData(db: DbOrTx, seasonId: number): Promise<ScheduleData | null> {
  const [[season], sessions, papers, people, packed, areaRows, focus] = await Promise.all([
    db.select().from(studySeasons).where(eq(studySeasons.id, seasonId)),
    db.select().from(studySessions).where(eq(studySessions.seasonId, seasonId)).orderBy(asc(studySessions.position)),
    db.all<{ id: number; title: string; url: string; votes: number; areaIds: string }>(sql`
      select p.id, p.title, p.url,
        (select count(*) from ${studyVotes} v where v.paper_id = p.id) as votes,
        (select json_group_array(a.area_id) from ${studyPaperAreas} a where a.paper_id = p.id) as areaIds
      from ${studyPapers} p where p.season_id = ${seasonId} and p.withdrawn_at is null order by p.id`),
    db.all<{ id: number; name: string; leftAt: number | null; noPresenting: number; away: string }>(sql`
      select u.id, u.name, sp.left_at as leftAt, sp.no_presenting as noPresenting,
        (select json_group_array(w.day) from ${studyAway} w where w.season_id = sp.season_id and w.user_id = sp.user_id) as away
      from ${studyParticipants} sp join ${users} u on u.id = sp.user_id where sp.season_id = ${seasonId} order by u.name`),
    // Ratings of this season's participants only, packed as JSON (one row, see pairings/queries.ts).
    db.all<{ list: string }>(sql`
      select json_group_array(json_array(r.user_id, r.area_id, coalesce(r.manager_level, r.self_level), r.interest)) as list
      from ${ratings} r join ${studyParticipants} sp on sp.user_id = r.user_id and sp.season_id = ${seasonId}`),
    // The team's experts per area (active managers and members at level ≥ 4): the bus factor.
    db.all<{ id: number; name: string; minExperts: number; archived: number; experts: number }>(sql`
      select a.id, a.name, a.min_experts as minExperts, a.archived_at is not null as archived,
        (select count(*) from ${ratings} r join ${users} u on u.id = r.user_id
          where r.area_id = a.id and u.active = 1 and u.role in ('manager','member') and coalesce(r.manager_level, r.self_level) >= ${EXPERT_LEVEL}) as experts
      from ${areas} a order by a.position, a.id`),
    db.select({ areaId: studySeasonAreas.areaId }).from(studySeasonAreas).where(eq(studySeasonAreas.seasonId, seasonId)),
  ]);
  if (!season) return null;
  const skills = new Map<number, Record<number, { level: number; interest: number }>>();
  for (const [userId, areaId, level, interest] of parseJson<Array<[number, number, number | null, number | null]>>(packed[0]?.list, [])) {
    const mine = skills.get(userId) ?? {};
    mine[areaId] = { level: level ?? 0, interest: interest ?? 0 };
    skills.set(userId, mine);
  }
  const focusIds = new Set(focus.map((f) => f.areaId));
  const risk = (a: (typeof areaRows)[number]) => {
    const r = busFactorRisk(a.experts, a.minExperts);
    return a.archived || r === 'ok' ? null : r;
  };
  const skipDates = parseJson<string[]>(season.skipDates, []);
  return {
    season: { ...season, skipDates },
    dates: sessionDates({ ...season, skipDates }),
    sessions: sessions.map(({ materials: _m, notes: _n, ...s }) => {
      const reason = parseJson<unknown>(s.reason, null);
      return { ...s, reason: isReason(reason) ? reason : null };
    }),
    papers: papers.map((p) => ({ ...p, votes: Number(p.votes), areaIds: parseJson<number[]>(p.areaIds, []) })),
    participants: people.map((p) => ({ id: p.id, name: p.name, leftAt: p.leftAt, noPresenting: Boolean(p.noPresenting), away: parseJson<string[]>(p.away, []), skills: skills.get(p.id) ?? {} })),
    areas: areaRows.map((a) => ({ id: a.id, name: a.name, risk: risk(a), focus: focusIds.has(a.id) })),
  };
}

/** A session is held once its day has passed (UTC calendar days, as everywhere). */
export const isHeld = (s: { day: string }, today: string) => s.day < today;

/**
 * The planner's input. A schedule not yet published is planned whole; a published one only from today on:
 * held sessions stay as they are, their presenters count for fairness and their papers are not candidates.
 * Locks come from the sessions being replanned. People who left take no part.
 */
export function plannerInput(data: ScheduleData, today: string): ScheduleInput {
  const published = data.season.scheduleStatus === 'published';
  const held = published ? data.sessions.filter((s) => isHeld(s, today)) : [];
  const open = published ? data.sessions.filter((s) => !isHeld(s, today)) : data.sessions;
  const readPapers = new Set(held.flatMap((s) => (s.paperId === null ? [] : [s.paperId])));
  const presented: Record<number, number> = {};
  for (const s of held) if (s.presenterId !== null) presented[s.presenterId] = (presented[s.presenterId] ?? 0) + 1;
  return {
    days: published ? data.dates.filter((d) => d >= today) : data.dates,
    papers: data.papers.filter((p) => !readPapers.has(p.id)).map(({ id, votes, areaIds }) => ({ id, votes, areaIds })),
    areas: data.areas.map(({ id, risk, focus }) => ({ id, risk, focus })),
    participants: data.participants.filter((p) => p.leftAt === null).map(({ id, noPresenting, away, skills }) => ({ id, noPresenting, away, skills })),
    locks: {
      paperOnDay: open.filter((s) => s.lockPaper && s.paperId !== null).map((s) => ({ paperId: s.paperId!, day: s.day })),
      presenterOfPaper: open.filter((s) => s.lockPresenter && s.paperId !== null && s.presenterId !== null).map((s) => ({ personId: s.presenterId!, paperId: s.paperId! })),
    },
    held: published ? { presented, lastReviewerId: held.at(-1)?.reviewerId ?? null } : undefined,
  };
}

export type Written = { ok: true; version: number } | { ok: false; current: ScheduleData | null };

/** Moves the season's schedule version on from `version` inside `tx`; false when someone else moved it first. */
async function bumpVersion(tx: DbOrTx, seasonId: number, version: number, set: Partial<typeof studySeasons.$inferInsert> = {}): Promise<boolean> {
  const done = await tx
    .update(studySeasons)
    .set({ ...set, scheduleVersion: sql`${studySeasons.scheduleVersion} + 1` })
    .where(and(eq(studySeasons.id, seasonId), eq(studySeasons.scheduleVersion, version)))
    .returning({ id: studySeasons.id });
  return done.length === 1;
}

const written = async (db: DbOrTx, seasonId: number, ok: boolean, version: number): Promise<Written> =>
  ok ? { ok: true, version: version + 1 } : { ok: false, current: await scheduleData(db, seasonId) };

/**
 * Writes a plan over the sessions it covers (one transaction): the row at each date's position is updated in
 * place (its id, materials and attendance stay), missing ones are inserted, rows past the season's last date
 * that are not held are removed. A schedule not yet published becomes a draft; a published one stays published.
 */
export async function writePlan(db: Db, data: ScheduleData, version: number, plan: PlannedSession[], today: string): Promise<Written> {
  const seasonId = data.season.id;
  return db.transaction(
    async (tx) => {
      const published = data.season.scheduleStatus === 'published';
      if (!(await bumpVersion(tx, seasonId, version, published ? {} : { scheduleStatus: 'draft' }))) return written(tx, seasonId, false, version);
      const existing = new Map(data.sessions.map((s) => [s.position, s]));
      for (const s of plan) {
        const position = data.dates.indexOf(s.day) + 1;
        const row = { day: s.day, paperId: s.paperId, presenterId: s.presenterId, reviewerId: s.reviewerId, lockPaper: s.lockPaper, lockPresenter: s.lockPresenter, reason: JSON.stringify(s.reason) };
        const old = existing.get(position);
        if (old) await tx.update(studySessions).set({ ...row, version: sql`${studySessions.version} + 1` }).where(eq(studySessions.id, old.id));
        else await tx.insert(studySessions).values({ seasonId, position, ...row });
      }
      const gone = data.sessions.filter((s) => s.position > data.dates.length && !(published && isHeld(s, today))).map((s) => s.id);
      if (gone.length > 0) await tx.delete(studySessions).where(inArray(studySessions.id, gone));
      return written(tx, seasonId, true, version);
    },
    { behavior: 'immediate' },
  );
}

export type SessionChange = { id: number } & Partial<Pick<ScheduleSession, 'paperId' | 'presenterId' | 'reviewerId' | 'lockPaper' | 'lockPresenter'>> & { reason: SessionReason };

/** Applies one edit (changes of one or two sessions) if the schedule is still at `version`. */
export async function editSessions(db: Db, seasonId: number, version: number, changes: SessionChange[]): Promise<Written> {
  return db.transaction(
    async (tx) => {
      if (!(await bumpVersion(tx, seasonId, version))) return written(tx, seasonId, false, version);
      for (const { id, reason, ...set } of changes) {
        await tx
          .update(studySessions)
          .set({ ...set, reason: JSON.stringify(reason), version: sql`${studySessions.version} + 1` })
          .where(and(eq(studySessions.id, id), eq(studySessions.seasonId, seasonId)));
      }
      return written(tx, seasonId, true, version);
    },
    { behavior: 'immediate' },
  );
}

/** Publishes a draft schedule at `version`. */
/** Publishes a draft at `version`; `then` runs in the same transaction once published (the presenters' and reviewers' notices). */
export async function publishSchedule(db: Db, seasonId: number, version: number, now: Date, then?: (tx: DbOrTx) => Promise<void>): Promise<Written> {
  return db.transaction(
    async (tx) => {
      const [season] = await tx.select({ status: studySeasons.scheduleStatus }).from(studySeasons).where(eq(studySeasons.id, seasonId));
      const ok = season?.status === 'draft' && (await bumpVersion(tx, seasonId, version, { scheduleStatus: 'published', publishedAt: now.getTime() }));
      if (ok) await then?.(tx);
      return written(tx, seasonId, ok, version);
    },
    { behavior: 'immediate' },
  );
}
