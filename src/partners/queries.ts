// Partner teams and their people in the database: the list, one team, writes, and partner accounts.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { partners, users } from '../db/schema/index.ts';

export type Partner = typeof partners.$inferSelect;
export type PartnerInput = { name: string; lead: string; contact: string; services: string; notes: string };

export async function listPartners(db: DbOrTx) {
  return db.select().from(partners).orderBy(asc(partners.name));
}

export async function getPartner(db: DbOrTx, id: number) {
  const [row] = await db.select().from(partners).where(eq(partners.id, id));
  return row ?? null;
}

export async function partnerNameTaken(db: DbOrTx, name: string, exceptId?: number) {
  const rows = await db.select({ id: partners.id }).from(partners).where(sql`lower(${partners.name}) = ${name.toLowerCase()}`);
  return rows.some((r) => r.id !== exceptId);
}

export async function createPartner(db: DbOrTx, input: PartnerInput, now: Date) {
  const [row] = await db.insert(partners).values({ ...input, createdAt: now.getTime() }).returning();
  return row;
}

/** Null when the partner changed since `version` (nothing written). */
export async function updatePartner(db: DbOrTx, id: number, version: number, input: PartnerInput) {
  const [row] = await db
    .update(partners)
    .set({ ...input, version: sql`${partners.version} + 1` })
    .where(and(eq(partners.id, id), eq(partners.version, version)))
    .returning();
  return row ?? null;
}

/** The partner users (people of the partner team with an account), active first. */
export async function partnerPeople(db: DbOrTx, partnerId: number) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, active: users.active, version: users.version, hasPassword: sql<number>`${users.passwordHash} is not null` })
    .from(users)
    .where(and(eq(users.role, 'partner'), eq(users.partnerId, partnerId)))
    .orderBy(desc(users.active), asc(users.name));
}

/** A partner user of this partner team (never a team member, never another team's person), or null. */
export async function partnerPerson(db: DbOrTx, partnerId: number, userId: number) {
  const [row] = await db.select().from(users).where(and(eq(users.id, userId), eq(users.role, 'partner'), eq(users.partnerId, partnerId)));
  return row ?? null;
}
