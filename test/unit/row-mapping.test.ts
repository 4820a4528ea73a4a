// Rows mapped once per result (src/db/row-mapping.ts) give the same objects as drizzle's own mapping.
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { eq, sql } from 'drizzle-orm';
import { LibSQLPreparedQuery } from 'drizzle-orm/libsql/session';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/client.ts';
import { DRIZZLE } from '../../src/db/row-mapping.ts';
import { areas, categories, ratings, users } from '../../src/db/schema/index.ts';
import { aRating, aUser, anArea, tempDbUrl } from '../helpers.ts';

type Prepared = { values: () => Promise<unknown[][]>; mapAllResult: (rows: unknown) => unknown; mapGetResult: (rows: unknown) => unknown };

let db: Db;
let dir: string;
beforeAll(async () => {
  const made = await tempDbUrl();
  dir = made.dir;
  db = await createDb({ url: made.url });
  const a = await aUser(db, { name: '김민아' });
  const b = await aUser(db, { name: 'Joon Park', role: 'manager' });
  await aUser(db, { name: 'Never Rated' });
  const area = await anArea(db, 'seq2seq LM', { category: 'Research' });
  const other = await anArea(db, 'evaluation');
  await aRating(db, a.id, area.id, { selfLevel: 3, interest: 2, evidence: 'paper' });
  await aRating(db, b.id, other.id, { selfLevel: 1, interest: 0, evidence: '' }, b.id);
});
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The queries' shapes the app uses: whole tables, picked and computed columns, nested objects, left joins with missing rows. */
const queries = () => ({
  'a whole table': db.select().from(users),
  'picked and computed columns': db.select({ id: users.id, active: users.active, n: sql<number>`length(${users.name})`.mapWith(Number), raw: sql<string>`'x'` }).from(users),
  'inner join, whole tables': db.select().from(ratings).innerJoin(users, eq(users.id, ratings.userId)),
  'left join with missing rows': db.select().from(users).leftJoin(ratings, eq(ratings.userId, users.id)).leftJoin(areas, eq(areas.id, ratings.areaId)),
  'nested picks over a left join': db
    .select({ who: { id: users.id, name: users.name }, rating: { level: ratings.selfLevel, at: ratings.updatedAt }, area: areas.name })
    .from(users)
    .leftJoin(ratings, eq(ratings.userId, users.id))
    .leftJoin(areas, eq(areas.id, ratings.areaId)),
  'a left join to a category': db.select({ area: areas, category: categories }).from(areas).leftJoin(categories, eq(categories.id, areas.categoryId)),
  'no rows': db.select().from(users).where(eq(users.id, -1)),
});

const prepared = (q: { prepare: () => unknown }) => q.prepare() as Prepared;

describe('rows mapped once per result', () => {
  it('is what the app’s drizzle queries use', () => {
    expect((LibSQLPreparedQuery.prototype as unknown as Prepared).mapAllResult).not.toBe(DRIZZLE.all);
    expect((LibSQLPreparedQuery.prototype as unknown as Prepared).mapGetResult).not.toBe(DRIZZLE.get);
  });

  it('maps every shape of query the app uses to the same objects as drizzle, for lists and single rows', async () => {
    for (const [name, q] of Object.entries(queries())) {
      const p = prepared(q);
      const rows = await p.values();
      expect(p.mapAllResult(rows), name).toEqual(DRIZZLE.all.call(p as never, rows));
      expect(p.mapGetResult(rows), name).toEqual(DRIZZLE.get.call(p as never, rows));
      expect(await q, name).toEqual(DRIZZLE.all.call(p as never, rows));
    }
    // The left join really has a missing row (a person never rated), so the nulling of joined objects is covered.
    const joined = (await queries()['left join with missing rows']) as Array<{ ratings: unknown }>;
    expect(joined.some((r) => r.ratings === null)).toBe(true);
  });

  it('maps any values, nulls anywhere, as drizzle does (joined objects nulled by drizzle’s own rule)', async () => {
    const shapes = [prepared(queries()['left join with missing rows']), prepared(queries()['nested picks over a left join']), prepared(queries()['a left join to a category'])];
    const widths = await Promise.all(shapes.map(async (p) => ((await p.values())[0] ?? []).length));
    const value = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 2_000_000_000 }));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: shapes.length - 1 }), fc.array(fc.array(value, { minLength: 40, maxLength: 40 }), { maxLength: 4 }), (k, raw) => {
        const rows = raw.map((r) => r.slice(0, widths[k]));
        expect(shapes[k].mapAllResult(rows)).toEqual(DRIZZLE.all.call(shapes[k] as never, rows));
      }),
      { numRuns: 1000 },
    );
  });
});
