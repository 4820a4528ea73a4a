// Worker-thread entry: answers schedule plans one message at a time, off the server's event loop.
import { parentPort } from 'node:worker_threads';
import { planSchedule } from '../planning/study-schedule/index.ts';
import type { ScheduleReply, ScheduleRequest } from './schedule-runner.ts';

if (!parentPort) throw new Error('schedule-worker.ts runs as a worker thread; start it with planScheduleInWorker');
const port = parentPort;

// Plans run one after another: HiGHS is one WebAssembly instance per thread.
let queue = Promise.resolve();
port.on('message', ({ id, input, timeLimitMs }: ScheduleRequest) => {
  queue = queue.then(async () => {
    let reply: ScheduleReply;
    try {
      reply = { id, type: 'result', plan: await planSchedule(input, { timeLimitMs }) };
    } catch (error) {
      reply = { id, type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(reply);
  });
});
