// Statements built once per database handle (src/db/prepared.ts): the app's handle keeps them, a transaction gets its own.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql, TransactionRollbackError } from 'drizzle-orm';
import { preparedPer } from '../../src/db/prepared.ts';
import { listAreas } from '../../src/areas/queries.ts';
import { areas } from '../../src/db/schema/index.ts';
import { anArea, freshWorld, type World } from '../helpers.ts';

let w: World;
beforeEach(async () => void (w = await freshWorld()));
afterEach(() => w.cleanup());

describe('preparedPer', () => {
  it('builds once for the app’s handle, and for a transaction each time on that transaction', async () => {
    const handles: object[] = [];
    const count = preparedPer((db) => (handles.push(db), db.select({ n: sql<number>`count(*)` }).from(areas).prepare()));
    expect(count(w.db)).toBe(count(w.db));
    await w.db.transaction(async (tx) => {
      count(tx);
      count(tx);
    });
    expect(handles).toHaveLength(3);
    expect(handles[0]).toBe(w.db);
  });

  it('reads what a transaction wrote before it commits, and what the app’s handle sees afterwards', async () => {
    await anArea(w.db, 'text embedding');
    expect((await listAreas(w.db)).map((a) => a.name)).toEqual(['text embedding']);
    let inside: string[] = [];
    const rolledBack = await w.db
      .transaction(async (tx) => {
        await tx.insert(areas).values({ name: 'model serving', description: '', targetLevel: 3, minExperts: 1, position: 9 });
        inside = (await listAreas(tx)).map((a) => a.name);
        tx.rollback();
      })
      .then(
        () => false,
        (err: unknown) => err instanceof TransactionRollbackError,
      );
    expect(rolledBack).toBe(true);
    expect(inside).toEqual(['text embedding', 'model serving']);
    expect((await listAreas(w.db)).map((a) => a.name)).toEqual(['text embedding']);
    await anArea(w.db, 'retrieval');
    expect((await listAreas(w.db)).map((a) => a.name).sort()).toEqual(['retrieval', 'text embedding']);
  });
});
