// Reasons for every assignment and the binding constraint for every item left out, as codes with parameters.
import { areaName, budgetOf, choiceValue, fit, isExcluded, learningArea, levelOf, meetsMinimums, pickBest, pointsUsed, prepare, roomOf, valueIn, type Context } from './rules.ts';
import type { Assignment, MemberRef, Plan, PlanChoice, PlanSummary, Requirement, Unplaced, UnplacedWhy, WorkItem, WorkMember, WorkSplitInput } from './types.ts';

/** The plan with a reason for every assignment and an explanation for every unplaced item. */
export function summariseIn(ctx: Context, assignments: readonly PlanChoice[]): PlanSummary {
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
    margin: item.requirements.length === 0 ? null : Math.min(...item.requirements.map((r) => levelOf(owner, r.areaId) - r.minLevel)),
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
  const excludedCount = qualified.length - open.length;
  if (open.every((m) => budgetOf(m) < item.effort)) {
    return { code: 'tooBig', effort: item.effort, members: open.map((m) => ({ ...refOf(m), budget: budgetOf(m) })), excludedCount };
  }
  return {
    code: 'full',
    effort: item.effort,
    members: open.map((m) => ({ ...refOf(m), load: (m.committed ?? 0) + used.get(m.id)!, budget: budgetOf(m) })),
    excludedCount,
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

function refOf(member: WorkMember): MemberRef {
  return { memberId: member.id, name: member.name };
}

