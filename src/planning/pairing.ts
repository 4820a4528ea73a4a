// Pairing planner: the pair score, the optimal pairing proposal (pairs + one trio or solo) and its explanations.
/*
 * How Pairwise scores and pairs people (the lead copies this into the README)
 * ---------------------------------------------------------------------------
 * Pair score. For two people p, q and the round's focus areas, with goal weights wM, wR, wC ≥ 0:
 *   mentoring  M = interest_l(a)/3 × min(level_m(a) − level_l(a), 4)/4 for the best area a and direction
 *                  (mentor m, learner l), where level_m(a) ≥ 4 (expert) and level_l(a) < level_m(a); 0 if none.
 *   coverage   C = in that same area: 1 if its bus factor is 0 or 1, ½ if it is otherwise below the area's
 *                  minimum experts (thin), else 0.
 *   rotation   R = 1 if never paired, else min(whole days since they last paired / 180, 1).
 *   s(p,q) = wM·M + wR·R + wC·C, the area and direction being the ones that maximise wM·M + wC·C.
 * Each component is in [0, 1], so s ≤ wM + wR + wC. Peers (no mentoring possible) score rotation only; an
 * area both want to grow in (interest ≥ 2) is shown as their shared interest but not scored. The optimiser
 * compares integer milli-points round(1000·s), so the proposal and any brute force agree exactly.
 *
 * Proposal. Locked pairs are kept, forbidden pairs never share a group, everyone present is placed, and the
 * total score is the maximum possible under these rules:
 *   - even head-count: pairs only — a maximum-weight perfect matching (Edmonds' blossom);
 *   - odd, 'solo': one unlocked person sits out with score 0 — a perfect matching plus a dummy vertex d
 *     joined to every unlocked person with weight 0;
 *   - odd, 'trio' (default): exactly one trio, worth its two strongest pairs (its centre works with both
 *     others, the weakest link is not counted):  v({a,b,c}) = s_ab + s_ac + s_bc − min(s_ab, s_ac, s_bc).
 *     All three pairs of a trio must be allowed. A trio may be a locked pair plus one person.
 * Why the trio is exact with a single matching: a trio is a pair {a,b} plus a joiner x linked to one of
 * them, its hub. For a fixed joiner x, the rest must form a perfect matching, and that matching places every
 * possible hub anyway, so the best value is PM(P∖x) + β(x) with β(x) = max over allowed hubs a of s(x,a).
 * Hence optimum = max_x [PM(P∖x) + β(x)]: one perfect matching on P + d with edge x–d of weight β(x).
 * Maximising over joiners and hubs yields exactly v (pick the weakest link's outside person as the joiner).
 * Joining a locked pair {a,b} is a hub too, with β = v({a,b,x}) − s_ab. Forbids: if x's best hub a ends up
 * paired with someone x is forbidden with, branch best-first — "x joins a" (one matching in which a may only
 * pair with people x is allowed with) versus "x may not use hub a" (re-solve) — until the best open node is
 * valid. Without such a conflict an odd round costs one matching, like an even one.
 */
import { maxWeightMatching, matchingWeight, type WeightedEdge } from './matching.ts';

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────────────────

export type Person = {
  id: number;
  name: string;
  /** Effective level 0–5 (the manager's calibration where one exists) by area id; missing = 0. */
  levels: Readonly<Record<number, number>>;
  /** Interest 0–3 by area id; missing = 0. */
  interests: Readonly<Record<number, number>>;
};

export type Area = {
  id: number;
  name: string;
  /** Experts the area needs to be healthy; default 2. */
  minExperts?: number;
};

/** When two people last paired; keyed by pairKey(a, b). */
export type PairRecord = { lastPaired: Date; count: number };
export type PairHistory = ReadonlyMap<string, PairRecord>;

/** Goal weights: finite numbers in 0..MAX_GOAL_WEIGHT; 0 switches a goal off. */
export type Weights = { mentoring: number; rotation: number; coverage: number };

