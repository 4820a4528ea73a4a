// Worker-thread entry: answers schedule plans one at a time, off the server's event loop.
import { planSchedule } from '../planning/study-schedule/index.ts';
import { serveQueue } from '../workers/queue.ts';

serveQueue((input: Parameters<typeof planSchedule>[0], timeLimitMs: number) => planSchedule(input, { timeLimitMs }));
