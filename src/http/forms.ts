// Reading and validating form posts: one zod schema per form, errors as message keys per field.
import { isUtf8 } from 'node:buffer';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { t, type MessageKey } from '../../views/i18n/index.ts';
import type { FieldErrors, FormValues } from '../domain.ts';

export type FormResult<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

/** Largest form body we read, checked before parsing (the CSV import routes have a larger limit). */
export const MAX_FORM_BYTES = 64 * 1024;

/** A form that is not UTF-8 text: refused whole (400) rather than stored with U+FFFD for the bad bytes. */
export class NotUtf8 extends HTTPException {
  constructor() {
    super(400, { message: 'not UTF-8' });
  }
}

/** Percent-escapes decode to UTF-8 too (`%FF` is as bad as a raw 0xFF); a stray `%` is just a character. */
function urlencodedIsUtf8(raw: Buffer): boolean {
  if (!isUtf8(raw)) return false;
  try {
    decodeURIComponent(raw.toString('utf8').replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
    return true;
  } catch {
    return false;
  }
}

/** Every part's headers and every text field of a multipart body; file contents are their route's business. */
function multipartTextIsUtf8(raw: Buffer, boundary: string): boolean {
  const delimiter = Buffer.from(`--${boundary}`);
  let at = raw.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    const end = raw.indexOf(delimiter, start);
    if (end === -1) break;
    const part = raw.subarray(start, end);
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const headers = part.subarray(0, split);
      if (!isUtf8(headers)) return false;
      if (!/filename\*?=/i.test(headers.toString('latin1')) && !isUtf8(part.subarray(split + 4, Math.max(split + 4, part.length - 2)))) return false;
    }
    at = end;
  }
  return true;
}

async function assertUtf8(c: Context): Promise<void> {
  const type = c.req.header('Content-Type') ?? '';
  const boundary = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
  const urlencoded = /^application\/x-www-form-urlencoded/i.test(type);
  if (!boundary && !urlencoded) return;
  const raw = Buffer.from(await c.req.arrayBuffer().catch(() => new ArrayBuffer(0)));
  if (boundary ? !multipartTextIsUtf8(raw, boundary[1] ?? boundary[2]) : !urlencodedIsUtf8(raw)) throw new NotUtf8();
}

/**
 * Parses a urlencoded or multipart body. A field sent twice is an error unless it is listed in
 * `multi` (then it is an array), so a duplicated field can never silently pick a value.
 */
export async function readForm(
  c: Context,
  multi: string[] = [],
): Promise<{ fields: Record<string, string | string[] | File>; duplicates: string[] }> {
  await assertUtf8(c);
  const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  const fields: Record<string, string | string[] | File> = {};
  const duplicates: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (Array.isArray(value)) {
      const strings = value.filter((v): v is string => typeof v === 'string');
      if (multi.includes(key)) fields[key] = strings;
      else duplicates.push(key);
    } else if (multi.includes(key)) {
      fields[key] = typeof value === 'string' ? [value] : [];
    } else if (typeof value === 'string' || value instanceof File) {
      fields[key] = value as string | File;
    }
  }
  return { fields, duplicates };
}

/** The user-facing message of a zod issue; schemas name our own message keys ('errors.…') where they need one. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (typeof issue.message === 'string' && issue.message.startsWith('errors.')) {
    const bound =
      issue.code === 'custom' ? (issue.params ?? {}) : 'minimum' in issue ? { min: Number(issue.minimum) } : 'maximum' in issue ? { max: Number(issue.maximum) } : {};
    return t(issue.message as MessageKey, bound);
  }
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string' ? t('errors.required') : t('errors.min', { min: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string' ? t('errors.tooLong', { max: Number(issue.maximum) }) : t('errors.max', { max: Number(issue.maximum) });
    case 'invalid_value':
      return t('errors.choice');
    case 'invalid_format':
      return issue.format === 'email' ? t('errors.email') : t('errors.badRequest', { reason: issue.format });
    default:
      return t('errors.required');
  }
}

/** What a re-rendered form shows back of a field without a declared maximum. */
const MAX_ECHO = 1000;

type Walkable = { _zod: { def: { type: string; shape?: Record<string, Walkable>; in?: Walkable; out?: Walkable; innerType?: Walkable; left?: Walkable; right?: Walkable; checks?: Array<{ _zod: { def: { check: string; maximum?: number } } }> } } };

