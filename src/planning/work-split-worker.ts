// Worker-thread entry: solves one work split off the main thread and streams its progress back.
import { parentPort, workerData } from 'node:worker_threads';
import { solveWorkSplit } from './work-split/index.ts';
import type { WorkerReply, WorkerRequest } from './work-split-runner.ts';

if (!parentPort) throw new Error('work-split-worker.ts runs as a worker thread; start it with planWorkSplitInWorker');
const port = parentPort;
const post = (reply: WorkerReply) => port.postMessage(reply);
const { input, timeLimitSec } = workerData as WorkerRequest;

post({ type: 'progress', progress: { phase: 'started' } });
try {
  const result = await solveWorkSplit(input, { timeLimitSec, onProgress: (progress) => post({ type: 'progress', progress }) });
  post({ type: 'result', result });
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
