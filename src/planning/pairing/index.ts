// The pairing planner's public face: scoring, the optimal proposal and the swap rules (pure, no words).
export * from './types.ts';
export { areaHealth, busFactorByArea, makeScoreContext, scoreGroup, scorePair, trioUnits } from './score.ts';
export { PROPOSE_TIME_LIMIT_MS, proposePairs } from './solve.ts';
export type { SearchLimit } from './round.ts';
export { planSwap, type SwapError, type SwapResult, type SwapRound } from './swap.ts';
