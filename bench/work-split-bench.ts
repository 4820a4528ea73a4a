// Work-split benchmark: seeded random teams, median solve time, optimality or gap, greedy against the MIP.
import { pathToFileURL } from 'node:url';
import { solveWorkSplit, type Priority, type WorkItem, type WorkMember, type WorkSplitInput } from '../src/planning/work-split/index.ts';
import { seededRandom } from '../src/db/seed/random.ts';

export interface BenchCase {
  members: number;
  items: number;
}

export interface BenchRow extends BenchCase {
  medianMs: number;
  /** CPU time of the same runs: on a busy machine wall time says more about the neighbours. */
  medianCpuMs: number;
  runs: number;
  status: string;
  gap: number;
  objective: number;
  greedy: number;
  /** Which of the simple rules made the best greedy plan. */
  greedyRule: string;
  placed: number;
  greedyPlaced: number;
}


/**
 * A team shaped like the product's: levels skewed low (most people are experts in one or two
 * areas), capacities of 10–20 points of which deals take up to 4, items of 1–8 points with 1–3
 * requirements at levels 2–4, a few exclusions, buddies on.
 */
export function randomInstance({ members, items }: BenchCase, seed: number): WorkSplitInput {
  const random = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(weighted: ReadonlyArray<readonly [T, number]>): T => {
    let r = random() * weighted.reduce((t, [, w]) => t + w, 0);
    for (const [value, w] of weighted) if ((r -= w) < 0) return value;
    return weighted[weighted.length - 1][0];
  };
  const areaIds = Array.from({ length: Math.max(6, Math.round(members / 4)) }, (_, k) => k + 1);
  const levelWeights = [[0, 30], [1, 20], [2, 20], [3, 15], [4, 10], [5, 5]] as const;
  const team: WorkMember[] = Array.from({ length: members }, (_, k) => {
    const budget = int(10, 20);
    const committed = int(0, 4);
    return {
      id: k + 1,
      name: `Member ${k + 1}`,
      capacity: budget - committed,
      committed,
      levels: Object.fromEntries(areaIds.map((a) => [a, pick(levelWeights)])),
      interests: Object.fromEntries(areaIds.map((a) => [a, int(0, 3)])),
    };
  });
  const priorities = [['high', 2], ['normal', 6], ['low', 2]] as const satisfies ReadonlyArray<readonly [Priority, number]>;
  const work: WorkItem[] = Array.from({ length: items }, (_, k) => {
    const areas = [...areaIds];
    for (let k = areas.length - 1; k > 0; k--) {
      const j = int(0, k);
      [areas[k], areas[j]] = [areas[j], areas[k]];
    }
    return {
      id: k + 1,
      title: `Item ${k + 1}`,
      effort: int(1, 8),
      priority: pick(priorities),
      requirements: areas.slice(0, int(1, 3)).map((areaId) => ({ areaId, minLevel: int(2, 4) })),
    };
  });
  const exclusions = Array.from({ length: Math.round(items / 10) }, () => ({ itemId: int(1, items), memberId: int(1, members) }));
  return { members: team, items: work, exclusions, buddies: true, areaNames: Object.fromEntries(areaIds.map((a) => [a, `area ${a}`])) };
}

export async function benchWorkSplit(cases: readonly BenchCase[], seed: number, { runs = 3, timeLimitSec = 5 } = {}): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const benchCase of cases) {
    const input = randomInstance(benchCase, seed);
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let last = await solveWorkSplit(input, { timeLimitSec });
    for (let run = 0; run < runs; run++) {
      const cpuBefore = process.cpuUsage();
      last = await solveWorkSplit(input, { timeLimitSec });
      const cpu = process.cpuUsage(cpuBefore);
      times.push(last.seconds * 1000);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
    }
    rows.push({
      ...benchCase,
      medianMs: median(times),
      medianCpuMs: median(cpuTimes),
      runs,
      status: last.status,
      gap: last.gap,
      objective: last.objective,
      greedy: last.greedy.objective,
      greedyRule: last.greedy.rule,
      placed: last.assignments.length,
      greedyPlaced: last.greedy.assignments.length,
    });
  }
  return rows;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function formatRow(row: BenchRow): string {
  const outcome = row.status === 'optimal' ? 'optimal' : `${row.status}, gap ${(row.gap * 100).toFixed(2)}%`;
  return [
    `${row.members} members × ${row.items} items: median ${row.medianMs.toFixed(0)} ms (${row.medianCpuMs.toFixed(0)} ms CPU) over ${row.runs} runs (${outcome})`,
    `  MIP ${row.objective.toFixed(2)} (${row.placed}/${row.items} placed) · best greedy (${row.greedyRule}) ${row.greedy.toFixed(2)} (${row.greedyPlaced} placed) · greedy reaches ${((row.greedy / row.objective) * 100).toFixed(1)}%`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seed = Number(process.env.SEED ?? 20240601);
  const rows = await benchWorkSplit(
    [
      { members: 12, items: 40 },
      { members: 40, items: 150 },
    ],
    seed,
  );
  console.log(`work split (seed ${seed}; first run warms the solver up and is not timed)`);
  for (const row of rows) console.log(formatRow(row));
}
