// The odd round with one trio: best-first branch and bound over the joiner→hub relaxation (see solve.ts's header).
import { trioUnits } from './score.ts';
import { allowedUnits, canJoinLock, lockUnits, perfectMatching, type Arrangement, type LockedPair, type Outcome, type Round, type SearchLimit } from './round.ts';

/** Whom a joiner links to in the trio: a free person (whose partner is only known after matching) or a locked pair. */
type Hub = { kind: 'person'; id: number; bonus: number } | { kind: 'lock'; lock: LockedPair; bonus: number };

/** A solved node of the trio search: its value bounds every arrangement it stands for. */
type TrioNode = {
  units: number;
  arrangement: Arrangement;
  /** Set when the trio is invalid (the joiner is forbidden with its hub's partner), with the joiner→hub
   * links (`${joiner}>${hub}`) this node was already barred from. */
  conflict: { joiner: number; hub: number; excluded: ReadonlySet<string> } | null;
};

/** Each free person's best hub as a joiner, skipping excluded links. */
function bestHubs(round: Round, excluded: ReadonlySet<string>): Map<number, Hub> {
  const hubs = new Map<number, Hub>();
  for (const x of round.free) {
    let best: Hub | null = null;
    for (const a of round.free) {
      if (!round.allowed(x, a) || excluded.has(`${x}>${a}`)) continue;
      const bonus = round.units(x, a);
      if (best === null || bonus > best.bonus) best = { kind: 'person', id: a, bonus };
    }
    for (const lock of round.locks) {
      if (!canJoinLock(round, x, lock)) continue;
      const bonus = trioUnits(lock.units, round.units(x, lock.a), round.units(x, lock.b)) - lock.units;
      if (best === null || bonus > best.bonus) best = { kind: 'lock', lock, bonus };
    }
    if (best !== null) hubs.set(x, best);
  }
  return hubs;
}

/** Relaxation: every joiner takes its best hub, ignoring forbids between the joiner and the hub's partner. */
function relaxedTrioNode(round: Round, excluded: ReadonlySet<string>): TrioNode | { unmatched: number[] } {
  const hubs = bestHubs(round, excluded);
  const m = perfectMatching(round.free, allowedUnits(round), (x) => hubs.get(x)?.bonus ?? null);
  if (!m.ok) return { unmatched: m.unmatched };
  const joiner = m.dummyMate!;
  const hub = hubs.get(joiner)!;
  const units = m.units + lockUnits(round);
  if (hub.kind === 'lock') {
    return { units, arrangement: { pairs: m.pairs, trio: [hub.lock.a, hub.lock.b, joiner], solo: null }, conflict: null };
  }
  const hubPair = m.pairs.find((p) => p.includes(hub.id))!;
  const partner = hubPair[0] === hub.id ? hubPair[1] : hubPair[0];
  const arrangement = { pairs: m.pairs.filter((p) => p !== hubPair), trio: [hub.id, partner, joiner], solo: null };
  const conflict = round.allowed(joiner, partner) ? null : { joiner, hub: hub.id, excluded };
  return { units, arrangement, conflict };
}

/** Exact node "joiner x links to hub a": the hub may only pair with people the joiner is allowed with. */
function joinedTrioNode(round: Round, joiner: number, hub: number): TrioNode | null {
  const rest = round.free.filter((id) => id !== joiner);
  const fitsHub = (a: number, b: number) => (a !== hub || round.allowed(joiner, b)) && (b !== hub || round.allowed(joiner, a));
  const m = perfectMatching(rest, (a, b) => (round.allowed(a, b) && fitsHub(a, b) ? round.units(a, b) : null));
  if (!m.ok) return null;
  const hubPair = m.pairs.find((p) => p.includes(hub))!;
  const partner = hubPair[0] === hub ? hubPair[1] : hubPair[0];
  return {
    units: m.units + round.units(joiner, hub) + lockUnits(round),
    arrangement: { pairs: m.pairs.filter((p) => p !== hubPair), trio: [hub, partner, joiner], solo: null },
    conflict: null,
  };
}

/**
 * A valid arrangement near an invalid relaxed one, found without a matching: either the joiner leaves its hub
 * and partner as a pair and joins the pair (or locked pair) where it adds most, or it keeps its hub and takes
 * a third person c from another pair (c, d) instead of the partner, who then pairs with d. Null if none fits.
 */
