// Work-split planner: the MIP against brute force, the checker, the greedy baseline, pins and explanations.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPlan,
  GREEDY_RULES,
  greedyPlan,
  planValue,
  solveWorkSplit,
  type PlanChoice,
  type Priority,
  type WorkItem,
  type WorkMember,
  type WorkSplitInput,
  type WorkSplitResult,
} from '../../src/planning/work-split/index.ts';
import { describeReason, describeUnplaced, type Translate } from '../../views/work/reasons.ts';
import { workSplitMessages } from '../../views/i18n/en/work.ts';
import { interpolate } from '../../views/i18n/index.ts';

const t: Translate = (key, params = {}) => interpolate(workSplitMessages[key], params);

const ZERO_SHOT = 5;
const SEQ2SEQ = 1;
const areaNames = { [SEQ2SEQ]: 'seq2seq LM', [ZERO_SHOT]: 'zero-shot retriever' };

function member(id: number, name: string, levels: Record<number, number>, rest: Partial<WorkMember> = {}): WorkMember {
  return { id, name, capacity: 10, levels, interests: {}, ...rest };
}

function item(id: number, requirements: WorkItem['requirements'], rest: Partial<WorkItem> = {}): WorkItem {
  return { id, title: `item ${id}`, effort: 3, priority: 'normal', requirements, ...rest };
}

function plan(input: Omit<WorkSplitInput, 'buddies' | 'areaNames'> & { buddies?: boolean }) {
  return solveWorkSplit({ buddies: false, areaNames, ...input }, { timeLimitSec: 10 });
}

function whyOf(result: WorkSplitResult, itemId: number): string {
  const unplaced = result.unplaced.find((u) => u.itemId === itemId);
  if (!unplaced) throw new Error(`item ${itemId} was placed`);
  return describeUnplaced(unplaced.why, t);
}

// ---------------------------------------------------------------------------------------------
// Brute force, written without the planner's model: every owner (or none) and every buddy (or
// none) for every item, kept only if checkPlan finds nothing wrong, valued by planValue.

function bruteForceBest(input: WorkSplitInput): number {
  const people = input.members.map((m) => m.id);
  let best = -Infinity;
  const search = (k: number, chosen: PlanChoice[]) => {
    const undecided = new Set(input.items.slice(k).map((i) => i.id));
    const violations = checkPlan(input, { assignments: chosen });
    // Pins of items not decided yet may still be kept; every other violation only gets worse.
    if (violations.some((v) => !(v.code === 'pinNotKept' && undecided.has(v.itemId)))) return;
    if (k === input.items.length) {
      best = Math.max(best, planValue(input, { assignments: chosen }));
      return;
    }
    const itemId = input.items[k].id;
    search(k + 1, chosen);
    for (const ownerId of people) {
      for (const buddyId of [null, ...people]) search(k + 1, [...chosen, { itemId, ownerId, buddyId }]);
    }
  };
  search(0, []);
  return best;
}

const AREAS = [1, 2, 3];
const PRIORITIES: Priority[] = ['high', 'normal', 'low'];

const memberArb = fc.record({
  capacity: fc.integer({ min: -2, max: 12 }),
  committed: fc.integer({ min: 0, max: 4 }),
  levels: fc.tuple(...AREAS.map(() => fc.integer({ min: 0, max: 5 }))),
  interests: fc.tuple(...AREAS.map(() => fc.integer({ min: 0, max: 3 }))),
});

const itemArb = fc.record({
  effort: fc.integer({ min: 1, max: 6 }),
  priority: fc.constantFrom(...PRIORITIES),
  requirements: fc.subarray(AREAS, { maxLength: 2 }).chain((areas) =>
    fc.tuple(...areas.map((areaId) => fc.integer({ min: 1, max: 5 }).map((minLevel) => ({ areaId, minLevel })))),
  ),
});

type Size = readonly [min: number, max: number];

