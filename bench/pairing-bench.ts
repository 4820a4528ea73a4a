// Benchmark of the whole pairing proposal (scoring + matching + reasons) on seeded random teams.
import { pathToFileURL } from 'node:url';
import { seededRandom as prng } from '../src/db/seed/random.ts';
import {
  DEFAULT_WEIGHTS,
  pairKey,
  proposePairs,
  type Area,
  type IdPair,
  type PairRecord,
  type Person,
  type ProposeInput,
} from '../src/planning/pairing/index.ts';
import { DAY_MS } from '../src/domain.ts';
import { pairings as pairingMessages } from '../views/i18n/en/pairings.ts';
import { describeReason } from '../views/pairings/reasons.ts';

export type BenchResult = { people: number; odd: 'trio' | 'even'; medianMs: number; runsMs: number[]; /** the first, unwarmed run */ coldMs: number };

const AREA_COUNT = 12;
const RUNS = 5;

/** A team shaped like a real one: mostly mid levels, a few experts, some history, two locks, three forbids. */
export function randomRound(size: number, seed: number): ProposeInput {
  const rnd = prng(seed);
  const pick = (n: number) => Math.floor(rnd() * n);
  const now = new Date('2025-06-01T00:00:00Z');
  const areas: Area[] = Array.from({ length: AREA_COUNT }, (_, i) => ({ id: i + 1, name: `area ${i + 1}`, minExperts: 2 + pick(2) }));
  const team: Person[] = Array.from({ length: size }, (_, i) => ({
    id: i + 1,
    name: `person ${i + 1}`,
    levels: Object.fromEntries(areas.map((a) => [a.id, [0, 1, 1, 2, 2, 3, 3, 4, 5][pick(9)]])),
    interests: Object.fromEntries(areas.map((a) => [a.id, pick(4)])),
  }));
  const history = new Map<string, PairRecord>();
  for (let k = 0; k < size * 3; k++) {
    const [a, b] = [1 + pick(size), 1 + pick(size)];
    if (a !== b) history.set(pairKey(a, b), { lastPaired: new Date(now.getTime() - pick(400) * DAY_MS), count: 1 + pick(3) });
  }
  const locks: IdPair[] = [[1, 2], [3, 4]];
  const forbids: IdPair[] = [[5, 6], [7, 8], [5, 9]];
  return { team, presentIds: team.map((p) => p.id), areas, history, weights: DEFAULT_WEIGHTS, locks, forbids, odd: 'trio', now };
}

/**
 * The worst pattern known for the trio search (issue 10, item 15): `blocked` people, each allowed only with
 * `allowed` learners whom each an expert of their own prefers (and whom the blocked person paired with
 * today), everyone else a peer. Every such learner is one more conflict, each costing a matching.
 */
export function contrivedRound(size: number, blocked: number, allowed: number, seed: number): ProposeInput {
  const base = randomRound(size, seed);
  // One area per learner, so that each learner's expert is theirs alone.
  const areas = Array.from({ length: Math.max(AREA_COUNT, allowed) }, (_, i) => base.areas[i] ?? { id: i + 1, name: `area ${i + 1}`, minExperts: 2 });
  const areaIds = areas.map((a) => a.id);
  const capped = (levels: Readonly<Record<number, number>>) => Object.fromEntries(Object.entries(levels).map(([a, l]) => [a, Math.min(l, 3)]));
  const team: Person[] = base.team.map((p) => ({ ...p, levels: capped(p.levels), interests: {} }));
  const history = new Map(base.history);
  const forbids: IdPair[] = [];
  let next = 1;
  for (let k = 0; k < blocked; k++) {
    const x = team[size - 1 - k];
    x.levels = Object.fromEntries(areaIds.map((a) => [a, 5]));
    const learners = new Set<number>();
    for (let i = 0; i < allowed; i++) {
      const area = areaIds[i % areaIds.length];
      const [learner, expert] = [team[next++ - 1], team[next++ - 1]];
      learner.levels = {};
      learner.interests = { [area]: 3 };
      expert.levels = { [area]: 5 };
      history.set(pairKey(learner.id, x.id), { lastPaired: base.now, count: 1 });
      learners.add(learner.id);
    }
    for (const p of team) if (p.id !== x.id && !learners.has(p.id)) forbids.push([x.id, p.id]);
  }
  return { ...base, team, areas, history, forbids, locks: [] };
}

const t = (key: string, params: Record<string, string | number> = {}) =>
  ((pairingMessages as Record<string, string>)[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));

/** One timed proposal, including the sentences the page would show; `exact` = no time limit was reached. */
function timeOnce(round: ProposeInput): { ms: number; exact: boolean } {
  const start = performance.now();
  const result = proposePairs(round);
  if (!result.ok) throw new Error(`benchmark round failed: ${JSON.stringify(result.error)}`);
  const names = { people: new Map(round.team.map((p) => [p.id, p.name])), areas: new Map(round.areas.map((a) => [a.id, a.name])) };
  for (const g of result.proposal.groups) describeReason(g.reason, t, names);
  return { ms: performance.now() - start, exact: result.proposal.boundUnits === null };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median wall time (ms) of RUNS proposals per team size; odd sizes exercise the trio. */
export function benchPairing(sizes: number[], seed: number): BenchResult[] {
  return sizes.map((size) => {
    const round = randomRound(size, seed + size);
    const coldMs = timeOnce(round).ms; // also warms up the JIT
    const runsMs = Array.from({ length: RUNS }, () => timeOnce(round).ms);
    return { people: size, odd: size % 2 === 1 ? 'trio' : 'even', medianMs: median(runsMs), runsMs, coldMs };
  });
}

export type WorstResult = { case: string; people: number; medianMs: number; maxMs: number; exact: boolean };

/** The contrived patterns at `size` people (odd, so a trio is needed): one person allowed with 10, two such, one with 40. */
export function benchPairingWorst(size: number, seed: number): WorstResult[] {
  const cases: Array<[string, number, number]> = [
    ['one person allowed with 10', 1, 10],
    ['two people allowed with 10 each', 2, 10],
    ['one person allowed with 40', 1, 40],
  ];
  return cases.map(([name, blocked, allowed]) => {
    const round = contrivedRound(size, blocked, allowed, seed + size);
    const runs = Array.from({ length: 3 }, () => timeOnce(round));
    const ms = runs.map((r) => r.ms);
    return { case: name, people: size, medianMs: median(ms), maxMs: Math.max(...ms), exact: runs.every((r) => r.exact) };
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of benchPairing([60, 61, 300, 301], 42)) {
    console.log(`${String(r.people).padStart(4)} people (${r.odd.padEnd(4)}): median ${r.medianMs.toFixed(1)} ms (cold ${r.coldMs.toFixed(1)} ms)`);
  }
  for (const r of benchPairingWorst(301, 42)) {
    console.log(`${r.people} people, ${r.case}: median ${r.medianMs.toFixed(1)} ms, max ${r.maxMs.toFixed(1)} ms${r.exact ? '' : ' (time limit: best found)'}`);
  }
}
