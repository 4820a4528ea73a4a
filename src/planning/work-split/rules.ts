// The rules of a work split and what a plan is worth, shared by the model, the greedy baselines and the explanations.
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
import type { LearningArea, PinError, Plan, PlanChoice, Priority, RequirementLevel, WorkItem, WorkMember, WorkSplitInput } from './types.ts';

export const PRIORITY_WEIGHT: Readonly<Record<Priority, number>> = { high: 9, normal: 3, low: 1 };
export const PLACE_BASE = 10;
export const FIT_SURPLUS_CAP = 2;
export const GROWTH_PER_INTEREST = 0.5;
export const BUDDY_MIN_INTEREST = 2;
export const BUDDY_SHARE = 0.5;
export const BALANCE_WEIGHT = 2;

// checkPlan restates these rules on its own, so that a slip here cannot hide from it.

/** An input prepared once per solve: lookups, exclusions as keys, the pins that can be kept. */
export interface Context {
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

export function prepare(input: WorkSplitInput): Context {
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

export function pairKey(itemId: number, memberId: number): string {
  return `${itemId}:${memberId}`;
}

export function isExcluded(ctx: Pick<Context, 'excluded'>, item: WorkItem, member: WorkMember): boolean {
  return ctx.excluded.has(pairKey(item.id, member.id));
}

export function levelOf(member: Pick<WorkMember, 'levels'>, areaId: number): number {
  return member.levels[areaId] ?? 0;
}

export function areaName(ctx: Pick<Context, 'input'>, areaId: number): string {
  return ctx.input.areaNames?.[areaId] ?? `#${areaId}`;
}

/** The requirements a member falls short of, the largest shortfall first. */
export function missingRequirements(ctx: Pick<Context, 'input'>, member: WorkMember, item: WorkItem): RequirementLevel[] {
  return item.requirements
    .filter((r) => levelOf(member, r.areaId) < r.minLevel)
    .map((r) => ({ areaId: r.areaId, areaName: areaName(ctx, r.areaId), level: levelOf(member, r.areaId), minLevel: r.minLevel }))
    .sort((a, b) => b.minLevel - b.level - (a.minLevel - a.level));
}

/** Whether the member meets every minimum of the item (the planner's rule; the what-if of a departure uses it too). */
export function meetsMinimums(member: Pick<WorkMember, 'levels'>, item: Pick<WorkItem, 'requirements'>): boolean {
  return item.requirements.every((r) => levelOf(member, r.areaId) >= r.minLevel);
}

export function mayOwn(ctx: Context, item: WorkItem, member: WorkMember): boolean {
  return meetsMinimums(member, item) && !isExcluded(ctx, item, member);
}

/** The required area where the member would grow most as buddy, or null if they are no buddy for it. */
export function learningArea(ctx: Context, item: WorkItem, member: WorkMember): LearningArea | null {
  if (isExcluded(ctx, item, member)) return null;
  const areas = item.requirements
    .map((r) => ({ areaId: r.areaId, interest: member.interests[r.areaId] ?? 0, level: levelOf(member, r.areaId), minLevel: r.minLevel }))
    .filter((a) => a.interest >= BUDDY_MIN_INTEREST && a.level < a.minLevel);
  return pickBest(areas, (a) => a.interest);
}

export function fit(member: WorkMember, item: WorkItem): number {
  if (item.requirements.length === 0) return 0;
  const surplus = item.requirements.map((r) => Math.min(levelOf(member, r.areaId) - r.minLevel, FIT_SURPLUS_CAP) / FIT_SURPLUS_CAP);
  return sum(surplus) / item.requirements.length;
}

export function ownerValue(item: WorkItem, member: WorkMember): number {
  return PRIORITY_WEIGHT[item.priority] * (PLACE_BASE + fit(member, item));
}

export function growth(area: LearningArea): number {
  return GROWTH_PER_INTEREST * area.interest;
}

export function buddyShare(item: Pick<WorkItem, 'effort'>): number {
  return Math.ceil(item.effort * BUDDY_SHARE);
}

export function budgetOf(member: WorkMember): number {
  return member.capacity + (member.committed ?? 0);
}

export function roomOf(member: WorkMember, used: number): number {
  return Math.max(0, member.capacity) - used;
}

export function loadFraction(member: WorkMember, used: number): number {
  return ((member.committed ?? 0) + used) / budgetOf(member);
}

export function pointsUsed(ctx: Context, assignments: readonly PlanChoice[]): Map<number, number> {
  const used = new Map(ctx.input.members.map((m) => [m.id, 0]));
  const charge = (memberId: number, points: number) => used.set(memberId, (used.get(memberId) ?? 0) + points);
  for (const choice of assignments) {
    const item = ctx.items.get(choice.itemId)!;
    charge(choice.ownerId, item.effort);
    if (choice.buddyId !== null) charge(choice.buddyId, buddyShare(item));
  }
  return used;
}

export function balancePenalty(members: readonly WorkMember[], used: ReadonlyMap<number, number>): number {
  const fractions = members.filter((m) => budgetOf(m) > 0).map((m) => loadFraction(m, used.get(m.id) ?? 0));
  if (fractions.length === 0) return 0;
  const mean = sum(fractions) / fractions.length;
  return BALANCE_WEIGHT * sum(fractions.map((f) => Math.max(0, f - mean)));
}

export function choiceValue(ctx: Context, choice: PlanChoice): number {
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

export function valueIn(ctx: Context, assignments: readonly PlanChoice[]): number {
  return sum(assignments.map((c) => choiceValue(ctx, c))) - balancePenalty(ctx.input.members, pointsUsed(ctx, assignments));
}

/** The first candidate with the largest keys, compared in order; null for none. */
export function pickBest<T>(candidates: readonly T[], ...keys: Array<(candidate: T) => number>): T | null {
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

export function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let k = 0; k < values.length; k += size) chunks.push(values.slice(k, k + size));
  return chunks;
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}
