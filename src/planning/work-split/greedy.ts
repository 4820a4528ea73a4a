// The greedy baselines: simple rules a manager might follow by hand, to compare the optimum with.
import { buddyShare, fit, learningArea, loadFraction, mayOwn, pickBest, pointsUsed, prepare, PRIORITY_WEIGHT, roomOf, valueIn, type Context } from './rules.ts';
import type { GreedyRule, Plan, PlanChoice, WorkItem, WorkMember, WorkSplitInput } from './types.ts';

/** The simple rules, in the order a tie between their plans is settled. */
export const GREEDY_RULES = ['priorityFit', 'mostRoom', 'tightestFit'] as const satisfies readonly GreedyRule[];

type Key = (member: WorkMember) => number;

/**
 * How each rule picks an item's owner among those who may own it and have room (keys compared in
 * order, then member order): the best fit (ties: lower load fraction); the most room left (ties:
 * best fit); the least room left that still holds it, as in bin packing (ties: best fit).
 */
function ownerKeys(rule: GreedyRule, item: WorkItem, used: ReadonlyMap<number, number>): Key[] {
  const byFit: Key = (m) => fit(m, item);
  const room: Key = (m) => roomOf(m, used.get(m.id)!);
  if (rule === 'mostRoom') return [room, byFit];
  if (rule === 'tightestFit') return [(m) => -room(m), byFit];
  return [byFit, (m) => -loadFraction(m, used.get(m.id)!)];
}

/**
 * A rule a manager might follow by hand: keep the pins; then, highest priority first (ties:
 * larger effort, then id), give each item to an owner the rule picks. With buddies on, a second
 * pass in the same order adds the keenest eligible buddy with room left (ties: lower load
 * fraction), so buddies never crowd out an owner. Without a rule: the best plan of all the rules.
 */
export function greedyPlan(input: WorkSplitInput, rule?: GreedyRule): Plan & { rule: GreedyRule } {
  const ctx = prepare(input);
  return rule ? { rule, assignments: greedyIn(ctx, rule) } : bestGreedy(ctx);
}

/** The plan of the rule that scores highest: the baseline the optimum is compared with, and HiGHS's start. */
export function bestGreedy(ctx: Context): { rule: GreedyRule; assignments: PlanChoice[] } {
  const plans = GREEDY_RULES.map((rule) => ({ rule, assignments: greedyIn(ctx, rule) }));
  return pickBest(plans, (plan) => valueIn(ctx, plan.assignments))!;
}

function greedyIn(ctx: Context, rule: GreedyRule): PlanChoice[] {
  const assignments = [...ctx.pinned].map(([itemId, ownerId]): PlanChoice => ({ itemId, ownerId, buddyId: null }));
  placeOwners(ctx, assignments, rule);
  if (ctx.input.buddies) addBuddies(ctx, assignments);
  return assignments;
}

function byPriority(a: WorkItem, b: WorkItem): number {
  return PRIORITY_WEIGHT[b.priority] - PRIORITY_WEIGHT[a.priority] || b.effort - a.effort || a.id - b.id;
}

/** Adds an owner, greedily, to every open item someone may own and has room for. */
export function placeOwners(ctx: Context, assignments: PlanChoice[], rule: GreedyRule = 'priorityFit'): void {
  const used = pointsUsed(ctx, assignments);
  const placed = new Set(assignments.map((a) => a.itemId));
  const open = ctx.input.items.filter((item) => !placed.has(item.id) && !ctx.blocked.has(item.id));
  for (const item of open.sort(byPriority)) {
    const candidates = ctx.input.members.filter((m) => mayOwn(ctx, item, m) && roomOf(m, used.get(m.id)!) >= item.effort);
    const owner = pickBest(candidates, ...ownerKeys(rule, item, used));
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

