// The in-app notices of one person: the list and marking them read.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { notices } from '../db/schema/index.ts';
import type { NoticeMessage } from '../domain.ts';

/** The list shows the newest this many. */
export const NOTICES_SHOWN = 100;

export async function noticesOf(db: Db, userId: number) {
  const rows = await db
    .select({ id: notices.id, payload: notices.payload, createdAt: notices.createdAt, readAt: notices.readAt })
    .from(notices)
    .where(eq(notices.userId, userId))
    .orderBy(desc(notices.createdAt), desc(notices.id))
    .limit(NOTICES_SHOWN);
  return rows.map(({ payload, ...r }) => ({ ...r, message: JSON.parse(payload) as NoticeMessage }));
}

/** Marks one of the person's notices read (or all when `id` is null); someone else's id changes nothing. */
export async function markRead(db: Db, userId: number, id: number | null, now: Date): Promise<number> {
  const done = await db
    .update(notices)
    .set({ readAt: now.getTime() })
    .where(and(eq(notices.userId, userId), isNull(notices.readAt), id === null ? undefined : eq(notices.id, id)))
    .returning({ id: notices.id });
  return done.length;
}

/** Whether `id` is one of the person's notices (404 otherwise). */
export async function ownsNotice(db: Db, userId: number, id: number): Promise<boolean> {
  const [row] = await db.select({ id: notices.id }).from(notices).where(and(eq(notices.id, id), eq(notices.userId, userId)));
  return Boolean(row);
}
