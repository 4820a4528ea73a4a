// What the session pages read and write: one session with its paper and people, attendance, materials and notes, evidence.
import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { areas, studyAttendance, studyEvidence, studyPaperAreas, studyPapers, studyParticipants, studySeasons, studySessions, users } from '../db/schema/index.ts';

export type AttendanceStatus = 'came' | 'excused' | 'missed';
export type Materials = { slides?: string; notes?: string; recording?: string };
export const MATERIAL_KINDS = ['slides', 'notes', 'recording'] as const;

export type SessionDetail = {
  id: number;
  seasonId: number;
  seasonNumber: number;
  seasonName: string;
  published: boolean;
  position: number;
  day: string;
  startTime: string;
  sessionMinutes: number;
  paper: { id: number; title: string; url: string; authors: string; year: number | null; areas: Array<{ id: number; name: string }> } | null;
  presenter: { id: number; name: string } | null;
  reviewer: { id: number; name: string } | null;
  materials: Materials;
  notes: string;
  version: number;
};

/** Materials as stored; anything that is not one of the three kinds with a string value is dropped. */
function parseMaterials(raw: string): Materials {
  try {
    const m = JSON.parse(raw) as Record<string, unknown>;
    return Object.fromEntries(MATERIAL_KINDS.flatMap((k) => (typeof m[k] === 'string' && m[k] ? [[k, m[k]]] : []))) as Materials;
  } catch {
    return {};
  }
}

/** One session with its season, paper (and its areas), presenter and reviewer, in one statement; null when there is none. */
export async function getSession(db: DbOrTx, id: number): Promise<SessionDetail | null> {
  const [row] = await db.all<{
    id: number; seasonId: number; seasonNumber: number; seasonName: string; scheduleStatus: string; position: number; day: string; startTime: string; sessionMinutes: number;
    paperId: number | null; title: string | null; url: string | null; authors: string | null; year: number | null; paperAreas: string | null;
    presenterId: number | null; presenterName: string | null; reviewerId: number | null; reviewerName: string | null; materials: string; notes: string; version: number;
  }>(sql`
    select s.id, s.season_id as seasonId, se.number as seasonNumber, se.name as seasonName, se.schedule_status as scheduleStatus,
      s.position, s.day, se.start_time as startTime, se.session_minutes as sessionMinutes,
      p.id as paperId, p.title, p.url, p.authors, p.year,
      (select json_group_array(json_object('id', a.id, 'name', a.name)) from ${studyPaperAreas} pa join ${areas} a on a.id = pa.area_id where pa.paper_id = p.id) as paperAreas,
      s.presenter_id as presenterId, pu.name as presenterName, s.reviewer_id as reviewerId, ru.name as reviewerName,
      s.materials, s.notes, s.version
    from ${studySessions} s
    join ${studySeasons} se on se.id = s.season_id
    left join ${studyPapers} p on p.id = s.paper_id
    left join ${users} pu on pu.id = s.presenter_id
    left join ${users} ru on ru.id = s.reviewer_id
    where s.id = ${id}`);
  if (!row) return null;
  const person = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });
  return {
    id: row.id,
    seasonId: row.seasonId,
    seasonNumber: row.seasonNumber,
    seasonName: row.seasonName,
    published: row.scheduleStatus === 'published',
    position: row.position,
    day: row.day,
    startTime: row.startTime,
    sessionMinutes: row.sessionMinutes,
    paper:
      row.paperId === null
        ? null
        : { id: row.paperId, title: row.title ?? '', url: row.url ?? '', authors: row.authors ?? '', year: row.year, areas: JSON.parse(row.paperAreas ?? '[]') as Array<{ id: number; name: string }> },
    presenter: person(row.presenterId, row.presenterName),
    reviewer: person(row.reviewerId, row.reviewerName),
    materials: parseMaterials(row.materials),
    notes: row.notes,
    version: row.version,
  };
}

export type Attendee = { id: number; name: string; left: boolean; status: AttendanceStatus | null };

/** The season's participants with their mark for this session; people who left stay listed only if they were marked. */
export async function attendanceOf(db: DbOrTx, session: Pick<SessionDetail, 'id' | 'seasonId'>): Promise<Attendee[]> {
  const rows = await db.all<{ id: number; name: string; leftAt: number | null; status: AttendanceStatus | null }>(sql`
    select u.id, u.name, p.left_at as leftAt, a.status
    from ${studyParticipants} p
    join ${users} u on u.id = p.user_id
    left join ${studyAttendance} a on a.session_id = ${session.id} and a.user_id = p.user_id
    where p.season_id = ${session.seasonId} and (p.left_at is null or a.status is not null)`);
  return rows.map((r) => ({ id: r.id, name: r.name, left: r.leftAt !== null, status: r.status }));
}

