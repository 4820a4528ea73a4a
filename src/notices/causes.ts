// The messages that changes cause, each enqueued inside the transaction of its change: an invitation, an
// accepted pairing round, a published study schedule, a deal waiting for the manager's review.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { partners, users } from '../db/schema/index.ts';
import { hashToken } from '../auth/tokens.ts';
import { enqueue, linkOrigin, linkTo, type NoticeSettings } from './outbox.ts';

/** How an invitation lets the person in: `provider` is the company sign-in's name (null: unnamed), absent without SSO. */
export type InvitationVia = { via: 'password' | 'both'; token: string; provider?: string | null } | { via: 'sso'; provider: string | null };

/**
 * An invitation for `user`, by e-mail when they want it and SMTP is set up; resolves with where it went. With a
 * token it carries the set-password link ('both': plus a line about the company account); 'sso' links to /login.
 */
export async function enqueueInvitation(tx: DbOrTx, settings: NoticeSettings, requestUrl: string, user: { id: number; name: string }, how: InvitationVia, now: Date) {
  const origin = linkOrigin(settings, requestUrl);
  const params = { name: user.name, via: how.via, provider: how.provider ?? null };
  if (how.via === 'sso') {
    // No one-time link: each "send invitation" is its own message, keyed by its moment.
    return enqueue(tx, settings, user.id, `invitation:sso:${user.id}:${now.getTime()}`, { kind: 'invitation', params, link: linkTo(origin, '/login') }, now);
  }
  // Each link is its own message: a new link is sent again, a retried transaction is not.
  const link = linkTo(origin, `/password/${how.token}`);
  return enqueue(tx, settings, user.id, `invitation:${hashToken(how.token)}`, { kind: 'invitation', params, link }, now);
}

/** Every participant of an accepted round hears whom they pair with. */
export async function enqueueRoundAccepted(tx: DbOrTx, settings: NoticeSettings, requestUrl: string, roundId: number, groups: number[][], now: Date) {
  const ids = [...new Set(groups.flat())];
  if (ids.length === 0) return;
  const names = new Map((await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]));
  const link = linkTo(linkOrigin(settings, requestUrl), '/pairings');
  for (const group of groups) {
    for (const id of group) {
      const partnersOf = group.filter((other) => other !== id).map((other) => names.get(other) ?? '');
      await enqueue(tx, settings, id, `round:${roundId}:${id}`, { kind: 'round', params: { partners: partnersOf }, link }, now);
    }
  }
}

/** A partner accepted a deal or sent a counter-proposal: every active manager is asked to review it. */
export async function enqueueDealReview(tx: DbOrTx, settings: NoticeSettings, requestUrl: string, deal: { id: number; title: string; partnerId: number; version: number }, reason: 'accepted' | 'counter', now: Date) {
  const [partner] = await tx.select({ name: partners.name }).from(partners).where(eq(partners.id, deal.partnerId));
  const managers = await tx.select({ id: users.id }).from(users).where(and(eq(users.role, 'manager'), eq(users.active, true)));
  const link = linkTo(linkOrigin(settings, requestUrl), `/deals/${deal.id}`);
  for (const m of managers) {
    await enqueue(tx, settings, m.id, `dealReview:${deal.id}:${deal.version}:${reason}:${m.id}`, { kind: 'dealReview', params: { deal: deal.title, partner: partner?.name ?? '', reason }, link }, now);
  }
}

/** A study schedule just published: each presenter and reviewer of a session still ahead hears of their day. */
export async function enqueueSchedulePublished(tx: DbOrTx, settings: NoticeSettings, requestUrl: string, seasonId: number, today: string, now: Date) {
  const rows = await tx.all<{ sessionId: number; day: string; time: string; season: string; paper: string | null; presenterId: number | null; reviewerId: number | null }>(sql`
    select s.id as sessionId, s.day as day, se.start_time as time, se.name as season, p.title as paper, s.presenter_id as presenterId, s.reviewer_id as reviewerId
    from study_sessions s join study_seasons se on se.id = s.season_id left join study_papers p on p.id = s.paper_id
    where s.season_id = ${seasonId} and s.day >= ${today}`);
  const origin = linkOrigin(settings, requestUrl);
  for (const r of rows) {
    for (const [role, userId] of [['presenter', r.presenterId], ['reviewer', r.reviewerId]] as const) {
      if (!userId) continue;
      const params = { role, day: r.day, time: r.time, season: r.season, paper: r.paper };
      await enqueue(tx, settings, userId, `studyPublished:${r.sessionId}:${userId}:${role}:${r.day}`, { kind: 'study', params, link: linkTo(origin, `/study/sessions/${r.sessionId}`) }, now);
    }
  }
}