/** Odd head-count: one trio, or one person sitting out. */
export type OddMode = 'trio' | 'solo';

export type IdPair = readonly [number, number];

export type ProposeInput = {
  /** Every active member, present or away: bus factors count the experts among all of them. */
  team: readonly Person[];
  /** Ids of the members taking part in this round (duplicates are ignored). */
  presentIds: readonly number[];
  /** The areas this round may use (the manager's focus areas, or all of them). */
  areas: readonly Area[];
  history: PairHistory;
  weights: Weights;
  /** Pairs that must stay together (both present, each person in at most one lock). */
  locks: readonly IdPair[];
  /** Pairs that must never share a group; forbids involving absent people are simply inert. */
  forbids: readonly IdPair[];
  odd: OddMode;
  now: Date;
};

export const DEFAULT_WEIGHTS: Weights = { mentoring: 3, rotation: 2, coverage: 1 };
export const MAX_GOAL_WEIGHT = 1000;
export const EXPERT_LEVEL = 4;
export const DEFAULT_MIN_EXPERTS = 2;
/** Days after which a pair counts as fully rotated. */
export const ROTATION_FULL_DAYS = 180;
/** Scores are compared in integer milli-points. */
export const UNITS_PER_POINT = 1000;
/** A gap of 4 levels (5 over 1, or 4 over 0) already earns full mentoring credit. */
const FULL_CREDIT_GAP = 4;
const DAY_MS = 86_400_000;

// ── Outputs ─────────────────────────────────────────────────────────────────────────────────────────────

/** Bus-factor health of an area below its minimum; null = healthy. */
export type Coverage = 'blocker' | 'single-expert' | 'thin';

export type MentoringDetail = {
  areaId: number;
  mentor: { id: number; level: number };
  learner: { id: number; level: number; interest: number };
};

export type PairReason = {
  kind: 'pair';
  memberIds: [number, number];
  mentoring: MentoringDetail | null;
  /** Peers only: an area both want to grow in (shown, not scored). */
  sharedAreaId: number | null;
  /** null = never paired. */
  lastPairedDaysAgo: number | null;
  /** Health of the mentoring area when the pair strengthens it. */
  coverage: Coverage | null;
};

/** A trio counts its centre's two links; the link between the other two is not scored. */
export type TrioReason = { kind: 'trio'; centreId: number; links: [PairReason, PairReason] };
export type SoloReason = { kind: 'solo'; personId: number };
export type Reason = PairReason | TrioReason | SoloReason;

export type PairScore = {
  /** Integer milli-points: what the optimiser compares. */
  units: number;
  /** Points = units / 1000. */
  score: number;
  /** Each in [0, 1]. */
  components: { mentoring: number; rotation: number; coverage: number };
  reason: PairReason;
};

export type ScoredGroup = {
  memberIds: number[];
  role: 'mentoring' | 'peers' | 'solo';
  areaId: number | null;
  mentorId: number | null;
  learnerIds: number[];
  units: number;
  score: number;
  reason: Reason;
};

export type Group = ScoredGroup & { /** contains a locked pair */ locked: boolean };

export type Proposal = { groups: Group[]; totalUnits: number; total: number };

export type ProposeError =
  | { code: 'invalid-weights'; weights: Weights }
  | { code: 'unknown-person'; personIds: number[] }
  | { code: 'too-few-participants'; count: number }
  | { code: 'lock-same-person'; personId: number }
  | { code: 'lock-not-present'; lock: IdPair; personIds: number[] }
  | { code: 'lock-forbidden'; lock: IdPair }
  | { code: 'locks-overlap'; personId: number; locks: [IdPair, IdPair] }
  /** No arrangement places everyone. personIds: people with no possible group at all if there are such,
   * otherwise those left over by the closest attempt (for an odd round: the one who fits no trio). */
  | { code: 'cannot-place'; personIds: number[] };

