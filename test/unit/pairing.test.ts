import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  areaHealth,
  busFactorByArea,
  DEFAULT_WEIGHTS,
  makeScoreContext,
  pairKey,
  proposePairs,
  scoreGroup,
  scorePair,
  trackKey,
  trioUnits,
  type Area,
  type IdPair,
  type OddMode,
  type PairHistory,
  type Person,
  type ProposeInput,
  type ProposeResult,
  type Reason,
  type Weights,
} from '../../src/planning/pairing/index.ts';
import { pairings as pairingMessages } from '../../views/i18n/en/pairings.ts';
import { interpolate } from '../../views/i18n/index.ts';
import { describeReason } from '../../views/pairings/reasons.ts';

const NOW = new Date('2025-06-01T12:00:00Z');
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

const person = (id: number, name: string, levels: Record<number, number> = {}, interests: Record<number, number> = {}): Person => ({
  id,
  name,
  levels,
  interests,
});

const CL: Area = { id: 1, name: 'contrastive learning', minExperts: 2 };
const EMB: Area = { id: 2, name: 'text embedding', minExperts: 2 };

function context(team: Person[], opts: { areas?: Area[]; weights?: Weights; history?: PairHistory } = {}) {
  return makeScoreContext({
    team,
    areas: opts.areas ?? [CL, EMB],
    history: opts.history ?? new Map(),
    weights: opts.weights ?? DEFAULT_WEIGHTS,
    now: NOW,
  });
}

function input(team: Person[], overrides: Partial<ProposeInput> = {}): ProposeInput {
  return {
    team,
    presentIds: team.map((p) => p.id),
    areas: [CL, EMB],
    history: new Map(),
    weights: DEFAULT_WEIGHTS,
    locks: [],
    forbids: [],
    odd: 'trio',
    now: NOW,
    ...overrides,
  };
}

/** A translator over pairingMessages that fails loudly on a missing key or parameter. */
const t = (key: string, params: Record<string, string | number> = {}) => {
  const template = (pairingMessages as Record<string, string>)[key];
  if (template === undefined) throw new Error(`missing message ${key}`);
  // a plural branch's own braces (`one {# day}`) hold words, not a placeholder
  for (const [, name] of template.matchAll(/(?<!(?:=\d+|\b(?:one|other))\s*)\{(\w+)(?:\}|,\s*plural,)/g)) {
    if (!(name in params)) throw new Error(`missing parameter ${name} for ${key}`);
  }
  return interpolate(template, params);
};

function expectError(result: ProposeResult, code: string) {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('expected an error');
  expect(result.error.code).toBe(code);
  return result.error;
}

function expectProposal(result: ProposeResult) {
  if (!result.ok) throw new Error(`expected a proposal, got ${JSON.stringify(result.error)}`);
  return result.proposal;
}

