// Worker-thread entry: answers pairing proposals one message at a time, off the server's event loop.
import { parentPort } from 'node:worker_threads';
import { proposePairs } from '../planning/pairing/index.ts';
import type { ProposeReply, ProposeRequest } from './propose-runner.ts';

if (!parentPort) throw new Error('propose-worker.ts runs as a worker thread; start it with proposeInWorker');
const port = parentPort;

port.on('message', ({ id, input, timeLimitMs }: ProposeRequest) => {
  let reply: ProposeReply;
  try {
    reply = { id, type: 'result', result: proposePairs(input, { timeLimitMs }) };
  } catch (error) {
    reply = { id, type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
