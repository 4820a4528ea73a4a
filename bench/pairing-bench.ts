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

const t = (key: string, params: Record<string, string | number> = {}) =>
  ((pairingMessages as Record<string, string>)[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));

/** One timed proposal, including the sentences the page would show. */
function timeOnce(round: ProposeInput): number {
  const start = performance.now();
  const result = proposePairs(round);
  if (!result.ok) throw new Error(`benchmark round failed: ${JSON.stringify(result.error)}`);
  const names = { people: new Map(round.team.map((p) => [p.id, p.name])), areas: new Map(round.areas.map((a) => [a.id, a.name])) };
  for (const g of result.proposal.groups) describeReason(g.reason, t, names);
  return performance.now() - start;
}

/** Median wall time (ms) of RUNS proposals per team size; odd sizes exercise the trio. */
export function benchPairing(sizes: number[], seed: number): BenchResult[] {
  return sizes.map((size) => {
    const round = randomRound(size, seed + size);
    const coldMs = timeOnce(round); // also warms up the JIT
    const runsMs = Array.from({ length: RUNS }, () => timeOnce(round));
    const sorted = [...runsMs].sort((a, b) => a - b);
    return { people: size, odd: size % 2 === 1 ? 'trio' : 'even', medianMs: sorted[Math.floor(RUNS / 2)], runsMs, coldMs };
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of benchPairing([60, 61, 300, 301], 42)) {
    console.log(`${String(r.people).padStart(4)} people (${r.odd.padEnd(4)}): median ${r.medianMs.toFixed(1)} ms (cold ${r.coldMs.toFixed(1)} ms)`);
  }
}
