// The parts of the benchmark that run in this process: the CSV import's write lock and the planners.
import { benchImport, type ImportBenchResult } from './import-bench.ts';
import { benchPairing, benchPairingWorst, type BenchResult, type WorstResult } from './pairing-bench.ts';
import { benchWorkSplit, type BenchRow } from './work-split-bench.ts';
import { benchStudySchedule, type ScheduleBenchRow } from './study-schedule-bench.ts';

export type Planners = { import: ImportBenchResult | null; pairing: BenchResult[] | null; pairingWorst: WorstResult[] | null; workSplit: BenchRow[] | null; studySchedule: ScheduleBenchRow | null };

export async function runPlanners(o: { import: boolean; planners: boolean; importMembers: number; seed: number; say: (s: string) => void }): Promise<Planners> {
  const out: Planners = { import: null, pairing: null, pairingWorst: null, workSplit: null, studySchedule: null };
  if (o.import) {
    o.say(`  import: ${o.importMembers} members × 24 areas\n`);
    out.import = await benchImport(o.importMembers);
  }
  if (o.planners) {
    o.say('  planners: pairing');
    out.pairing = benchPairing([60, 300], o.seed);
    out.pairingWorst = benchPairingWorst(301, o.seed);
    o.say(', work split');
    out.workSplit = await benchWorkSplit([{ members: 12, items: 40 }, { members: 40, items: 150 }], o.seed);
    o.say(', study schedule\n');
    out.studySchedule = await benchStudySchedule(o.seed);
  }
  return out;
}
