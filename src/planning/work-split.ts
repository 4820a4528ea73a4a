// Work split: who owns each open work item (and who learns alongside), planned as a MIP, checked, explained.
/*
 * What a plan is worth. The MIP maximises it; planValue recomputes it for any plan, so the
 * solver, the greedy baseline and a brute force can be compared on one scale.
 *
 *   V = Σ over placed items i  [ w(pᵢ)·(BASE + fit(oᵢ, i)) + growth(bᵢ, i) ]  −  λ · Σₘ max(0, fₘ − f̄)
 *
 *   w(high, normal, low) = 9, 3, 1   a priority step is worth three items of the step below
 *   BASE = 10                        getting an item done at all
 *   fit(o, i)    = mean over i's requirements (a, min) of min(level(o, a) − min, 2) / 2, in [0, 1];
 *                  0 for an item without requirements. How comfortably the owner o clears each
 *                  minimum, counting at most two levels of surplus.
 *   growth(b, i) = 0.5 · interest(b, a) for the buddy's best learning area a of the item (an area
 *                  where b has interest ≥ 2 and is below the minimum): 1 or 1.5, 0 without buddy.
 *                  Far below a priority step (≥ 20), so a buddy never outweighs an owner's priority.
 *   fₘ = (committedₘ + usedₘ) / budgetₘ with budget = capacity + committed, for members with a
 *        budget; f̄ is their mean; λ = 2. Σ max(0, fₘ − f̄) is half the total absolute deviation
 *        from the mean load fraction, which evens out loads while staying linear.
 *
 * Placing an item is always worth it: it adds at least w·BASE ≥ 10, while raising one member's
 * load fraction by δ ≤ 1 raises the balance term by at most λ·δ·(n−1)/n < 2. So the optimum
 * leaves an item out only when nobody who may own it has room for it.
 *
 * A learning buddy spends ⌈effort · 50%⌉ points of their own capacity. "Not this person"
 * exclusions bar a member from both roles on that item.
 */
import { solveLp, type LpProgress } from './highs.ts';

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

export const PRIORITY_WEIGHT: Readonly<Record<Priority, number>> = { high: 9, normal: 3, low: 1 };
export const PLACE_BASE = 10;
export const FIT_SURPLUS_CAP = 2;
export const GROWTH_PER_INTEREST = 0.5;
export const BUDDY_MIN_INTEREST = 2;
export const BUDDY_SHARE = 0.5;
export const BALANCE_WEIGHT = 2;

// ---------------------------------------------------------------------------------------------
// Results and their explanations: structured data, rendered through a translation function.

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

export type WorkSplitStatus = 'optimal' | 'time_limit' | 'infeasible_pins';

