// Maximum-weight matching on a general graph: a typed, validated wrapper around `edmonds-blossom`.
import blossom from 'edmonds-blossom';

/** An undirected edge `[u, v, weight]` between vertices numbered 0..n-1. */
export type WeightedEdge = readonly [u: number, v: number, weight: number];

export type MatchingOptions = {
  /** Prefer matchings with the most edges, then the most weight (as in the library). Default false. */
  maxCardinality?: boolean;
};

/**
 * Largest |weight| accepted. The library works on doubled weights plus dual variables, so weights
 * stay far below 2^53 to keep every intermediate value an exact integer.
 */
export const MAX_EDGE_WEIGHT = 2 ** 40;

/**
 * Returns the mate of every vertex 0..n-1 (-1 = unmatched) in a maximum-weight matching.
 * Weights must be integers: the library decides optimality with exact comparisons (`slack <= 0`,
 * `dual === 0`), which rounding errors break, so callers scale fractional scores to integers first.
 * Throws RangeError on invalid input (non-integer vertex or weight, out of range, self-loop, duplicate edge).
 */
export function maxWeightMatching(
  n: number,
  edges: readonly WeightedEdge[],
  opts: MatchingOptions = {},
): number[] {
  validateGraph(n, edges);
  const mate = new Array<number>(n).fill(-1);
  if (edges.length === 0) return mate; // the library returns its (empty) input here, not a mate array
  // The library sizes its mate array by the largest vertex index it sees; copy it into a full-length one.
  const raw = blossom(
    edges.map(([u, v, w]) => [u, v, w]),
    opts.maxCardinality === true,
  );
  raw.forEach((m, v) => {
    mate[v] = m;
  });
  assertMatching(mate, edges);
  return mate;
}

/** Sum of the weights of the matched edges (each edge counted once). */
export function matchingWeight(mate: readonly number[], edges: readonly WeightedEdge[]): number {
  let total = 0;
  for (const [u, v, w] of edges) if (mate[u] === v) total += w;
  return total;
}

function validateGraph(n: number, edges: readonly WeightedEdge[]): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`vertex count must be a non-negative integer, got ${n}`);
  const seen = new Set<number>();
  edges.forEach(([u, v, w], k) => {
    for (const x of [u, v]) {
      if (!Number.isInteger(x) || x < 0 || x >= n) throw new RangeError(`edge ${k}: vertex ${x} is not an integer in 0..${n - 1}`);
    }
    if (u === v) throw new RangeError(`edge ${k}: self-loop on vertex ${u}`);
    if (!Number.isInteger(w) || Math.abs(w) > MAX_EDGE_WEIGHT) {
      throw new RangeError(`edge ${k}: weight ${w} is not an integer within ±${MAX_EDGE_WEIGHT} (scale scores to integers)`);
    }
    const key = Math.min(u, v) * n + Math.max(u, v);
    if (seen.has(key)) throw new RangeError(`edge ${k}: duplicate edge ${u}–${v}`);
    seen.add(key);
  });
}

/** Cheap guard on the library's answer: mates are symmetric and every matched pair is an edge. */
function assertMatching(mate: readonly number[], edges: readonly WeightedEdge[]): void {
  let matchedEdges = 0;
  for (const [u, v] of edges) if (mate[u] === v) matchedEdges++;
  const matchedVertices = mate.filter((m, v) => m !== -1 && mate[m] === v).length;
  const claimed = mate.filter((m) => m !== -1).length;
  if (claimed !== matchedVertices || 2 * matchedEdges !== claimed) {
    throw new Error('edmonds-blossom returned an inconsistent matching');
  }
}
