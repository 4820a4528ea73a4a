// The greedy baselines: simple rules a manager might follow by hand, to compare the optimum with.
import { buddyShare, fit, learningArea, loadFraction, mayOwn, pickBest, pointsUsed, prepare, PRIORITY_WEIGHT, roomOf, type Context } from './rules.ts';
import type { Plan, PlanChoice, WorkItem, WorkSplitInput } from './types.ts';

/**
 * The obvious rule: keep the pins; then, highest priority first (ties: larger effort, then
 * id), give each item to the best-fitting member with room (ties: lower load fraction, then
 * member order). With buddies on, a second pass in the same order adds the keenest eligible
 * buddy with room left (ties: lower load fraction), so buddies never crowd out an owner.
 */
export function greedyPlan(input: WorkSplitInput): Plan {
  return { assignments: greedyIn(prepare(input)) };
}

export function greedyIn(ctx: Context): PlanChoice[] {
  const assignments = [...ctx.pinned].map(([itemId, ownerId]): PlanChoice => ({ itemId, ownerId, buddyId: null }));
  placeOwners(ctx, assignments);
  if (ctx.input.buddies) addBuddies(ctx, assignments);
  return assignments;
}

function byPriority(a: WorkItem, b: WorkItem): number {
  return PRIORITY_WEIGHT[b.priority] - PRIORITY_WEIGHT[a.priority] || b.effort - a.effort || a.id - b.id;
}

/** Adds an owner, greedily, to every open item someone may own and has room for. */
export function placeOwners(ctx: Context, assignments: PlanChoice[]): void {
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

