// Worker-thread entry: answers pairing proposals one message at a time, off the server's event loop.
import { proposePairs } from '../planning/pairing/index.ts';
import { serveQueue } from '../workers/queue.ts';

serveQueue((input: Parameters<typeof proposePairs>[0], timeLimitMs: number) => proposePairs(input, { timeLimitMs }));