export type ProposeResult = { ok: true; proposal: Proposal } | { ok: false; error: ProposeError };

// ── Scoring ─────────────────────────────────────────────────────────────────────────────────────────────

export type ScoreContext = {
  people: ReadonlyMap<number, Person>;
  areas: readonly Area[];
  /** Active experts per area id, counted over the whole team. */
  busFactor: ReadonlyMap<number, number>;
  history: PairHistory;
  weights: Weights;
  now: Date;
};

export function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

const levelOf = (p: Person, areaId: number): number => p.levels[areaId] ?? 0;
const interestOf = (p: Person, areaId: number): number => p.interests[areaId] ?? 0;

/** Number of experts (effective level ≥ 4) per area among the given (active) members. */
export function busFactorByArea(team: readonly Person[], areas: readonly Area[]): Map<number, number> {
  return new Map(areas.map((a) => [a.id, team.filter((p) => levelOf(p, a.id) >= EXPERT_LEVEL).length]));
}

export function areaHealth(busFactor: number, minExperts = DEFAULT_MIN_EXPERTS): Coverage | null {
  if (busFactor >= minExperts) return null;
  if (busFactor === 0) return 'blocker';
  return busFactor === 1 ? 'single-expert' : 'thin';
}

/** A missing expert hurts most when the area hangs on one person or none. */
function coverageValue(health: Coverage | null): number {
  if (health === null) return 0;
  return health === 'thin' ? 0.5 : 1;
}

export function makeScoreContext(input: Pick<ProposeInput, 'team' | 'areas' | 'history' | 'weights' | 'now'>): ScoreContext {
  return {
    people: new Map(input.team.map((p) => [p.id, p])),
    areas: input.areas,
    busFactor: busFactorByArea(input.team, input.areas),
    history: input.history,
    weights: input.weights,
    now: input.now,
  };
}

type MentoringOption = { detail: MentoringDetail; mentoring: number; coverage: number; health: Coverage | null };

/** The area and direction where this pair does the most good (max wM·M + wC·C; ties: more mentoring, earlier area). */
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
      const value = ctx.weights.mentoring * mentoring + ctx.weights.coverage * coverage;
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
  };
  const w = ctx.weights;
  const units = Math.round(
    UNITS_PER_POINT * (w.mentoring * components.mentoring + w.rotation * components.rotation + w.coverage * components.coverage),
  );
  return {
    units,
    score: units / UNITS_PER_POINT,
    components,
    reason: {
      kind: 'pair',
      memberIds: [aId, bId],
      mentoring: option?.detail ?? null,
      sharedAreaId: option === null ? sharedInterestArea(a, b, ctx.areas) : null,
      lastPairedDaysAgo,
      coverage: option?.health ?? null,
    },
  };
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

// ── Validation ──────────────────────────────────────────────────────────────────────────────────────────

function validateInput(input: ProposeInput): ProposeError | null {
  const w = input.weights;
  const weightOk = (x: number) => Number.isFinite(x) && x >= 0 && x <= MAX_GOAL_WEIGHT;
  if (![w.mentoring, w.rotation, w.coverage].every(weightOk)) return { code: 'invalid-weights', weights: w };

  const teamIds = new Set(input.team.map((p) => p.id));
  const mentioned = [...input.presentIds, ...input.locks.flat(), ...input.forbids.flat()];
  const unknown = [...new Set(mentioned.filter((id) => !teamIds.has(id)))].sort((a, b) => a - b);
  if (unknown.length > 0) return { code: 'unknown-person', personIds: unknown };

  const present = new Set(input.presentIds);
  if (present.size < 2) return { code: 'too-few-participants', count: present.size };

  const forbidden = new Set(input.forbids.map(([a, b]) => pairKey(a, b)));
  const lockOf = new Map<number, IdPair>();
  for (const lock of input.locks) {
    const [a, b] = lock;
    if (a === b) return { code: 'lock-same-person', personId: a };
    const away = lock.filter((id) => !present.has(id));
    if (away.length > 0) return { code: 'lock-not-present', lock, personIds: away };
    if (forbidden.has(pairKey(a, b))) return { code: 'lock-forbidden', lock };
    for (const id of lock) {
      const other = lockOf.get(id);
      if (other !== undefined) return { code: 'locks-overlap', personId: id, locks: [other, lock] };
      lockOf.set(id, lock);
    }
  }
  return null;
}

