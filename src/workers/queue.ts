// One long-lived worker thread per planner, answering requests in order, so a slow solve never holds up the server.
import { parentPort, Worker } from 'node:worker_threads';

type Request<I> = { id: number; input: I; timeLimitMs: number };
type Reply<R> = { id: number; type: 'result'; result: R } | { id: number; type: 'error'; message: string };
type Pending<R> = { resolve: (r: R) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

/** A worker that has not answered this long after the planner's own limit is stuck: it is stopped and replaced. */
const STUCK_AFTER_MS = 30_000;

// Node 20 does not apply `--import tsx` inside a worker, so the worker starts from a line of JavaScript that
// imports its entry through tsx's API, resolved from this file.
const tsxApi = import.meta.resolve('tsx/esm/api');
const bootstrapOf = (entry: string) => `import(${JSON.stringify(tsxApi)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;

/**
 * The main thread's side: a function that sends `input` to the worker started from `entry` (on first use, so
 * tsx's start-up is paid once) and resolves with its answer. `what` names the planner in error messages.
 */
export function workerQueue<I, R>(entry: URL, what: string): (input: I, timeLimitMs: number) => Promise<R> {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending<R>>();

  const fail = (w: Worker, error: Error) => {
    if (worker === w) worker = null;
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.reject(error);
      pending.delete(id);
    }
  };

  const theWorker = (): Worker => {
    if (worker) return worker;
    const w = new Worker(bootstrapOf(entry.href), { eval: true });
    w.on('message', (reply: Reply<R>) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      clearTimeout(p.timer);
      if (reply.type === 'result') p.resolve(reply.result);
      else p.reject(new Error(`the ${what} failed in its worker: ${reply.message}`));
      // An idle worker does not keep the process alive.
      if (pending.size === 0) w.unref();
    });
    w.on('error', (error) => fail(w, error));
    w.on('exit', (code) => fail(w, new Error(`the ${what} worker stopped (exit code ${code}) without an answer`)));
    worker = w;
    return w;
  };

  return (input, timeLimitMs) => {
    const w = theWorker();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        void w.terminate();
        fail(w, new Error(`the ${what} worker did not answer in time`));
      }, timeLimitMs + STUCK_AFTER_MS);
      timer.unref();
      pending.set(id, { resolve, reject, timer });
      w.ref();
      w.postMessage({ id, input, timeLimitMs } satisfies Request<I>);
    });
  };
}

/** The worker thread's side: answers each request with `solve`, one after another. */
export function serveQueue<I, R>(solve: (input: I, timeLimitMs: number) => R | Promise<R>): void {
  if (!parentPort) throw new Error('this module runs as a worker thread; start it through workerQueue');
  const port = parentPort;
  let queue = Promise.resolve();
  port.on('message', ({ id, input, timeLimitMs }: Request<I>) => {
    queue = queue.then(async () => {
      let reply: Reply<R>;
      try {
        reply = { id, type: 'result', result: await solve(input, timeLimitMs) };
      } catch (error) {
        reply = { id, type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      }
      port.postMessage(reply);
    });
  });
}
