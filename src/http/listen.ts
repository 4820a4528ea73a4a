// The HTTP server around the app: requests started one per turn (turns.ts), answers compressed as they are written (compression.ts).
import { createServer, type Server } from 'node:http';
import { serve } from '@hono/node-server';
import { compressing } from './compression.ts';
import { oneStartPerTurn } from './turns.ts';

type Fetch = (request: Request) => Response | Promise<Response>;

/** Starts listening on `port` (0: any free one) and returns the server; wait for its 'listening' event. */
export function listen(fetch: Fetch, port: number, hostname?: string): Server {
  return serve({
    fetch: oneStartPerTurn(fetch),
    port,
    hostname,
    createServer: ((options: object, listener: Parameters<typeof compressing>[0]) => createServer(options, compressing(listener))) as unknown as typeof createServer,
  }) as Server;
}