// ── Proposal ────────────────────────────────────────────────────────────────────────────────────────────

type LockedPair = { a: number; b: number; units: number };

/** The round as the optimiser sees it: free (unlocked) people are matched, locked pairs are fixed. */
type Round = {
  free: number[];
  locks: LockedPair[];
  allowed: (a: number, b: number) => boolean;
  /** Memoised pair score in milli-points. */
  units: (a: number, b: number) => number;
};

/** Pairs among free people plus at most one trio (maybe around a locked pair) or solo. */
type Arrangement = { pairs: Array<[number, number]>; trio: number[] | null; solo: number | null };

type Outcome = { ok: true; arrangement: Arrangement } | { ok: false; personIds: number[] };

/**
 * The best proposal for the round: locks kept, forbids respected, everyone present placed, total score
 * maximal under the rules in the header. Invalid input and impossible rounds come back as errors.
 */
export function proposePairs(input: ProposeInput): ProposeResult {
  const invalid = validateInput(input);
  if (invalid !== null) return { ok: false, error: invalid };

  const ctx = makeScoreContext(input);
  const round = makeRound(input, ctx);
  const odd = round.free.length % 2 === 1;
  const stuck = unplaceable(round, odd ? input.odd : null);
  if (stuck.length > 0) return { ok: false, error: { code: 'cannot-place', personIds: stuck } };

  const outcome = !odd ? solveEven(round) : input.odd === 'solo' ? solveSolo(round) : solveTrio(round);
  if (!outcome.ok) return { ok: false, error: { code: 'cannot-place', personIds: outcome.personIds } };
  return { ok: true, proposal: toProposal(outcome.arrangement, round, ctx) };
}

function makeRound(input: ProposeInput, ctx: ScoreContext): Round {
  const cache = new Map<string, number>();
  const units = (a: number, b: number): number => {
    const key = pairKey(a, b);
    let u = cache.get(key);
    if (u === undefined) {
      u = scorePair(a, b, ctx).units;
      cache.set(key, u);
    }
    return u;
  };
  const forbidden = new Set(input.forbids.map(([a, b]) => pairKey(a, b)));
  const locks = input.locks.map(([a, b]) => ({ a, b, units: units(a, b) }));
  const locked = new Set(locks.flatMap((l) => [l.a, l.b]));
  return {
    free: [...new Set(input.presentIds)].filter((id) => !locked.has(id)),
    locks,
    allowed: (a, b) => a !== b && !forbidden.has(pairKey(a, b)),
    units,
  };
}

const canJoinLock = (round: Round, x: number, lock: LockedPair) => round.allowed(x, lock.a) && round.allowed(x, lock.b);

/** People who fit no group at all (forbidden from everyone available); in solo mode one of them may sit out. */
function unplaceable(round: Round, oddMode: OddMode | null): number[] {
  const stuck = round.free.filter(
    (x) =>
      !round.free.some((y) => round.allowed(x, y)) &&
      !(oddMode === 'trio' && round.locks.some((lock) => canJoinLock(round, x, lock))),
  );
  return oddMode === 'solo' && stuck.length === 1 ? [] : stuck;
}

type Matched = { ok: true; units: number; pairs: Array<[number, number]>; dummyMate: number | null };

/**
 * Maximum-weight perfect matching of `ids` (pairUnits null = not allowed), optionally with one dummy
 * vertex whose edge to x weighs dummyUnits(x). On failure, returns the people a maximum matching leaves over.
 */