function repairedTrioNode(round: Round, node: TrioNode): TrioNode | null {
  const [hub, partner, joiner] = node.arrangement.trio!;
  const pairs = node.arrangement.pairs;
  const u = round.units;
  const base = pairs.reduce((sum, [a, b]) => sum + u(a, b), 0) + lockUnits(round);
  let best: TrioNode | null = null;
  const consider = (units: number, trio: number[], rest: Array<[number, number]>) => {
    if (best === null || units > best.units) best = { units, arrangement: { pairs: rest, trio, solo: null }, conflict: null };
  };
  const trio = (a: number, b: number, c: number) => trioUnits(u(a, b), u(a, c), u(b, c));
  pairs.forEach(([c, d], i) => {
    const others = pairs.filter((_, k) => k !== i);
    if (round.allowed(joiner, c) && round.allowed(joiner, d)) {
      consider(base - u(c, d) + trio(c, d, joiner) + u(hub, partner), [c, d, joiner], [...others, [hub, partner]]);
    }
    for (const [third, left] of [[c, d], [d, c]]) {
      if (round.allowed(joiner, third) && round.allowed(hub, third) && round.allowed(partner, left)) {
        consider(base - u(c, d) + trio(hub, joiner, third) + u(partner, left), [hub, third, joiner], [...others, [partner, left]]);
      }
    }
  });
  for (const lock of round.locks) {
    if (canJoinLock(round, joiner, lock)) consider(base - lock.units + trio(lock.a, lock.b, joiner) + u(hub, partner), [lock.a, lock.b, joiner], [...pairs, [hub, partner]]);
  }
  return best;
}

/**
 * Best-first branch and bound over the joiner→hub relaxation (exact; see solve.ts's header). A contrived
 * pattern of forbids costs a matching per conflict, so past the time limit the search returns the best valid
 * arrangement it has found, with the bound no arrangement can beat.
 */
export function solveTrio(round: Round, limit: SearchLimit): Outcome {
  const deadline = limit.start + limit.timeLimitMs;
  const rootStart = limit.clock();
  const root = relaxedTrioNode(round, new Set());
  if ('unmatched' in root) return { ok: false, personIds: root.unmatched };
  // What one more matching costs, about: the search stops before one that would end past the deadline.
  const matchingMs = limit.clock() - rootStart;
  const open: TrioNode[] = [root];
  let found: TrioNode | null = null;
  const keep = (node: TrioNode | null) => {
    if (node !== null && (found === null || node.units > found.units)) found = node;
  };
  // Past the deadline: the best valid arrangement found, and the node being expanded bounds every other.
  const stop = (node: TrioNode): Outcome | null =>
    found !== null && limit.clock() + matchingMs >= deadline ? { ok: true, arrangement: found.arrangement, boundUnits: node.units } : null;
  while (open.length > 0) {
    const node = takeBest(open);
    if (node.conflict === null) return { ok: true, arrangement: node.arrangement, boundUnits: null };
    const { joiner, hub, excluded } = node.conflict;
    const repaired = repairedTrioNode(round, node);
    keep(repaired);
    const before = stop(node);
    if (before !== null) return before;
    const joined = joinedTrioNode(round, joiner, hub);
    keep(joined);
    const after = stop(node);
    if (after !== null) return after;
    const relaxed = relaxedTrioNode(round, new Set(excluded).add(`${joiner}>${hub}`));
    if (!('unmatched' in relaxed)) open.push(relaxed);
    if (joined !== null) open.push(joined);
    if (repaired !== null) open.push(repaired);
  }
  // Every trio the best arrangement could use contains a forbidden pair: its joiner fits nowhere.
  return { ok: false, personIds: [root.arrangement.trio![2]] };
}

/** Removes and returns the highest node, preferring a valid one on ties so the search stops early. */
function takeBest(open: TrioNode[]): TrioNode {
  let best = 0;
  open.forEach((node, i) => {
    const top = open[best];
    if (node.units > top.units || (node.units === top.units && node.conflict === null && top.conflict !== null)) best = i;
  });
  return open.splice(best, 1)[0];
}
