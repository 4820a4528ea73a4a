// The pair score: mentoring, rotation and coverage of two people this round, and the value of a pair, trio or solo.
import { DAY_MS, EXPERT_LEVEL } from '../../domain.ts';
import { busFactorRisk, type Risk } from '../skills.ts';
import {
  DEFAULT_MIN_EXPERTS,
  pairKey,
  ROTATION_FULL_DAYS,
  TRACK_RECORD_CAP,
  trackKey,
  UNITS_PER_POINT,
  type Area,
  type Coverage,
  type MentoringDetail,
  type PairReason,
  type PairScore,
  type Person,
  type ProposeInput,
  type Reason,
  type ScoreContext,
  type ScoredGroup,
  type SoloReason,
} from './types.ts';

/** A gap of 4 levels (5 over 1, or 4 over 0) already earns full mentoring credit. */
const FULL_CREDIT_GAP = 4;

const levelOf = (p: Person, areaId: number): number => p.levels[areaId] ?? 0;
const interestOf = (p: Person, areaId: number): number => p.interests[areaId] ?? 0;

/** Number of experts (effective level ≥ 4) per area among the given (active) members. */
export function busFactorByArea(team: readonly Person[], areas: readonly Area[]): Map<number, number> {
  return new Map(areas.map((a) => [a.id, team.filter((p) => levelOf(p, a.id) >= EXPERT_LEVEL).length]));
}

const HEALTH: Record<Risk, Coverage | null> = { blocker: 'blocker', single: 'single-expert', thin: 'thin', ok: null };

/** An area's health as the matrix footer names it: none or one expert whatever its minimum, else thin below it. */
export function areaHealth(busFactor: number, minExperts = DEFAULT_MIN_EXPERTS): Coverage | null {
  return HEALTH[busFactorRisk(busFactor, minExperts)];
}

/** A missing expert hurts most when the area hangs on one person or none. */
function coverageValue(health: Coverage | null): number {
  if (health === null) return 0;
  return health === 'thin' ? 0.5 : 1;
}

export function makeScoreContext(input: Pick<ProposeInput, 'team' | 'areas' | 'history' | 'weights' | 'now' | 'trackRecord'>): ScoreContext {
  return {
    people: new Map(input.team.map((p) => [p.id, p])),
    areas: input.areas,
    busFactor: busFactorByArea(input.team, input.areas),
    history: input.history,
    weights: input.weights,
    now: input.now,
    trackRecord: input.trackRecord ?? new Map(),
  };
}

type MentoringOption = { detail: MentoringDetail; mentoring: number; coverage: number; health: Coverage | null; trackRecord: number; learnersRose: number };

/** The mentor's past learners who rose in the area, and the bonus they earn in [0, 1] (nothing while the goal is off). */
function trackRecordOf(mentorId: number, areaId: number, ctx: ScoreContext): { learners: number; value: number } {
  if (!(ctx.weights.trackRecord ?? 0)) return { learners: 0, value: 0 };
  const learners = ctx.trackRecord.get(trackKey(mentorId, areaId)) ?? 0;
  return { learners, value: Math.min(learners, TRACK_RECORD_CAP) / TRACK_RECORD_CAP };
}

/** The area and direction where this pair does the most good (max wM·M + wC·C + wT·T; ties: more mentoring, earlier area). */
function bestMentoring(a: Person, b: Person, ctx: ScoreContext): MentoringOption | null {
  let best: MentoringOption | null = null;
  let bestValue = -1;
  for (const area of ctx.areas) {
    for (const [mentor, learner] of [[a, b], [b, a]] as const) {
      const mentorLevel = levelOf(mentor, area.id);
      const learnerLevel = levelOf(learner, area.id);
      const interest = interestOf(learner, area.id);
      if (mentorLevel < EXPERT_LEVEL || learnerLevel >= mentorLevel || interest < 1) continue;
      const mentoring = (interest / 3) * (Math.min(mentorLevel - learnerLevel, FULL_CREDIT_GAP) / FULL_CREDIT_GAP);
      const health = areaHealth(ctx.busFactor.get(area.id) ?? 0, area.minExperts);
      const coverage = coverageValue(health);
      const record = trackRecordOf(mentor.id, area.id, ctx);
      const value = ctx.weights.mentoring * mentoring + ctx.weights.coverage * coverage + (ctx.weights.trackRecord ?? 0) * record.value;
      if (value > bestValue || (value === bestValue && best !== null && mentoring > best.mentoring)) {
        bestValue = value;
        best = {
          detail: {
            areaId: area.id,
            mentor: { id: mentor.id, level: mentorLevel },
            learner: { id: learner.id, level: learnerLevel, interest },
          },
          mentoring,
          coverage,
          health,
          trackRecord: record.value,
          learnersRose: record.learners,
        };
      }
    }
  }
  return best;
}

/** For peers: the area both want to grow in most (highest lower interest, then highest total). */
function sharedInterestArea(a: Person, b: Person, areas: readonly Area[]): number | null {
  let best: { id: number; low: number; sum: number } | null = null;
  for (const area of areas) {
    const ia = interestOf(a, area.id);
    const ib = interestOf(b, area.id);
    const low = Math.min(ia, ib);
    if (low < 2) continue;
    if (best === null || low > best.low || (low === best.low && ia + ib > best.sum)) best = { id: area.id, low, sum: ia + ib };
  }
  return best?.id ?? null;
}