function perfectMatching(
  ids: readonly number[],
  pairUnits: (a: number, b: number) => number | null,
  dummyUnits?: (x: number) => number | null,
): Matched | { ok: false; unmatched: number[] } {
  const edges: WeightedEdge[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const w = pairUnits(ids[i], ids[j]);
      if (w !== null) edges.push([i, j, w]);
    }
  }
  const dummy = ids.length;
  if (dummyUnits !== undefined) {
    ids.forEach((x, i) => {
      const w = dummyUnits(x);
      if (w !== null) edges.push([i, dummy, w]);
    });
  }
  const n = ids.length + (dummyUnits === undefined ? 0 : 1);
  const mate = maxWeightMatching(n, edges, { maxCardinality: true });
  const unmatched = ids.filter((_, i) => mate[i] === -1);
  if (unmatched.length > 0 || (dummyUnits !== undefined && mate[dummy] === -1)) return { ok: false, unmatched };
  const pairs: Array<[number, number]> = [];
  ids.forEach((x, i) => {
    if (mate[i] > i && mate[i] !== dummy) pairs.push([x, ids[mate[i]]]);
  });
  const dummyMate = dummyUnits === undefined ? null : ids[mate[dummy]];
  return { ok: true, units: matchingWeight(mate, edges), pairs, dummyMate };
}

function allowedUnits(round: Round): (a: number, b: number) => number | null {
  return (a, b) => (round.allowed(a, b) ? round.units(a, b) : null);
}

function solveEven(round: Round): Outcome {
  const m = perfectMatching(round.free, allowedUnits(round));
  return m.ok ? { ok: true, arrangement: { pairs: m.pairs, trio: null, solo: null } } : { ok: false, personIds: m.unmatched };
}

function solveSolo(round: Round): Outcome {
  const m = perfectMatching(round.free, allowedUnits(round), () => 0);
  if (!m.ok) return { ok: false, personIds: m.unmatched };
  return { ok: true, arrangement: { pairs: m.pairs, trio: null, solo: m.dummyMate } };
}

/** Whom a joiner links to in the trio: a free person (whose partner is only known after matching) or a locked pair. */
type Hub = { kind: 'person'; id: number; bonus: number } | { kind: 'lock'; lock: LockedPair; bonus: number };

/** A solved node of the trio search: its value bounds every arrangement it stands for. */
type TrioNode = {
  units: number;
  arrangement: Arrangement;
  /** Set when the trio is invalid (the joiner is forbidden with its hub's partner), with the joiner→hub
   * links (`${joiner}>${hub}`) this node was already barred from. */
  conflict: { joiner: number; hub: number; excluded: ReadonlySet<string> } | null;
};

/** Each free person's best hub as a joiner, skipping excluded links. */
function bestHubs(round: Round, excluded: ReadonlySet<string>): Map<number, Hub> {
  const hubs = new Map<number, Hub>();
  for (const x of round.free) {
    let best: Hub | null = null;
    for (const a of round.free) {
      if (!round.allowed(x, a) || excluded.has(`${x}>${a}`)) continue;
      const bonus = round.units(x, a);
      if (best === null || bonus > best.bonus) best = { kind: 'person', id: a, bonus };
    }
    for (const lock of round.locks) {
      if (!canJoinLock(round, x, lock)) continue;
      const bonus = trioUnits(lock.units, round.units(x, lock.a), round.units(x, lock.b)) - lock.units;
      if (best === null || bonus > best.bonus) best = { kind: 'lock', lock, bonus };
    }
    if (best !== null) hubs.set(x, best);
  }
  return hubs;
}

const lockUnits = (round: Round) => round.locks.reduce((sum, l) => sum + l.units, 0);

