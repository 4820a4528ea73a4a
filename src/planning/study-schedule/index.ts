// The study-schedule planner: papers into sessions, then presenters and reviewers, exactly (see weights.ts for the objective).
import { placePapers } from './papers.ts';
import { assignPeople, availablePresenters } from './people.ts';
import { explainContext, explainSession } from './explain.ts';
import type { ScheduleInput, SchedulePlan } from './types.ts';
import type { Unmet } from '../../domain.ts';

export * from './types.ts';
export { sessionDates, type Cadence } from './cadence.ts';
export { violations, isFair, scheduleGaps } from './check.ts';
export { explainContext, explainSession, type ExplainContext } from './explain.ts';
export { paperWeight, fillValue, presenterFit, reviewerFit, THIN_BONUS, FOCUS_BONUS } from './weights.ts';

/** Planning takes well under a second at 40 people × 60 papers × 24 sessions; this bounds a pathological input. */
export const SCHEDULE_TIME_LIMIT_MS = 5_000;

export async function planSchedule(input: ScheduleInput, opts: { timeLimitMs?: number } = {}): Promise<SchedulePlan> {
  const placement = placePapers(input);
  const unmet: Unmet[] = [...placement.unmet];
  const participants = new Map(input.participants.map((p) => [p.id, p]));

  // Presenter locks: kept when the person can present that day, otherwise said and dropped.
  const lockedPresenter = new Map<number, number>();
  for (const lock of input.locks.presenterOfPaper) {
    const s = placement.paperAt.findIndex((p) => p?.id === lock.paperId);
    if (s < 0) continue; // the paper itself was left out or is gone: said above
    const person = participants.get(lock.personId);
    if (!person) unmet.push({ code: 'lockedPresenterGone', personId: lock.personId, paperId: lock.paperId });
    else if (person.away.includes(input.days[s])) unmet.push({ code: 'presenterAway', day: input.days[s], personId: lock.personId, paperId: lock.paperId });
    else lockedPresenter.set(s, lock.personId);
  }

  const timeLimitSec = (opts.timeLimitMs ?? SCHEDULE_TIME_LIMIT_MS) / 1000;
  const problem = { days: input.days, paperAt: placement.paperAt, participants: input.participants, lockedPresenter, held: input.held, fair: true };
  let people = await assignPeople(problem, timeLimitSec);
  if (people.status === 'infeasible') {
    // Only locked presenters can make fairness impossible: keep the locks, say the rule gave way.
    unmet.push({ code: 'fairnessBroken' });
    people = await assignPeople({ ...problem, fair: false }, timeLimitSec);
    if (people.status === 'infeasible') throw new Error('the schedule model without fairness cannot be infeasible');
  }

  const withPaper = placement.paperAt.some((p) => p !== null);
  if (withPaper && input.participants.length > 0 && availablePresenters(problem).length === 0 && lockedPresenter.size === 0) unmet.push({ code: 'everyoneOptedOut' });
  const ctx = explainContext(input);
  const sessions = input.days.map((day, s) => {
    const paperId = placement.paperAt[s]?.id ?? null;
    const a = { day, paperId, presenterId: people.presenter[s] ?? null, reviewerId: people.reviewer[s] ?? null };
    if (paperId !== null && a.presenterId === null && !unmet.some((u) => u.code === 'everyoneOptedOut')) unmet.push({ code: 'noPresenterAvailable', day });
    if (paperId !== null && a.reviewerId === null) unmet.push({ code: 'noReviewerAvailable', day });
    const locks = { paper: placement.lockedAt[s], presenter: lockedPresenter.has(s) };
    return { ...a, lockPaper: locks.paper, lockPresenter: locks.presenter, reason: explainSession(ctx, a, locks) };
  });
  return { sessions, unmet, objective: { papers: placement.value, people: people.value }, status: people.status === 'timeLimit' ? 'timeLimit' : 'optimal' };
}