function instanceArb(members: Size, items: Size): fc.Arbitrary<WorkSplitInput> {
  return fc
    .tuple(
      fc.array(memberArb, { minLength: members[0], maxLength: members[1] }),
      fc.array(itemArb, { minLength: items[0], maxLength: items[1] }),
    )
    .chain(([memberSeeds, itemSeeds]) => {
      const members: WorkMember[] = memberSeeds.map((m, k) => ({
        id: k + 1,
        name: `M${k + 1}`,
        capacity: m.capacity,
        committed: m.committed,
        levels: Object.fromEntries(AREAS.map((a, j) => [a, m.levels[j]])),
        interests: Object.fromEntries(AREAS.map((a, j) => [a, m.interests[j]])),
      }));
      const items: WorkItem[] = itemSeeds.map((i, k) => ({ id: k + 1, title: `I${k + 1}`, ...i }));
      const itemId = fc.integer({ min: 1, max: Math.max(1, items.length) });
      // One id past the team stands for a pin to someone who is not an active member.
      const pinTarget = fc.integer({ min: 1, max: members.length + 1 });
      return fc.record({
        members: fc.constant(members),
        items: fc.constant(items),
        pins: fc.array(fc.tuple(itemId, pinTarget), { maxLength: 2 }).map((pairs) => Object.fromEntries(pairs)),
        exclusions: fc.array(fc.record({ itemId, memberId: fc.integer({ min: 1, max: members.length }) }), { maxLength: 3 }),
        buddies: fc.boolean(),
      });
    });
}

