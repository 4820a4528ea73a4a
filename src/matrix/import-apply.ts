// Applying a confirmed CSV import: all or nothing, only onto the matrix its preview saw, holding the
// write lock for three statements however many cells change.
import { createHash } from 'node:crypto';
import type { Db } from '../db/client.ts';
import { changedFields, historyRows, ratingKey, ratingsByKey, type HistoryRow, type Rating, type RatingFields } from '../ratings/queries.ts';
import { listAreas } from '../areas/queries.ts';
import { listTeam } from '../members/queries.ts';
import { changeCounter } from '../db/change-counters.ts';
import type { MatrixData } from './queries.ts';

/** The intended writes of an import plan, as the confirm form carries them. */
export type ImportChange = { userId: number; areaId: number; managerLevel?: number; interest?: number };

function stampOf(teamIds: number[], areaIds: number[], versions: Iterable<string>): string {
  const parts = [[...teamIds].sort((a, b) => a - b).join(','), [...areaIds].sort((a, b) => a - b).join(','), [...versions].sort().join(',')];
  return createHash('sha256').update(parts.join('|')).digest('hex');
}

/**
 * A fingerprint of everything an import decision depends on: each rating's version and which members
 * and areas are active. The confirm step refuses when it differs from the preview's.
 */
export function matrixStamp(data: MatrixData): string {
  return stampOf(data.team.map((m) => m.id), data.areas.map((a) => a.id), [...data.ratings.values()].map((r) => `${r.userId}:${r.areaId}:${r.version}`));
}

/**
 * Whether `data` is exactly what applying `changes` to the matrix of `stamp` leaves: the stamp matches
 * once each changed rating is taken back one version (a rating at version 1 was new), and every
 * changed value is in place. That is how a second confirm of the same preview is told apart from a
 * matrix someone else changed.
 */
function appliedAlready(data: MatrixData, stamp: string, changes: ImportChange[]): boolean {
  const versions = new Map([...data.ratings.values()].map((r) => [ratingKey(r.userId, r.areaId), r.version]));
  for (const c of changes) {
    const key = ratingKey(c.userId, c.areaId);
    const r = data.ratings.get(key);
    if (!r || (c.managerLevel !== undefined && r.managerLevel !== c.managerLevel) || (c.interest !== undefined && r.interest !== c.interest)) return false;
    if (r.version === 1) versions.delete(key);
    else versions.set(key, r.version - 1);
  }
  return stampOf(data.team.map((m) => m.id), data.areas.map((a) => a.id), [...versions].map(([key, v]) => `${key}:${v}`)) === stamp;
}

export type ApplyImportResult = { ok: true; changed: number } | { ok: false; reason: 'stale' | 'applied' };

type Prepared = { counter: number; ratingRows: Array<[number, number, number | null, number | null]>; history: HistoryRow[]; changed: number };

/**
 * Reads the matrix and turns the changes into the rows to write, outside any lock. The matrix change
 * counter read before and after the reads proves they saw one state (every write to ratings, members
 * or areas moves it); `null` asks for another try.
 */
async function prepare(db: Db, stamp: string, changes: ImportChange[], actorId: number, at: number): Promise<Prepared | ApplyImportResult | null> {
  const counter = await changeCounter(db, 'matrix');
  const [team, areas, all] = await Promise.all([listTeam(db), listAreas(db), ratingsByKey(db)]);
  if ((await changeCounter(db, 'matrix')) !== counter) return null;
  const data = { team, areas, ratings: all };
  if (matrixStamp(data) !== stamp) return { ok: false, reason: appliedAlready(data, stamp, changes) ? 'applied' : 'stale' };
  const teamIds = new Set(team.map((m) => m.id));
  const areaIds = new Set(areas.map((a) => a.id));
  if (changes.some((c) => !teamIds.has(c.userId) || !areaIds.has(c.areaId))) return { ok: false, reason: 'stale' };
  const prepared: Prepared = { counter, ratingRows: [], history: [], changed: 0 };
  for (const c of changes) {
    const current: Rating | null = all.get(ratingKey(c.userId, c.areaId)) ?? null;
    const fields: RatingFields = {};
    if (c.managerLevel !== undefined) fields.managerLevel = c.managerLevel;
    if (c.interest !== undefined) fields.interest = c.interest;
    const rows = historyRows({ userId: c.userId, areaId: c.areaId }, current, fields, actorId, at);
    prepared.history.push(...rows);
    if (changedFields(rows) > 0) prepared.changed++;
    prepared.ratingRows.push([c.userId, c.areaId, fields.interest ?? current?.interest ?? null, fields.managerLevel ?? current?.managerLevel ?? null]);
  }
  return prepared;
}

// One statement per table, the rows travelling as one JSON parameter: no limit on bound parameters,
// and no round trip per cell while the write lock is held.
const UPSERT_RATINGS = `INSERT INTO ratings (user_id, area_id, interest, manager_level, confirmed_at, updated_at)
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, ?, ? FROM json_each(?) WHERE true
  ON CONFLICT (user_id, area_id) DO UPDATE SET interest = excluded.interest, manager_level = excluded.manager_level,
    confirmed_at = excluded.confirmed_at, updated_at = excluded.updated_at, version = ratings.version + 1`;
const INSERT_HISTORY = `INSERT INTO rating_history (user_id, area_id, changed_by, changed_at, field, old_value, new_value)
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6 FROM json_each(?)`;

/** Writes a prepared import in one write transaction, if the matrix has not moved since it was read. */
async function write(db: Db, p: Prepared, at: number): Promise<boolean> {
  const tx = await db.$client.transaction('write');
  try {
    const { rows } = await tx.execute({ sql: "SELECT n FROM change_stamps WHERE name = 'matrix'", args: [] });
    if (Number(rows[0]?.n ?? 0) !== p.counter) {
      await tx.rollback();
      return false;
    }
    const history = p.history.map((h) => [h.userId, h.areaId, h.changedBy, h.changedAt, h.field, h.oldValue ?? null, h.newValue ?? null]);
    await tx.batch([
      { sql: UPSERT_RATINGS, args: [at, at, JSON.stringify(p.ratingRows)] },
      { sql: INSERT_HISTORY, args: [JSON.stringify(history)] },
    ]);
    await tx.commit();
    return true;
  } finally {
    tx.close();
  }
}

/**
 * Applies the changes of a confirmed import in one transaction, only if the matrix still has the
 * preview's stamp (no rating, member or area changed meanwhile). Every change lands in the history
 * with the importing manager as the actor.
 */
export async function applyImport(db: Db, stamp: string, changes: ImportChange[], actorId: number, now: Date): Promise<ApplyImportResult> {
  const at = now.getTime();
  // Another write between the reads and the write lock sends the import round again (a few times at most).
  for (let attempt = 0; attempt < 5; attempt++) {
    const prepared = await prepare(db, stamp, changes, actorId, at);
    if (prepared === null) continue;
    if ('ok' in prepared) return prepared;
    if (await write(db, prepared, at)) return { ok: true, changed: prepared.changed };
  }
  return { ok: false, reason: 'stale' };
}
