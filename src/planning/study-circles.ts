// Study circle suggestions: an expert leads the members who want to grow in an area they know best.
import { EXPERT_LEVEL } from '../domain.ts';
import type { Area, Person } from './pairing/index.ts';

/** Interest from which a member counts as wanting to grow (2 = wants to grow, 3 = top focus). */
export const WANTS_TO_GROW = 2;
/** A circle needs at least this many learners to be worth running. */
export const MIN_CIRCLE_LEARNERS = 3;
/** A circle one expert can lead: beyond this many, those with the largest gaps come first (the rest wait for the next circle). */
export const MAX_CIRCLE_LEARNERS = 12;

export type CircleLearner = { id: number; level: number; interest: number; /** leader level − learner level */ gap: number };

export type StudyCircle = {
  areaId: number;
  leader: { id: number; level: number };
  /** Largest learning gap first. */
  learners: CircleLearner[];
  totalGap: number;
};

// A fixed locale keeps the order identical on every server; ids settle exact ties.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

const levelOf = (p: Person, areaId: number): number => p.levels[areaId] ?? 0;
const interestOf = (p: Person, areaId: number): number => p.interests[areaId] ?? 0;
/** Each person's place in name order: one collated sort of the team, then every area's sorts compare integers (collating inside them cost ~20 ms at 1,000 people). */
function nameRanks(team: readonly Person[]): Map<number, number> {
  const sorted = [...team].sort((a, b) => collator.compare(a.name, b.name) || a.id - b.id);
  return new Map(sorted.map((p, i) => [p.id, i]));
}

/**
 * One circle per area with an expert and at least three members who want to grow there (interest ≥ 2,
 * below expert), at most MAX_CIRCLE_LEARNERS of them. The highest-level expert leads (ties: by name). Circles with the most total gap come first.
 */
export function suggestStudyCircles(team: readonly Person[], areas: readonly Area[]): StudyCircle[] {
  const rank = nameRanks(team);
  return areas
    .flatMap((area) => {
      const circle = circleFor(team, area.id, rank);
      return circle === null ? [] : [circle];
    })
    .sort((a, b) => b.totalGap - a.totalGap || b.learners.length - a.learners.length || a.areaId - b.areaId);
}

function circleFor(team: readonly Person[], areaId: number, rank: Map<number, number>): StudyCircle | null {
  const experts = team.filter((p) => levelOf(p, areaId) >= EXPERT_LEVEL);
  const growing = team.filter((p) => interestOf(p, areaId) >= WANTS_TO_GROW && levelOf(p, areaId) < EXPERT_LEVEL);
  if (experts.length === 0 || growing.length < MIN_CIRCLE_LEARNERS) return null;
  // Level first, then name, as one number (levels are whole, ranks below the team size): the sorts compare numbers, not maps.
  const order = (p: Person, level: number) => ({ p, key: level * team.length + rank.get(p.id)! });
  const leader = experts.map((p) => order(p, -levelOf(p, areaId))).reduce((a, b) => (b.key < a.key ? b : a)).p;
  const leaderLevel = levelOf(leader, areaId);
  const learners = growing
    .map((p) => order(p, levelOf(p, areaId)))
    .sort((a, b) => a.key - b.key)
    .slice(0, MAX_CIRCLE_LEARNERS)
    .map(({ p }) => ({ id: p.id, level: levelOf(p, areaId), interest: interestOf(p, areaId), gap: leaderLevel - levelOf(p, areaId) }));
  return {
    areaId,
    leader: { id: leader.id, level: leaderLevel },
    learners,
    totalGap: learners.reduce((sum, l) => sum + l.gap, 0),
  };
}
