// Runs a work-split solve in a worker thread, so the server's event loop keeps answering while HiGHS blocks.
import { Worker } from 'node:worker_threads';
import type { SolveWorkSplitOptions, WorkSplitInput, WorkSplitProgress, WorkSplitResult } from './work-split/index.ts';

export interface WorkerRequest {
  input: WorkSplitInput;
  timeLimitSec: number;
}

export type WorkerReply =
  | { type: 'progress'; progress: WorkSplitProgress }
  | { type: 'result'; result: WorkSplitResult }
  | { type: 'error'; message: string };

// The worker is TypeScript like the rest of the app. Node 20 does not apply `--import tsx` inside a
// worker, so the worker starts from a line of JavaScript that imports its entry through tsx's API,
// resolved from this file so the process's working directory does not matter.
const tsxApi = import.meta.resolve('tsx/esm/api');
const workerEntry = new URL('./work-split-worker.ts', import.meta.url).href;
const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(workerEntry)}, ${JSON.stringify(workerEntry)}))`;

/**
 * Same answer as solveWorkSplit, from a fresh worker per plan: a solve holds its thread for up to
 * the time limit, and a worker that ends with it also returns the solver's memory.
 */
export function planWorkSplitInWorker(input: WorkSplitInput, options: SolveWorkSplitOptions): Promise<WorkSplitResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, {
      eval: true,
      workerData: { input, timeLimitSec: options.timeLimitSec } satisfies WorkerRequest,
    });
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'progress') options.onProgress?.(reply.progress);
      else if (reply.type === 'result') resolve(reply.result);
      else reject(new Error(`work split failed in its worker: ${reply.message}`));
    });
    worker.on('error', reject);
    // Settles nothing once a reply has come; otherwise the worker died without one.
    worker.on('exit', (code) => reject(new Error(`the work-split worker stopped (exit code ${code}) without an answer`)));
  });
}
