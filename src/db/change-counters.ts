// The change counters triggers keep in `change_stamps` (drizzle/0001_change_stamps.sql: 'matrix', drizzle/0010_work_stamp.sql:
// 'work'): what a kept page or aggregate is kept under, so that a write by any process shows on the next request.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from './client.ts';
import { changeStamps } from './schema/index.ts';

export type ChangeCounter = 'matrix' | 'work';

export async function changeCounter(db: DbOrTx, name: ChangeCounter): Promise<number> {
  const [row] = await db.select({ n: changeStamps.n }).from(changeStamps).where(eq(changeStamps.name, name));
  return row?.n ?? 0;
}
