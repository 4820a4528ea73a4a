// The hard rules of a schedule, checked on any assignment: the planner's output and every manual edit.
import { availablePresenters, fairSpread } from './people.ts';
import type { Assignment, HeldSessions, ScheduleParticipant } from './types.ts';
import type { Unmet, Violation } from '../../domain.ts';

/**
 * Rules an edit may not break: nobody has a role on a day they are away or outside the season, nobody
 * presents and reviews one session, nobody reviews two sessions in a row, opted-out people do not present.
 * `sessions` are in date order; `lastReviewerId` is the reviewer just before the first of them.
 */
export function violations(sessions: Assignment[], participants: ScheduleParticipant[], lastReviewerId: number | null = null): Violation[] {
  const byId = new Map(participants.map((p) => [p.id, p]));
  const found: Violation[] = [];
  sessions.forEach((s, k) => {
    const roles = [
      ['presenter', s.presenterId],
      ['reviewer', s.reviewerId],
    ] as const;
    for (const [role, personId] of roles) {
      if (personId === null) continue;
      const person = byId.get(personId);
      if (!person) found.push({ code: 'notParticipant', day: s.day, personId, role });
      else if (person.away.includes(s.day)) found.push({ code: 'away', day: s.day, personId, role });
    }
    if (s.presenterId !== null && byId.get(s.presenterId)?.noPresenting) found.push({ code: 'optedOut', day: s.day, personId: s.presenterId });
    if (s.presenterId !== null && s.presenterId === s.reviewerId) found.push({ code: 'presentsAndReviews', day: s.day, personId: s.presenterId });
    const before = k === 0 ? lastReviewerId : sessions[k - 1].reviewerId;
    if (s.reviewerId !== null && s.reviewerId === before) found.push({ code: 'reviewsTwiceInARow', day: s.day, personId: s.reviewerId });
  });
  return found;
}

/**
 * Presenting shared fairly: after every session, no available participant (not opted out, free on a date
 * with a paper) has presented more than D times beyond the one who presented least (D = 1 unless held
 * sessions already left a larger spread). That is "nobody presents twice before everyone presented once".
 */
export function isFair(sessions: Assignment[], participants: ScheduleParticipant[], held?: HeldSessions): boolean {
  const days = sessions.map((s) => s.day);
  const available = availablePresenters({ days, paperAt: sessions.map((s) => (s.paperId === null ? null : { id: s.paperId, votes: 0, areaIds: [] })), participants });
  if (available.length === 0) return true;
  const D = fairSpread(available, held);
  const count = new Map(available.map((q) => [q.id, held?.presented[q.id] ?? 0]));
  for (const s of sessions) {
    if (s.presenterId !== null && count.has(s.presenterId)) count.set(s.presenterId, count.get(s.presenterId)! + 1);
    const values = [...count.values()];
    if (Math.max(...values) - Math.min(...values) > D) return false;
  }
  return true;
}

/**
 * What a stored schedule leaves open, whoever made it (plan or edits): candidate papers not scheduled,
 * sessions without a paper, sessions with a paper but no presenter or reviewer.
 */
export function scheduleGaps(sessions: Assignment[], candidateIds: number[]): Unmet[] {
  const scheduled = new Set(sessions.map((s) => s.paperId));
  const left = candidateIds.filter((id) => !scheduled.has(id));
  const empty = sessions.filter((s) => s.paperId === null).map((s) => s.day);
  return [
    ...(left.length > 0 ? [{ code: 'morePapersThanSessions' as const, paperIds: left }] : []),
    ...(empty.length > 0 ? [{ code: 'moreSessionsThanPapers' as const, days: empty }] : []),
    ...sessions.flatMap((s): Unmet[] =>
      s.paperId === null
        ? []
        : [...(s.presenterId === null ? [{ code: 'noPresenterAvailable' as const, day: s.day }] : []), ...(s.reviewerId === null ? [{ code: 'noReviewerAvailable' as const, day: s.day }] : [])],
    ),
  ];
}
