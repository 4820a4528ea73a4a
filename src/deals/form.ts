// Reading the deal editor: one schema built for the rows on the form, then the checks that need the database's lists.
import type { Context } from 'hono';
import { z } from 'zod';
import { field, parseForm, readForm, type FieldErrors } from '../http/forms.ts';
import { itemPrefix, NEW_ROWS, type EditorForm, type EditorMode } from '../../views/deals/editor.tsx';
import type { Perspective } from '../../views/deals/parts.tsx';
import { t } from '../../views/i18n/index.ts';
import type { Deal, DealInput, ItemInput } from './queries.ts';

/** '' → null, otherwise a real calendar date 'YYYY-MM-DD'. */
export const optionalDate = () =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const s = (raw ?? '').trim();
      if (s === '') return null;
      const ok = /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
      if (!ok) {
        ctx.addIssue({ code: 'custom', message: 'errors.date' });
        return z.NEVER;
      }
      return s;
    });

const pick = () => z.string().trim().regex(/^\d{1,9}$/, 'errors.choice').transform(Number);
const ids = () => z.array(z.string().regex(/^\d{1,9}$/, 'errors.choice').transform(Number)).optional().default([]);

export type EditorContext = {
  mode: EditorMode;
  who: Perspective;
  deal: Deal | null;
  /** The deal's creation date ('YYYY-MM-DD'): no date may lie before it. */
  createdDate: string;
  partnerIds: Set<number>;
  /** Active managers and members: the only people who can own a deal or be committed to a give. */
  teamIds: Set<number>;
  areaIds: Set<number>;
};

type Row = { prefix: string; side: 'give' | 'get'; existing?: Deal['items'][number] };

function rowsOf(ctx: EditorContext): Row[] {
  const rows: Row[] = (ctx.deal?.items ?? []).map((existing) => ({ prefix: itemPrefix(existing), side: existing.side, existing }));
  for (const side of ['give', 'get'] as const) {
    for (let index = 0; index < NEW_ROWS[ctx.mode][side]; index++) rows.push({ prefix: itemPrefix({ side, index }), side });
  }
  return rows;
}

export type ReadDeal = { ok: true; input: DealInput; version: number | null; note: string; form: EditorForm } | { ok: false; form: EditorForm };

export async function readDealForm(c: Context, ctx: EditorContext): Promise<ReadDeal> {
  const team = ctx.who === 'team';
  const rows = rowsOf(ctx);
  const shape: Record<string, z.ZodType> = { neededBy: optionalDate(), committedDate: optionalDate() };
  if (team) Object.assign(shape, { title: field.text(120), partnerId: pick(), ownerId: pick(), summary: field.optionalText(2000) });
  if (ctx.deal) shape.version = field.version();
  if (ctx.mode === 'counter') shape.note = field.text(2000);
  const multi: string[] = [];
  for (const r of rows) {
    Object.assign(shape, { [`${r.prefix}description`]: field.optionalText(300), [`${r.prefix}dueDate`]: optionalDate() });
    if (r.existing) shape[`${r.prefix}remove`] = z.string().optional();
    if (team && r.side === 'give') {
      Object.assign(shape, { [`${r.prefix}areaId`]: field.optionalInt(1, 1e9), [`${r.prefix}effort`]: field.optionalInt(0, 100), [`${r.prefix}members`]: ids() });
      multi.push(`${r.prefix}members`);
    }
  }
  const parsed = await parseForm(c, z.object(shape), multi);
  const { fields } = await readForm(c, multi);
  const arrays = Object.fromEntries(multi.map((m) => [m, Array.isArray(fields[m]) ? (fields[m] as string[]) : []]));
  if (!parsed.ok) return { ok: false, form: { values: parsed.values, arrays, errors: parsed.errors } };

  const data = parsed.data as Record<string, unknown>;
  const errors: FieldErrors = {};
  const notBefore = (name: string, date: string | null) => {
    if (date && date < ctx.createdDate) errors[name] = t('deals.errors.beforeCreation', { date: ctx.createdDate });
  };
  notBefore('neededBy', data.neededBy as string | null);
  notBefore('committedDate', data.committedDate as string | null);
  if (team) {
    if (!ctx.partnerIds.has(data.partnerId as number)) errors.partnerId = t('errors.choice');
    if (!ctx.teamIds.has(data.ownerId as number)) errors.ownerId = t('deals.errors.ownerNotTeam');
  }

  const items: ItemInput[] = [];
  for (const r of rows) {
    const get = <T>(f: string) => data[`${r.prefix}${f}`] as T;
    const description = get<string>('description');
    const dueDate = get<string | null>('dueDate');
    const memberIds = get<number[] | undefined>('members') ?? [];
    const areaId = get<number | null | undefined>('areaId') ?? null;
    const effort = get<number | null | undefined>('effort') ?? null;
    if (r.existing && get<string | undefined>('remove') === '1') continue;
    if (!description) {
      const filled = dueDate || memberIds.length || areaId || effort;
      if (r.existing || filled) errors[`${r.prefix}description`] = t(r.existing ? 'errors.required' : 'deals.errors.describeOrClear');
      continue;
    }
    notBefore(`${r.prefix}dueDate`, dueDate);
    if (team && r.side === 'give') {
      if (memberIds.some((id) => !ctx.teamIds.has(id))) errors[`${r.prefix}members`] = t('deals.errors.memberNotActive');
      if (areaId !== null && !ctx.areaIds.has(areaId)) errors[`${r.prefix}areaId`] = t('errors.unknownArea');
    }
    // A partner changes what and when; who on our team does it, in which area and at what effort stays ours.
    const kept = r.existing && !team;
    items.push({
      id: r.existing?.id,
      side: r.side,
      description,
      dueDate,
      areaId: kept ? r.existing!.areaId : r.side === 'give' ? areaId : null,
      effort: kept ? r.existing!.effort : r.side === 'give' ? (effort ?? 0) : 0,
      memberIds: kept ? r.existing!.members.map((m) => m.id) : r.side === 'give' ? [...new Set(memberIds)] : [],
    });
  }
  if (Object.keys(errors).length) return { ok: false, form: { values: parsed.values, arrays, errors } };

  const d = ctx.deal;
  const input: DealInput = {
    title: team ? (data.title as string) : d!.title,
    partnerId: team ? (data.partnerId as number) : d!.partnerId,
    ownerId: team ? (data.ownerId as number) : d!.ownerId,
    summary: team ? (data.summary as string) : d!.summary,
    neededBy: data.neededBy as string | null,
    committedDate: data.committedDate as string | null,
    items,
  };
  return { ok: true, input, version: (data.version as number | undefined) ?? null, note: (data.note as string | undefined) ?? '', form: { values: parsed.values, arrays } };
}
