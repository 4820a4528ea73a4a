// Solving a work split with HiGHS from the greedy start, then explaining the result.
import { solveLp } from '../highs.ts';
import { bestGreedy, placeOwners } from './greedy.ts';
import { summariseIn } from './explain.ts';
import { modelFor, parseSolution, startValues } from './model.ts';
import { prepare } from './rules.ts';
import type { SolveWorkSplitOptions, WorkSplitResult, WorkSplitStatus, WorkSplitInput } from './types.ts';

/** Plans the split with HiGHS, starting from the best greedy plan, and explains the result. */
export async function solveWorkSplit(input: WorkSplitInput, options: SolveWorkSplitOptions): Promise<WorkSplitResult> {
  const startedAt = performance.now();
  const { onProgress } = options;
  onProgress?.({ phase: 'building' });
  const ctx = prepare(input);
  const model = modelFor(ctx);
  const greedy = bestGreedy(ctx);
  onProgress?.({ phase: 'solving', columns: model.owners.length + model.buddies.length, rows: model.rows });
  const lp = await solveLp(model.lp, {
    timeLimitSec: options.timeLimitSec,
    start: startValues(model, greedy),
    onProgress: onProgress && ((progress) => onProgress({ phase: 'progress', ...progress })),
  });
  if (lp.status === 'infeasible' || lp.status === 'other') throw new Error(`work split: the solver ended with status ${lp.status}`);
  const assignments = lp.values.size > 0 ? [...parseSolution(model, lp.values).assignments] : greedy.assignments.map((c) => ({ ...c }));
  // Only a search cut short by the time limit can leave an item that someone still has room for.
  placeOwners(ctx, assignments);
  const summary = summariseIn(ctx, assignments);
  // Stopped before its first bound, HiGHS has none; the capacity-free bound is weaker but proven.
  const bound = lp.bound ?? model.looseBound;
  const gap = Math.max(0, bound - summary.objective) / Math.max(1, Math.abs(summary.objective));
  const status: WorkSplitStatus = ctx.pinErrors.length > 0 ? 'infeasible_pins' : lp.timedOut ? 'time_limit' : 'optimal';
  const seconds = (performance.now() - startedAt) / 1000;
  onProgress?.({ phase: 'done', status, seconds });
  return { status, ...summary, bound, gap, pinErrors: [...ctx.pinErrors], greedy: { ...summariseIn(ctx, greedy.assignments), rule: greedy.rule }, seconds };
}

