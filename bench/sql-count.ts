// SQL statements per page: the same request in-process (createApp) on the benchmark's database, through a client that counts statements.
import { drizzle } from 'drizzle-orm/libsql';
import { createApp } from '../src/app.tsx';
import { createDb, type Db } from '../src/db/client.ts';
import * as schema from '../src/db/schema/index.ts';
import { cookie } from './http.ts';
import type { PageCase, Viewers } from './pages.ts';

/**
 * Statements each page runs, fresh (after a write, which the server process makes) or, for a cached
 * case, on the second of two requests. The counting lives here, not in production code: a second
 * drizzle handle on the connection with a logger that counts.
 */
export async function countStatements(databaseUrl: string, cases: PageCase[], viewers: Viewers, write: () => Promise<void>): Promise<Map<PageCase, number | null>> {
  const db = await createDb({ url: databaseUrl });
  const counter = { n: 0 };
  const counted = drizzle(db.$client, { schema, logger: { logQuery: () => void counter.n++ } }) as unknown as Db;
  const app = createApp({ db: counted });
  const out = new Map<PageCase, number | null>();
  try {
    for (const c of cases) {
      const headers = { cookie: cookie(viewers[c.role].token) };
      if (c.cached) await (await app.request(c.path, { headers })).arrayBuffer();
      else await write();
      counter.n = 0;
      const res = await app.request(c.path, { headers });
      await res.arrayBuffer();
      out.set(c, res.status === 200 ? counter.n : null);
    }
  } finally {
    db.$client.close();
  }
  return out;
}