describe('scorePair', () => {
  const minah = person(1, '김민아', { 1: 5 }, {});
  const joon = person(2, 'Joon', { 1: 1 }, { 1: 3 });

  it('gives full mentoring credit to a 5 mentoring a 1 who has interest 3', () => {
    const s = scorePair(1, 2, context([minah, joon], { weights: { mentoring: 1, rotation: 0, coverage: 0 } }));
    expect(s.components.mentoring).toBe(1);
    expect(s.units).toBe(1000);
    expect(s.score).toBe(1);
    expect(s.reason.mentoring).toEqual({ areaId: 1, mentor: { id: 1, level: 5 }, learner: { id: 2, level: 1, interest: 3 } });
  });

  it('scales mentoring by interest/3 and the gap (capped at 4 levels)/4', () => {
    const w = { mentoring: 1, rotation: 0, coverage: 0 };
    const mentor = person(1, 'M', { 1: 4 });
    const units = (level: number, interest: number) =>
      scorePair(1, 2, context([mentor, person(2, 'L', { 1: level }, { 1: interest })], { weights: w })).units;
    expect(units(2, 3)).toBe(500); // gap 2 of 4
    expect(units(0, 3)).toBe(1000); // gap 4
    expect(units(2, 1)).toBe(167); // 1/3 × 1/2
    expect(units(3, 0)).toBe(0); // no interest: no mentoring
  });

  it('needs an expert mentor (level ≥ 4) above the learner', () => {
    const three = person(1, 'A', { 1: 3 }, { 1: 3 });
    const one = person(2, 'B', { 1: 1 }, { 1: 3 });
    expect(scorePair(1, 2, context([three, one])).reason.mentoring).toBeNull();
    const fourA = person(1, 'A', { 1: 4 }, { 1: 3 });
    const fourB = person(2, 'B', { 1: 4 }, { 1: 3 });
    expect(scorePair(1, 2, context([fourA, fourB])).reason.mentoring).toBeNull();
  });

  it('takes the best area and direction for the pair', () => {
    const a = person(1, 'A', { 1: 4, 2: 1 }, { 1: 0, 2: 3 });
    const b = person(2, 'B', { 1: 3, 2: 5 }, { 1: 2, 2: 0 });
    const s = scorePair(1, 2, context([a, b], { weights: { mentoring: 1, rotation: 0, coverage: 0 } }));
    // B (5) mentoring A (1, interest 3) in area 2 beats A (4) mentoring B (3, interest 2) in area 1.
    expect(s.reason.mentoring).toMatchObject({ areaId: 2, mentor: { id: 2 }, learner: { id: 1 } });
    expect(s.units).toBe(1000);
  });

  it('gives rotation 1 when never paired, days/180 otherwise, capped at 1', () => {
    const team = [person(1, 'A'), person(2, 'B')];
    const rotation = (history: PairHistory) => scorePair(1, 2, context(team, { history })).components.rotation;
    expect(rotation(new Map())).toBe(1);
    expect(rotation(new Map([[pairKey(2, 1), { lastPaired: daysAgo(90), count: 3 }]]))).toBe(0.5);
    expect(rotation(new Map([[pairKey(1, 2), { lastPaired: daysAgo(400), count: 1 }]]))).toBe(1);
    expect(rotation(new Map([[pairKey(1, 2), { lastPaired: daysAgo(0.5), count: 1 }]]))).toBe(0);
    expect(scorePair(1, 2, context(team, { history: new Map([[pairKey(1, 2), { lastPaired: daysAgo(12), count: 1 }]]) })).reason.lastPairedDaysAgo).toBe(12);
  });

  it('adds a coverage bonus for a single-expert area (1) or thin area (½), none for a healthy one', () => {
    const w = { mentoring: 0, rotation: 0, coverage: 1 };
    const learner = person(9, 'L', { 1: 1 }, { 1: 2 });
    const expert = (id: number) => person(id, `E${id}`, { 1: 5 });
    const single = scorePair(1, 9, context([expert(1), learner], { weights: w }));
    expect(single.components.coverage).toBe(1);
    expect(single.reason.coverage).toBe('single-expert');

    const thinArea = { ...CL, minExperts: 3 };
    const thin = scorePair(1, 9, context([expert(1), expert(2), learner], { areas: [thinArea], weights: w }));
    expect(thin.components.coverage).toBe(0.5);
    expect(thin.reason.coverage).toBe('thin');

    const healthy = scorePair(1, 9, context([expert(1), expert(2), learner], { weights: w }));
    expect(healthy.components.coverage).toBe(0);
    expect(healthy.reason.coverage).toBeNull();
  });

  it('counts a lone expert as single-expert coverage (1) whatever the area’s minimum, as the README and the matrix footer say', () => {
    const w = { mentoring: 0, rotation: 0, coverage: 1 };
    const team = [person(1, 'E', { 1: 5 }), person(9, 'L', { 1: 1 }, { 1: 2 })];
    for (const minExperts of [0, 1]) {
      const lone = scorePair(1, 9, context(team, { areas: [{ ...CL, minExperts }], weights: w }));
      expect(lone.components.coverage).toBe(1);
      expect(lone.reason.coverage).toBe('single-expert');
      const names = { people: new Map(team.map((p) => [p.id, p.name])), areas: new Map([[1, CL.name]]) };
      expect(describeReason(lone.reason, t, names)).toContain('raises a single-expert area');
    }
  });

  it('prefers the area where mentoring plus coverage does most', () => {
    // Equal mentoring in both areas; only area 2 hangs on a single expert.
    const mentor = person(1, 'M', { 1: 5, 2: 5 });
    const learner = person(2, 'L', { 1: 1, 2: 1 }, { 1: 3, 2: 3 });
    const otherExpert = person(3, 'X', { 1: 4 });
    const s = scorePair(1, 2, context([mentor, learner, otherExpert]));
    expect(s.reason.mentoring?.areaId).toBe(2);
    expect(s.reason.coverage).toBe('single-expert');
    expect(s.units).toBe(6000); // 3·1 + 2·1 + 1·1: the maximum with default weights
  });

  it('lets a weight of 0 switch its goal off', () => {
    const team = [person(1, 'M', { 1: 5 }), person(2, 'L', { 1: 1 }, { 1: 3 })];
    const units = (weights: Weights) => scorePair(1, 2, context(team, { weights })).units;
    expect(units({ mentoring: 0, rotation: 0, coverage: 0 })).toBe(0);
    expect(units({ mentoring: 0, rotation: 2, coverage: 0 })).toBe(2000);
    expect(units({ mentoring: 3, rotation: 0, coverage: 0 })).toBe(3000);
    expect(units({ mentoring: 0, rotation: 0, coverage: 1 })).toBe(1000);
  });

  it('treats peers as rotation only and names an area both want to grow in', () => {
    const a = person(1, 'A', { 1: 2, 2: 1 }, { 1: 2, 2: 3 });
    const b = person(2, 'B', { 1: 1, 2: 2 }, { 1: 3, 2: 3 });
    const s = scorePair(1, 2, context([a, b]));
    expect(s.reason.mentoring).toBeNull();
    expect(s.reason.sharedAreaId).toBe(2);
    expect(s.units).toBe(2000);
  });

  it('rejects unknown people and self-pairs', () => {
    const ctx = context([person(1, 'A')]);
    expect(() => scorePair(1, 1, ctx)).toThrow(RangeError);
    expect(() => scorePair(1, 7, ctx)).toThrow(/not in the team/);
  });
});