/** Sets one person's mark (a second mark replaces the first). */
export async function markAttendance(db: Db, sessionId: number, userId: number, status: AttendanceStatus, markedBy: number, at: Date) {
  await db
    .insert(studyAttendance)
    .values({ sessionId, userId, status, markedBy, markedAt: at.getTime() })
    .onConflictDoUpdate({ target: [studyAttendance.sessionId, studyAttendance.userId], set: { status, markedBy, markedAt: at.getTime() } });
}

/** Saves materials and notes if the session is still at `version`; false when someone saved in between. */
export async function saveMaterials(db: Db, sessionId: number, version: number, materials: Materials, notes: string): Promise<boolean> {
  const done = await db
    .update(studySessions)
    .set({ materials: JSON.stringify(materials), notes, version: sql`${studySessions.version} + 1` })
    .where(and(eq(studySessions.id, sessionId), eq(studySessions.version, version)))
    .returning({ id: studySessions.id });
  return done.length === 1;
}

/** Who already attached this session as evidence (their ids). */
export async function evidenceAddedBy(db: DbOrTx, sessionId: number): Promise<Set<number>> {
  const rows = await db.selectDistinct({ userId: studyEvidence.userId }).from(studyEvidence).where(eq(studyEvidence.sessionId, sessionId));
  return new Set(rows.map((r) => r.userId));
}

/**
 * Writes one evidence row per area of the paper for this person and role, in one transaction. Rows that exist
 * already are kept as they are, so a second click writes nothing; returns how many rows were new.
 */
export async function addEvidence(db: Db, sessionId: number, userId: number, role: 'presenter' | 'reviewer', areaIds: number[], at: Date): Promise<number> {
  if (areaIds.length === 0) return 0;
  const added = await db
    .insert(studyEvidence)
    .values(areaIds.map((areaId) => ({ sessionId, userId, areaId, role, createdAt: at.getTime() })))
    .onConflictDoNothing()
    .returning({ areaId: studyEvidence.areaId });
  return added.length;
}

export type StudyEvidence = { areaId: number; role: 'presenter' | 'reviewer'; sessionId: number; paperTitle: string; seasonNumber: number };

/** A member's evidence from study sessions (in one area, or all), for the stat card: one statement, newest session first. */
export async function studyEvidenceOf(db: DbOrTx, userId: number, areaId?: number): Promise<StudyEvidence[]> {
  return db.all<StudyEvidence>(sql`
    select e.area_id as areaId, e.role, e.session_id as sessionId, coalesce(p.title, '') as paperTitle, se.number as seasonNumber
    from ${studyEvidence} e
    join ${studySessions} s on s.id = e.session_id
    join ${studySeasons} se on se.id = s.season_id
    left join ${studyPapers} p on p.id = s.paper_id
    where e.user_id = ${userId} ${areaId === undefined ? sql`` : sql`and e.area_id = ${areaId}`}
    order by s.day desc, s.id desc`);
}

export type UpcomingRole = { sessionId: number; day: string; startTime: string; role: 'presenter' | 'reviewer'; paperTitle: string; seasonNumber: number; position: number; otherName: string | null };

/**
 * The person's next sessions to present or review in published schedules of seasons they still take part in,
 * from `today` on, soonest first: one statement whatever the team size.
 */
export async function upcomingRoles(db: DbOrTx, userId: number, today: string, limit: number): Promise<UpcomingRole[]> {
  return db.all<UpcomingRole>(sql`
    select s.id as sessionId, s.day, se.start_time as startTime,
      case when s.presenter_id = ${userId} then 'presenter' else 'reviewer' end as role,
      coalesce(p.title, '') as paperTitle, se.number as seasonNumber, s.position,
      case when s.presenter_id = ${userId} then ru.name else pu.name end as otherName
    from ${studySessions} s
    join ${studySeasons} se on se.id = s.season_id and se.schedule_status = 'published'
    join ${studyParticipants} me on me.season_id = s.season_id and me.user_id = ${userId} and me.left_at is null
    left join ${studyPapers} p on p.id = s.paper_id
    left join ${users} pu on pu.id = s.presenter_id
    left join ${users} ru on ru.id = s.reviewer_id
    where (s.presenter_id = ${userId} or s.reviewer_id = ${userId}) and s.day >= ${today}
    order by s.day, s.id
    limit ${limit}`);
}
