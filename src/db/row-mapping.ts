// Drizzle's rows into objects with the decoders worked out once per result, not once per value (README, Design:
// rows mapped once per result). Same objects as drizzle's own mapping; test/unit/row-mapping.test.ts compares.
import { Column, getTableName, is, SQL, Subquery } from 'drizzle-orm';
import { LibSQLPreparedQuery } from 'drizzle-orm/libsql/session';

type Decoder = { mapFromDriverValue: (value: unknown) => unknown };
type Field = { path: string[]; field: unknown };
type Rows = ArrayLike<ArrayLike<unknown>>;
type Mapper = (this: Query, rows: unknown, isFromBatch?: boolean) => unknown;
type Query = { fields?: Field[]; customResultMapper?: unknown; joinsNotNullableMap?: Record<string, boolean> };

/** What drizzle's `mapResultRow` works out per value, per column once. */
type Plan = { paths: string[][]; decoders: Decoder[]; tables: Array<string | null>; nested: boolean };

function planOf(fields: Field[], joins: Record<string, boolean> | undefined): Plan {
  const decoders = fields.map(({ field }) =>
    is(field, Column) ? (field as Decoder) : is(field, SQL) ? (field as unknown as { decoder: Decoder }).decoder : is(field, Subquery) ? (field as unknown as { _: { sql: { decoder: Decoder } } })._.sql.decoder : (field as { sql: { decoder: Decoder } }).sql.decoder,
  );
  // The table of a joined object's column, for the nullifying of a left join's missing row (drizzle's rule).
  const tables = fields.map(({ path, field }) => (joins && path.length === 2 && is(field, Column) ? getTableName((field as Column).table) : null));
  return { paths: fields.map((f) => f.path), decoders, tables, nested: fields.some((f) => f.path.length > 1) };
}

/** Drizzle's normalizeFieldValue for libSQL: blobs arrive as ArrayBuffer and leave as Buffer. */
const normalise = (v: unknown) => (v instanceof ArrayBuffer ? Buffer.from(v) : v);

function mapRows(plan: Plan, rows: Rows, joins: Record<string, boolean> | undefined): Array<Record<string, unknown>> {
  const { paths, decoders, tables, nested } = plan;
  const n = paths.length;
  const out = new Array<Record<string, unknown>>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const result: Record<string, unknown> = {};
    let nullify: Record<string, string | false> | null = null;
    for (let i = 0; i < n; i++) {
      const raw = normalise(row[i]);
      const value = raw === null ? null : decoders[i].mapFromDriverValue(raw);
      const path = paths[i];
      if (!nested || path.length === 1) {
        result[path[0]] = value;
        continue;
      }
      let node = result;
      for (let k = 0; k < path.length - 1; k++) {
        if (!(path[k] in node)) node[path[k]] = {};
        node = node[path[k]] as Record<string, unknown>;
      }
      node[path[path.length - 1]] = value;
      const table = tables[i];
      if (table !== null) {
        nullify ??= {};
        const name = path[0];
        if (!(name in nullify)) nullify[name] = value === null ? table : false;
        else if (typeof nullify[name] === 'string' && nullify[name] !== table) nullify[name] = false;
      }
    }
    if (nullify) for (const name in nullify) if (typeof nullify[name] === 'string' && !joins![nullify[name] as string]) result[name] = null;
    out[r] = result;
  }
  return out;
}

const proto = LibSQLPreparedQuery.prototype as unknown as { mapAllResult: Mapper; mapGetResult: Mapper };
if (typeof proto.mapAllResult !== 'function' || typeof proto.mapGetResult !== 'function') {
  throw new Error('drizzle-orm changed: LibSQLPreparedQuery has no mapAllResult/mapGetResult (src/db/row-mapping.ts)');
}
/** Drizzle's own mappers, as the test's reference. */
export const DRIZZLE = { all: proto.mapAllResult, get: proto.mapGetResult };

/**
 * Replaces LibSQLPreparedQuery's two result mappers (drizzle 0.45) with ones that work the decoders out once per
 * result. Anything else (no fields, a custom mapper of the relational queries) goes to drizzle's own.
 */
export function mapRowsOncePerResult(): void {
  if (proto.mapAllResult !== DRIZZLE.all) return;
  const { all, get } = DRIZZLE;
  proto.mapAllResult = function (rows, isFromBatch) {
    if (!this.fields || this.customResultMapper) return all.call(this, rows, isFromBatch);
    const list = (isFromBatch ? (rows as { rows: Rows }).rows : rows) as Rows;
    return mapRows(planOf(this.fields, this.joinsNotNullableMap), list, this.joinsNotNullableMap);
  };
  proto.mapGetResult = function (rows, isFromBatch) {
    if (!this.fields || this.customResultMapper) return get.call(this, rows, isFromBatch);
    const list = (isFromBatch ? (rows as { rows: Rows }).rows : rows) as Rows;
    if (!list[0]) return undefined;
    return mapRows(planOf(this.fields, this.joinsNotNullableMap), [list[0]], this.joinsNotNullableMap)[0];
  };
}
