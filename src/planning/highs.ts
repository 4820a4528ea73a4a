// Our only door to the HiGHS WebAssembly solver: load it once, solve CPLEX LP text under a time limit.
import loadHighs, { type Highs, type Model } from 'highs';

export type LpStatus = 'optimal' | 'time_limit' | 'infeasible' | 'other';

export interface LpSolution {
  status: LpStatus;
  /** Objective of the best solution found; null when the solver has none. */
  objective: number | null;
  /** Proven bound on the optimum (an upper bound when maximising); null when unknown. */
  bound: number | null;
  /** Column values by name; empty when the solver has no solution. */
  values: Map<string, number>;
  /** HiGHS's relative gap between `objective` and `bound`; 0 when optimal, null when unknown. */
  gap: number | null;
  timedOut: boolean;
}

/** A new incumbent or a periodic branch-and-bound report, as HiGHS sends them while it runs. */
export interface LpProgress {
  kind: 'incumbent' | 'log';
  objective: number | null;
  bound: number | null;
  gap: number | null;
  seconds: number;
}

export interface LpSolveOptions {
  timeLimitSec: number;
  /** A known feasible point (by column name) so the search starts with an incumbent. */
  start?: ReadonlyMap<string, number>;
  onProgress?: (progress: LpProgress) => void;
}

let highsPromise: Promise<Highs> | null = null;

/** Loading compiles the Wasm module, so one process (or worker) does it once; a failed load is retried. */
function loadSolver(): Promise<Highs> {
  highsPromise ??= loadHighs().catch((error: unknown) => {
    highsPromise = null;
    throw error;
  });
  return highsPromise;
}

export async function solveLp(lp: string, options: LpSolveOptions): Promise<LpSolution> {
  const highs = await loadSolver();
  const model = highs.createModel({ format: 'lp', data: lp });
  try {
    model.options.set({
      // HiGHS sends bound and gap reports only alongside its log lines: log, but not to the console.
      ...(options.onProgress ? { output_flag: true, log_to_console: false, mip_min_logging_interval: 1 } : { output_flag: false }),
      time_limit: options.timeLimitSec,
      // Prove optimality rather than stop within HiGHS's default 0.01 %: plans differ by fractions
      // of a point, and the time limit (with the gap it reports) is what bounds the effort.
      mip_rel_gap: 0,
    });
    if (options.start) setStart(model, options.start);
    model.run(progressCallbacks(highs, options.onProgress));
    return readSolution(highs, model);
  } finally {
    model.dispose();
  }
}

function setStart(model: Model, start: ReadonlyMap<string, number>): void {
  const indices: number[] = [];
  const values: number[] = [];
  for (const [name, value] of start) {
    indices.push(model.getColByName(name));
    values.push(value);
  }
  model.setSolution({ indices, values });
}

function progressCallbacks(highs: Highs, onProgress: LpSolveOptions['onProgress']) {
  if (!onProgress) return undefined;
  const report = (kind: LpProgress['kind'], data: Record<string, unknown>) =>
    onProgress({
      kind,
      objective: finiteOrNull(kind === 'incumbent' ? data.objective_function_value : data.mip_primal_bound),
      bound: finiteOrNull(data.mip_dual_bound),
      gap: finiteOrNull(data.mip_gap),
      seconds: Number(data.running_time ?? 0),
    });
  return {
    [highs.constants.callbackType.mipImprovingSolution]: (event: { data: Record<string, unknown> }) =>
      void report('incumbent', event.data),
    [highs.constants.callbackType.mipLogging]: (event: { data: Record<string, unknown> }) =>
      void report('log', event.data),
  };
}

function readSolution(highs: Highs, model: Model): LpSolution {
  const codes = highs.constants.modelStatus;
  const code = model.getModelStatus();
  // HiGHS calls a model without rows or columns "empty"; its optimum is trivially the offset.
  if (code === codes.empty) {
    return { status: 'optimal', objective: 0, bound: 0, values: new Map(), gap: 0, timedOut: false };
  }
  const status: LpStatus =
    code === codes.optimal ? 'optimal' : code === codes.timeLimit ? 'time_limit' : code === codes.infeasible ? 'infeasible' : 'other';
  const hasSolution = model.info.get('primal_solution_status') === highs.constants.solutionStatus.feasible;
  const objective = hasSolution ? model.getObjectiveValue() : null;
  // A model without integer columns is solved as an LP: no branch and bound, so its optimum is its bound.
  const isMip = Number(model.info.get('mip_node_count')) >= 0;
  const bound = isMip ? finiteOrNull(model.info.get('mip_dual_bound')) : status === 'optimal' ? objective : null;
  const gap = isMip ? finiteOrNull(model.info.get('mip_gap')) : status === 'optimal' ? 0 : null;
  return { status, objective, bound, values: hasSolution ? columnValues(model) : new Map(), gap, timedOut: status === 'time_limit' };
}

function columnValues(model: Model): Map<string, number> {
  const { colValue } = model.getSolution();
  const values = new Map<string, number>();
  for (let col = 0; col < colValue.length; col++) values.set(model.getColName(col), colValue[col]);
  return values;
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
