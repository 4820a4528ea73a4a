// The schedule planner in its worker: the same plan as in process, and the event loop keeps turning meanwhile.
import { describe, expect, it } from 'vitest';
import { randomSeason } from '../../bench/study-schedule-bench.ts';
import { planSchedule } from '../../src/planning/study-schedule/index.ts';
import { planScheduleInWorker } from '../../src/study/schedule-runner.ts';
import { longestPause } from '../event-loop.ts';

describe('planScheduleInWorker', () => {
  it('answers as planSchedule does', async () => {
    const season = randomSeason(12, 20, 8, 3);
    expect(await planScheduleInWorker(season)).toEqual(await planSchedule(season));
  }, 30_000);

  it('keeps the event loop turning while a full-size season is planned', async () => {
    const season = randomSeason(40, 60, 24, 5);
    await planScheduleInWorker(randomSeason(3, 3, 2, 1)); // the worker is up
    let plan: Awaited<ReturnType<typeof planScheduleInWorker>> | undefined;
    const started = performance.now();
    const pause = await longestPause(async () => {
      plan = await planScheduleInWorker(season);
    });
    expect(plan?.status).toBe('optimal');
    expect(pause).toBeLessThan(Math.max(50, (performance.now() - started) / 2));
  }, 30_000);
});
