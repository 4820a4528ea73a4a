// What a viewer may do with a deal, decided once per request from the deal-health rules: edit, move, accept, rate, tick.
import type { CurrentUser, DealStatus, Perspective } from '../domain.ts';
import { ACCEPT_STATUSES, COUNTER_STATUSES, EDITABLE_STATUSES, movesFor, tickProblem } from '../planning/deal-health.ts';
import type { Deal } from './queries.ts';

/** Besides items and dates: the deal's own fields (title, partner, owner, summary), and who works on a give, in which area, at what effort. */
export type EditRights = { deal: boolean; staffing: boolean };

/** The deal's own fields and our people stay the team's; a partner changes what and when. */
export const editRights = (who: Perspective): EditRights => ({ deal: who === 'team', staffing: who === 'team' });

export const perspectiveOf = (user: Pick<CurrentUser, 'role'>): Perspective => (user.role === 'partner' ? 'partner' : 'team');

/** Team members edit in place before agreement; afterwards (and partners always) a change is a counter-proposal. */
export function changeMode(status: DealStatus, who: Perspective): 'edit' | 'counter' | null {
  if (who === 'team' && EDITABLE_STATUSES.includes(status)) return 'edit';
  return COUNTER_STATUSES.includes(status) ? 'counter' : null;
}

/** The status moves offered to this viewer, and those waiting for something the deal lacks (partners move nothing). */
export const movesOf = (deal: Deal, user: Pick<CurrentUser, 'role'>) => (perspectiveOf(user) === 'team' ? movesFor(deal, user.role) : { moves: [], blocked: [] });

/** Where "change" leads, the moves, accepting, rating, and the items this viewer may tick. */
export function dealRights(deal: Deal, user: Pick<CurrentUser, 'id' | 'role'>) {
  const who = perspectiveOf(user);
  return {
    ...movesOf(deal, user),
    change: changeMode(deal.status, who),
    canAccept: who === 'partner' && ACCEPT_STATUSES.includes(deal.status) && !deal.acceptedAt,
    canRate: deal.status !== 'dropped',
    tickable: new Set(deal.items.filter((i) => tickProblem(deal, i, user) === null).map((i) => i.id)),
  };
}
