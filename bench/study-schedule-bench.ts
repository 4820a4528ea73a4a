// Study-schedule benchmark: a seeded 40-person season with 60 candidate papers and 24 sessions, median plan time.
import { planSchedule, sessionDates, type ScheduleInput } from '../src/planning/study-schedule/index.ts';
import { seededRandom } from '../src/db/seed/random.ts';

export interface ScheduleBenchRow {
  people: number;
  papers: number;
  sessions: number;
  medianMs: number;
  runs: number;
  status: string;
  unmet: number;
}

/** A season shaped like the product's: a dozen areas, levels skewed low, a few away dates each, 0–8 votes a paper, some locks. */
export function randomSeason(people: number, papers: number, sessions: number, seed: number): ScheduleInput {
  const random = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const days = sessionDates({ startsOn: '2027-01-07', endsOn: '2027-12-30', weekday: 4, skipDates: [] }).slice(0, sessions);
  const areaIds = Array.from({ length: 12 }, (_, k) => k + 1);
  const risks = [null, null, null, 'thin', 'single', 'blocker'] as const;
  return {
    days,
    areas: areaIds.map((id) => ({ id, risk: risks[int(0, risks.length - 1)], focus: id <= 3 })),
    papers: Array.from({ length: papers }, (_, k) => ({ id: k + 1, votes: int(0, 8), areaIds: [...new Set([int(1, 12), int(1, 12)])] })),
    participants: Array.from({ length: people }, (_, k) => ({
      id: k + 1,
      noPresenting: random() < 0.1,
      away: days.filter(() => random() < 0.1),
      skills: Object.fromEntries(areaIds.map((a) => [a, { level: Math.min(5, Math.floor(random() ** 2 * 6)), interest: int(0, 3) }])),
    })),
    locks: { paperOnDay: [{ paperId: 5, day: days[3] }], presenterOfPaper: [{ personId: 2, paperId: 7 }] },
  };
}

export async function benchStudySchedule(seed: number, runs = 7): Promise<ScheduleBenchRow> {
  const input = randomSeason(40, 60, 24, seed);
  await planSchedule(input); // HiGHS loads its WebAssembly once
  const times: number[] = [];
  let last = await planSchedule(input);
  for (let k = 0; k < runs; k++) {
    const started = performance.now();
    last = await planSchedule(input);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { people: 40, papers: 60, sessions: 24, medianMs: times[times.length >> 1], runs, status: last.status, unmet: last.unmet.length };
}
