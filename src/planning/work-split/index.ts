// The work-split planner: who owns each open work item (and who learns alongside), planned as a MIP, checked, explained.
export * from './types.ts';
export { buddyShare, planValue } from './rules.ts';
export { buildWorkSplitModel, parseSolution, type ModelColumn, type WorkSplitModel } from './model.ts';
export { GREEDY_RULES, greedyPlan } from './greedy.ts';
export { explainUnplaced } from './explain.ts';
export { checkPlan, type Violation } from './check.ts';
export { solveWorkSplit } from './solve.ts';