/** Relaxation: every joiner takes its best hub, ignoring forbids between the joiner and the hub's partner. */
function relaxedTrioNode(round: Round, excluded: ReadonlySet<string>): TrioNode | { unmatched: number[] } {
  const hubs = bestHubs(round, excluded);
  const m = perfectMatching(round.free, allowedUnits(round), (x) => hubs.get(x)?.bonus ?? null);
  if (!m.ok) return { unmatched: m.unmatched };
  const joiner = m.dummyMate!;
  const hub = hubs.get(joiner)!;
  const units = m.units + lockUnits(round);
  if (hub.kind === 'lock') {
    return { units, arrangement: { pairs: m.pairs, trio: [hub.lock.a, hub.lock.b, joiner], solo: null }, conflict: null };
  }
  const hubPair = m.pairs.find((p) => p.includes(hub.id))!;
  const partner = hubPair[0] === hub.id ? hubPair[1] : hubPair[0];
  const arrangement = { pairs: m.pairs.filter((p) => p !== hubPair), trio: [hub.id, partner, joiner], solo: null };
  const conflict = round.allowed(joiner, partner) ? null : { joiner, hub: hub.id, excluded };
  return { units, arrangement, conflict };
}

/** Exact node "joiner x links to hub a": the hub may only pair with people the joiner is allowed with. */
function joinedTrioNode(round: Round, joiner: number, hub: number): TrioNode | null {
  const rest = round.free.filter((id) => id !== joiner);
  const fitsHub = (a: number, b: number) => (a !== hub || round.allowed(joiner, b)) && (b !== hub || round.allowed(joiner, a));
  const m = perfectMatching(rest, (a, b) => (round.allowed(a, b) && fitsHub(a, b) ? round.units(a, b) : null));
  if (!m.ok) return null;
  const hubPair = m.pairs.find((p) => p.includes(hub))!;
  const partner = hubPair[0] === hub ? hubPair[1] : hubPair[0];
  return {
    units: m.units + round.units(joiner, hub) + lockUnits(round),
    arrangement: { pairs: m.pairs.filter((p) => p !== hubPair), trio: [hub, partner, joiner], solo: null },
    conflict: null,
  };
}

/** Best-first branch and bound over the joiner→hub relaxation (exact; see the header). */
function solveTrio(round: Round): Outcome {
  const root = relaxedTrioNode(round, new Set());
  if ('unmatched' in root) return { ok: false, personIds: root.unmatched };
  const open: TrioNode[] = [root];
  while (open.length > 0) {
    const node = takeBest(open);
    if (node.conflict === null) return { ok: true, arrangement: node.arrangement };
    const { joiner, hub, excluded } = node.conflict;
    const relaxed = relaxedTrioNode(round, new Set(excluded).add(`${joiner}>${hub}`));
    if (!('unmatched' in relaxed)) open.push(relaxed);
    const joined = joinedTrioNode(round, joiner, hub);
    if (joined !== null) open.push(joined);
  }
  // Every trio the best arrangement could use contains a forbidden pair: its joiner fits nowhere.
  return { ok: false, personIds: [root.arrangement.trio![2]] };
}

/** Removes and returns the highest node, preferring a valid one on ties so the search stops early. */
function takeBest(open: TrioNode[]): TrioNode {
  let best = 0;
  open.forEach((node, i) => {
    const top = open[best];
    if (node.units > top.units || (node.units === top.units && node.conflict === null && top.conflict !== null)) best = i;
  });
  return open.splice(best, 1)[0];
}

function toProposal(arrangement: Arrangement, round: Round, ctx: ScoreContext): Proposal {
  const trio = new Set(arrangement.trio ?? []);
  const lockedIds = new Set(round.locks.flatMap((l) => [l.a, l.b]));
  const memberSets: number[][] = [
    ...round.locks.filter((l) => !trio.has(l.a)).map((l) => [l.a, l.b]),
    ...arrangement.pairs,
    ...(arrangement.trio === null ? [] : [arrangement.trio]),
    ...(arrangement.solo === null ? [] : [[arrangement.solo]]),
  ];
  const groups = memberSets
    .map((ids) => ({ ...scoreGroup(ids, ctx), locked: ids.some((id) => lockedIds.has(id)) }))
    .sort((x, y) => y.units - x.units || Math.min(...x.memberIds) - Math.min(...y.memberIds));
  const totalUnits = groups.reduce((sum, g) => sum + g.units, 0);
  return { groups, totalUnits, total: totalUnits / UNITS_PER_POINT };
}