describe('bus factor', () => {
  it('counts experts (level ≥ 4) per area', () => {
    const team = [person(1, 'A', { 1: 4, 2: 3 }), person(2, 'B', { 1: 5 }), person(3, 'C', { 2: 5 })];
    expect(busFactorByArea(team, [CL, EMB, { id: 3, name: 'other' }])).toEqual(new Map([[1, 2], [2, 1], [3, 0]]));
  });

  it('names the health of an area below its minimum', () => {
    expect(areaHealth(0)).toBe('blocker');
    expect(areaHealth(1)).toBe('single-expert');
    expect(areaHealth(2, 3)).toBe('thin');
    expect(areaHealth(2)).toBeNull();
    expect(areaHealth(1, 1)).toBe('single-expert');
    expect(areaHealth(0, 0)).toBe('blocker');
    expect(areaHealth(3, 3)).toBeNull();
  });

  it('counts away members as experts in a proposal', () => {
    const team = [person(1, 'M', { 1: 5 }), person(2, 'L', { 1: 1 }, { 1: 3 }), person(3, 'Away', { 1: 5 })];
    const withAway = expectProposal(proposePairs(input(team, { presentIds: [1, 2] })));
    expect(withAway.groups[0].reason).toMatchObject({ coverage: null });
    const withoutAway = expectProposal(proposePairs(input(team.slice(0, 2))));
    expect(withoutAway.groups[0].reason).toMatchObject({ coverage: 'single-expert' });
  });
});

describe('scoreGroup', () => {
  const team = [
    person(1, 'Mentor', { 1: 5, 2: 5 }),
    person(2, 'L1', { 1: 1 }, { 1: 3 }),
    person(3, 'L2', { 2: 3 }, { 2: 2 }),
    person(4, 'Peer', {}, {}),
  ];
  const ctx = context(team);

  it('scores a pair like scorePair', () => {
    const g = scoreGroup([2, 1], ctx);
    expect(g.units).toBe(scorePair(1, 2, ctx).units);
    expect(g).toMatchObject({ memberIds: [2, 1], role: 'mentoring', mentorId: 1, learnerIds: [2], areaId: 1 });
  });

  it('scores a trio by its two strongest pairs, around their shared member', () => {
    const g = scoreGroup([2, 3, 1], ctx);
    const [s23, s21, s31] = [scorePair(2, 3, ctx), scorePair(2, 1, ctx), scorePair(3, 1, ctx)].map((s) => s.units);
    expect(g.units).toBe(s21 + s31);
    expect(g.units).toBe(trioUnits(s23, s21, s31));
    expect(g.role).toBe('mentoring');
    expect(g.mentorId).toBe(1);
    expect(g.learnerIds).toEqual([2, 3]);
    expect(g.reason).toMatchObject({ kind: 'trio', centreId: 1 });
  });

  it('scores a solo as 0 and rejects other sizes or repeats', () => {
    expect(scoreGroup([4], ctx)).toMatchObject({ role: 'solo', units: 0, reason: { kind: 'solo', personId: 4 } });
    expect(() => scoreGroup([], ctx)).toThrow(RangeError);
    expect(() => scoreGroup([1, 2, 3, 4], ctx)).toThrow(RangeError);
    expect(() => scoreGroup([1, 1], ctx)).toThrow(/repeats/);
  });

  it('values a trio as the total minus its weakest pair', () => {
    expect(trioUnits(5, 3, 4)).toBe(9);
    expect(trioUnits(0, 0, 0)).toBe(0);
  });
});

