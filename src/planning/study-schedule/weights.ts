// The planner's numbers: a paper's weight, how well a person fits presenting or reviewing it, and the objective.
//
// The objective, maximised lexicographically:
//   1. papers = Σ over planned sessions s (1-based, S in all) of weight(paper at s) · (S + 1 − s):
//      the heaviest papers are chosen, and earlier sessions get heavier ones (locks fixed first);
//      weight(paper) = votes + THIN_BONUS if one of its areas is thin for the team (bus factor 0/1 or below
//      the area's minimum of experts) + FOCUS_BONUS if one of its areas is a season focus area.
//   2. people = Σ over sessions with a paper of
//        FILL·[has presenter] + presenterScore + FILL·[has reviewer] + reviewerScore,
//      presenterScore = 10 + interest when the person grows by teaching (interest ≥ 2, level < 4) in one of
//      the paper's areas, else interest (their best area of the paper); reviewerScore = 10 + level for an
//      expert (level ≥ 4), else level. FILL exceeds every score sum, so filling a role always comes first.
//   subject to the hard rules (check.ts): no role on an away day, nobody presents and reviews one session,
//   nobody reviews two sessions in a row, opted-out people do not present, presenting is shared fairly
//   (nobody presents k + 1 times while an available participant has presented fewer than k times), locks.
import { EXPERT_LEVEL, GROWTH_INTEREST } from '../../domain.ts';
import type { ScheduleArea, SchedulePaper, ScheduleParticipant } from './types.ts';

export const THIN_BONUS = 2;
export const FOCUS_BONUS = 1;
/** Largest presenter and reviewer scores (interest ≤ 3, level ≤ 5). */
const MAX_PRESENTER = 10 + 3;
const MAX_REVIEWER = 10 + 5;

export const fillValue = (sessions: number) => sessions * (MAX_PRESENTER + MAX_REVIEWER) + 1;

export function paperWeight(paper: SchedulePaper, areas: ReadonlyMap<number, ScheduleArea>): number {
  const of = paper.areaIds.map((id) => areas.get(id)).filter((a) => a !== undefined);
  return paper.votes + (of.some((a) => a.risk !== null) ? THIN_BONUS : 0) + (of.some((a) => a.focus) ? FOCUS_BONUS : 0);
}

export const skillOf = (person: ScheduleParticipant, areaId: number) => person.skills[areaId] ?? { level: 0, interest: 0 };

export const growsByTeaching = (s: { level: number; interest: number }) => s.interest >= GROWTH_INTEREST && s.level < EXPERT_LEVEL;

const presenterScoreIn = (s: { level: number; interest: number }) => (growsByTeaching(s) ? 10 : 0) + s.interest;
const reviewerScoreIn = (s: { level: number }) => (s.level >= EXPERT_LEVEL ? 10 : 0) + s.level;

/** The paper's area where the person scores best (first of the paper's areas on a tie), with that score. */
function bestArea(person: ScheduleParticipant, paper: SchedulePaper, score: (s: { level: number; interest: number }) => number) {
  let best: { areaId: number | null; score: number; level: number; interest: number } = { areaId: null, score: 0, level: 0, interest: 0 };
  for (const areaId of paper.areaIds) {
    const s = skillOf(person, areaId);
    const value = score(s);
    if (best.areaId === null || value > best.score) best = { areaId, score: value, ...s };
  }
  return best;
}

export const presenterFit = (person: ScheduleParticipant, paper: SchedulePaper) => bestArea(person, paper, presenterScoreIn);
export const reviewerFit = (person: ScheduleParticipant, paper: SchedulePaper) => bestArea(person, paper, reviewerScoreIn);
