// Benchmark of a large CSV import's apply step: every cell of a generated organisation changes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TransactionMode } from '@libsql/client';
import { openDatabase, type Db } from '../src/db/client.ts';
import { applyImport, matrixStamp, type ImportChange } from '../src/matrix/import-apply.ts';
import { loadMatrix } from '../src/matrix/queries.ts';
import { ratingKey } from '../src/ratings/queries.ts';
import { generateOrg } from './org.ts';

/** `applyMs`: the whole apply (reading, checking, writing); `lockMs`: the part inside the write transaction. */
export type ImportBenchResult = { members: number; areas: number; changes: number; applyMs: number; lockMs: number };

/** Times every write transaction of the client, from BEGIN to its close (the write lock is held in between). */
function timeTransactions(client: Db['$client']): () => number {
  const begin = client.transaction.bind(client);
  let total = 0;
  client.transaction = async (mode?: TransactionMode) => {
    const started = performance.now();
    const tx = await begin(mode);
    const close = tx.close.bind(tx);
    tx.close = () => {
      close();
      total += performance.now() - started;
    };
    return tx;
  };
  return () => total;
}

/** Applies an import that changes the manager level and the interest of every member × area cell. */
export async function benchImport(members: number, areas = 24): Promise<ImportBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pairwise-import-bench-'));
  try {
    const db = await openDatabase({ url: `file:${join(dir, 'bench.db')}` });
    const now = new Date();
    const org = await generateOrg(db, { members, areas, months: 3, items: 0, deals: 0, seed: 42 }, now);
    const data = await loadMatrix(db);
    const changes: ImportChange[] = data.team.flatMap((m) =>
      data.areas.map((a) => {
        const r = data.ratings.get(ratingKey(m.id, a.id));
        return { userId: m.id, areaId: a.id, managerLevel: ((r?.managerLevel ?? r?.selfLevel ?? 0) + 1) % 6, interest: ((r?.interest ?? 0) + 1) % 4 };
      }),
    );
    const lockMs = timeTransactions(db.$client);
    const started = performance.now();
    const result = await applyImport(db, matrixStamp(data), changes, org.managerId, now);
    const applyMs = performance.now() - started;
    db.$client.close();
    if (!result.ok) throw new Error('the import was refused');
    return { members, areas, changes: changes.length, applyMs, lockMs: lockMs() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const members of process.argv.slice(2).map(Number).filter(Boolean).length ? process.argv.slice(2).map(Number) : [200, 1000]) {
    const r = await benchImport(members);
    console.log(`${String(r.members).padStart(5)} members × ${r.areas} areas: ${r.changes} cell changes applied in ${r.applyMs.toFixed(0)} ms, write lock held ${r.lockMs.toFixed(0)} ms`);
  }
}
