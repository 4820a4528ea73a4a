// Reads the configuration, opens and migrates the database, and serves the app.
import { serve } from '@hono/node-server';
import { createApp } from './app.tsx';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';

export async function start(env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(env);
  const db = await openDatabase({
    url: config.DATABASE_URL,
    authToken: config.DATABASE_AUTH_TOKEN,
    syncUrl: config.DATABASE_SYNC_URL,
  }).catch((err: Error) => {
    throw new Error(`Cannot open the database at ${config.DATABASE_URL}: ${err.message}`);
  });
  const app = createApp({ db });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    console.log(`Pairwise listening on http://localhost:${info.port} (database ${config.DATABASE_URL})`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return { server, db, config };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  start().catch((err) => {
    console.error(err instanceof ConfigError ? err.message : `Pairwise could not start: ${err.message}`);
    process.exit(1);
  });
}
