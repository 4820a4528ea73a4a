// Personal access tokens of the read-only API (/api/v1): one row per token a person made on their profile.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './core.ts';

/**
 * The token itself is shown once when made and never stored: only its sha256 (like session and calendar
 * tokens) and its first characters, so the profile can tell tokens apart. A revoked row stays (when and
 * what was revoked); the API refuses it at once, and a deactivated owner's tokens with it.
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').notNull().references(() => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The token's first characters ("pw_AbC12x"), for the list on the profile. */
    prefix: text('prefix').notNull(),
    createdAt: integer('created_at').notNull(),
    /** Moved at most once a minute (see src/auth/api-tokens.ts), so reading the API does not write on every request. */
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash').on(t.tokenHash), index('api_tokens_user').on(t.userId, t.revokedAt)],
);
