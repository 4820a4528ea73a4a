// Calendar feeds: a person's feed tokens (kept as hashes; a new one revokes the old) and the sessions their feed shows.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { calendarTokens, studyPapers, studyParticipants, studySeasons, studySessions, users } from '../db/schema/index.ts';
import { hashToken, newToken } from '../auth/tokens.ts';

/** When the person's working feed was made, or null when they have none. */
export async function activeFeedSince(db: DbOrTx, userId: number): Promise<number | null> {
  const [row] = await db
    .select({ createdAt: calendarTokens.createdAt })
    .from(calendarTokens)
    .where(and(eq(calendarTokens.userId, userId), isNull(calendarTokens.revokedAt)))
    .orderBy(desc(calendarTokens.createdAt))
    .limit(1);
  return row?.createdAt ?? null;
}

/** Makes a new feed token (256 random bits), revoking any earlier one in the same transaction; returns the token, never stored. */
export async function newFeedToken(db: Db, userId: number, at: Date): Promise<string> {
  const token = newToken();
  await db.batch([
    db.update(calendarTokens).set({ revokedAt: at.getTime() }).where(and(eq(calendarTokens.userId, userId), isNull(calendarTokens.revokedAt))),
    db.insert(calendarTokens).values({ tokenHash: hashToken(token), userId, createdAt: at.getTime() }),
  ]);
  return token;
}

/** Revokes the person's feed; false when they had none working. */
export async function revokeFeeds(db: Db, userId: number, at: Date): Promise<boolean> {
  const done = await db
    .update(calendarTokens)
    .set({ revokedAt: at.getTime() })
    .where(and(eq(calendarTokens.userId, userId), isNull(calendarTokens.revokedAt)))
    .returning({ userId: calendarTokens.userId });
  return done.length > 0;
}

export type FeedOwner = { id: number; name: string; locale: string };

/** The active person a working token belongs to, or null (unknown, revoked, or the person was deactivated). */
export async function feedOwner(db: DbOrTx, token: string): Promise<FeedOwner | null> {
  const [row] = await db
    .select({ id: users.id, name: users.name, locale: users.locale })
    .from(calendarTokens)
    .innerJoin(users, eq(users.id, calendarTokens.userId))
    .where(and(eq(calendarTokens.tokenHash, hashToken(token)), isNull(calendarTokens.revokedAt), eq(users.active, true)));
  return row ?? null;
}

export type FeedSession = {
  id: number;
  position: number;
  day: string;
  startTime: string;
  sessionMinutes: number;
  seasonNumber: number;
  paperTitle: string | null;
  presenterId: number | null;
  presenterName: string | null;
  reviewerId: number | null;
  reviewerName: string | null;
};

/** Every session in the published schedules of the seasons the person takes part in (and has not left), in order. */
export async function feedSessions(db: DbOrTx, userId: number): Promise<FeedSession[]> {
  return db.all<FeedSession>(sql`
    select s.id, s.position, s.day, se.start_time as startTime, se.session_minutes as sessionMinutes, se.number as seasonNumber,
      p.title as paperTitle, s.presenter_id as presenterId, pu.name as presenterName, s.reviewer_id as reviewerId, ru.name as reviewerName
    from ${studyParticipants} me
    join ${studySeasons} se on se.id = me.season_id and se.schedule_status = 'published'
    join ${studySessions} s on s.season_id = se.id
    left join ${studyPapers} p on p.id = s.paper_id
    left join ${users} pu on pu.id = s.presenter_id
    left join ${users} ru on ru.id = s.reviewer_id
    where me.user_id = ${userId} and me.left_at is null
    order by s.day, s.id`);
}
