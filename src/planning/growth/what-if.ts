// If this person left: areas whose bus factor falls, live work nobody else may own, deal commitments left without them; and who the team can least lose.
/*
 * Everything here is decided by the rules the rest of the app uses, not by copies of them:
 * - an area's risk with and without the person is `coverageFromCounts` of the area's level counts
 *   and of the same counts `countsWithout` the person's rating (src/planning/skills.ts, as the matrix
 *   footer computes it);
 * - whether the person may own a work item is the work planner's `meetsMinimums`
 *   (src/planning/work-split/rules.ts); whether anyone else may is the list of eligible members the
 *   app reads with the work pages' own SQL (src/work/qualified.ts), given here when it has at most
 *   one name (more than one always leaves someone else).
 *
 * The key-person score compares, in this order (more is worse, the first difference decides):
 *   1. areas that become blockers (no expert left),
 *   2. areas that become single points of failure,
 *   3. live work items nobody else may own,
 *   4. deal commitments left without any committed member,
 *   5. areas that become thin (fewer experts than their minimum).
 * A commitment another member shares is listed in the what-if but breaks nothing, so it does not rank.
 */
import { EXPERT_LEVEL } from '../../domain.ts';
import { coverageFromCounts, countsWithout, effectiveLevel, RISK_ORDER, wantsToGrow, type Coverage, type LevelCounts, type RatingLike, type Risk } from '../skills.ts';
import { meetsMinimums } from '../work-split/rules.ts';
import type { Requirement } from '../work-split/types.ts';

type Levels = Pick<RatingLike, 'selfLevel' | 'managerLevel' | 'interest'>;

/** An active area and its members per effective level over the active team (as `areaFigures` reads them). */
export type RiskArea = { id: number; targetLevel: number; minExperts: number; counts: LevelCounts };

/**
 * A live work item (open, planned or in progress), its requirements in active areas, its owner, and
 * the active members who meet every minimum: all of them when there is at most one, null for two or more.
 */
export type RiskItem = { id: number; requirements: readonly Requirement[]; ownerId: number | null; eligible: readonly number[] | null };

/** A give of a live deal that is not done, and the active members committed to it. */
export type RiskCommitment = { dealItemId: number; dealId: number; memberIds: readonly number[] };

export type TeamFigures = { areas: readonly RiskArea[]; items: readonly RiskItem[]; commitments: readonly RiskCommitment[] };

/**
 * An active member: their ratings by area id (a missing area is unrated), and whether the planner gives
 * them work (members do, managers do not). For a score, the ratings in `areasThatMatter` are enough.
 */
export type Person = { id: number; ownsWork: boolean; ratings: ReadonlyMap<number, Levels> };

export type AreaLoss = { areaId: number; before: Risk; after: Risk; expertsBefore: number; expertsAfter: number };
/** `qualified`: the person meets every minimum (else they own it and nobody meets them). */
export type ItemLoss = { itemId: number; owned: boolean; qualified: boolean };
/** `others`: the other active members committed to the same give (0 = nobody is left on it). */
export type CommitmentLoss = { dealItemId: number; dealId: number; others: number };

export type WhatIf = {
  personId: number;
  /** Areas whose risk gets worse, worst first. */
  areas: AreaLoss[];
  /** Areas where the person is an expert and enough experts remain. */
  stillCovered: number[];
  items: ItemLoss[];
  commitments: CommitmentLoss[];
};

/**
 * An area's coverage as it is, and without one member of each kind — their effective level and whether they
 * grow there, all that `countsWithout` reads — worked out once per area and kind rather than once per person
 * (ranking the team asks for every candidate × every area). Held by the area object, so for one request.
 */
const coverages = new WeakMap<RiskArea, { now: Coverage; without: Map<string, Coverage> }>();
function coverageOf(area: RiskArea, leaving: Levels | undefined): { before: Coverage; after: Coverage } {
  let kept = coverages.get(area);
  if (!kept) coverages.set(area, (kept = { now: coverageFromCounts(area, area.counts), without: new Map() }));
  const kind = `${effectiveLevel(leaving) ?? 0} ${wantsToGrow(leaving)}`;
  let after = kept.without.get(kind);
  if (!after) kept.without.set(kind, (after = coverageFromCounts(area, countsWithout(area.counts, leaving))));
  return { before: kept.now, after };
}

