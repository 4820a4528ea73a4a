// Runs pairing proposals in one long-lived worker thread, so a slow search never holds up other requests.
import { PROPOSE_TIME_LIMIT_MS, type ProposeInput, type ProposeResult } from '../planning/pairing/index.ts';
import { workerQueue } from '../workers/queue.ts';

const propose = workerQueue<ProposeInput, ProposeResult>(new URL('./propose-worker.ts', import.meta.url), 'pairing proposal');

/**
 * Same answer as proposePairs, computed in the worker; proposals queue there one after another. Past the
 * planner's time limit it answers with the best proposal found; a worker stuck far beyond that is replaced.
 */
export const proposeInWorker = (input: ProposeInput, timeLimitMs = PROPOSE_TIME_LIMIT_MS): Promise<ProposeResult> => propose(input, timeLimitMs);
