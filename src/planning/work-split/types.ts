// The work split's data: what the planner is given, the plan it returns, and the codes that explain it.
import type { LpProgress } from '../highs.ts';

export type Priority = 'high' | 'normal' | 'low';

export interface WorkMember {
  id: number;
  name: string;
  /** Points free this cycle after deal commitments; negative when commitments exceed the budget. */
  capacity: number;
  /** Points already committed to deals (default 0): shown in loads ("12/10") and counted when evening them out. */
  committed?: number;
  /** Effective level 0–5 by area id; a missing area is level 0. */
  levels: Readonly<Record<number, number>>;
  /** Interest 0–3 by area id; a missing area is interest 0. */
  interests: Readonly<Record<number, number>>;
}

export interface Requirement {
  areaId: number;
  minLevel: number;
}

export interface WorkItem {
  id: number;
  title: string;
  /** Points, > 0. */
  effort: number;
  priority: Priority;
  requirements: readonly Requirement[];
}

export interface WorkSplitInput {
  /** Active members: everyone listed may be given work. */
  members: readonly WorkMember[];
  /** Open items to place. */
  items: readonly WorkItem[];
  /** Item id → the member the manager pinned as owner. Pins of items not listed are ignored. */
  pins?: Readonly<Record<number, number>>;
  /** "Not this person": neither owner nor buddy of that item. */
  exclusions?: readonly { itemId: number; memberId: number }[];
  /** Whether to propose learning buddies. */
  buddies: boolean;
  areaNames?: Readonly<Record<number, string>>;
}

export interface PlanChoice {
  itemId: number;
  ownerId: number;
  buddyId: number | null;
}

/** The bare decisions of a plan; items without a choice are unplaced. */
export interface Plan {
  assignments: readonly PlanChoice[];
}


export interface MemberRef {
  memberId: number;
  name: string;
}

export interface RequirementLevel {
  areaId: number;
  areaName: string;
  level: number;
  minLevel: number;
}

export interface LearningArea {
  areaId: number;
  interest: number;
  level: number;
  minLevel: number;
}

export interface AssignmentReason {
  owner: MemberRef;
  pinned: boolean;
  /** The owner's level in each required area. */
  requirements: RequirementLevel[];
  buddy: (MemberRef & LearningArea & { areaName: string }) | null;
}

export interface Assignment extends PlanChoice {
  fit: number;
  /** Levels by which the owner clears the item's tightest minimum (0 = exactly meets it); null without requirements. */
  margin: number | null;
  /** The item's share of the objective: w·(BASE + fit) + growth. */
  value: number;
  reason: AssignmentReason;
}

/** A pin the plan cannot keep: the item stays unplaced and the plan's status is 'infeasible_pins'. */
export type PinError =
  | { code: 'pinUnknownMember'; itemId: number; memberId: number }
  | { code: 'pinExcluded'; itemId: number; memberId: number; name: string }
  | { code: 'pinUnqualified'; itemId: number; memberId: number; name: string; missing: RequirementLevel[] }
  | { code: 'pinNoRoom'; itemId: number; memberId: number; name: string; pinned: number; free: number };

export interface MemberLoad {
  memberId: number;
  /** Points the plan gives the member: owned efforts plus buddy shares. */
  used: number;
  capacity: number;
  committed: number;
}

export type UnplacedWhy =
  | PinError
  | { code: 'noMembers' }
  /** The binding requirement: nobody reaches it, and it is the one the team's best falls furthest short of. */
  | { code: 'noQualified'; areaId: number; areaName: string; level: number; best: number }
  /** Every minimum is reached by someone, but nobody reaches all of them. */
  | { code: 'noQualifiedTogether'; requirements: Array<{ areaId: number; areaName: string; minLevel: number }> }
  | { code: 'allExcluded'; members: MemberRef[] }
  /** `load` is committed plus planned points, of `budget` = capacity + committed. */
  | { code: 'full'; effort: number; members: Array<MemberRef & { load: number; budget: number }>; excludedCount: number }
  /** Nobody who may own it could ever: it needs more than each one's whole budget (capacity + committed). */
  | { code: 'tooBig'; effort: number; members: Array<MemberRef & { budget: number }>; excludedCount: number }
  /** Only for hand-edited plans: a solved plan never leaves an item someone could still take. */
  | { code: 'hasRoom'; members: MemberRef[] };

export interface Unplaced {
  itemId: number;
  why: UnplacedWhy;
}

export interface PlanSummary {
  assignments: Assignment[];
  unplaced: Unplaced[];
  loads: MemberLoad[];
  objective: number;
}

/** The simple greedy rules the optimum is compared with (see greedy.ts). */
export type GreedyRule = 'priorityFit' | 'mostRoom' | 'tightestFit';

export type WorkSplitStatus = 'optimal' | 'time_limit' | 'infeasible_pins';

export interface WorkSplitResult extends PlanSummary {
  /** 'infeasible_pins' wins over the others: the plan leaves out the items whose pins are in `pinErrors`. */
  status: WorkSplitStatus;
  /** Proven upper bound on the objective. */
  bound: number;
  /** (bound − objective) / max(1, |objective|): how much better a plan could still be; ~0 when optimal. */
  gap: number;
  pinErrors: PinError[];
  /** The best of the greedy rules' plans, and which rule made it. */
  greedy: PlanSummary & { rule: GreedyRule };
  seconds: number;
}

export type WorkSplitProgress =
  | { phase: 'started' }
  | { phase: 'building' }
  | { phase: 'solving'; columns: number; rows: number }
  | ({ phase: 'progress' } & LpProgress)
  | { phase: 'done'; status: WorkSplitStatus; seconds: number };

export interface SolveWorkSplitOptions {
  timeLimitSec: number;
  onProgress?: (progress: WorkSplitProgress) => void;
}
