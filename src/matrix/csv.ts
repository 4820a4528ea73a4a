// CSV export of the matrix and the import plan: what a file would add, change, leave alone or reject.
// The column names are the file format (an import reads back what an export wrote), not words.
import { parse } from 'csv-parse/sync';
import { effectiveLevel } from '../planning/skills.ts';
import { ratingKey, type Rating } from '../ratings/queries.ts';
import type { ImportChange } from './import-apply.ts';
import type { MatrixData } from './queries.ts';

/** Uploads above this are refused before parsing. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const levelColumn = (area: { name: string }) => `${area.name} level`;
const interestColumn = (area: { name: string }) => `${area.name} interest`;

/**
 * Spreadsheet apps run a cell starting with one of these as a formula (OWASP "CSV injection"), so the
 * export writes a `'` before any such cell — names, emails and area names in the header alike — and
 * the import takes that `'` off again.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const defuse = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell);
/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled (a general-purpose writer costs several times more at a thousand rows). */
const csvField = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
const BOM = '\uFEFF';
const undefuse = (cell: string) => (cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell);

/**
 * One row per active member, in the order of `data.team`: name, email, then per active area its
 * effective level and interest (empty when unrated). UTF-8 with a byte-order mark so spreadsheet apps
 * read Hangul correctly.
 */
export function exportCsv(data: {
  team: Array<{ id: number; name: string; email: string }>;
  areas: Array<{ id: number; name: string }>;
  ratingOf: (userId: number, areaId: number) => Pick<Rating, 'selfLevel' | 'managerLevel' | 'interest'> | undefined;
}): string {
  const header = ['name', 'email', ...data.areas.flatMap((a) => [levelColumn(a), interestColumn(a)])];
  const rows = data.team.map((m) => [
    m.name,
    m.email,
    ...data.areas.flatMap((a) => {
      const r = data.ratingOf(m.id, a.id);
      return [String(effectiveLevel(r) ?? ''), String(r?.interest ?? '')];
    }),
  ]);
  return BOM + [header, ...rows].map((row) => row.map((cell) => csvField(defuse(cell))).join(',') + '\n').join('');
}

export type CellChange = {
  userId: number;
  areaId: number;
  areaName: string;
  /** True when the member had no rating in this area yet. */
  added: boolean;
  level?: { from: number | null; to: number };
  interest?: { from: number | null; to: number };
};
/** Why a row is rejected (the preview words it). */
export type RowReason =
  | { code: 'shortRow'; found: number; expected: number }
  | { code: 'noEmail' }
  | { code: 'duplicateEmail'; email: string; lines: number[] }
  | { code: 'unknownEmail'; email: string }
  | { code: 'badValue'; column: string; min: number; max: number; value: string };
export type RowResult = { line: number; email: string; name: string; reasons: RowReason[]; changes: CellChange[] };
/** Why a whole file is refused. */
export type ImportProblem = { code: 'empty' } | { code: 'duplicateColumns'; columns: string[] } | { code: 'missingColumns'; columns: string[] };
export type ImportPlan =
  | { ok: false; problem: ImportProblem }
  | { ok: true; changes: CellChange[]; unchanged: RowResult[]; rejected: RowResult[]; ignoredColumns: string[]; rows: number };

export function changesToApply(changes: CellChange[]): ImportChange[] {
  return changes.map((c) => ({
    userId: c.userId,
    areaId: c.areaId,
    ...(c.level ? { managerLevel: c.level.to } : {}),
    ...(c.interest ? { interest: c.interest.to } : {}),
  }));
}

/** Parses CSV text (a leading BOM is accepted); throws with csv-parse's message on malformed input. */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: 100_000 }) as string[][];
}

/**
 * The headers a Korean sheet may use instead (이름, 이메일, `<area> 레벨`, `<area> 관심도`), read as the
 * machine names the export writes.
 */
const KOREAN_HEADERS: Array<[RegExp, string]> = [[/^이름$/u, 'name'], [/^이메일$/u, 'email'], [/\s레벨$/u, ' level'], [/\s관심도$/u, ' interest']];
const norm = (s: string) =>
  KOREAN_HEADERS.reduce((h, [korean, machine]) => h.replace(korean, machine), undefuse(s.trim()).normalize('NFC').trim().toLocaleLowerCase());

