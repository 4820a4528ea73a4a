import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, proposePairs, type IdPair, type PairRecord, type Person, type ProposeInput } from '../../src/planning/pairing/index.ts';

const NOW = new Date('2025-06-01T00:00:00Z');

/**
 * The trio search's worst pattern in small: X (id 1) is allowed only with k learners, each of whom an
 * expert of their own prefers, and X paired with all of them today. Each learner is one more conflict.
 */
function contrived(k: number): ProposeInput {
  const team: Person[] = [{ id: 1, name: 'X', levels: Object.fromEntries(Array.from({ length: k }, (_, i) => [i + 1, 5])), interests: {} }];
  const history = new Map<string, PairRecord>();
  const forbids: IdPair[] = [];
  for (let i = 0; i < k; i++) {
    team.push({ id: 2 + i, name: `learner ${i}`, levels: {}, interests: { [i + 1]: 3 } });
    team.push({ id: 2 + k + i, name: `expert ${i}`, levels: { [i + 1]: 5 }, interests: {} });
    history.set(`1:${2 + i}`, { lastPaired: NOW, count: 1 });
    forbids.push([1, 2 + k + i]);
  }
  team.sort((a, b) => a.id - b.id);
  const areas = Array.from({ length: k }, (_, i) => ({ id: i + 1, name: `area ${i + 1}`, minExperts: 2 }));
  return { team, presentIds: team.map((p) => p.id), areas, history, weights: DEFAULT_WEIGHTS, locks: [], forbids, odd: 'trio', now: NOW };
}

/** A clock that moves on by `step` every time it is read. */
function ticking(step: number) {
  let now = 0;
  return () => (now += step);
}

describe('proposePairs under a time limit', () => {
  const round = contrived(8);
  const exact = proposePairs(round, { timeLimitMs: Number.POSITIVE_INFINITY });

  it('is exact when the search ends in time', () => {
    expect(exact).toMatchObject({ ok: true, proposal: { boundUnits: null } });
  });

  it('past the limit returns the best valid proposal found, with a bound no proposal beats', () => {
    if (!exact.ok) throw new Error('expected a proposal');
    const limited = proposePairs(round, { timeLimitMs: 25, clock: ticking(10) });
    if (!limited.ok) throw new Error('expected a proposal');
    const { groups, totalUnits, boundUnits } = limited.proposal;
    expect(boundUnits).not.toBeNull();
    expect(totalUnits).toBeLessThanOrEqual(exact.proposal.totalUnits);
    expect(boundUnits!).toBeGreaterThan(totalUnits);
    expect(boundUnits!).toBeGreaterThanOrEqual(exact.proposal.totalUnits);
    // Still a valid round: everyone once, one trio, no forbidden pair in a group.
    expect(groups.flatMap((g) => g.memberIds).sort((a, b) => a - b)).toEqual(round.presentIds);
    expect(groups.filter((g) => g.memberIds.length === 3)).toHaveLength(1);
    for (const [a, b] of round.forbids) expect(groups.some((g) => g.memberIds.includes(a) && g.memberIds.includes(b))).toBe(false);
  });
});
