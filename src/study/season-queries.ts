// Seasons, their focus areas, participants and away dates, and the published schedule as the season page shows it.
import { and, asc, desc, eq, getTableName, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db, DbOrTx } from '../db/client.ts';
import { studyAway, studyPapers, studyParticipants, studySeasonAreas, studySeasons, studySessions, users } from '../db/schema/index.ts';

/**
 * A column always written with its table's name: drizzle leaves columns of a one-table select unqualified,
 * so inside a correlated subquery `"id"` would name the subquery's own table.
 */
export const col = (c: SQLiteColumn): SQL => sql.raw(`"${getTableName(c.table)}"."${c.name}"`);

export type Season = typeof studySeasons.$inferSelect;
export type SeasonStatus = Season['status'];
export const SEASON_STATUSES = ['planned', 'running', 'finished'] as const satisfies readonly SeasonStatus[];

export type SeasonInput = {
  number: number;
  name: string;
  startsOn: string;
  endsOn: string;
  weekday: number;
  startTime: string;
  sessionMinutes: number;
  skipDates: string[];
  goal: string;
  votesPerMember: number;
  areaIds: number[];
};

/** Every season, newest first, with how many people take part now. */
export async function listSeasons(db: DbOrTx) {
  return db
    .select({
      season: studySeasons,
      participants: sql<number>`(select count(*) from ${studyParticipants} where ${col(studyParticipants.seasonId)} = ${col(studySeasons.id)} and ${col(studyParticipants.leftAt)} is null)`,
    })
    .from(studySeasons)
    .orderBy(desc(studySeasons.number))
    .then((rows) => rows.map((r) => ({ ...r.season, participants: r.participants })));
}

export async function nextSeasonNumber(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number | null>`max(${studySeasons.number})` }).from(studySeasons);
  return (row?.n ?? 0) + 1;
}

export async function seasonNumberTaken(db: DbOrTx, number: number, exceptId?: number): Promise<boolean> {
  const [row] = await db
    .select({ id: studySeasons.id })
    .from(studySeasons)
    .where(and(eq(studySeasons.number, number), exceptId ? sql`${studySeasons.id} <> ${exceptId}` : undefined));
  return Boolean(row);
}

/** A season with its focus area ids (one statement). */
export async function getSeason(db: DbOrTx, id: number): Promise<(Season & { areaIds: number[] }) | null> {
  const [row] = await db
    .select({ season: studySeasons, areaIds: sql<string>`(select coalesce(json_group_array(${col(studySeasonAreas.areaId)}), '[]') from ${studySeasonAreas} where ${col(studySeasonAreas.seasonId)} = ${col(studySeasons.id)})` })
    .from(studySeasons)
    .where(eq(studySeasons.id, id));
  return row ? { ...row.season, areaIds: (JSON.parse(row.areaIds) as number[]).sort((a, b) => a - b) } : null;
}

/** The skipped dates as stored (a JSON array). */
export const skipDatesOf = (season: Pick<Season, 'skipDates'>): string[] => JSON.parse(season.skipDates) as string[];

const seasonValues = ({ areaIds: _areas, skipDates, ...rest }: SeasonInput) => ({ ...rest, skipDates: JSON.stringify(skipDates) });

export async function insertSeason(db: Db, input: SeasonInput, createdBy: number, now: Date): Promise<Season> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(studySeasons).values({ ...seasonValues(input), createdBy, createdAt: now.getTime() }).returning();
    if (input.areaIds.length > 0) await tx.insert(studySeasonAreas).values(input.areaIds.map((areaId) => ({ seasonId: row.id, areaId })));
    return row;
  });
}

/** Saves the season's fields and areas if it is still at `version`; null when someone changed it meanwhile. */
export async function updateSeason(db: Db, id: number, version: number, input: SeasonInput): Promise<Season | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(studySeasons)
      .set({ ...seasonValues(input), version: sql`${studySeasons.version} + 1` })
      .where(and(eq(studySeasons.id, id), eq(studySeasons.version, version)))
      .returning();
    if (!row) return null;
    await tx.delete(studySeasonAreas).where(eq(studySeasonAreas.seasonId, id));
    if (input.areaIds.length > 0) await tx.insert(studySeasonAreas).values(input.areaIds.map((areaId) => ({ seasonId: id, areaId })));
    return row;
  });
}

