// Who may do what: the one table of every route and the roles allowed on it.
import type { Role } from '../domain.ts';

/**
 * - 'public': anyone, signed in or not.
 * - roles: only users with one of these roles.
 * - `self`: additionally a member whose id equals the named route parameter (their own record).
 * Record-level scoping beyond this (e.g. a partner sees only their team's deals) happens in the
 * feature's queries, which answer 404 for records outside the user's scope.
 */
export type Rule = 'public' | { roles: Role[]; self?: string };

const team: Rule = { roles: ['manager', 'member'] };
const managers: Rule = { roles: ['manager'] };
const everyone: Rule = { roles: ['manager', 'member', 'partner'] };
const managerOrSelf = (param: string): Rule => ({ roles: ['manager'], self: param });

export const ACCESS: Record<string, Rule> = {
  'GET /healthz': 'public',
  'GET /static/*': 'public',
  'GET /favicon.ico': 'public',
  'GET /setup': 'public',
  'POST /setup': 'public',
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /logout': 'public',
  'POST /lang': 'public',
  'GET /password/:token': 'public',
  'POST /password/:token': 'public',
  // single sign-on (src/auth/oidc-routes.tsx): the way to the provider and back
  'GET /auth/oidc': 'public',
  'GET /auth/oidc/callback': 'public',

  'GET /': everyone,
  'GET /profile': everyone,
  'POST /profile': everyone,
  'POST /profile/password': everyone,
  // API tokens: anyone signed in makes and revokes their own (the handler touches only the owner's rows).
  'POST /profile/tokens': everyone,
  'POST /profile/tokens/:id/revoke': everyone,
  // --- reminders and notices (owned by src/notices): one's own notices and choices only ---
  'POST /profile/notices': everyone,
  'GET /notices': everyone,
  'POST /notices/read': everyone,
  'POST /notices/:id/read': everyone,

  'GET /members': team,
  'POST /members': managers,
  'GET /members/:id': team,
  'GET /members/:id/growth': managerOrSelf('id'),
  'GET /members/:id/edit': managers,
  'POST /members/:id': managers,
  'POST /members/:id/active': managers,
  'POST /members/:id/password-link': managers,
  'GET /members/:id/ratings/:areaId': team,
  'GET /members/:id/ratings/:areaId/edit': managerOrSelf('id'),
  'POST /members/:id/ratings/:areaId': managerOrSelf('id'),
  'POST /members/:id/ratings/:areaId/confirm': managerOrSelf('id'),

  'GET /areas': team,
  'POST /areas': managers,
  'GET /areas/:id/edit': managers,
  'POST /areas/:id': managers,
  'POST /areas/:id/move': managers,
  'POST /areas/:id/archive': managers,

  'GET /matrix': team,
  'GET /matrix.csv': team,
  'POST /matrix/import': managers,
  'POST /matrix/import/confirm': managers,

  // --- pairings (owned by the pairings feature) ---
  // Members see the current accepted round, running study circles and the history; drafts and every write are the manager's.
  'GET /pairings': team,
  'POST /pairings/participants': managers,
  'POST /pairings/propose': managers,
  'POST /pairings/rounds/:id/swap': managers,
  'POST /pairings/rounds/:id/accept': managers,
  'GET /pairings/history': team,
  'GET /pairings/history/:id': team,
  'GET /pairings/history/rounds/:id': team,
  'POST /pairings/circles': managers,
  'POST /pairings/circles/:id/end': managers,

  // --- work (owned by the work feature) ---
  'GET /work': team,
  'GET /work/new': managers,
  'POST /work/items': managers,
  'GET /work/requirement-row': managers,
  'GET /work/items/:id': team,
  'GET /work/items/:id/edit': managers,
  'POST /work/items/:id': managers,
  // Members move their own items; the handler checks ownership and the status flow.
  'POST /work/items/:id/status': team,
  'GET /work/cycles': team,
  'POST /work/cycles': managers,
  'GET /work/cycles/:id': managers,
  'POST /work/cycles/:id': managers,
  'POST /work/cycles/:id/capacities': managers,
  'GET /work/plan': managers,
  'POST /work/plan': managers,
  'GET /work/plan/items/:id/choices': managers,
  'GET /work/plan/runs/:id/progress': managers,
  'POST /work/plan/runs/:id/accept': managers,

  // --- deals and partners (owned by the deals feature) ---
  // Partners reach only deal pages and the actions they may take; handlers scope every deal to the
  // partner's own team (404 otherwise) and check item ownership and status.
  'GET /deals': everyone,
  'POST /deals': team,
  'GET /deals/new': team,
  'GET /deals/:id': everyone,
  'GET /deals/:id/edit': everyone,
  'POST /deals/:id': team,
  'POST /deals/:id/counter': everyone,
  'POST /deals/:id/status': team,
  'POST /deals/:id/comments': everyone,
  'POST /deals/:id/ratings': everyone,
  'POST /deals/:id/accept': { roles: ['partner'] },
  'POST /deals/:id/items/:itemId/done': team,
  'GET /partners': team,
  'POST /partners': managers,
  'GET /partners/:id': team,
  'GET /partners/:id/edit': managers,
  'POST /partners/:id': managers,
  'POST /partners/:id/people': managers,
  'POST /partners/:id/people/:userId/link': managers,
  'POST /partners/:id/people/:userId/active': managers,

  // --- study seasons (owned by the study feature; partners reach none of it) ---
  // seasons, participants, away dates, papers and votes (src/study/season-routes.tsx)
  // Members join, leave, mark away dates, opt out of presenting, propose, vote and withdraw their own papers
  // (the handlers check taking part and ownership); seasons and their people are the manager's.
  'GET /study': team,
  'GET /study/seasons/new': managers,
  'POST /study/seasons': managers,
  'GET /study/seasons/:id': team,
  'GET /study/seasons/:id/edit': managers,
  'POST /study/seasons/:id': managers,
  'POST /study/seasons/:id/status': managers,
  'POST /study/seasons/:id/join': team,
  'POST /study/seasons/:id/leave': team,
  'POST /study/seasons/:id/no-presenting': team,
  'POST /study/seasons/:id/away': team,
  'POST /study/seasons/:id/participants': managers,
  'POST /study/seasons/:id/participants/:userId/remove': managers,
  'GET /study/seasons/:id/papers': team,
  'POST /study/seasons/:id/papers': team,
  'POST /study/seasons/:id/papers/:paperId/vote': team,
  'POST /study/seasons/:id/papers/:paperId/unvote': team,
  'POST /study/seasons/:id/papers/:paperId/withdraw': team,

  // the schedule planner, edits, publishing (src/study/schedule-routes.tsx)
  'GET /study/seasons/:id/schedule': managers,
  'POST /study/seasons/:id/schedule/plan': managers,
  'POST /study/seasons/:id/schedule/publish': managers,
  'POST /study/seasons/:id/schedule/swap-presenters': managers,
  'POST /study/seasons/:id/schedule/move-paper': managers,
  'POST /study/seasons/:id/schedule/sessions/:sessionId/presenter': managers,
  'POST /study/seasons/:id/schedule/sessions/:sessionId/reviewer': managers,
  'POST /study/seasons/:id/schedule/sessions/:sessionId/paper': managers,
  'POST /study/seasons/:id/schedule/sessions/:sessionId/locks': managers,

  // sessions, attendance, materials, evidence (src/study/session-routes.tsx)
  // Any team member may read a published session; the handlers check who edits materials (presenter, reviewer,
  // manager), who marks whom (oneself; the manager anyone) and whose evidence it is (presenter, reviewer).
  'GET /study/sessions/:id': team,
  'POST /study/sessions/:id/materials': team,
  'POST /study/sessions/:id/attendance': team,
  'POST /study/sessions/:id/evidence': team,

  // the season report (src/study/report-routes.tsx): the team reads it; carrying unread papers on is the manager's
  'GET /study/seasons/:id/report': team,
  'POST /study/seasons/:id/carry': managers,

  // calendar feeds: the token in the URL is the capability (src/study/calendar-routes.tsx)
  'GET /study/calendar': team,
  'POST /study/calendar': team,
  'POST /study/calendar/revoke': team,
  'GET /calendar/:file{[A-Za-z0-9_-]+\\.ics}': 'public',

  // --- the read-only API (src/api/): a bearer token signs in as its owner, never a cookie; the same rules as
  // the pages (partners reach only deals, scoped to their team in the queries; 401/403/404 answer JSON) ---
  'GET /api/v1/openapi.json': 'public',
  'GET /api/v1/me': everyone,
  'GET /api/v1/members': team,
  'GET /api/v1/members/:id': team,
  'GET /api/v1/members/:id/history': team,
  'GET /api/v1/areas': team,
  'GET /api/v1/ratings': team,
  'GET /api/v1/matrix': team,
  'GET /api/v1/coverage': team,
  'GET /api/v1/rounds': team,
  'GET /api/v1/work-items': team,
  'GET /api/v1/deals': everyone,
  'GET /api/v1/deals/:id': everyone,

  // --- growth: what if someone left (managers) ---
  'GET /growth/risk': managers,
  'GET /growth/risk/:id': managers,
  // --- growth: did mentoring, buddies and study work (src/growth/outcomes-routes.tsx) ---
  'GET /growth/outcomes': managers,
  'GET /growth': managers,
};

export function ruleFor(method: string, routePath: string): Rule | undefined {
  return ACCESS[`${method} ${routePath}`];
}

/** Whether a user (or anonymous, null) may call a route; `params` are the route's parameters. */
export function allows(
  rule: Rule,
  user: { id: number; role: Role } | null,
  params: Record<string, string>,
): boolean {
  if (rule === 'public') return true;
  if (!user) return false;
  if (rule.roles.includes(user.role)) return true;
  return Boolean(rule.self && user.role !== 'partner' && params[rule.self] === String(user.id));
}
