// Tables of the core: people, sign-in, focus areas, ratings and their history.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Times are stored as milliseconds since the epoch (integers); calendar dates as 'YYYY-MM-DD' text. */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    role: text('role', { enum: ['manager', 'member', 'partner'] }).notNull(),
    /** Set for partner users: the partner team whose deals they may see. */
    partnerId: integer('partner_id'),
    capacity: integer('capacity').notNull().default(10),
    /** The person's saved language ('ko', 'en'); '' (what insertUser writes) or anything else: none saved. */
    locale: text('locale').notNull().default('en'),
    passwordHash: text('password_hash'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** When the person was last deactivated (null while active, and for people deactivated before this was recorded). */
    deactivatedAt: integer('deactivated_at'),
    createdAt: integer('created_at').notNull(),
    version: integer('version').notNull().default(1),
    /**
     * Who this person is at the single sign-on provider, stored at their first sign-in there: later
     * sign-ins match by (issuer, subject), so an e-mail changed at the provider does not lock them out.
     */
    oidcIssuer: text('oidc_issuer'),
    oidcSubject: text('oidc_subject'),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    uniqueIndex('users_oidc_subject').on(t.oidcIssuer, t.oidcSubject),
    // The team (active managers and members by name) and a partner team's people are read on most pages.
    index('users_team').on(t.role, t.active, t.name),
    index('users_partner').on(t.partnerId),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** sha256 of the cookie token: a stolen database does not yield live sessions. */
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    /** The provider's ID token of a single sign-on session: the `id_token_hint` of the provider's sign-out. */
    idToken: text('id_token'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/**
 * Single sign-on attempts under way: one row per redirect to the provider, keyed by the hash of its
 * `state`, holding the nonce and the PKCE verifier and bound to the browser that started it (the hash of
 * its `pairwise_oidc` cookie). The callback deletes the row as it reads it, so a replay finds nothing.
 */
export const oidcLogins = sqliteTable(
  'oidc_logins',
  {
    stateHash: text('state_hash').primaryKey(),
    browserHash: text('browser_hash').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    /** Where to go after signing in (already checked by safeTarget). */
    next: text('next').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('oidc_logins_expiry').on(t.expiresAt)],
);

/**
 * Small values the server keeps for itself, shared by every process on the database: the key that
 * signs device cookies (src/auth/devices.ts) and the row the write probe touches (src/db/storage.ts).
 * Apart from settings, so no feature's data sees them.
 */
export const serverKeys = sqliteTable('server_keys', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
});

/** One-time set-password links handed out by a manager. */
export const passwordTokens = sqliteTable('password_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id').notNull().references(() => users.id),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
});

/** Failed sign-in counters per email and per client address; in the database so every app instance sees them. */
export const loginAttempts = sqliteTable('login_attempts', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: integer('window_start').notNull(),
  lockedUntil: integer('locked_until'),
});

export const categories = sqliteTable('categories', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  position: integer('position').notNull().default(0),
});

export const areas = sqliteTable('areas', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  categoryId: integer('category_id').references(() => categories.id),
  description: text('description').notNull().default(''),
  targetLevel: integer('target_level').notNull().default(3),
  minExperts: integer('min_experts').notNull().default(2),
  /** JSON array of six strings (levels 0–5) overriding the default rubric, or null. */
  rubric: text('rubric'),
  position: integer('position').notNull().default(0),
  archivedAt: integer('archived_at'),
  version: integer('version').notNull().default(1),
});

export const ratings = sqliteTable(
  'ratings',
  {
    userId: integer('user_id').notNull().references(() => users.id),
    areaId: integer('area_id').notNull().references(() => areas.id),
    selfLevel: integer('self_level'),
    interest: integer('interest'),
    evidence: text('evidence').notNull().default(''),
    managerLevel: integer('manager_level'),
    /** Visible only to managers and the rated member. */
    managerNote: text('manager_note').notNull().default(''),
    confirmedAt: integer('confirmed_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.userId, t.areaId] }), index('ratings_area').on(t.areaId)],
);

/** Append-only: one row per changed field of a rating (or a confirmation). */
export const ratingHistory = sqliteTable(
  'rating_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').notNull(),
    areaId: integer('area_id').notNull(),
    changedBy: integer('changed_by').notNull(),
    changedAt: integer('changed_at').notNull(),
    field: text('field', { enum: ['selfLevel', 'managerLevel', 'interest', 'evidence', 'managerNote', 'confirmed'] }).notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
  },
  // A member's whole history is read newest first; one rating's history by its user and area.
  (t) => [index('rating_history_user_area').on(t.userId, t.areaId, t.changedAt), index('rating_history_user_time').on(t.userId, t.changedAt)],
);

/**
 * Every change of a rating's effective level (the manager's where set, else the member's own; unrated = 0),
 * from → to, kept by a trigger on rating_history in the same transaction as the write (see
 * drizzle/0008_level_changes.sql, which also backfilled it). The team over time sums these per area and
 * month instead of replaying the history on every request.
 */
export const levelChanges = sqliteTable(
  'level_changes',
  {
    // A rowid key without AUTOINCREMENT: rows are never deleted, so ids still grow, and no sqlite_sequence write per row.
    id: integer('id').primaryKey(),
    userId: integer('user_id').notNull(),
    areaId: integer('area_id').notNull(),
    at: integer('at').notNull(),
    fromLevel: integer('from_level').notNull(),
    toLevel: integer('to_level').notNull(),
  },
  (t) => [index('level_changes_user_area').on(t.userId, t.areaId, t.id), index('level_changes_at').on(t.at)],
);

/** Small remembered settings (e.g. pairing weights), JSON values. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  version: integer('version').notNull().default(1),
});

/**
 * Change counters kept by triggers (src/db/change-counters.ts): 'matrix' moves on every write to ratings,
 * users, areas or categories (drizzle/0001), 'work' on every write to work items, their requirements or users
 * (drizzle/0010). Pages and aggregates are kept under a counter, so any process's write makes every process's
 * copy stale on its next request.
 */
export const changeStamps = sqliteTable('change_stamps', {
  name: text('name').primaryKey(),
  n: integer('n').notNull().default(0),
});