/**
 * What importing `records` (header first) would do. Semantics: a level that differs from the
 * member's effective level becomes a manager calibration; an interest that differs replaces the
 * interest; an empty cell or an equal value changes nothing. A row with any bad value is rejected
 * whole, as are all rows of an email that appears more than once.
 */
export function planImport(records: string[][], data: MatrixData): ImportPlan {
  const [header, ...body] = records;
  if (!header) return { ok: false, problem: { code: 'empty' } };
  const index = new Map<string, number>();
  const duplicated = new Set<string>();
  header.forEach((h, i) => {
    const k = norm(h);
    if (index.has(k)) duplicated.add(h.trim());
    else index.set(k, i);
  });
  if (duplicated.size) return { ok: false, problem: { code: 'duplicateColumns', columns: [...duplicated] } };
  const required = ['email', ...data.areas.flatMap((a) => [levelColumn(a), interestColumn(a)])];
  const missing = required.filter((col) => !index.has(norm(col)));
  if (missing.length) return { ok: false, problem: { code: 'missingColumns', columns: missing } };
  const known = new Set(['name', ...required].map(norm));
  const ignoredColumns = header.filter((h) => !known.has(norm(h))).map((h) => h.trim());

  const byEmail = new Map(data.team.map((m) => [m.email.toLowerCase(), m]));
  const emailOf = (row: string[]) => undefuse((row[index.get('email')!] ?? '').trim()).trim().toLowerCase();
  const seen = new Map<string, number[]>();
  body.forEach((row, i) => {
    const e = emailOf(row);
    if (e) seen.set(e, [...(seen.get(e) ?? []), i + 2]);
  });

  const changes: CellChange[] = [];
  const unchanged: RowResult[] = [];
  const rejected: RowResult[] = [];
  body.forEach((row, i) => {
    const line = i + 2;
    const email = emailOf(row);
    const result: RowResult = { line, email, name: index.has('name') ? undefuse(row[index.get('name')!] ?? '') : '', reasons: [], changes: [] };
    const member = byEmail.get(email);
    if (row.length < header.length) result.reasons.push({ code: 'shortRow', found: row.length, expected: header.length });
    if (!email) result.reasons.push({ code: 'noEmail' });
    else if ((seen.get(email)?.length ?? 0) > 1) result.reasons.push({ code: 'duplicateEmail', email, lines: seen.get(email)! });
    else if (!member) result.reasons.push({ code: 'unknownEmail', email });
    for (const area of data.areas) {
      const read = (column: string, max: number): number | null | 'bad' => {
        const raw = (row[index.get(norm(column))!] ?? '').trim();
        if (raw === '') return null;
        if (!/^\d{1,2}$/.test(raw) || Number(raw) > max) {
          result.reasons.push({ code: 'badValue', column, min: 0, max, value: raw.slice(0, 40) });
          return 'bad';
        }
        return Number(raw);
      };
      const level = read(levelColumn(area), 5);
      const interest = read(interestColumn(area), 3);
      if (!member || level === 'bad' || interest === 'bad') continue;
      const current: Rating | undefined = data.ratings.get(ratingKey(member.id, area.id));
      const change: CellChange = { userId: member.id, areaId: area.id, areaName: area.name, added: !current };
      const currentLevel = effectiveLevel(current);
      if (level !== null && level !== currentLevel) change.level = { from: currentLevel, to: level };
      if (interest !== null && interest !== (current?.interest ?? null)) change.interest = { from: current?.interest ?? null, to: interest };
      if (change.level || change.interest) result.changes.push(change);
    }
    if (member) result.name = member.name;
    if (result.reasons.length) rejected.push({ ...result, changes: [] });
    else if (result.changes.length === 0) unchanged.push(result);
    else changes.push(...result.changes);
  });
  return { ok: true, changes, unchanged, rejected, ignoredColumns, rows: body.length };
}