/** The schema of one field of an object form schema (through refinements, intersections, defaults). */
function fieldOf(schema: unknown, name: string): Walkable | undefined {
  const def = (schema as Walkable | undefined)?._zod?.def;
  if (!def) return undefined;
  if (def.type === 'object') return def.shape && Object.hasOwn(def.shape, name) ? def.shape[name] : undefined;
  if (def.type === 'intersection') return fieldOf(def.left, name) ?? fieldOf(def.right, name);
  if (def.type === 'pipe') return fieldOf(def.in, name);
  return def.innerType ? fieldOf(def.innerType, name) : undefined;
}

/** The smallest maximum length a field's schema declares anywhere along its pipes, so an echo is never longer than allowed. */
function maxLength(schema: Walkable | undefined): number | undefined {
  const def = schema?._zod?.def;
  if (!def) return undefined;
  const own = def.checks?.find((k) => k._zod.def.check === 'max_length')?._zod.def.maximum;
  const inner = [def.in, def.out, def.innerType].map(maxLength).filter((n): n is number => n !== undefined);
  const all = own === undefined ? inner : [own, ...inner];
  return all.length ? Math.min(...all) : undefined;
}

/** Validates a form (values are strings; schemas coerce). Errors are translated messages per field. against a schema. On failure, `values` keeps what the user typed for re-rendering. */
export async function parseForm<S extends z.ZodType>(
  c: Context,
  schema: S,
  multi: string[] = [],
): Promise<FormResult<z.infer<S>>> {
  const { fields, duplicates } = await readForm(c, multi);
  const values: FormValues = {};
  for (const [k, v] of Object.entries(fields)) if (typeof v === 'string') values[k] = v.slice(0, maxLength(fieldOf(schema, k)) ?? MAX_ECHO);
  const errors: FieldErrors = {};
  for (const d of duplicates) errors[d] = t('errors.duplicateField');
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '_form');
      errors[field] ??= messageOf(issue);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors, values };
  return { ok: true, data: parsed.data, values };
}

function fail(ctx: z.RefinementCtx, message: string, params?: Record<string, number>): never {
  ctx.addIssue({ code: 'custom', message, params });
  return z.NEVER;
}

/**
 * A real calendar day written as YYYY-MM-DD. `Date.parse` rolls 2026-02-30 over to 2 March, so the
 * parts are built into a UTC date and must come back unchanged.
 */
export function isCalendarDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d;
}

/** Reusable field schemas. Text is trimmed and control characters (except newlines and tabs) removed. */
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
export const field = {
  text: (max: number) => z.string().transform(clean).pipe(z.string().min(1, 'errors.required').max(max, 'errors.tooLong')),
  optionalText: (max: number) => z.string().optional().default('').transform(clean).pipe(z.string().max(max, 'errors.tooLong')),
  int: (min: number, max: number) => z.string().trim().regex(/^-?\d{1,9}$/, 'errors.int').transform(Number).pipe(z.number().min(min).max(max)),
  optionalInt: (min: number, max: number) =>
    z
      .string()
      .optional()
      .transform((raw, ctx) => {
        const s = (raw ?? '').trim();
        if (s === '') return null;
        if (!/^-?\d{1,9}$/.test(s)) return fail(ctx, 'errors.int');
        const n = Number(s);
        if (n < min) return fail(ctx, 'errors.min', { min });
        if (n > max) return fail(ctx, 'errors.max', { max });
        return n;
      }),
  email: () => z.string().trim().toLowerCase().pipe(z.email('errors.email').max(254, 'errors.tooLong')),
  date: () => z.string().trim().refine(isCalendarDay, 'errors.date'),
  /** A date or nothing: '' (or a missing field) is null. */
  optionalDate: () =>
    z
      .string()
      .optional()
      .transform((raw, ctx) => {
        const s = (raw ?? '').trim();
        if (s === '') return null;
        return isCalendarDay(s) ? s : fail(ctx, 'errors.date');
      }),
  version: () => z.string().trim().regex(/^\d+$/, 'errors.int').transform(Number),
  choice: <T extends string>(values: readonly [T, ...T[]]) => z.enum(values, 'errors.choice'),
};

/** Parses a positive integer route parameter, or null. */
export function idParam(value: string | undefined): number | null {
  if (!value || !/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 ? n : null;
}
