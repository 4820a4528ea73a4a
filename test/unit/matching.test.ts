import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_EDGE_WEIGHT, matchingWeight, maxWeightMatching, type WeightedEdge } from '../../src/planning/matching.ts';

/** Independent brute force: best [cardinality, weight] over all matchings (cardinality ignored unless asked). */
function bruteForce(n: number, edges: readonly WeightedEdge[], maxCardinality: boolean): { size: number; weight: number } {
  const w = new Map<number, number>(edges.map(([u, v, x]) => [Math.min(u, v) * n + Math.max(u, v), x]));
  const used = new Array<boolean>(n).fill(false);
  let best = { size: -1, weight: -Infinity };
  const better = (size: number, weight: number) =>
    maxCardinality ? size > best.size || (size === best.size && weight > best.weight) : weight > best.weight;
  const go = (i: number, size: number, weight: number): void => {
    while (i < n && used[i]) i++;
    if (i === n) {
      if (better(size, weight)) best = { size, weight };
      return;
    }
    used[i] = true;
    go(i + 1, size, weight); // i stays unmatched
    for (let j = i + 1; j < n; j++) {
      const x = w.get(i * n + j);
      if (used[j] || x === undefined) continue;
      used[j] = true;
      go(i + 1, size + 1, weight + x);
      used[j] = false;
    }
    used[i] = false;
  };
  go(0, 0, 0);
  return best;
}

const graphArb = (minWeight: number, maxWeight: number) =>
  fc.integer({ min: 0, max: 10 }).chain((n) =>
    fc
      .uniqueArray(
        fc.tuple(fc.integer({ min: 0, max: Math.max(0, n - 1) }), fc.integer({ min: 0, max: Math.max(0, n - 1) })),
        { selector: ([u, v]) => `${Math.min(u, v)}:${Math.max(u, v)}`, maxLength: 45 },
      )
      .map((pairs) => pairs.filter(([u, v]) => u !== v && n > 0))
      .chain((pairs) =>
        fc
          .array(fc.integer({ min: minWeight, max: maxWeight }), { minLength: pairs.length, maxLength: pairs.length })
          .map((ws) => ({ n, edges: pairs.map(([u, v], k): WeightedEdge => [u, v, ws[k]]) })),
      ),
  );

function checkAgainstBruteForce(n: number, edges: WeightedEdge[], maxCardinality: boolean): void {
  const mate = maxWeightMatching(n, edges, { maxCardinality });
  expect(mate).toHaveLength(n);
  mate.forEach((m, v) => {
    if (m !== -1) expect(mate[m]).toBe(v);
  });
  const size = mate.filter((m) => m !== -1).length / 2;
  const best = bruteForce(n, edges, maxCardinality);
  expect(matchingWeight(mate, edges)).toBe(best.weight);
  if (maxCardinality) expect(size).toBe(best.size);
}

describe('maxWeightMatching', () => {
  it('matches the brute-force optimum on random small graphs (plain maximum weight)', () => {
    fc.assert(fc.property(graphArb(0, 50), ({ n, edges }) => checkAgainstBruteForce(n, edges, false)), { numRuns: 600 });
  });

  it('matches the brute-force optimum with maxCardinality (most edges first, then weight)', () => {
    fc.assert(fc.property(graphArb(0, 50), ({ n, edges }) => checkAgainstBruteForce(n, edges, true)), { numRuns: 600 });
  });

  it('handles negative, zero and large integer weights', () => {
    fc.assert(
      fc.property(graphArb(-20, 20), fc.boolean(), ({ n, edges }, maxCardinality) => checkAgainstBruteForce(n, edges, maxCardinality)),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(graphArb(0, 2 ** 30), fc.boolean(), ({ n, edges }, maxCardinality) => checkAgainstBruteForce(n, edges, maxCardinality)),
      { numRuns: 200 },
    );
  });

  it('prefers more edges only when asked', () => {
    // Path 0-1-2-3: the heavy middle edge alone beats the two light outer edges.
    const path: WeightedEdge[] = [[0, 1, 2], [1, 2, 5], [2, 3, 2]];
    expect(maxWeightMatching(4, path)).toEqual([-1, 2, 1, -1]);
    expect(maxWeightMatching(4, path, { maxCardinality: true })).toEqual([1, 0, 3, 2]);
  });

  it('returns a full-length mate array even with no edges or isolated trailing vertices', () => {
    expect(maxWeightMatching(0, [])).toEqual([]);
    expect(maxWeightMatching(3, [])).toEqual([-1, -1, -1]);
    expect(maxWeightMatching(5, [[0, 1, 1]])).toEqual([1, 0, -1, -1, -1]);
  });

  it('rejects invalid graphs', () => {
    expect(() => maxWeightMatching(-1, [])).toThrow(RangeError);
    expect(() => maxWeightMatching(2.5, [])).toThrow(RangeError);
    expect(() => maxWeightMatching(2, [[0, 2, 1]])).toThrow(/vertex 2/);
    expect(() => maxWeightMatching(2, [[-1, 1, 1]])).toThrow(/vertex -1/);
    expect(() => maxWeightMatching(2, [[0.5, 1, 1]])).toThrow(RangeError);
    expect(() => maxWeightMatching(2, [[1, 1, 1]])).toThrow(/self-loop/);
    expect(() => maxWeightMatching(2, [[0, 1, 0.5]])).toThrow(/integer/);
    expect(() => maxWeightMatching(2, [[0, 1, Number.NaN]])).toThrow(RangeError);
    expect(() => maxWeightMatching(2, [[0, 1, MAX_EDGE_WEIGHT + 1]])).toThrow(RangeError);
    expect(() => maxWeightMatching(3, [[0, 1, 1], [1, 0, 2]])).toThrow(/duplicate/);
  });
});
