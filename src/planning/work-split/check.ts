// The independent checker: every rule a plan must keep, restated from the product rules.
import { BUDDY_MIN_INTEREST, BUDDY_SHARE } from './rules.ts';
import type { Plan, WorkMember, WorkSplitInput } from './types.ts';

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