export interface WorkSplitResult extends PlanSummary {
  /** 'infeasible_pins' wins over the others: the plan leaves out the items whose pins are in `pinErrors`. */
  status: WorkSplitStatus;
  /** Proven upper bound on the objective. */
  bound: number;
  /** (bound − objective) / max(1, |objective|): how much better a plan could still be; ~0 when optimal. */
  gap: number;
  pinErrors: PinError[];
  greedy: PlanSummary;
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

export const workSplitMessages = {
  'work.why.noMembers': 'there are no active members',
  'work.why.noQualified': 'no active member has {area} ≥ {level}',
  'work.why.noQualifiedTogether': 'nobody has {requirements} at once',
  'work.why.allExcluded': 'everyone who qualifies is excluded from it ({names})',
  'work.why.full': 'the {count} people who qualify are full ({loads} points); it needs {effort}',
  'work.why.fullOne': 'the one person who qualifies is full ({loads} points); it needs {effort}',
  'work.why.moreExcluded': '; {count} more who qualify are excluded',
  'work.why.hasRoom': '{names} could still take it',
  'work.why.pinUnknownMember': 'it is pinned to someone who is not an active member',
  'work.why.pinExcluded': 'it is pinned to {name}, who is also excluded from it',
  'work.why.pinUnqualified': 'it is pinned to {name}, whose {area} level is {level} but it needs {minLevel}',
  'work.why.pinNoRoom': 'it is pinned to {name}, whose pinned items need {pinned} points but only {free} are free',
  'work.requirement': '{area} ≥ {level}',
  'work.load': '{load}/{budget}',
  'work.reason.owner': '{owner} owns it: {requirements}',
  'work.reason.ownerPinned': '{owner} owns it, as pinned: {requirements}',
  'work.reason.requirement': '{area} at {level} (needs {minLevel})',
  'work.reason.noRequirements': 'no particular skill needed',
  'work.reason.buddy': '; {buddy} learns {area} alongside (interest {interest}, level {level}, needs {minLevel})',
  'work.list.separator': ', ',
  'work.list.and': ' and ',
  'work.number.2': 'two',
  'work.number.3': 'three',
  'work.number.4': 'four',
  'work.number.5': 'five',
  'work.number.6': 'six',
  'work.number.7': 'seven',
  'work.number.8': 'eight',
  'work.number.9': 'nine',
} as const;

export type WorkSplitMessageKey = keyof typeof workSplitMessages;
export type Translate = (key: WorkSplitMessageKey, params?: Record<string, string | number>) => string;

// ---------------------------------------------------------------------------------------------
// The rules, shared by the model, the greedy baseline, the value function and the explanations.
// (checkPlan restates them on its own, so that a slip here cannot hide from it.)

interface Context {
  input: WorkSplitInput;
  items: ReadonlyMap<number, WorkItem>;
  members: ReadonlyMap<number, WorkMember>;
  excluded: ReadonlySet<string>;
  /** Pins that can be kept, item id → owner id. */
  pinned: ReadonlyMap<number, number>;
  pinErrors: readonly PinError[];
  /** Items whose pin cannot be kept: left out of every plan. */
  blocked: ReadonlySet<number>;
}

function prepare(input: WorkSplitInput): Context {
  const items = new Map(input.items.map((item) => [item.id, item]));
  const members = new Map(input.members.map((member) => [member.id, member]));
  if (items.size !== input.items.length || members.size !== input.members.length) {
    throw new Error('work split: item and member ids must be unique');
  }
  const badEffort = input.items.find((item) => !(item.effort > 0));
  if (badEffort) throw new Error(`work split: item ${badEffort.id} has effort ${badEffort.effort}; it must be > 0`);
  const excluded = new Set((input.exclusions ?? []).map((e) => pairKey(e.itemId, e.memberId)));
  const partial = { input, items, members, excluded };
  const pinErrors = findPinErrors(partial);
  const blocked = new Set(pinErrors.map((e) => e.itemId));
  const pinned = new Map<number, number>();
  for (const item of input.items) {
    const memberId = input.pins?.[item.id];
    if (memberId !== undefined && !blocked.has(item.id)) pinned.set(item.id, memberId);
  }
  return { ...partial, pinned, pinErrors, blocked };
}

function findPinErrors(ctx: Omit<Context, 'pinned' | 'pinErrors' | 'blocked'>): PinError[] {
  const errors: PinError[] = [];
  const pinnedTo = new Map<number, WorkItem[]>();
  for (const item of ctx.input.items) {
    const memberId = ctx.input.pins?.[item.id];
    if (memberId === undefined) continue;
    const member = ctx.members.get(memberId);
    const missing = member ? missingRequirements(ctx, member, item) : [];
    if (!member) errors.push({ code: 'pinUnknownMember', itemId: item.id, memberId });
    else if (isExcluded(ctx, item, member)) errors.push({ code: 'pinExcluded', itemId: item.id, memberId, name: member.name });
    else if (missing.length > 0) errors.push({ code: 'pinUnqualified', itemId: item.id, memberId, name: member.name, missing });
    else pinnedTo.set(memberId, [...(pinnedTo.get(memberId) ?? []), item]);
  }
  for (const [memberId, items] of pinnedTo) {
    const member = ctx.members.get(memberId)!;
    const pinned = sum(items.map((item) => item.effort));
    const free = roomOf(member, 0);
    if (pinned <= free) continue;
    for (const item of items) errors.push({ code: 'pinNoRoom', itemId: item.id, memberId, name: member.name, pinned, free });
  }
  return errors;
}

function pairKey(itemId: number, memberId: number): string {
  return `${itemId}:${memberId}`;
}

function isExcluded(ctx: Pick<Context, 'excluded'>, item: WorkItem, member: WorkMember): boolean {
  return ctx.excluded.has(pairKey(item.id, member.id));
}

function levelOf(member: WorkMember, areaId: number): number {
  return member.levels[areaId] ?? 0;
}

function areaName(ctx: Pick<Context, 'input'>, areaId: number): string {
  return ctx.input.areaNames?.[areaId] ?? `#${areaId}`;
}

/** The requirements a member falls short of, the largest shortfall first. */
function missingRequirements(ctx: Pick<Context, 'input'>, member: WorkMember, item: WorkItem): RequirementLevel[] {
  return item.requirements
    .filter((r) => levelOf(member, r.areaId) < r.minLevel)
    .map((r) => ({ areaId: r.areaId, areaName: areaName(ctx, r.areaId), level: levelOf(member, r.areaId), minLevel: r.minLevel }))
    .sort((a, b) => b.minLevel - b.level - (a.minLevel - a.level));
}

function meetsMinimums(member: WorkMember, item: WorkItem): boolean {
  return item.requirements.every((r) => levelOf(member, r.areaId) >= r.minLevel);
}

function mayOwn(ctx: Context, item: WorkItem, member: WorkMember): boolean {
  return meetsMinimums(member, item) && !isExcluded(ctx, item, member);
}

/** The required area where the member would grow most as buddy, or null if they are no buddy for it. */
function learningArea(ctx: Context, item: WorkItem, member: WorkMember): LearningArea | null {
  if (isExcluded(ctx, item, member)) return null;
  const areas = item.requirements
    .map((r) => ({ areaId: r.areaId, interest: member.interests[r.areaId] ?? 0, level: levelOf(member, r.areaId), minLevel: r.minLevel }))
    .filter((a) => a.interest >= BUDDY_MIN_INTEREST && a.level < a.minLevel);
  return pickBest(areas, (a) => a.interest);
}

function fit(member: WorkMember, item: WorkItem): number {
  if (item.requirements.length === 0) return 0;
  const surplus = item.requirements.map((r) => Math.min(levelOf(member, r.areaId) - r.minLevel, FIT_SURPLUS_CAP) / FIT_SURPLUS_CAP);
  return sum(surplus) / item.requirements.length;
}

function ownerValue(item: WorkItem, member: WorkMember): number {
  return PRIORITY_WEIGHT[item.priority] * (PLACE_BASE + fit(member, item));
}

function growth(area: LearningArea): number {
  return GROWTH_PER_INTEREST * area.interest;
}

export function buddyShare(item: Pick<WorkItem, 'effort'>): number {
  return Math.ceil(item.effort * BUDDY_SHARE);
}

function budgetOf(member: WorkMember): number {
  return member.capacity + (member.committed ?? 0);
}

function roomOf(member: WorkMember, used: number): number {
  return Math.max(0, member.capacity) - used;
}

function loadFraction(member: WorkMember, used: number): number {
  return ((member.committed ?? 0) + used) / budgetOf(member);
}

function pointsUsed(ctx: Context, assignments: readonly PlanChoice[]): Map<number, number> {
  const used = new Map(ctx.input.members.map((m) => [m.id, 0]));
  const charge = (memberId: number, points: number) => used.set(memberId, (used.get(memberId) ?? 0) + points);
  for (const choice of assignments) {
    const item = ctx.items.get(choice.itemId)!;
    charge(choice.ownerId, item.effort);
    if (choice.buddyId !== null) charge(choice.buddyId, buddyShare(item));
  }
  return used;
}

function balancePenalty(members: readonly WorkMember[], used: ReadonlyMap<number, number>): number {
  const fractions = members.filter((m) => budgetOf(m) > 0).map((m) => loadFraction(m, used.get(m.id) ?? 0));
  if (fractions.length === 0) return 0;
  const mean = sum(fractions) / fractions.length;
  return BALANCE_WEIGHT * sum(fractions.map((f) => Math.max(0, f - mean)));
}

function choiceValue(ctx: Context, choice: PlanChoice): number {
  const item = ctx.items.get(choice.itemId)!;
  const owner = ctx.members.get(choice.ownerId)!;
  const buddy = choice.buddyId === null ? undefined : ctx.members.get(choice.buddyId);
  const area = buddy ? learningArea(ctx, item, buddy) : null;
  return ownerValue(item, owner) + (area ? growth(area) : 0);
}

/** The objective V of any plan whose items and members exist (see the top of this file). */
export function planValue(input: WorkSplitInput, plan: Plan): number {
  return valueIn(prepare(input), plan.assignments);
}

function valueIn(ctx: Context, assignments: readonly PlanChoice[]): number {
  return sum(assignments.map((c) => choiceValue(ctx, c))) - balancePenalty(ctx.input.members, pointsUsed(ctx, assignments));
}

// ---------------------------------------------------------------------------------------------
// The MIP.

export interface ModelColumn {
  name: string;
  itemId: number;
  memberId: number;
}

export interface WorkSplitModel {
  lp: string;
  /** x columns: the member owns the item. */
  owners: ModelColumn[];
  /** b columns: the member is the item's learning buddy. */
  buddies: ModelColumn[];
  rows: number;
  /** Every item with its best owner and buddy, ignoring capacity and balance: a bound to fall back on. */
  looseBound: number;
}

type Term = readonly [coefficient: number, column: string];

/**
 * Columns exist only for eligible pairs, which keeps a 40 × 150 model small:
 *   x[i,m] ∈ {0,1}  m meets every minimum of i, is not excluded and has room for its effort;
 *                   a kept pin leaves the single column x[i,pin], fixed to 1
 *   b[i,m] ∈ {0,1}  buddies on, m may learn on i (see learningArea) and has room for the share.
 *                   Such m is below a minimum of i, so has no x[i,m]: owner ≠ buddy by construction.
 *   u[m] ∈ [0, room]  points planned for m;  avg, d[m] ≥ 0  the balance term
 * maximise   Σ value·x + Σ growth·b − λ Σ d
 * subject to own[i]:  Σₘ x[i,m] ≤ 1  (= 1 when pinned)
 *            bud[i]:  Σₘ b[i,m] − Σₘ x[i,m] ≤ 0          at most one buddy, and only with an owner
 *            use[m]:  u[m] − Σᵢ effort·x[i,m] − Σᵢ share·b[i,m] = 0
 *            mean:    n·avg − Σₘ u[m]/Bₘ = Σₘ cₘ/Bₘ         avg = f̄ over members with budget B > 0
 *            dev[m]:  Bₘ·d[m] − u[m] + Bₘ·avg ≥ cₘ          d[m] ≥ fₘ − f̄  (c = committed)
 */
export function buildWorkSplitModel(input: WorkSplitInput): WorkSplitModel {
  return modelFor(prepare(input));
}

function modelFor(ctx: Context): WorkSplitModel {
  const members = ctx.input.members;
  const owners: ModelColumn[] = [];
  const buddies: ModelColumn[] = [];
  const objective: Term[] = [];
  const rows: string[] = [];
  const usage = members.map((): Term[] => []);
  let looseBound = 0;

  ctx.input.items.forEach((item, i) => {
    if (ctx.blocked.has(item.id)) return;
    const pin = ctx.pinned.get(item.id);
    // Each item's x and b columns with their objective coefficients.
    const own: Term[] = [];
    members.forEach((member, m) => {
      const eligible = pin === undefined ? mayOwn(ctx, item, member) : pin === member.id;
      if (!eligible || item.effort > roomOf(member, 0)) return;
      const name = `x${i}_${m}`;
      owners.push({ name, itemId: item.id, memberId: member.id });
      own.push([ownerValue(item, member), name]);
      usage[m].push([item.effort, name]);
    });
    if (own.length === 0) return;
    objective.push(...own);
    rows.push(constraint(`own${i}`, own.map(([, name]): Term => [1, name]), pin === undefined ? '<=' : '=', 1));
    looseBound += Math.max(...own.map(([value]) => value));
    if (!ctx.input.buddies) return;
    const learn: Term[] = [];
    members.forEach((member, m) => {
      const area = learningArea(ctx, item, member);
      if (!area || buddyShare(item) > roomOf(member, 0)) return;
      const name = `b${i}_${m}`;
      buddies.push({ name, itemId: item.id, memberId: member.id });
      learn.push([growth(area), name]);
      usage[m].push([buddyShare(item), name]);
    });
    if (learn.length === 0) return;
    objective.push(...learn);
    rows.push(constraint(`bud${i}`, [...learn.map(([, name]): Term => [1, name]), ...own.map(([, name]): Term => [-1, name])], '<=', 0));
    looseBound += Math.max(...learn.map(([value]) => value));
  });

  const bounds: string[] = [];
  members.forEach((member, m) => {
    rows.push(constraint(`use${m}`, [[1, `u${m}`], ...usage[m].map(([c, name]): Term => [-c, name])], '=', 0));
    bounds.push(` u${m} <= ${roomOf(member, 0)}`);
  });
  const balanced = members.map((member, m) => ({ member, m })).filter(({ member }) => budgetOf(member) > 0);
  if (balanced.length > 0) {
    const meanTerms = balanced.map(({ member, m }): Term => [-1 / budgetOf(member), `u${m}`]);
    const meanRhs = sum(balanced.map(({ member }) => (member.committed ?? 0) / budgetOf(member)));
    rows.push(constraint('mean', [[balanced.length, 'avg'], ...meanTerms], '=', meanRhs));
    for (const { member, m } of balanced) {
      const budget = budgetOf(member);
      rows.push(constraint(`dev${m}`, [[budget, `d${m}`], [-1, `u${m}`], [budget, 'avg']], '>=', member.committed ?? 0));
      objective.push([-BALANCE_WEIGHT, `d${m}`]);
    }
  }

  const binaries = [...owners, ...buddies].map((c) => c.name);
  const lp = [
    'Maximize',
    ` obj: ${linear(objective)}`,
    'Subject To',
    ...rows,
    'Bounds',
    ...bounds,
    ...(binaries.length > 0 ? ['Binaries', ...chunk(binaries, 12).map((names) => ` ${names.join(' ')}`)] : []),
    'End',
    '',
  ].join('\n');
  return { lp, owners, buddies, rows: rows.length, looseBound };
}

function constraint(name: string, terms: readonly Term[], sense: '<=' | '=' | '>=', rhs: number): string {
  return ` ${name}: ${linear(terms)} ${sense} ${rhs}`;
}

/** Terms as LP text, a few per line: HiGHS reads expressions across lines. */
function linear(terms: readonly Term[]): string {
  const text = terms.map(([c, name], k) => `${c < 0 ? '- ' : k > 0 ? '+ ' : ''}${Math.abs(c)} ${name}`);
  return chunk(text, 8)
    .map((line) => line.join(' '))
    .join('\n   ');
}

/** Reads the owner and buddy choices out of solver column values. */
export function parseSolution(model: WorkSplitModel, values: ReadonlyMap<string, number>): Plan {
  const chosen = (column: ModelColumn) => (values.get(column.name) ?? 0) > 0.5;
  const assignments = model.owners.filter(chosen).map((c): PlanChoice => ({ itemId: c.itemId, ownerId: c.memberId, buddyId: null }));
  const byItem = new Map(assignments.map((a) => [a.itemId, a]));
  for (const column of model.buddies.filter(chosen)) {
    const choice = byItem.get(column.itemId);
    if (choice) choice.buddyId = column.memberId;
  }
  return { assignments };
}

function startValues(model: WorkSplitModel, plan: Plan): Map<string, number> {
  const owner = new Set(plan.assignments.map((a) => pairKey(a.itemId, a.ownerId)));
  const buddy = new Set(plan.assignments.filter((a) => a.buddyId !== null).map((a) => pairKey(a.itemId, a.buddyId!)));
  const start = new Map<string, number>();
  for (const c of model.owners) start.set(c.name, owner.has(pairKey(c.itemId, c.memberId)) ? 1 : 0);
  for (const c of model.buddies) start.set(c.name, buddy.has(pairKey(c.itemId, c.memberId)) ? 1 : 0);
  return start;
}

/** Plans the split with HiGHS, starting from the greedy plan, and explains the result. */
export async function solveWorkSplit(input: WorkSplitInput, options: SolveWorkSplitOptions): Promise<WorkSplitResult> {
  const startedAt = performance.now();
  const { onProgress } = options;
  onProgress?.({ phase: 'building' });
  const ctx = prepare(input);
  const model = modelFor(ctx);
  const greedy = greedyIn(ctx);
  onProgress?.({ phase: 'solving', columns: model.owners.length + model.buddies.length, rows: model.rows });
  const lp = await solveLp(model.lp, {
    timeLimitSec: options.timeLimitSec,
    start: startValues(model, { assignments: greedy }),
    onProgress: onProgress && ((progress) => onProgress({ phase: 'progress', ...progress })),
  });
  if (lp.status === 'infeasible' || lp.status === 'other') throw new Error(`work split: the solver ended with status ${lp.status}`);
  const assignments = lp.values.size > 0 ? [...parseSolution(model, lp.values).assignments] : greedy.map((c) => ({ ...c }));
  // Only a search cut short by the time limit can leave an item that someone still has room for.
  placeOwners(ctx, assignments);
  const summary = summariseIn(ctx, assignments);
  // Stopped before its first bound, HiGHS has none; the capacity-free bound is weaker but proven.
  const bound = lp.bound ?? model.looseBound;
  const gap = Math.max(0, bound - summary.objective) / Math.max(1, Math.abs(summary.objective));
  const status: WorkSplitStatus = ctx.pinErrors.length > 0 ? 'infeasible_pins' : lp.timedOut ? 'time_limit' : 'optimal';
  const seconds = (performance.now() - startedAt) / 1000;
  onProgress?.({ phase: 'done', status, seconds });
  return { status, ...summary, bound, gap, pinErrors: [...ctx.pinErrors], greedy: summariseIn(ctx, greedy), seconds };
}

// ---------------------------------------------------------------------------------------------
// The greedy baseline.

/**
 * The obvious rule: keep the pins; then, highest priority first (ties: larger effort, then
 * id), give each item to the best-fitting member with room (ties: lower load fraction, then
 * member order). With buddies on, a second pass in the same order adds the keenest eligible
 * buddy with room left (ties: lower load fraction), so buddies never crowd out an owner.
 */
export function greedyPlan(input: WorkSplitInput): Plan {
  return { assignments: greedyIn(prepare(input)) };
}

function greedyIn(ctx: Context): PlanChoice[] {
  const assignments = [...ctx.pinned].map(([itemId, ownerId]): PlanChoice => ({ itemId, ownerId, buddyId: null }));
  placeOwners(ctx, assignments);
  if (ctx.input.buddies) addBuddies(ctx, assignments);
  return assignments;
}

function byPriority(a: WorkItem, b: WorkItem): number {
  return PRIORITY_WEIGHT[b.priority] - PRIORITY_WEIGHT[a.priority] || b.effort - a.effort || a.id - b.id;
}

/** Adds an owner, greedily, to every open item someone may own and has room for. */
function placeOwners(ctx: Context, assignments: PlanChoice[]): void {
  const used = pointsUsed(ctx, assignments);
  const placed = new Set(assignments.map((a) => a.itemId));
  const open = ctx.input.items.filter((item) => !placed.has(item.id) && !ctx.blocked.has(item.id));
  for (const item of open.sort(byPriority)) {
    const candidates = ctx.input.members.filter((m) => mayOwn(ctx, item, m) && roomOf(m, used.get(m.id)!) >= item.effort);
    const owner = pickBest(candidates, (m) => fit(m, item), (m) => -loadFraction(m, used.get(m.id)!));
    if (!owner) continue;
    assignments.push({ itemId: item.id, ownerId: owner.id, buddyId: null });
    used.set(owner.id, used.get(owner.id)! + item.effort);
  }
}

function addBuddies(ctx: Context, assignments: PlanChoice[]): void {
  const used = pointsUsed(ctx, assignments);
  const byItem = (a: PlanChoice, b: PlanChoice) => byPriority(ctx.items.get(a.itemId)!, ctx.items.get(b.itemId)!);
  for (const choice of [...assignments].sort(byItem)) {
    const item = ctx.items.get(choice.itemId)!;
    const share = buddyShare(item);
    const candidates = ctx.input.members.filter((m) => learningArea(ctx, item, m) && roomOf(m, used.get(m.id)!) >= share);
    const buddy = pickBest(candidates, (m) => learningArea(ctx, item, m)!.interest, (m) => -loadFraction(m, used.get(m.id)!));
    if (!buddy) continue;
    choice.buddyId = buddy.id;
    used.set(buddy.id, used.get(buddy.id)! + share);
  }
}

// ---------------------------------------------------------------------------------------------
// Reasons and explanations.

/** The plan with a reason for every assignment and an explanation for every unplaced item. */
function summariseIn(ctx: Context, assignments: readonly PlanChoice[]): PlanSummary {
  const used = pointsUsed(ctx, assignments);
  return {
    assignments: assignments.map((choice) => assignmentOf(ctx, choice)),
    unplaced: unplacedIn(ctx, assignments, used),
    loads: ctx.input.members.map((m) => ({ memberId: m.id, used: used.get(m.id)!, capacity: m.capacity, committed: m.committed ?? 0 })),
    objective: valueIn(ctx, assignments),
  };
}

function assignmentOf(ctx: Context, choice: PlanChoice): Assignment {
  const item = ctx.items.get(choice.itemId)!;
  const owner = ctx.members.get(choice.ownerId)!;
  const buddy = choice.buddyId === null ? undefined : ctx.members.get(choice.buddyId);
  const area = buddy ? learningArea(ctx, item, buddy) : null;
  return {
    ...choice,
    fit: fit(owner, item),
    value: choiceValue(ctx, choice),
    reason: {
      owner: refOf(owner),
      pinned: ctx.pinned.get(item.id) === owner.id,
      requirements: item.requirements.map((r) => ({ areaId: r.areaId, areaName: areaName(ctx, r.areaId), level: levelOf(owner, r.areaId), minLevel: r.minLevel })),
      buddy: buddy && area ? { ...refOf(buddy), ...area, areaName: areaName(ctx, area.areaId) } : null,
    },
  };
}

/** Why each item the plan leaves out is left out, naming the constraint that keeps it out. */
export function explainUnplaced(input: WorkSplitInput, plan: Plan): Unplaced[] {
  const ctx = prepare(input);
  return unplacedIn(ctx, plan.assignments, pointsUsed(ctx, plan.assignments));
}

function unplacedIn(ctx: Context, assignments: readonly PlanChoice[], used: ReadonlyMap<number, number>): Unplaced[] {
  const placed = new Set(assignments.map((a) => a.itemId));
  return ctx.input.items.filter((item) => !placed.has(item.id)).map((item) => ({ itemId: item.id, why: whyUnplaced(ctx, item, used) }));
}

function whyUnplaced(ctx: Context, item: WorkItem, used: ReadonlyMap<number, number>): UnplacedWhy {
  const pinError = ctx.pinErrors.find((e) => e.itemId === item.id);
  if (pinError) return pinError;
  const members = ctx.input.members;
  const qualified = members.filter((m) => meetsMinimums(m, item));
  if (qualified.length === 0) return nobodyQualifies(ctx, item);
  const open = qualified.filter((m) => !isExcluded(ctx, item, m));
  if (open.length === 0) return { code: 'allExcluded', members: qualified.map(refOf) };
  const withRoom = open.filter((m) => roomOf(m, used.get(m.id)!) >= item.effort);
  if (withRoom.length > 0) return { code: 'hasRoom', members: withRoom.map(refOf) };
  return {
    code: 'full',
    effort: item.effort,
    members: open.map((m) => ({ ...refOf(m), load: (m.committed ?? 0) + used.get(m.id)!, budget: budgetOf(m) })),
    excludedCount: qualified.length - open.length,
  };
}

function nobodyQualifies(ctx: Context, item: WorkItem): UnplacedWhy {
  const members = ctx.input.members;
  if (members.length === 0) return { code: 'noMembers' };
  const best = (r: Requirement) => Math.max(...members.map((m) => levelOf(m, r.areaId)));
  const unmet = item.requirements.filter((r) => best(r) < r.minLevel);
  const binding = pickBest(unmet, (r) => r.minLevel - best(r), (r) => r.minLevel);
  if (binding) return { code: 'noQualified', areaId: binding.areaId, areaName: areaName(ctx, binding.areaId), level: binding.minLevel, best: best(binding) };
  return {
    code: 'noQualifiedTogether',
    requirements: item.requirements.map((r) => ({ areaId: r.areaId, areaName: areaName(ctx, r.areaId), minLevel: r.minLevel })),
  };
}

export function describeUnplaced(why: UnplacedWhy, t: Translate): string {
  switch (why.code) {
    case 'noMembers':
      return t('work.why.noMembers');
    case 'noQualified':
      return t('work.why.noQualified', { area: why.areaName, level: why.level });
    case 'noQualifiedTogether':
      return t('work.why.noQualifiedTogether', {
        requirements: listOf(why.requirements.map((r) => t('work.requirement', { area: r.areaName, level: r.minLevel })), t),
      });
    case 'allExcluded':
      return t('work.why.allExcluded', { names: listOf(why.members.map((m) => m.name), t) });
    case 'full': {
      const loads = why.members.map((m) => t('work.load', { load: m.load, budget: m.budget })).join(t('work.list.separator'));
      const full =
        why.members.length === 1
          ? t('work.why.fullOne', { loads, effort: why.effort })
          : t('work.why.full', { count: countWord(why.members.length, t), loads, effort: why.effort });
      return why.excludedCount > 0 ? full + t('work.why.moreExcluded', { count: why.excludedCount }) : full;
    }
    case 'hasRoom':
      return t('work.why.hasRoom', { names: listOf(why.members.map((m) => m.name), t) });
    case 'pinUnknownMember':
      return t('work.why.pinUnknownMember');
    case 'pinExcluded':
      return t('work.why.pinExcluded', { name: why.name });
    case 'pinUnqualified': {
      const worst = why.missing[0];
      return t('work.why.pinUnqualified', { name: why.name, area: worst.areaName, level: worst.level, minLevel: worst.minLevel });
    }
    case 'pinNoRoom':
      return t('work.why.pinNoRoom', { name: why.name, pinned: why.pinned, free: why.free });
  }
}

export function describeReason(reason: AssignmentReason, t: Translate): string {
  const requirements =
    reason.requirements.length > 0
      ? listOf(reason.requirements.map((r) => t('work.reason.requirement', { area: r.areaName, level: r.level, minLevel: r.minLevel })), t)
      : t('work.reason.noRequirements');
  const owner = t(reason.pinned ? 'work.reason.ownerPinned' : 'work.reason.owner', { owner: reason.owner.name, requirements });
  const buddy = reason.buddy;
  if (!buddy) return owner;
  return owner + t('work.reason.buddy', { buddy: buddy.name, area: buddy.areaName, interest: buddy.interest, level: buddy.level, minLevel: buddy.minLevel });
}

function listOf(parts: readonly string[], t: Translate): string {
  if (parts.length < 2) return parts.join('');
  return parts.slice(0, -1).join(t('work.list.separator')) + t('work.list.and') + parts[parts.length - 1];
}

function countWord(count: number, t: Translate): string {
  return count >= 2 && count <= 9 ? t(`work.number.${count}` as WorkSplitMessageKey) : String(count);
}

function refOf(member: WorkMember): MemberRef {
  return { memberId: member.id, name: member.name };
}

// ---------------------------------------------------------------------------------------------
// The independent checker.

export type Violation =
  | { code: 'unknownItem'; itemId: number }
  | { code: 'unknownMember'; itemId: number; memberId: number }
  | { code: 'placedTwice'; itemId: number }
  | { code: 'overCapacity'; memberId: number; used: number; capacity: number }
  | { code: 'belowMinimum'; itemId: number; memberId: number; areaId: number; level: number; minLevel: number }
  | { code: 'pinNotKept'; itemId: number; memberId: number }
  | { code: 'excluded'; itemId: number; memberId: number }
  | { code: 'ownerIsBuddy'; itemId: number; memberId: number }
  | { code: 'buddyNotEligible'; itemId: number; memberId: number };

/**
 * Every rule a plan must keep, restated from the product rules rather than reusing the
 * planner's helpers, so tests can hold the solver to it.
 */
export function checkPlan(input: WorkSplitInput, plan: Plan): Violation[] {
  const items = new Map(input.items.map((item) => [item.id, item]));
  const members = new Map(input.members.map((member) => [member.id, member]));
  const excluded = (itemId: number, memberId: number) => (input.exclusions ?? []).some((e) => e.itemId === itemId && e.memberId === memberId);
  const level = (member: WorkMember, areaId: number) => member.levels[areaId] ?? 0;
  const violations: Violation[] = [];
  const seen = new Set<number>();
  const used = new Map<number, number>();
  const charge = (memberId: number, points: number) => used.set(memberId, (used.get(memberId) ?? 0) + points);

  for (const a of plan.assignments) {
    const item = items.get(a.itemId);
    if (!item) {
      violations.push({ code: 'unknownItem', itemId: a.itemId });
      continue;
    }
    if (seen.has(item.id)) violations.push({ code: 'placedTwice', itemId: item.id });
    seen.add(item.id);
    const owner = members.get(a.ownerId);
    if (!owner) violations.push({ code: 'unknownMember', itemId: item.id, memberId: a.ownerId });
    else {
      charge(owner.id, item.effort);
      for (const r of item.requirements) {
        if (level(owner, r.areaId) < r.minLevel) {
          violations.push({ code: 'belowMinimum', itemId: item.id, memberId: owner.id, areaId: r.areaId, level: level(owner, r.areaId), minLevel: r.minLevel });
        }
      }
      if (excluded(item.id, owner.id)) violations.push({ code: 'excluded', itemId: item.id, memberId: owner.id });
    }
    if (a.buddyId === null) continue;
    if (a.buddyId === a.ownerId) violations.push({ code: 'ownerIsBuddy', itemId: item.id, memberId: a.buddyId });
    const buddy = members.get(a.buddyId);
    if (!buddy) {
      violations.push({ code: 'unknownMember', itemId: item.id, memberId: a.buddyId });
      continue;
    }
    charge(buddy.id, Math.ceil(item.effort * BUDDY_SHARE));
    const growsHere = item.requirements.some((r) => (buddy.interests[r.areaId] ?? 0) >= BUDDY_MIN_INTEREST && level(buddy, r.areaId) < r.minLevel);
    if (!input.buddies || !growsHere) violations.push({ code: 'buddyNotEligible', itemId: item.id, memberId: buddy.id });
    if (excluded(item.id, buddy.id)) violations.push({ code: 'excluded', itemId: item.id, memberId: buddy.id });
  }

  for (const item of input.items) {
    const pin = input.pins?.[item.id];
    if (pin !== undefined && !plan.assignments.some((a) => a.itemId === item.id && a.ownerId === pin)) {
      violations.push({ code: 'pinNotKept', itemId: item.id, memberId: pin });
    }
  }
  for (const member of input.members) {
    const points = used.get(member.id) ?? 0;
    if (points > Math.max(0, member.capacity) + 1e-9) violations.push({ code: 'overCapacity', memberId: member.id, used: points, capacity: member.capacity });
  }
  return violations;
}

// ---------------------------------------------------------------------------------------------

/** The first candidate with the largest keys, compared in order; null for none. */
function pickBest<T>(candidates: readonly T[], ...keys: Array<(candidate: T) => number>): T | null {
  let best: T | null = null;
  for (const candidate of candidates) {
    if (best === null || compareKeys(candidate, best, keys) > 0) best = candidate;
  }
  return best;
}

function compareKeys<T>(a: T, b: T, keys: ReadonlyArray<(candidate: T) => number>): number {
  for (const key of keys) {
    const difference = key(a) - key(b);
    if (difference !== 0) return difference;
  }
  return 0;
}

function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let k = 0; k < values.length; k += size) chunks.push(values.slice(k, k + size));
  return chunks;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}
