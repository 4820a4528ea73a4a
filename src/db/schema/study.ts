// Tables of the study feature: paper-reading seasons, their participants, papers, votes, the schedule's sessions,
// attendance, evidence from sessions, and the private calendar feeds.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { areas, users } from './core.ts';

/**
 * A numbered season ("시즌 3"). Sessions fall on `weekday` at `startTime` between `startsOn` and `endsOn`,
 * except `skipDates` (see src/study/cadence.ts). planned → running → finished is the manager's.
 * `scheduleStatus` tells whether its sessions are a draft only the manager sees or published;
 * `scheduleVersion` moves on every schedule edit, so a stale edit answers 409.
 */
export const studySeasons = sqliteTable(
  'study_seasons',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    /** 'YYYY-MM-DD', both inclusive. */
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    /** 0 = Sunday … 6 = Saturday, as Date.getUTCDay(). */
    weekday: integer('weekday').notNull(),
    /** 'HH:MM', 24-hour, in the app's time zone. */
    startTime: text('start_time').notNull(),
    sessionMinutes: integer('session_minutes').notNull().default(60),
    /** JSON array of 'YYYY-MM-DD' dates with no session (holidays). */
    skipDates: text('skip_dates').notNull().default('[]'),
    goal: text('goal').notNull().default(''),
    votesPerMember: integer('votes_per_member').notNull().default(5),
    status: text('status', { enum: ['planned', 'running', 'finished'] }).notNull().default('planned'),
    scheduleStatus: text('schedule_status', { enum: ['none', 'draft', 'published'] }).notNull().default('none'),
    scheduleVersion: integer('schedule_version').notNull().default(0),
    publishedAt: integer('published_at'),
    createdBy: integer('created_by').notNull().references(() => users.id),
    createdAt: integer('created_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('study_seasons_number').on(t.number)],
);

/** The season's focus areas (optional): papers in them weigh more in the schedule and the report compares against them. */
export const studySeasonAreas = sqliteTable(
  'study_season_areas',
  {
    seasonId: integer('season_id').notNull().references(() => studySeasons.id),
    areaId: integer('area_id').notNull().references(() => areas.id),
  },
  (t) => [primaryKey({ columns: [t.seasonId, t.areaId] })],
);

/** Who takes part. Leaving keeps the row (`leftAt`), so a scheduled session shows the gap. */
export const studyParticipants = sqliteTable(
  'study_participants',
  {
    seasonId: integer('season_id').notNull().references(() => studySeasons.id),
    userId: integer('user_id').notNull().references(() => users.id),
    joinedAt: integer('joined_at').notNull(),
    leftAt: integer('left_at'),
    /** The person asked not to present this season (they may still review and attend). */
    noPresenting: integer('no_presenting', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.seasonId, t.userId] }), index('study_participants_user').on(t.userId)],
);

/** A date a participant is away: the planner gives them no role that day. */
export const studyAway = sqliteTable(
  'study_away',
  {
    seasonId: integer('season_id').notNull().references(() => studySeasons.id),
    userId: integer('user_id').notNull().references(() => users.id),
    day: text('day').notNull(),
  },
  (t) => [primaryKey({ columns: [t.seasonId, t.userId, t.day] })],
);

/**
 * A paper proposed for a season. `linkKey` is the normalised link (src/study/paper-link.ts): one paper per
 * season, and the same key in an earlier season says it was read before. `carriedFrom` is the paper of an
 * earlier season this one was carried over from.
 */