describe('describeReason', () => {
  const areaNames = new Map([[1, 'contrastive learning'], [2, 'text embedding']]);
  const team = [person(1, '김민아', { 1: 5 }), person(2, 'Joon', { 1: 1 }, { 1: 2 }), person(3, 'Ari', { 1: 2 }, { 1: 3, 2: 2 }), person(4, 'Bo', {}, { 2: 3 })];
  const names = { people: new Map(team.map((p) => [p.id, p.name])), areas: areaNames };

  it('writes the mentoring sentence', () => {
    const reason = scorePair(1, 2, context(team)).reason;
    expect(describeReason(reason, t, names)).toBe(
      '김민아 (5) mentors Joon (1, wants to grow) in contrastive learning · never paired · raises a single-expert area',
    );
  });

  it('writes peer, rotation, trio and solo sentences', () => {
    const history: PairHistory = new Map([
      [pairKey(3, 4), { lastPaired: daysAgo(40), count: 2 }],
      [pairKey(1, 3), { lastPaired: daysAgo(1), count: 1 }],
    ]);
    const ctx = context(team, { history });
    expect(describeReason(scorePair(3, 4, ctx).reason, t, names)).toBe('Ari and Bo both want to grow in text embedding · last paired 40 days ago');
    expect(describeReason(scoreGroup([2, 4], ctx).reason, t, names)).toBe('Joon and Bo pair as peers · never paired');
    const trio = scoreGroup([2, 3, 1], ctx).reason;
    expect(describeReason(trio, t, names)).toBe(
      'Trio around 김민아 (odd head-count): 김민아 (5) mentors Joon (1, wants to grow) in contrastive learning · never paired · raises a single-expert area; ' +
        '김민아 (5) mentors Ari (2, top focus) in contrastive learning · last paired 1 day ago · raises a single-expert area',
    );
    expect(describeReason({ kind: 'solo', personId: 4 }, t, names)).toBe('Bo sits this round out (odd head-count)');
    const today: Reason = { ...scorePair(2, 4, ctx).reason, lastPairedDaysAgo: 0 };
    expect(describeReason(today, t, names)).toBe('Joon and Bo pair as peers · last paired today');
  });

  it('falls back to #id for unknown names', () => {
    expect(describeReason({ kind: 'solo', personId: 99 }, t, names)).toBe('#99 sits this round out (odd head-count)');
  });
});

