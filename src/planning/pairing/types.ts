// The pairing planner's inputs, outputs and constants: the leaf every other pairing module imports.
import { MAX_GOAL_WEIGHT, UNITS_PER_POINT } from '../../domain.ts';

export { MAX_GOAL_WEIGHT, UNITS_PER_POINT };

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

/**
 * Goal weights: finite numbers in 0..MAX_GOAL_WEIGHT; 0 switches a goal off. `trackRecord` (the mentor's past
 * learners who rose in the area) is optional: rounds stored before it existed have none, which is 0.
 */
export type Weights = { mentoring: number; rotation: number; coverage: number; trackRecord?: number };

/** Learners who rose within 180 days after being mentored, keyed by trackKey(mentorId, areaId) (see src/planning/growth/outcomes.ts). */
export type TrackRecord = ReadonlyMap<string, number>;
export const trackKey = (mentorId: number, areaId: number) => `${mentorId}:${areaId}`;
/** Learners who rose at which the track-record bonus is full: T = min(learners, cap) / cap. */
export const TRACK_RECORD_CAP = 3;

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
  /** Mentors' past learners who rose; needed only when weights.trackRecord > 0. */
  trackRecord?: TrackRecord;
};

export const DEFAULT_WEIGHTS: Weights = { mentoring: 3, rotation: 2, coverage: 1, trackRecord: 0 };
export const DEFAULT_MIN_EXPERTS = 2;
/** Days after which a pair counts as fully rotated. */
export const ROTATION_FULL_DAYS = 180;

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
  /** Set only when the track-record goal counts: how many of the mentor's past learners rose in the area. */
  trackRecord?: { learners: number };
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
  components: { mentoring: number; rotation: number; coverage: number; trackRecord: number };
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

export type Proposal = {
  groups: Group[];
  totalUnits: number;
  total: number;
  /** null: no arrangement scores more. Otherwise the search stopped at its time limit and none scores more than this. */
  boundUnits: number | null;
};

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

export type ScoreContext = {
  people: ReadonlyMap<number, Person>;
  areas: readonly Area[];
  /** Active experts per area id, counted over the whole team. */
  busFactor: ReadonlyMap<number, number>;
  history: PairHistory;
  weights: Weights;
  now: Date;
  trackRecord: TrackRecord;
};

export function pairKey(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}
