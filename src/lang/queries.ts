// The saved language choice of a person (users.locale; '' means none: the browser decides).
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import type { Locale } from '../domain.ts';

export async function saveLocaleChoice(db: Db, userId: number, locale: Locale) {
  await db
    .update(users)
    .set({ locale, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, userId), ne(users.locale, locale)));
}