describe('solveWorkSplit against brute force', () => {
  it('finds the optimum, keeps every rule, and greedy never beats it', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb([1, 4], [0, 5]), async (input) => {
        const result = await solveWorkSplit(input, { timeLimitSec: 10 });
        const erroneous = new Set(result.pinErrors.map((e) => e.itemId));

        if (result.status === 'infeasible_pins') {
          // No plan at all keeps every pin; the plan given leaves out exactly the items whose pins fail.
          expect(bruteForceBest(input)).toBe(-Infinity);
          expect(erroneous.size).toBeGreaterThan(0);
          expect(checkPlan(input, result).every((v) => v.code === 'pinNotKept' && erroneous.has(v.itemId))).toBe(true);
        } else {
          expect(result.status).toBe('optimal');
          expect(result.pinErrors).toEqual([]);
        }
        const rest: WorkSplitInput = {
          ...input,
          items: input.items.filter((i) => !erroneous.has(i.id)),
          pins: Object.fromEntries(Object.entries(input.pins ?? {}).filter(([itemId]) => !erroneous.has(Number(itemId)))),
        };
        const best = bruteForceBest(rest);
        // HiGHS stops within its absolute MIP gap (mip_abs_gap = 1e-6): plan and proven bound are that close to the optimum.
        expect(result.objective).toBeLessThanOrEqual(best + 1e-9);
        expect(result.objective).toBeGreaterThanOrEqual(best - 2e-6);
        expect(result.bound).toBeGreaterThanOrEqual(best - 1e-9);
        expect(result.bound).toBeLessThanOrEqual(best + 2e-6);
        expect(planValue(input, result)).toBeCloseTo(result.objective, 9);
        expect(checkPlan(rest, result)).toEqual([]);

        expect(checkPlan(rest, greedyPlan(input))).toEqual([]);
        expect(result.greedy.objective).toBeCloseTo(planValue(input, greedyPlan(input)), 9);
        expect(result.greedy.objective).toBeLessThanOrEqual(result.objective + 1e-9);

        // Every item is either placed or explained, never both, never silently dropped.
        const placed = result.assignments.map((a) => a.itemId);
        const explained = result.unplaced.map((u) => u.itemId);
        expect([...placed, ...explained].sort()).toEqual(input.items.map((i) => i.id).sort());
        // And an item is left out only when nobody who may own it has room left.
        const used = new Map<number, number>();
        const charge = (id: number, points: number) => used.set(id, (used.get(id) ?? 0) + points);
        for (const a of result.assignments) {
          const effort = input.items.find((i) => i.id === a.itemId)!.effort;
          charge(a.ownerId, effort);
          if (a.buddyId !== null) charge(a.buddyId, Math.ceil(effort / 2));
        }
        for (const { itemId } of result.unplaced.filter((u) => !erroneous.has(u.itemId))) {
          const left = input.items.find((i) => i.id === itemId)!;
          const couldTakeIt = input.members.filter(
            (m) =>
              left.requirements.every((r) => (m.levels[r.areaId] ?? 0) >= r.minLevel) &&
              !input.exclusions!.some((e) => e.itemId === itemId && e.memberId === m.id) &&
              Math.max(0, m.capacity) - (used.get(m.id) ?? 0) >= left.effort,
          );
          expect(couldTakeIt).toEqual([]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reports a time limit with the best plan found and its gap', async () => {
    const [sample] = fc.sample(instanceArb([12, 12], [40, 40]), { seed: 7, numRuns: 1 });
    const input = { ...sample, pins: {} };
    const result = await solveWorkSplit(input, { timeLimitSec: 0.001 });
    expect(result.status).toBe('time_limit');
    expect(result.gap).toBeGreaterThan(0);
    expect(result.bound).toBeGreaterThan(result.objective);
    expect(checkPlan(input, result)).toEqual([]);
    expect(result.objective).toBeGreaterThanOrEqual(result.greedy.objective - 1e-9);
  });
});

describe('the greedy baselines', () => {
  it('compares the optimum with the best of three simple rules, each of which keeps every rule', async () => {
    const [sample] = fc.sample(instanceArb([12, 12], [40, 40]), { seed: 7, numRuns: 1 });
    const input = { ...sample, pins: {} };
    const values = GREEDY_RULES.map((rule) => {
      const greedy = greedyPlan(input, rule);
      expect(checkPlan(input, greedy)).toEqual([]);
      return planValue(input, greedy);
    });
    const result = await solveWorkSplit(input, { timeLimitSec: 10 });
    expect(result.greedy.objective).toBeCloseTo(Math.max(...values), 9);
    expect(result.greedy.rule).toBe(GREEDY_RULES[values.indexOf(Math.max(...values))]);
    expect(greedyPlan(input).rule).toBe(result.greedy.rule);
    // "Most room left" beats the first rule on this team: the baseline is no longer flattering.
    expect(values[GREEDY_RULES.indexOf('mostRoom')]).toBeGreaterThan(values[GREEDY_RULES.indexOf('priorityFit')]);
    expect(result.objective).toBeGreaterThanOrEqual(result.greedy.objective - 1e-9);
  });
});

describe('planValue', () => {
  it('adds priority-weighted fit and growth, less the load spread', () => {
    const input: WorkSplitInput = {
      members: [
        member(1, 'Ann', { [SEQ2SEQ]: 5 }),
        member(2, 'Bob', { [SEQ2SEQ]: 3 }),
        member(3, 'Cid', { [SEQ2SEQ]: 1 }, { interests: { [SEQ2SEQ]: 3 } }),
      ],
      items: [item(1, [{ areaId: SEQ2SEQ, minLevel: 3 }], { priority: 'high', effort: 4 })],
      buddies: true,
    };
    // Ann clears the minimum by two levels: fit 1, so 9 · (10 + 1) = 99. Loads 0.4, 0, 0 → mean
    // 0.1333…; the spread above the mean is 0.2666…, times λ = 2.
    expect(planValue(input, { assignments: [{ itemId: 1, ownerId: 1, buddyId: null }] })).toBeCloseTo(99 - 2 * (0.4 - 0.4 / 3), 9);
    // Cid learns (interest 3 → 1.5) for ⌈4/2⌉ = 2 points: loads 0.4, 0, 0.2 → spread 0.2.
    expect(planValue(input, { assignments: [{ itemId: 1, ownerId: 1, buddyId: 3 }] })).toBeCloseTo(99 + 1.5 - 2 * 0.2, 9);
  });
});

describe('explanations', () => {
  it('names the binding requirement when nobody reaches it', async () => {
    const result = await plan({
      members: [member(1, 'Ann', { [SEQ2SEQ]: 4, [ZERO_SHOT]: 2 }), member(2, 'Bob', { [SEQ2SEQ]: 2, [ZERO_SHOT]: 1 })],
      items: [
        item(1, [{ areaId: SEQ2SEQ, minLevel: 2 }, { areaId: ZERO_SHOT, minLevel: 4 }]),
        // Both minimums are out of reach; zero-shot misses by two levels, seq2seq by one.
        item(2, [{ areaId: SEQ2SEQ, minLevel: 5 }, { areaId: ZERO_SHOT, minLevel: 4 }]),
      ],
    });
    expect(whyOf(result, 1)).toBe('no active member has zero-shot retriever ≥ 4');
    expect(whyOf(result, 2)).toBe('no active member has zero-shot retriever ≥ 4');
  });

  it('says when each minimum is met by someone but nobody meets them all', async () => {
    const result = await plan({
      members: [member(1, 'Ann', { [SEQ2SEQ]: 4 }), member(2, 'Bob', { [ZERO_SHOT]: 4 })],
      items: [item(1, [{ areaId: SEQ2SEQ, minLevel: 3 }, { areaId: ZERO_SHOT, minLevel: 3 }])],
    });
    expect(whyOf(result, 1)).toBe('nobody has seq2seq LM ≥ 3 and zero-shot retriever ≥ 3 at once');
  });

  it('lists the loads of the qualified people who are full, deals included', async () => {
    const result = await plan({
      members: [
        member(1, 'Ann', { [ZERO_SHOT]: 4 }, { capacity: -2, committed: 12 }),
        member(2, 'Bob', { [ZERO_SHOT]: 5 }),
        member(3, 'Cid', { [ZERO_SHOT]: 4 }, { capacity: -1, committed: 11 }),
        member(4, 'Dee', { [ZERO_SHOT]: 1 }),
      ],
      items: [item(1, [{ areaId: ZERO_SHOT, minLevel: 4 }], { effort: 3 }), item(2, [], { effort: 10 })],
      pins: { 2: 2 },
    });
    expect(whyOf(result, 1)).toBe('the three people who qualify are full (12/10, 10/10, 11/10 points); it needs 3');
    expect(result.unplaced[0].why).toMatchObject({ code: 'full', members: [{ name: 'Ann' }, { name: 'Bob' }, { name: 'Cid' }] });
  });

  it('says so when an item needs more than the whole capacity of everyone who qualifies', async () => {
    const result = await plan({
      members: [member(1, '김민아', { [ZERO_SHOT]: 4 }, { capacity: 5 }), member(2, 'Bob', { [ZERO_SHOT]: 5 }, { capacity: 6 }), member(3, 'Cid', {})],
      items: [item(1, [{ areaId: ZERO_SHOT, minLevel: 4 }], { effort: 8 }), item(2, [{ areaId: ZERO_SHOT, minLevel: 5 }], { effort: 8 })],
      exclusions: [{ itemId: 1, memberId: 2 }],
    });
    expect(result.unplaced[0].why).toMatchObject({ code: 'tooBig', effort: 8, members: [{ name: '김민아', budget: 5 }], excludedCount: 1 });
    expect(whyOf(result, 1)).toBe("it needs 8 points, more than 김민아's whole capacity of 5; one more person who qualifies is excluded from it");
    expect(whyOf(result, 2)).toBe("it needs 8 points, more than Bob's whole capacity of 6");
  });

  it('words people excluded besides the full ones as a sentence', async () => {
    const result = await plan({
      members: [member(1, 'Ann', { [ZERO_SHOT]: 4 }, { capacity: 0, committed: 3 }), member(2, 'Bob', { [ZERO_SHOT]: 4 }), member(3, 'Cid', { [ZERO_SHOT]: 4 })],
      items: [item(1, [{ areaId: ZERO_SHOT, minLevel: 4 }], { effort: 3 })],
      exclusions: [
        { itemId: 1, memberId: 2 },
        { itemId: 1, memberId: 3 },
      ],
    });
    expect(whyOf(result, 1)).toBe('the one person who qualifies is full (3/3 points); it needs 3; two more people who qualify are excluded from it');
  });

  it('says so when everyone who qualifies is excluded', async () => {
    const result = await plan({
      members: [member(1, 'Ann', { [SEQ2SEQ]: 3 }), member(2, 'Bob', { [SEQ2SEQ]: 4 }), member(3, 'Cid', {})],
      items: [item(1, [{ areaId: SEQ2SEQ, minLevel: 3 }])],
      exclusions: [
        { itemId: 1, memberId: 1 },
        { itemId: 1, memberId: 2 },
      ],
    });
    expect(whyOf(result, 1)).toBe('everyone who qualifies is excluded from it (Ann and Bob)');
  });

  it('gives each assignment its reason, buddy included', async () => {
    const result = await plan({
      members: [member(1, 'Ann', { [ZERO_SHOT]: 5 }), member(2, 'Bob', { [ZERO_SHOT]: 1 }, { interests: { [ZERO_SHOT]: 3 } })],
      items: [item(1, [{ areaId: ZERO_SHOT, minLevel: 4 }], { effort: 4 })],
      buddies: true,
    });
    expect(result.assignments).toMatchObject([{ itemId: 1, ownerId: 1, buddyId: 2 }]);
    expect(describeReason(result.assignments[0].reason, t)).toBe(
      'Ann owns it: zero-shot retriever at 5 (needs 4); Bob learns zero-shot retriever alongside (interest 3, level 1, needs 4)',
    );
    expect(result.loads).toEqual([
      { memberId: 1, used: 4, capacity: 10, committed: 0 },
      { memberId: 2, used: 2, capacity: 10, committed: 0 },
    ]);
  });
});

describe('pins and exclusions', () => {
  const team = [
    member(1, 'Ann', { [ZERO_SHOT]: 5 }),
    member(2, 'Bob', { [ZERO_SHOT]: 1 }),
    member(3, 'Cid', { [ZERO_SHOT]: 4 }, { capacity: 6 }),
  ];
  const zeroShot = (id: number, effort = 3) => item(id, [{ areaId: ZERO_SHOT, minLevel: 4 }], { effort });

  it('keeps a pin even when someone else fits better', async () => {
    const result = await plan({ members: team, items: [zeroShot(1)], pins: { 1: 3 } });
    expect(result.status).toBe('optimal');
    expect(result.assignments).toMatchObject([{ itemId: 1, ownerId: 3 }]);
    expect(describeReason(result.assignments[0].reason, t)).toBe('Cid owns it, as pinned: zero-shot retriever at 4 (needs 4)');
  });

  it('honours an exclusion of the best fit', async () => {
    const result = await plan({ members: team, items: [zeroShot(1)], exclusions: [{ itemId: 1, memberId: 1 }] });
    expect(result.assignments).toMatchObject([{ itemId: 1, ownerId: 3 }]);
  });

  it('explains a pin to someone who does not qualify, and plans the rest', async () => {
    const result = await plan({ members: team, items: [zeroShot(1), zeroShot(2)], pins: { 1: 2 } });
    expect(result.status).toBe('infeasible_pins');
    expect(result.pinErrors).toMatchObject([{ code: 'pinUnqualified', itemId: 1, memberId: 2 }]);
    expect(whyOf(result, 1)).toBe('it is pinned to Bob, whose zero-shot retriever level is 1 but it needs 4');
    expect(result.assignments).toMatchObject([{ itemId: 2, ownerId: 1 }]);
  });

  it('explains pins that together exceed the person’s room', async () => {
    const result = await plan({ members: team, items: [zeroShot(1, 4), zeroShot(2, 4), zeroShot(3, 2)], pins: { 1: 3, 2: 3 } });
    expect(result.status).toBe('infeasible_pins');
    expect(result.pinErrors.map((e) => [e.code, e.itemId])).toEqual([
      ['pinNoRoom', 1],
      ['pinNoRoom', 2],
    ]);
    expect(whyOf(result, 1)).toBe('it is pinned to Cid, whose pinned items need 8 points but only 6 are free');
    expect(result.assignments.map((a) => a.itemId)).toEqual([3]);
  });

  it('explains a pin to an excluded or unknown person', async () => {
    const result = await plan({
      members: team,
      items: [zeroShot(1), zeroShot(2)],
      pins: { 1: 1, 2: 99 },
      exclusions: [{ itemId: 1, memberId: 1 }],
    });
    expect(whyOf(result, 1)).toBe('it is pinned to Ann, who is also excluded from it');
    expect(whyOf(result, 2)).toBe('it is pinned to someone who is not an active member');
  });

  it('checkPlan reports every broken rule', () => {
    const input: WorkSplitInput = {
      members: team,
      items: [zeroShot(1, 8), zeroShot(2, 4)],
      pins: { 2: 1 },
      exclusions: [{ itemId: 1, memberId: 3 }],
      buddies: false,
    };
    const violations = checkPlan(input, {
      assignments: [
        { itemId: 1, ownerId: 3, buddyId: 3 },
        { itemId: 1, ownerId: 2, buddyId: 1 },
      ],
    });
    expect(violations.map((v) => v.code).sort()).toEqual(
      ['buddyNotEligible', 'buddyNotEligible', 'belowMinimum', 'excluded', 'excluded', 'overCapacity', 'ownerIsBuddy', 'pinNotKept', 'placedTwice'].sort(),
    );
  });
});
