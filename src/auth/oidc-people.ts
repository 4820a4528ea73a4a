// Who may come in through single sign-on, and as whom: the person linked to (issuer, sub), else the
// invited person with that verified e-mail (then linked), else a new member of an allowed domain.
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import type { OidcSettings } from '../config.ts';
import type { Role } from '../domain.ts';
import { insertUser } from '../members/queries.ts';
import { domainOf, inGroup, type Identity } from './oidc-claims.ts';

/** Why someone is not let in; each has its own page. */
export type Refusal = 'noEmail' | 'unverified' | 'notInvited' | 'deactivated' | 'linkedElsewhere';
export type Admission = { ok: true; userId: number; role: Role } | { ok: false; refusal: Refusal };

type Person = { id: number; role: Role; active: boolean; oidcIssuer: string | null; oidcSubject: string | null };
const person = { id: users.id, role: users.role, active: users.active, oidcIssuer: users.oidcIssuer, oidcSubject: users.oidcSubject };

/**
 * The provider's manager group makes a member a manager, at every sign-in. It never takes the role
 * away (roles are Pairwise's: a manager demotes on the member's page) and never makes a partner — a
 * person of another team — a manager of this one.
 */
async function grantedRole(db: DbOrTx, p: Person, identity: Identity, settings: OidcSettings): Promise<Role> {
  if (p.role !== 'member' || !settings.managerGroup || !inGroup(identity.groups, settings.managerGroup)) return p.role;
  await db.update(users).set({ role: 'manager', version: sql`${users.version} + 1` }).where(and(eq(users.id, p.id), eq(users.role, 'member')));
  return 'manager';
}

async function admitted(db: DbOrTx, p: Person, identity: Identity, settings: OidcSettings): Promise<Admission> {
  if (!p.active) return { ok: false, refusal: 'deactivated' };
  return { ok: true, userId: p.id, role: await grantedRole(db, p, identity, settings) };
}

export async function admit(db: Db, identity: Identity, settings: OidcSettings, now: Date): Promise<Admission> {
  // Linked before: whatever the e-mail says now (a changed address at the provider does not lock anyone out).
  const [linked] = await db.select(person).from(users).where(and(eq(users.oidcIssuer, settings.issuer), eq(users.oidcSubject, identity.sub)));
  if (linked) return admitted(db, linked, identity, settings);

  // Otherwise only a verified e-mail says who this is.
  if (!identity.email) return { ok: false, refusal: 'noEmail' };
  if (!identity.emailVerified) return { ok: false, refusal: 'unverified' };
  const email = identity.email;
  const [invited] = await db.select(person).from(users).where(sql`lower(${users.email}) = ${email}`);
  if (invited) {
    // Linked to another account of the same provider: the address was given to someone new, or the
    // account was recreated; a manager sorts that out, a sign-in never silently moves it.
    if (invited.oidcSubject && invited.oidcIssuer === settings.issuer) return { ok: false, refusal: 'linkedElsewhere' };
    if (!invited.active) return { ok: false, refusal: 'deactivated' };
    await db.update(users).set({ oidcIssuer: settings.issuer, oidcSubject: identity.sub }).where(eq(users.id, invited.id));
    return admitted(db, invited, identity, settings);
  }

  const domainOk = settings.allowedDomains.includes(domainOf(email));
  // The first person on an empty database becomes its manager, as at /setup (within the allowed domains, when set).
  const created = await db.transaction(async (tx) => {
    const [{ n }] = await tx.select({ n: count() }).from(users);
    const role: Role | null = n === 0 && (domainOk || settings.allowedDomains.length === 0) ? 'manager' : domainOk ? 'member' : null;
    if (!role) return null;
    const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
    if (taken) return 'raced' as const;
    const user = await insertUser(tx, { name: identity.name, email, role, locale: identity.locale }, now);
    await tx.update(users).set({ oidcIssuer: settings.issuer, oidcSubject: identity.sub }).where(eq(users.id, user.id));
    return { id: user.id, role, active: true, oidcIssuer: settings.issuer, oidcSubject: identity.sub } satisfies Person;
  });
  if (created === 'raced') return admit(db, identity, settings, now); // a parallel first sign-in made the account
  if (!created) return { ok: false, refusal: 'notInvited' };
  return admitted(db, created, identity, settings);
}