/** What the team would lose if `person` left. */
export function whatIfLeft(person: Person, team: TeamFigures): WhatIf {
  const areas: AreaLoss[] = [];
  const stillCovered: number[] = [];
  for (const area of team.areas) {
    const { before, after } = coverageOf(area, person.ratings.get(area.id));
    if (RISK_ORDER[after.risk] < RISK_ORDER[before.risk]) areas.push({ areaId: area.id, before: before.risk, after: after.risk, expertsBefore: before.experts, expertsAfter: after.experts });
    else if (after.experts < before.experts) stillCovered.push(area.id);
  }
  areas.sort((a, b) => RISK_ORDER[a.after] - RISK_ORDER[b.after]);
  const levels = Object.fromEntries([...person.ratings].map(([areaId, r]) => [areaId, effectiveLevel(r) ?? 0]));
  const items: ItemLoss[] = [];
  for (const item of team.items) {
    const owned = item.ownerId === person.id;
    const qualified = person.ownsWork && meetsMinimums({ levels }, item);
    if (!owned && !qualified) continue;
    if (item.eligible !== null && item.eligible.every((id) => id === person.id)) items.push({ itemId: item.id, owned, qualified });
  }
  const commitments = team.commitments
    .filter((c) => c.memberIds.includes(person.id))
    .map((c) => ({ dealItemId: c.dealItemId, dealId: c.dealId, others: c.memberIds.filter((id) => id !== person.id).length }));
  return { personId: person.id, areas, stillCovered, items, commitments };
}

/** The parts of the score, in the order they compare (see the top of this file). */
export const SCORE_PARTS = ['blocker', 'single', 'items', 'commitments', 'thin'] as const;
export type ScorePart = (typeof SCORE_PARTS)[number];
export type Score = Record<ScorePart, number>;

export function scoreOf(w: WhatIf): Score {
  const becomes = (risk: Risk) => w.areas.filter((a) => a.after === risk).length;
  return { blocker: becomes('blocker'), single: becomes('single'), items: w.items.length, commitments: w.commitments.filter((c) => c.others === 0).length, thin: becomes('thin') };
}

/** Positive when `a` is the greater risk. */
export function compareScores(a: Score, b: Score): number {
  for (const part of SCORE_PARTS) if (a[part] !== b[part]) return a[part] - b[part];
  return 0;
}

export const breaksSomething = (s: Score) => SCORE_PARTS.some((part) => s[part] > 0);

export type KeyPerson = { personId: number; score: Score; whatIf: WhatIf };

/** The people whose departure breaks something, the greatest risk first; equal scores in `tieBreak` order (e.g. by name). */
export function rankKeyPeople(people: readonly Person[], team: TeamFigures, tieBreak: (a: number, b: number) => number): KeyPerson[] {
  return people
    .map((p) => {
      const whatIf = whatIfLeft(p, team);
      return { personId: p.id, score: scoreOf(whatIf), whatIf };
    })
    .filter((k) => breaksSomething(k.score))
    .sort((a, b) => compareScores(b.score, a.score) || tieBreak(a.personId, b.personId));
}

/**
 * Areas where losing any one expert makes the risk worse: only their experts can break an area (a
 * member below expert level changes no area's expert count, and the risk depends on nothing else).
 */
export function fragileAreas(areas: readonly RiskArea[]): number[] {
  return areas
    .filter((area) => {
      const expertLevel = [...area.counts.atLevel].filter(([level, n]) => level >= EXPERT_LEVEL && n > 0).map(([level]) => level).sort((a, b) => a - b)[0];
      if (expertLevel === undefined) return false;
      const before = coverageFromCounts(area, area.counts).risk;
      const after = coverageFromCounts(area, countsWithout(area.counts, { selfLevel: expertLevel, managerLevel: null, interest: null })).risk;
      return RISK_ORDER[after] < RISK_ORDER[before];
    })
    .map((a) => a.id);
}

/**
 * Everyone whose departure can break something, given the experts of the fragile areas: those experts,
 * the only eligible member or the owner of an item nobody is eligible for, and the only member of a commitment.
 * Every other member's score is zero, so ranking these is ranking the team.
 */
export function keyPersonCandidates(team: TeamFigures, fragileExperts: Iterable<number>): Set<number> {
  const out = new Set(fragileExperts);
  for (const item of team.items) {
    if (item.eligible?.length === 1) out.add(item.eligible[0]);
    if (item.eligible?.length === 0 && item.ownerId !== null) out.add(item.ownerId);
  }
  for (const c of team.commitments) if (c.memberIds.length === 1) out.add(c.memberIds[0]);
  return out;
}

/**
 * The only areas whose ratings can change a score: the fragile ones, and those an item with at most one
 * eligible member requires (elsewhere someone else may own it whatever the person's level).
 */
export function areasThatMatter(team: TeamFigures, fragile: Iterable<number>): Set<number> {
  const out = new Set(fragile);
  for (const item of team.items) if (item.eligible !== null) for (const r of item.requirements) out.add(r.areaId);
  return out;
}
