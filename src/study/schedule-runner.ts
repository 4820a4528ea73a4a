// Runs the study-schedule planner in one long-lived worker thread, so HiGHS never holds up other requests.
import { Worker } from 'node:worker_threads';
import { SCHEDULE_TIME_LIMIT_MS, type ScheduleInput, type SchedulePlan } from '../planning/study-schedule/index.ts';

export type ScheduleRequest = { id: number; input: ScheduleInput; timeLimitMs: number };
export type ScheduleReply = { id: number; type: 'result'; plan: SchedulePlan } | { id: number; type: 'error'; message: string };

/** A worker that has not answered this long after the planner's own limit is stuck: it is stopped and replaced. */
const STUCK_AFTER_MS = 30_000;

// As for the pairing proposals: Node 20 does not apply `--import tsx` inside a worker, so the worker starts
// from a line of JavaScript that imports its entry through tsx's API, resolved from this file.
const tsxApi = import.meta.resolve('tsx/esm/api');
const workerEntry = new URL('./schedule-worker.ts', import.meta.url).href;
const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(workerEntry)}, ${JSON.stringify(workerEntry)}))`;

type Pending = { resolve: (p: SchedulePlan) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function fail(w: Worker, error: Error) {
  if (worker === w) worker = null;
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    p.reject(error);
    pending.delete(id);
  }
}

/** The one worker, started on first use (tsx's start-up and HiGHS's WebAssembly load are paid once). */
function theWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(bootstrap, { eval: true });
  w.on('message', (reply: ScheduleReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    clearTimeout(p.timer);
    if (reply.type === 'result') p.resolve(reply.plan);
    else p.reject(new Error(`the schedule planner failed in its worker: ${reply.message}`));
    // An idle worker does not keep the process alive.
    if (pending.size === 0) w.unref();
  });
  w.on('error', (error) => fail(w, error));
  w.on('exit', (code) => fail(w, new Error(`the schedule worker stopped (exit code ${code}) without an answer`)));
  worker = w;
  return w;
}

/** Same answer as planSchedule, computed in the worker; plans queue there one after another. */
export function planScheduleInWorker(input: ScheduleInput, timeLimitMs = SCHEDULE_TIME_LIMIT_MS): Promise<SchedulePlan> {
  const w = theWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void w.terminate();
      fail(w, new Error('the schedule worker did not answer in time'));
    }, timeLimitMs + STUCK_AFTER_MS);
    timer.unref();
    pending.set(id, { resolve, reject, timer });
    w.ref();
    w.postMessage({ id, input, timeLimitMs } satisfies ScheduleRequest);
  });
}
