// Reading and validating form posts: one zod schema per form, errors as message keys per field.
import type { Context } from 'hono';
import { z } from 'zod';
import { t } from '../../views/i18n/index.ts';

import type { FieldErrors, FormValues } from '../domain.ts';

export type { FieldErrors, FormValues };
export type FormResult<T> = { ok: true; data: T; values: FormValues } | { ok: false; errors: FieldErrors; values: FormValues };

/** Largest form body we read (a CSV upload has its own, larger limit). */
export const MAX_FORM_BYTES = 1_000_000;

/**
 * Parses a urlencoded or multipart body. A field sent twice is an error unless it is listed in
 * `multi` (then it is an array), so a duplicated field can never silently pick a value.
 */
export async function readForm(
  c: Context,
  multi: string[] = [],
): Promise<{ fields: Record<string, string | string[] | File>; duplicates: string[] }> {
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
    return t(issue.message, bound);
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

/** Validates a form (values are strings; schemas coerce). Errors are translated messages per field. against a schema. On failure, `values` keeps what the user typed for re-rendering. */
export async function parseForm<S extends z.ZodType>(
  c: Context,
  schema: S,
  multi: string[] = [],
): Promise<FormResult<z.infer<S>>> {
  const { fields, duplicates } = await readForm(c, multi);
  const values: FormValues = {};
  for (const [k, v] of Object.entries(fields)) if (typeof v === 'string') values[k] = v;
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
