// The round as the optimiser sees it (free people, locked pairs, allowed links, memoised scores) and its perfect matchings.
import { maxWeightMatching, matchingWeight, type WeightedEdge } from '../matching.ts';
import { scorePair } from './score.ts';
import { pairKey, type OddMode, type ProposeInput, type ScoreContext } from './types.ts';

export type LockedPair = { a: number; b: number; units: number };

/** The round as the optimiser sees it: free (unlocked) people are matched, locked pairs are fixed. */
export type Round = {
  free: number[];
  locks: LockedPair[];
  allowed: (a: number, b: number) => boolean;
  /** Memoised pair score in milli-points. */
  units: (a: number, b: number) => number;
};

/** Pairs among free people plus at most one trio (maybe around a locked pair) or solo. */
export type Arrangement = { pairs: Array<[number, number]>; trio: number[] | null; solo: number | null };

export type Outcome =
  /** boundUnits: null when the arrangement is optimal; otherwise the search stopped at its time limit and no arrangement is worth more. */
  | { ok: true; arrangement: Arrangement; boundUnits: number | null }
  | { ok: false; personIds: number[] };

/** How long a proposal may search, from when on which clock (tests pass their own). */
export type SearchLimit = { timeLimitMs: number; clock: () => number; start: number };

export function makeRound(input: ProposeInput, ctx: ScoreContext): Round {
  const cache = new Map<string, number>();
  const units = (a: number, b: number): number => {
    const key = pairKey(a, b);
    let u = cache.get(key);
    if (u === undefined) {
      u = scorePair(a, b, ctx).units;
      cache.set(key, u);
    }
    return u;
  };
  const forbidden = new Set(input.forbids.map(([a, b]) => pairKey(a, b)));
  const locks = input.locks.map(([a, b]) => ({ a, b, units: units(a, b) }));
  const locked = new Set(locks.flatMap((l) => [l.a, l.b]));
  return {
    free: [...new Set(input.presentIds)].filter((id) => !locked.has(id)),
    locks,
    allowed: (a, b) => a !== b && !forbidden.has(pairKey(a, b)),
    units,
  };
}

export const canJoinLock = (round: Round, x: number, lock: LockedPair) => round.allowed(x, lock.a) && round.allowed(x, lock.b);

/** People who fit no group at all (forbidden from everyone available); in solo mode one of them may sit out. */
export function unplaceable(round: Round, oddMode: OddMode | null): number[] {
  const stuck = round.free.filter(
    (x) =>
      !round.free.some((y) => round.allowed(x, y)) &&
      !(oddMode === 'trio' && round.locks.some((lock) => canJoinLock(round, x, lock))),
  );
  return oddMode === 'solo' && stuck.length === 1 ? [] : stuck;
}

export type Matched = { ok: true; units: number; pairs: Array<[number, number]>; dummyMate: number | null };

/**
 * Maximum-weight perfect matching of `ids` (pairUnits null = not allowed), optionally with one dummy
 * vertex whose edge to x weighs dummyUnits(x). On failure, returns the people a maximum matching leaves over.
 */
export function perfectMatching(
  ids: readonly number[],
  pairUnits: (a: number, b: number) => number | null,
  dummyUnits?: (x: number) => number | null,
): Matched | { ok: false; unmatched: number[] } {
  const edges: WeightedEdge[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const w = pairUnits(ids[i], ids[j]);
      if (w !== null) edges.push([i, j, w]);
    }
  }
  const dummy = ids.length;
  if (dummyUnits !== undefined) {
    ids.forEach((x, i) => {
      const w = dummyUnits(x);
      if (w !== null) edges.push([i, dummy, w]);
    });
  }
  const n = ids.length + (dummyUnits === undefined ? 0 : 1);
  const mate = maxWeightMatching(n, edges, { maxCardinality: true });
  const unmatched = ids.filter((_, i) => mate[i] === -1);
  if (unmatched.length > 0 || (dummyUnits !== undefined && mate[dummy] === -1)) return { ok: false, unmatched };
  const pairs: Array<[number, number]> = [];
  ids.forEach((x, i) => {
    if (mate[i] > i && mate[i] !== dummy) pairs.push([x, ids[mate[i]]]);
  });
  const dummyMate = dummyUnits === undefined ? null : ids[mate[dummy]];
  return { ok: true, units: matchingWeight(mate, edges), pairs, dummyMate };
}

export function allowedUnits(round: Round): (a: number, b: number) => number | null {
  return (a, b) => (round.allowed(a, b) ? round.units(a, b) : null);
}


export const lockUnits = (round: Round) => round.locks.reduce((sum, l) => sum + l.units, 0);