export async function setSeasonStatus(db: DbOrTx, id: number, version: number, status: SeasonStatus): Promise<Season | null> {
  const [row] = await db
    .update(studySeasons)
    .set({ status, version: sql`${studySeasons.version} + 1` })
    .where(and(eq(studySeasons.id, id), eq(studySeasons.version, version)))
    .returning();
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Participants and away dates.

export type Participant = { userId: number; name: string; leftAt: number | null; noPresenting: boolean; away: string[] };

/** Everyone who ever joined the season (leavers too, with `leftAt`) and their away dates, in one statement. */
export async function seasonParticipants(db: DbOrTx, seasonId: number): Promise<Participant[]> {
  const rows = await db
    .select({
      userId: studyParticipants.userId,
      name: users.name,
      leftAt: studyParticipants.leftAt,
      noPresenting: studyParticipants.noPresenting,
      away: sql<string>`(select coalesce(json_group_array(${col(studyAway.day)}), '[]') from ${studyAway} where ${col(studyAway.seasonId)} = ${col(studyParticipants.seasonId)} and ${col(studyAway.userId)} = ${col(studyParticipants.userId)})`,
    })
    .from(studyParticipants)
    .innerJoin(users, eq(users.id, studyParticipants.userId))
    .where(eq(studyParticipants.seasonId, seasonId));
  return rows.map((r) => ({ ...r, away: (JSON.parse(r.away) as string[]).sort() }));
}

/** Joins (or rejoins: the row is kept when someone leaves, and rejoining clears `leftAt`). */
export async function joinSeason(db: DbOrTx, seasonId: number, userId: number, now: Date): Promise<void> {
  await db
    .insert(studyParticipants)
    .values({ seasonId, userId, joinedAt: now.getTime() })
    .onConflictDoUpdate({ target: [studyParticipants.seasonId, studyParticipants.userId], set: { leftAt: null } });
}

/** Leaves, keeping the row so a scheduled session shows the gap; false when they were not taking part. */
export async function leaveSeason(db: DbOrTx, seasonId: number, userId: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(studyParticipants)
    .set({ leftAt: now.getTime() })
    .where(and(eq(studyParticipants.seasonId, seasonId), eq(studyParticipants.userId, userId), isNull(studyParticipants.leftAt)))
    .returning({ userId: studyParticipants.userId });
  return rows.length > 0;
}

export async function setNoPresenting(db: DbOrTx, seasonId: number, userId: number, noPresenting: boolean): Promise<void> {
  await db
    .update(studyParticipants)
    .set({ noPresenting })
    .where(and(eq(studyParticipants.seasonId, seasonId), eq(studyParticipants.userId, userId)));
}

/** Replaces a participant's away dates in the season, in one transaction. */
export async function setAwayDays(db: Db, seasonId: number, userId: number, days: string[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(studyAway).where(and(eq(studyAway.seasonId, seasonId), eq(studyAway.userId, userId)));
    if (days.length > 0) await tx.insert(studyAway).values(days.map((day) => ({ seasonId, userId, day })));
  });
}

/**
 * Active team members (not partners) whose e-mail is `text` (any case) or whose name is exactly
 * `text`; at most two, which is enough to say "several".
 */
export async function teamByNameOrEmail(db: DbOrTx, text: string) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(sql`${users.role} in ('manager', 'member')`, eq(users.active, true), sql`(lower(${users.email}) = ${text.toLowerCase()} or ${users.name} = ${text})`))
    .limit(2);
}

/** Names for the add-person input's suggestions, or null when the team is larger than `limit` (a list that long helps nobody). */
export async function teamSuggestions(db: DbOrTx, limit: number): Promise<string[] | null> {
  const rows = await db
    .select({ name: users.name })
    .from(users)
    .where(and(sql`${users.role} in ('manager', 'member')`, eq(users.active, true)))
    .orderBy(asc(users.name))
    .limit(limit + 1);
  return rows.length > limit ? null : rows.map((r) => r.name);
}

// ---------------------------------------------------------------------------------------------
// Sessions as the season page and /study show them.

const presenter = alias(users, 'presenter');
const reviewer = alias(users, 'reviewer');

const sessionFields = {
  id: studySessions.id,
  seasonId: studySessions.seasonId,
  position: studySessions.position,
  day: studySessions.day,
  paperId: studySessions.paperId,
  paperTitle: studyPapers.title,
  presenterId: studySessions.presenterId,
  presenterName: presenter.name,
  reviewerId: studySessions.reviewerId,
  reviewerName: reviewer.name,
};

function sessionsWithNames(db: DbOrTx) {
  return db
    .select({ ...sessionFields, seasonNumber: studySeasons.number, startTime: studySeasons.startTime })
    .from(studySessions)
    .innerJoin(studySeasons, eq(studySeasons.id, studySessions.seasonId))
    .leftJoin(studyPapers, eq(studyPapers.id, studySessions.paperId))
    .leftJoin(presenter, eq(presenter.id, studySessions.presenterId))
    .leftJoin(reviewer, eq(reviewer.id, studySessions.reviewerId));
}
export type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionsWithNames>['execute']>>[number];

/** The season's sessions in order (the caller shows them only once the schedule is published). */
export async function seasonSessions(db: DbOrTx, seasonId: number): Promise<SessionRow[]> {
  return sessionsWithNames(db).where(eq(studySessions.seasonId, seasonId)).orderBy(asc(studySessions.position));
}

/** The next published session, from `today` on, of a season the person takes part in; null when there is none. */
export async function nextSessionFor(db: DbOrTx, userId: number, today: string): Promise<SessionRow | null> {
  const [row] = await sessionsWithNames(db)
    .where(
      and(
        eq(studySeasons.scheduleStatus, 'published'),
        sql`${studySessions.day} >= ${today}`,
        inArray(
          studySessions.seasonId,
          db.select({ id: studyParticipants.seasonId }).from(studyParticipants).where(and(eq(studyParticipants.userId, userId), isNull(studyParticipants.leftAt))),
        ),
      ),
    )
    .orderBy(asc(studySessions.day), asc(studySessions.position))
    .limit(1);
  return row ?? null;
}