// ── Explanations ────────────────────────────────────────────────────────────────────────────────────────

/** English strings for the app's message catalog; `{name}` marks a parameter. */
export const pairingMessages = {
  'pairing.reason.mentors': '{mentor} ({mentorLevel}) mentors {learner} ({learnerLevel}, {interest}) in {area}',
  'pairing.reason.peersSharedInterest': '{first} and {second} both want to grow in {area}',
  'pairing.reason.peers': '{first} and {second} pair as peers',
  'pairing.reason.neverPaired': 'never paired',
  'pairing.reason.pairedToday': 'last paired today',
  'pairing.reason.pairedOneDayAgo': 'last paired 1 day ago',
  'pairing.reason.pairedDaysAgo': 'last paired {days} days ago',
  'pairing.reason.coverage.blocker': 'covers an area with no expert',
  'pairing.reason.coverage.single-expert': 'raises a single-expert area',
  'pairing.reason.coverage.thin': 'strengthens a thin area',
  'pairing.reason.trio': 'Trio around {centre} (odd head-count)',
  'pairing.reason.solo': '{person} sits this round out (odd head-count)',
  'pairing.interest.1': 'open to it',
  'pairing.interest.2': 'wants to grow',
  'pairing.interest.3': 'top focus',
} as const;

export type Translate = (key: string, params?: Record<string, string | number>) => string;
export type ReasonNames = { people: ReadonlyMap<number, string>; areas: ReadonlyMap<number, string> };

/** One line explaining a group, e.g. "김민아 (5) mentors Joon (1, wants to grow) in X · never paired · raises a single-expert area". */
export function describeReason(reason: Reason, t: Translate, names: ReasonNames): string {
  const person = (id: number) => names.people.get(id) ?? `#${id}`;
  if (reason.kind === 'solo') return t('pairing.reason.solo', { person: person(reason.personId) });
  if (reason.kind === 'trio') {
    const links = reason.links.map((l) => describePair(l, t, names)).join('; ');
    return `${t('pairing.reason.trio', { centre: person(reason.centreId) })}: ${links}`;
  }
  return describePair(reason, t, names);
}

function describePair(reason: PairReason, t: Translate, names: ReasonNames): string {
  const person = (id: number) => names.people.get(id) ?? `#${id}`;
  const area = (id: number) => names.areas.get(id) ?? `#${id}`;
  const [first, second] = reason.memberIds.map(person);
  const m = reason.mentoring;
  const parts = [
    m !== null
      ? t('pairing.reason.mentors', {
          mentor: person(m.mentor.id),
          mentorLevel: m.mentor.level,
          learner: person(m.learner.id),
          learnerLevel: m.learner.level,
          interest: t(`pairing.interest.${m.learner.interest}`),
          area: area(m.areaId),
        })
      : reason.sharedAreaId !== null
        ? t('pairing.reason.peersSharedInterest', { first, second, area: area(reason.sharedAreaId) })
        : t('pairing.reason.peers', { first, second }),
    describeRotation(reason.lastPairedDaysAgo, t),
  ];
  if (reason.coverage !== null) parts.push(t(`pairing.reason.coverage.${reason.coverage}`));
  return parts.join(' · ');
}

function describeRotation(days: number | null, t: Translate): string {
  if (days === null) return t('pairing.reason.neverPaired');
  if (days === 0) return t('pairing.reason.pairedToday');
  return days === 1 ? t('pairing.reason.pairedOneDayAgo') : t('pairing.reason.pairedDaysAgo', { days });
}