describe('proposePairs', () => {
  const team = [
    person(1, 'Expert A', { 1: 5 }),
    person(2, 'Expert B', { 2: 5 }),
    person(3, 'Learner A', { 1: 1 }, { 1: 3 }),
    person(4, 'Learner B', { 2: 1 }, { 2: 3 }),
  ];

  it('pairs each expert with the learner who wants their area', () => {
    const p = expectProposal(proposePairs(input(team)));
    expect(p.groups.map((g) => [g.mentorId, ...g.learnerIds])).toEqual(expect.arrayContaining([[1, 3], [2, 4]]));
    expect(p.totalUnits).toBe(12_000);
    expect(p.total).toBe(12);
    expect(p.groups.every((g) => g.role === 'mentoring' && !g.locked)).toBe(true);
  });

  it('keeps locks (marked locked) and avoids forbidden pairs', () => {
    const p = expectProposal(proposePairs(input(team, { locks: [[1, 2]], forbids: [[3, 1]] })));
    expect(p.groups.map((g) => [g.memberIds, g.locked])).toEqual(expect.arrayContaining([[[1, 2], true], [[3, 4], false]]));
    const q = expectProposal(proposePairs(input(team, { locks: [[1, 4]] })));
    expect(q.groups.find((g) => g.memberIds.includes(1))).toMatchObject({ locked: true, memberIds: [1, 4] });
    expect(q.groups.find((g) => g.memberIds.includes(2))).toMatchObject({ locked: false });
    const r = expectProposal(proposePairs(input(team, { forbids: [[1, 3]] })));
    expect(r.groups.some((g) => g.memberIds.includes(1) && g.memberIds.includes(3))).toBe(false);
  });

  it('forms one trio for an odd head-count, valued by its two best pairs', () => {
    const five = [...team, person(5, 'Learner A2', { 1: 2 }, { 1: 2 })];
    const p = expectProposal(proposePairs(input(five)));
    const sizes = p.groups.map((g) => g.memberIds.length).sort();
    expect(sizes).toEqual([2, 3]);
    const trio = p.groups.find((g) => g.memberIds.length === 3)!;
    expect(trio.reason.kind).toBe('trio');
    expect(trio.mentorId).toBe(1);
    expect(trio.learnerIds.sort()).toEqual([3, 5]);
  });

  it('lets one person sit out in solo mode', () => {
    const five = [...team, person(5, 'New', {}, {})];
    const p = expectProposal(proposePairs(input(five, { odd: 'solo' })));
    const solo = p.groups.filter((g) => g.role === 'solo');
    expect(solo).toHaveLength(1);
    expect(solo[0].units).toBe(0);
    expect(p.groups.flatMap((g) => g.memberIds).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('lets the odd person join a locked pair when everyone else is locked', () => {
    const three = team.slice(0, 3);
    const p = expectProposal(proposePairs(input(three, { locks: [[1, 2]] })));
    expect(p.groups).toHaveLength(1);
    expect(p.groups[0]).toMatchObject({ locked: true });
    expect(p.groups[0].memberIds.sort()).toEqual([1, 2, 3]);
  });

  it('honours rotation: recent partners are split up when nothing else differs', () => {
    const peers = [1, 2, 3, 4].map((id) => person(id, `P${id}`));
    const history: PairHistory = new Map([
      [pairKey(1, 2), { lastPaired: daysAgo(3), count: 1 }],
      [pairKey(3, 4), { lastPaired: daysAgo(3), count: 1 }],
      [pairKey(1, 3), { lastPaired: daysAgo(10), count: 1 }],
      [pairKey(2, 4), { lastPaired: daysAgo(10), count: 1 }],
    ]);
    const p = expectProposal(proposePairs(input(peers, { history })));
    expect(p.groups.map((g) => g.memberIds)).toEqual(expect.arrayContaining([[1, 4], [2, 3]]));
  });

  describe('returns errors', () => {
    it('fewer than two participants', () => {
      expect(expectError(proposePairs(input(team, { presentIds: [1] })), 'too-few-participants')).toMatchObject({ count: 1 });
      expectError(proposePairs(input(team, { presentIds: [2, 2] })), 'too-few-participants');
    });

    it('everyone forbidden from everyone', () => {
      const forbids: IdPair[] = [[1, 2], [1, 3], [1, 4], [2, 3], [2, 4], [3, 4]];
      const error = expectError(proposePairs(input(team, { forbids })), 'cannot-place');
      expect(error).toMatchObject({ personIds: [1, 2, 3, 4] });
    });

    it('someone forbidden from everyone available is named', () => {
      const forbids: IdPair[] = [[3, 1], [3, 2], [3, 4]];
      expect(expectError(proposePairs(input(team, { forbids })), 'cannot-place')).toMatchObject({ personIds: [3] });
    });

    it('no perfect arrangement even though nobody is isolated', () => {
      // 1 and 2 may only pair with 3: one of them is left over.
      const forbids: IdPair[] = [[1, 2], [1, 4], [2, 4]];
      const error = expectError(proposePairs(input(team, { forbids })), 'cannot-place');
      expect(error).toMatchObject({ personIds: expect.arrayContaining([4]) });
    });

    it('an odd round where every possible trio holds a forbidden pair (solo still works)', () => {
      const three = team.slice(0, 3);
      const error = expectError(proposePairs(input(three, { forbids: [[2, 3]] })), 'cannot-place');
      expect(error).toMatchObject({ personIds: [expect.any(Number)] });
      expectProposal(proposePairs(input(three, { forbids: [[2, 3]], odd: 'solo' })));
    });

    it('a lock involving someone not present', () => {
      const error = expectError(proposePairs(input(team, { presentIds: [1, 2, 3], locks: [[1, 4]] })), 'lock-not-present');
      expect(error).toMatchObject({ lock: [1, 4], personIds: [4] });
    });

    it('a lock and a forbid on the same pair', () => {
      expect(expectError(proposePairs(input(team, { locks: [[1, 3]], forbids: [[3, 1]] })), 'lock-forbidden')).toMatchObject({ lock: [1, 3] });
    });

    it('two locks sharing a person', () => {
      const error = expectError(proposePairs(input(team, { locks: [[1, 3], [3, 2]] })), 'locks-overlap');
      expect(error).toMatchObject({ personId: 3, locks: [[1, 3], [3, 2]] });
    });

    it('a lock with the same person twice', () => {
      expect(expectError(proposePairs(input(team, { locks: [[2, 2]] })), 'lock-same-person')).toMatchObject({ personId: 2 });
    });

    it('ids not in the team', () => {
      expect(expectError(proposePairs(input(team, { presentIds: [1, 2, 9] })), 'unknown-person')).toMatchObject({ personIds: [9] });
      expect(expectError(proposePairs(input(team, { locks: [[1, 8]] })), 'unknown-person')).toMatchObject({ personIds: [8] });
      expect(expectError(proposePairs(input(team, { forbids: [[7, 1]] })), 'unknown-person')).toMatchObject({ personIds: [7] });
    });

    it('weights negative or not finite', () => {
      for (const weights of [
        { mentoring: -1, rotation: 2, coverage: 1 },
        { mentoring: 3, rotation: Number.NaN, coverage: 1 },
        { mentoring: 3, rotation: 2, coverage: Number.POSITIVE_INFINITY },
        { mentoring: 1e9, rotation: 2, coverage: 1 },
      ]) {
        expectError(proposePairs(input(team, { weights })), 'invalid-weights');
      }
    });
  });
});

// ── Property test against an independent brute force ────────────────────────────────────────────────────

/**
 * Best total over every partition of `present` into allowed pairs plus, for an odd head-count, one trio
 * (valued by its two best pairs) or one unlocked solo (0). Locked partners must share a group. null = none.
 */
function bruteForce(
  present: number[],
  locks: IdPair[],
  forbids: IdPair[],
  odd: OddMode,
  pairUnits: (a: number, b: number) => number,
): number | null {
  const forbidden = new Set(forbids.map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`));
  const allowed = (a: number, b: number) => !forbidden.has(`${Math.min(a, b)}-${Math.max(a, b)}`);
  const partner = new Map<number, number>();
  for (const [a, b] of locks) {
    partner.set(a, b);
    partner.set(b, a);
  }
  const keepsLocks = (group: number[]) => group.every((id) => !partner.has(id) || group.includes(partner.get(id)!));
  const needsExtra = present.length % 2 === 1;
  let best: number | null = null;
  const search = (rest: number[], extraUsed: boolean, total: number): void => {
    if (rest.length === 0) {
      if (extraUsed === needsExtra && (best === null || total > best)) best = total;
      return;
    }
    const [p, ...others] = rest;
    others.forEach((q, i) => {
      if (allowed(p, q) && keepsLocks([p, q])) search(others.filter((_, k) => k !== i), extraUsed, total + pairUnits(p, q));
    });
    if (!needsExtra || extraUsed) return;
    if (odd === 'solo' && !partner.has(p)) search(others, true, total);
    if (odd === 'trio') {
      for (let i = 0; i < others.length; i++) {
        for (let j = i + 1; j < others.length; j++) {
          const [q, r] = [others[i], others[j]];
          if (!allowed(p, q) || !allowed(p, r) || !allowed(q, r) || !keepsLocks([p, q, r])) continue;
          const links = [pairUnits(p, q), pairUnits(p, r), pairUnits(q, r)].sort((x, y) => y - x);
          search(others.filter((_, k) => k !== i && k !== j), true, total + links[0] + links[1]);
        }
      }
    }
  };
  search(present, false, 0);
  return best;
}

const AREAS: Area[] = [
  { id: 1, name: 'a1', minExperts: 2 },
  { id: 2, name: 'a2', minExperts: 3 },
  { id: 3, name: 'a3', minExperts: 1 },
  { id: 4, name: 'a4', minExperts: 0 },
];

/** The README's coverage term, written out independently: 1 for a bus factor of 0 or 1, ½ below the minimum, else 0. */
function readmeCoverage(areaId: number, team: readonly Person[]): number {
  const experts = team.filter((p) => (p.levels[areaId] ?? 0) >= 4).length;
  const min = AREAS.find((a) => a.id === areaId)!.minExperts!;
  return experts <= 1 ? 1 : experts < min ? 0.5 : 0;
}

const roundArb = fc
  .record({
    present: fc.integer({ min: 2, max: 10 }),
    away: fc.integer({ min: 0, max: 2 }),
    odd: fc.constantFrom<OddMode>('trio', 'solo'),
    weights: fc.record({
      mentoring: fc.constantFrom(0, 0.5, 1, 2.7, 3),
      rotation: fc.constantFrom(0, 1, 2, 1.3),
      coverage: fc.constantFrom(0, 1, 0.25, 4),
    }),
    lockCount: fc.integer({ min: 0, max: 3 }),
    seedOrder: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
  })
  .chain((r) => {
    const size = r.present + r.away;
    const personArb = fc.record({
      levels: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }),
      interests: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
    });
    const pairArb = fc.tuple(fc.integer({ min: 1, max: r.present }), fc.integer({ min: 1, max: r.present }));
    return fc.record({
      round: fc.constant(r),
      people: fc.array(personArb, { minLength: size, maxLength: size }),
      history: fc.array(fc.tuple(pairArb, fc.integer({ min: 0, max: 400 })), { maxLength: 20 }),
      forbids: fc.array(pairArb, { maxLength: 25 }),
    });
  })
  .map(({ round, people, history, forbids }) => {
    const team = people.map((p, i) =>
      person(i + 1, `P${i + 1}`, Object.fromEntries(p.levels.map((l, a) => [a + 1, l])), Object.fromEntries(p.interests.map((x, a) => [a + 1, x]))),
    );
    const presentIds = team.slice(0, round.present).map((p) => p.id);
    // Disjoint locks from a shuffled copy of the present people.
    const shuffled = [...presentIds].sort((a, b) => round.seedOrder[a % 12] - round.seedOrder[b % 12] || a - b);
    const locks: IdPair[] = [];
    for (let k = 0; k < round.lockCount && 2 * k + 1 < shuffled.length; k++) locks.push([shuffled[2 * k], shuffled[2 * k + 1]]);
    const lockKeys = new Set(locks.map(([a, b]) => pairKey(a, b)));
    const cleanForbids = forbids.filter(([a, b]) => a !== b && !lockKeys.has(pairKey(a, b)));
    const pairHistory: PairHistory = new Map(
      history.filter(([[a, b]]) => a !== b).map(([[a, b], days]) => [pairKey(a, b), { lastPaired: daysAgo(days), count: 1 }]),
    );
    return input(team, {
      presentIds,
      areas: AREAS,
      history: pairHistory,
      weights: round.weights,
      locks,
      forbids: cleanForbids,
      odd: round.odd,
    });
  });

describe('proposePairs is optimal (property test against brute force)', () => {
  it('equals the brute-force optimum and keeps every rule', () => {
    fc.assert(
      fc.property(roundArb, (round) => {
        const ctx = makeScoreContext(round);
        const best = bruteForce([...round.presentIds], [...round.locks], [...round.forbids], round.odd, (a, b) => scorePair(a, b, ctx).units);
        const result = proposePairs(round);
        if (best === null) {
          expect(result).toMatchObject({ ok: false, error: { code: 'cannot-place' } });
          return;
        }
        const proposal = expectProposal(result);
        expect(proposal.totalUnits).toBe(best);
        expect(proposal.boundUnits).toBeNull();
        expect(proposal.groups.reduce((sum, g) => sum + g.units, 0)).toBe(best);

        const placed = proposal.groups.flatMap((g) => g.memberIds);
        expect([...placed].sort((a, b) => a - b)).toEqual([...round.presentIds].sort((a, b) => a - b)); // everyone once
        const groupOf = new Map(proposal.groups.flatMap((g) => g.memberIds.map((id) => [id, g] as const)));
        for (const [a, b] of round.locks) {
          expect(groupOf.get(a)).toBe(groupOf.get(b));
          expect(groupOf.get(a)!.locked).toBe(true);
        }
        for (const [a, b] of round.forbids) expect(groupOf.get(a)).not.toBe(groupOf.get(b));

        const sizes = proposal.groups.map((g) => g.memberIds.length);
        const oddCount = round.presentIds.length % 2 === 1;
        expect(sizes.filter((s) => s === 3)).toHaveLength(oddCount && round.odd === 'trio' ? 1 : 0);
        expect(sizes.filter((s) => s === 1)).toHaveLength(oddCount && round.odd === 'solo' ? 1 : 0);
        for (const g of proposal.groups) expect(g.units).toBe(scoreGroup(g.memberIds, ctx).units);
        for (const g of proposal.groups.filter((x) => x.memberIds.length === 2)) {
          const pair = scorePair(g.memberIds[0], g.memberIds[1], ctx);
          const area = pair.reason.mentoring?.areaId;
          expect(pair.components.coverage).toBe(area === undefined ? 0 : readmeCoverage(area, round.team));
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('the mentor track-record goal', () => {
  const mentor = person(1, '김민아', { 1: 5, 2: 5 });
  const learner = person(2, 'Joon', { 1: 1, 2: 1 }, { 1: 3, 2: 3 });
  const names = { people: new Map([[1, '김민아'], [2, 'Joon']]), areas: new Map([[1, 'contrastive learning'], [2, 'text embedding']]) };
  const record = (entries: Array<[number, number, number]>) => new Map(entries.map(([m, a, n]) => [trackKey(m, a), n]));
  const ctxWith = (weights: Weights, trackRecord: Map<string, number>) => makeScoreContext({ team: [mentor, learner], areas: [CL, EMB], history: new Map(), weights, now: NOW, trackRecord });

  it('adds w·min(learners, 3)/3 in the area where the mentor helped, and says so', () => {
    const w = { mentoring: 1, rotation: 0, coverage: 0, trackRecord: 2 };
    const units = (n: number) => scorePair(1, 2, ctxWith(w, record([[1, 2, n]]))).units;
    expect([0, 1, 2, 3, 7].map(units)).toEqual([1000, 1667, 2333, 3000, 3000]);
    const pair = scorePair(1, 2, ctxWith(w, record([[1, 2, 3]])));
    // The bonus moves the mentoring into text embedding, where the mentor's learners rose.
    expect(pair.reason.mentoring?.areaId).toBe(2);
    expect(pair.reason.trackRecord).toEqual({ learners: 3 });
    expect(describeReason(pair.reason, t, names)).toBe('김민아 (5) mentors Joon (1, top focus) in text embedding · never paired · raises a single-expert area · 김민아 has helped 3 learners grow in text embedding');
  });

  it('with weight 0 changes nothing, not even the reason', () => {
    const withRecord = scorePair(1, 2, ctxWith({ ...DEFAULT_WEIGHTS, trackRecord: 0 }, record([[1, 2, 3]])));
    const without = scorePair(1, 2, context([mentor, learner]));
    expect(withRecord.units).toBe(without.units);
    expect(withRecord.reason).toEqual(without.reason);
    expect('trackRecord' in withRecord.reason).toBe(false);
  });

  const recordArb = fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 })), { maxLength: 12 }).map(record);

  it('weight 0: every proposal equals the one without a track record (property)', () => {
    fc.assert(
      fc.property(roundArb, recordArb, (round, trackRecord) => {
        const today = proposePairs({ ...round, weights: { mentoring: round.weights.mentoring, rotation: round.weights.rotation, coverage: round.weights.coverage } });
        expect(proposePairs({ ...round, weights: { ...round.weights, trackRecord: 0 }, trackRecord })).toEqual(today);
      }),
      { numRuns: 300 },
    );
  });

  it('weight > 0: the proposal is still the brute-force optimum and every counted bonus is explained (property)', () => {
    fc.assert(
      fc.property(roundArb, recordArb, fc.constantFrom(0.5, 1, 3), (round, trackRecord, weight) => {
        const input = { ...round, weights: { ...round.weights, trackRecord: weight }, trackRecord };
        const ctx = makeScoreContext(input);
        const best = bruteForce([...input.presentIds], [...input.locks], [...input.forbids], input.odd, (a, b) => scorePair(a, b, ctx).units);
        const result = proposePairs(input);
        if (best === null) return;
        const proposal = expectProposal(result);
        expect(proposal.totalUnits).toBe(best);
        for (const g of proposal.groups) {
          const links = g.reason.kind === 'pair' ? [g.reason] : g.reason.kind === 'trio' ? g.reason.links : [];
          for (const link of links) {
            const m = link.mentoring;
            const learners = m ? (trackRecord.get(trackKey(m.mentor.id, m.areaId)) ?? 0) : 0;
            expect(link.trackRecord).toEqual(learners > 0 ? { learners } : undefined);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