function daysSinceLastPaired(a: number, b: number, ctx: ScoreContext): number | null {
  const record = ctx.history.get(pairKey(a, b));
  if (record === undefined) return null;
  return Math.max(0, Math.floor((ctx.now.getTime() - record.lastPaired.getTime()) / DAY_MS));
}

function personOf(ctx: ScoreContext, id: number): Person {
  const p = ctx.people.get(id);
  if (p === undefined) throw new RangeError(`person ${id} is not in the team`);
  return p;
}

/** Score of two people working together this round (see the header for the formula). */
export function scorePair(aId: number, bId: number, ctx: ScoreContext): PairScore {
  if (aId === bId) throw new RangeError(`cannot pair person ${aId} with themself`);
  const a = personOf(ctx, aId);
  const b = personOf(ctx, bId);
  const option = bestMentoring(a, b, ctx);
  const lastPairedDaysAgo = daysSinceLastPaired(aId, bId, ctx);
  const components = {
    mentoring: option?.mentoring ?? 0,
    rotation: lastPairedDaysAgo === null ? 1 : Math.min(lastPairedDaysAgo / ROTATION_FULL_DAYS, 1),
    coverage: option?.coverage ?? 0,
    trackRecord: option?.trackRecord ?? 0,
  };
  const w = ctx.weights;
  const units = Math.round(
    UNITS_PER_POINT *
      (w.mentoring * components.mentoring + w.rotation * components.rotation + w.coverage * components.coverage + (w.trackRecord ?? 0) * components.trackRecord),
  );
  const reason: PairReason = {
    kind: 'pair',
    memberIds: [aId, bId],
    mentoring: option?.detail ?? null,
    sharedAreaId: option === null ? sharedInterestArea(a, b, ctx.areas) : null,
    lastPairedDaysAgo,
    coverage: option?.health ?? null,
  };
  // Only a bonus that counts is explained, so with the goal off a reason is exactly what it was before the goal existed.
  if (option && option.trackRecord > 0) reason.trackRecord = { learners: option.learnersRose };
  return { units, score: units / UNITS_PER_POINT, components, reason };
}

/** Trio value: its two strongest pair scores (all three minus the weakest). */
export function trioUnits(ab: number, ac: number, bc: number): number {
  return ab + ac + bc - Math.min(ab, ac, bc);
}

/**
 * Scores any group of one (solo, 0), two or three people, e.g. after the manager swaps people by hand.
 * Forbids and locks are the caller's business here.
 */
export function scoreGroup(memberIds: readonly number[], ctx: ScoreContext): ScoredGroup {
  if (new Set(memberIds).size !== memberIds.length) throw new RangeError(`group repeats a person: ${memberIds.join(', ')}`);
  if (memberIds.length === 1) {
    const [id] = memberIds;
    personOf(ctx, id);
    const reason: SoloReason = { kind: 'solo', personId: id };
    return { memberIds: [id], role: 'solo', areaId: null, mentorId: null, learnerIds: [], units: 0, score: 0, reason };
  }
  if (memberIds.length === 2) return groupOfLinks([...memberIds], [scorePair(memberIds[0], memberIds[1], ctx)], null);
  if (memberIds.length === 3) {
    const [a, b, c] = memberIds;
    // Stable sort keeps the order ab, ac, bc among equal scores, so the centre is deterministic.
    const links = [scorePair(a, b, ctx), scorePair(a, c, ctx), scorePair(b, c, ctx)].sort((x, y) => y.units - x.units);
    const [first, second] = links;
    const centreId = first.reason.memberIds.find((id) => second.reason.memberIds.includes(id))!;
    return groupOfLinks([...memberIds], [first, second], centreId);
  }
  throw new RangeError(`groups have 1–3 people, got ${memberIds.length}`);
}

/** Builds a pair (one link) or trio (two counted links, strongest first) from its scored links. */
function groupOfLinks(memberIds: number[], links: PairScore[], centreId: number | null): ScoredGroup {
  const units = links.reduce((sum, l) => sum + l.units, 0);
  const reasons = links.map((l) => l.reason);
  const reason: Reason = centreId === null ? reasons[0] : { kind: 'trio', centreId, links: [reasons[0], reasons[1]] };
  const mentoring = reasons.flatMap((r) => (r.mentoring === null ? [] : [r.mentoring]));
  const base = { memberIds, units, score: units / UNITS_PER_POINT, reason };
  if (mentoring.length === 0) {
    const areaId = reasons.find((r) => r.sharedAreaId !== null)?.sharedAreaId ?? null;
    return { ...base, role: 'peers', areaId, mentorId: null, learnerIds: [] };
  }
  const lead = mentoring[0];
  return {
    ...base,
    role: 'mentoring',
    areaId: lead.areaId,
    mentorId: lead.mentor.id,
    learnerIds: mentoring.filter((m) => m.mentor.id === lead.mentor.id).map((m) => m.learner.id),
  };
}