export const studyPapers = sqliteTable(
  'study_papers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    seasonId: integer('season_id').notNull().references(() => studySeasons.id),
    title: text('title').notNull(),
    url: text('url').notNull(),
    linkKey: text('link_key').notNull(),
    authors: text('authors').notNull().default(''),
    year: integer('year'),
    why: text('why').notNull().default(''),
    proposedBy: integer('proposed_by').notNull().references(() => users.id),
    proposedAt: integer('proposed_at').notNull(),
    carriedFrom: integer('carried_from'),
    /** Withdrawn papers stay (votes and history point at them) but leave the list. */
    withdrawnAt: integer('withdrawn_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('study_papers_season_link').on(t.seasonId, t.linkKey), index('study_papers_link').on(t.linkKey)],
);

export const studyPaperAreas = sqliteTable(
  'study_paper_areas',
  {
    paperId: integer('paper_id').notNull().references(() => studyPapers.id),
    areaId: integer('area_id').notNull().references(() => areas.id),
  },
  (t) => [primaryKey({ columns: [t.paperId, t.areaId] }), index('study_paper_areas_area').on(t.areaId)],
);

/** One vote per paper per member; `seasonId` repeated so the per-season limit is one indexed count. */
export const studyVotes = sqliteTable(
  'study_votes',
  {
    paperId: integer('paper_id').notNull().references(() => studyPapers.id),
    userId: integer('user_id').notNull().references(() => users.id),
    seasonId: integer('season_id').notNull().references(() => studySeasons.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.paperId, t.userId] }), index('study_votes_season_user').on(t.seasonId, t.userId)],
);

/**
 * One session of a season's schedule: a date, a paper, a presenter and a reviewer (each may be empty: a gap).
 * The planner's reason is structured JSON (codes), put into words at display time. `lockPaper` /
 * `lockPresenter` are the manager's locks that a re-plan keeps.
 */
export const studySessions = sqliteTable(
  'study_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    seasonId: integer('season_id').notNull().references(() => studySeasons.id),
    /** 1-based order in the season ("5회차"). */
    position: integer('position').notNull(),
    day: text('day').notNull(),
    paperId: integer('paper_id').references(() => studyPapers.id),
    presenterId: integer('presenter_id').references(() => users.id),
    reviewerId: integer('reviewer_id').references(() => users.id),
    lockPaper: integer('lock_paper', { mode: 'boolean' }).notNull().default(false),
    lockPresenter: integer('lock_presenter', { mode: 'boolean' }).notNull().default(false),
    reason: text('reason').notNull().default('{}'),
    /** JSON { slides?, notes?, recording? } of https links. */
    materials: text('materials').notNull().default('{}'),
    notes: text('notes').notNull().default(''),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('study_sessions_season_position').on(t.seasonId, t.position),
    index('study_sessions_presenter').on(t.presenterId),
    index('study_sessions_reviewer').on(t.reviewerId),
    index('study_sessions_day').on(t.day),
  ],
);

export const studyAttendance = sqliteTable(
  'study_attendance',
  {
    sessionId: integer('session_id').notNull().references(() => studySessions.id),
    userId: integer('user_id').notNull().references(() => users.id),
    status: text('status', { enum: ['came', 'excused', 'missed'] }).notNull(),
    markedBy: integer('marked_by').notNull().references(() => users.id),
    markedAt: integer('marked_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] }), index('study_attendance_user').on(t.userId)],
);

/** A session attached as evidence on a rating by its presenter or reviewer ("presented SimCSE, season 3"). */
export const studyEvidence = sqliteTable(
  'study_evidence',
  {
    sessionId: integer('session_id').notNull().references(() => studySessions.id),
    userId: integer('user_id').notNull().references(() => users.id),
    areaId: integer('area_id').notNull().references(() => areas.id),
    role: text('role', { enum: ['presenter', 'reviewer'] }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId, t.areaId] }), index('study_evidence_user_area').on(t.userId, t.areaId)],
);

/**
 * A person's private calendar feed: `/calendar/<token>.ics`. The token is a capability of its own (never the
 * session cookie); it is stored as sha256 like session tokens, shown once when made, and revoking it ends it.
 */
export const calendarTokens = sqliteTable(
  'calendar_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('calendar_tokens_user').on(t.userId)],
);
