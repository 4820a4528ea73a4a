// Reading the deal editor: one schema built for the rows on the form, then the checks that need the database's lists.
import type { Context } from 'hono';
import { z } from 'zod';
import type { DealSide, FieldErrors, FormValues } from '../domain.ts';
import { field, parseForm, readForm } from '../http/forms.ts';
import type { Deal, DealInput, ItemInput } from './queries.ts';
import type { EditRights } from './rights.ts';

export type EditorMode = 'create' | 'edit' | 'counter';
/** What the editor shows again on a 422: the values as typed, multi-selects, and a message per field. */
export type EditorForm = { values?: FormValues; arrays?: Record<string, string[]>; errors?: FieldErrors };
/** How many blank rows each side offers for new items. */
export const NEW_ROWS = { create: { give: 3, get: 2 }, edit: { give: 2, get: 2 }, counter: { give: 1, get: 1 } } as const;

/** The form field prefix of an item row: existing items by id, new rows by side and index. */
const itemPrefix = (item: { id: number } | { side: DealSide; index: number }) => ('id' in item ? `i${item.id}_` : `${item.side}${item.index}_`);

const pick = () => z.string().trim().regex(/^\d{1,9}$/, 'errors.choice').transform(Number);
const ids = () => z.array(z.string().regex(/^\d{1,9}$/, 'errors.choice').transform(Number)).optional().default([]);

export type EditorContext = {
  mode: EditorMode;
  rights: EditRights;
  deal: Deal | null;
  /** The deal's creation date ('YYYY-MM-DD'): no date may lie before it. */
  createdDate: string;
  partnerIds: Set<number>;
  /** Active managers and members: the only people who can own a deal or be committed to a give. */
  teamIds: Set<number>;
  areaIds: Set<number>;
};

/** One item row of the form: an existing item, or a blank row for a new one. */
export type EditorRow = { prefix: string; side: DealSide; existing?: Deal['items'][number] };

/** The rows the editor shows and reads: the deal's items, then the blank rows of each side. */
export function rowsOf(mode: EditorMode, deal: Deal | null): EditorRow[] {
  const rows: EditorRow[] = (deal?.items ?? []).map((existing) => ({ prefix: itemPrefix(existing), side: existing.side, existing }));
  for (const side of ['give', 'get'] as const) {
    for (let index = 0; index < NEW_ROWS[mode][side]; index++) rows.push({ prefix: itemPrefix({ side, index }), side });
  }
  return rows;
}

/** A check that needed the database's lists failed: a code per field (the route puts it in words). */
export type FormProblem = { code: 'beforeCreation'; date: string } | { code: 'unknownPartner' | 'ownerNotTeam' | 'required' | 'describeOrClear' | 'memberNotActive' | 'unknownArea' };

export type ReadDeal =
  | { ok: true; input: DealInput; version: number | null; note: string; form: EditorForm }
  | { ok: false; form: EditorForm; problems: Record<string, FormProblem> };

export async function readDealForm(c: Context, ctx: EditorContext): Promise<ReadDeal> {
  const { rights } = ctx;
  const rows = rowsOf(ctx.mode, ctx.deal);
  const shape: Record<string, z.ZodType> = { neededBy: field.optionalDate(), committedDate: field.optionalDate() };
  if (rights.deal) Object.assign(shape, { title: field.text(120), partnerId: pick(), ownerId: pick(), summary: field.optionalText(2000) });
  if (ctx.deal) shape.version = field.version();
  if (ctx.mode === 'counter') shape.note = field.text(2000);
  const multi: string[] = [];
  for (const r of rows) {
    Object.assign(shape, { [`${r.prefix}description`]: field.optionalText(300), [`${r.prefix}dueDate`]: field.optionalDate() });
    if (r.existing) shape[`${r.prefix}remove`] = z.string().optional();
    if (rights.staffing && r.side === 'give') {
      Object.assign(shape, { [`${r.prefix}areaId`]: field.optionalInt(1, 1e9), [`${r.prefix}effort`]: field.optionalInt(0, 100), [`${r.prefix}members`]: ids() });
      multi.push(`${r.prefix}members`);
    }
  }
  const parsed = await parseForm(c, z.object(shape), multi);
  const { fields } = await readForm(c, multi);
  const arrays = Object.fromEntries(multi.map((m) => [m, Array.isArray(fields[m]) ? (fields[m] as string[]) : []]));
  if (!parsed.ok) return { ok: false, form: { values: parsed.values, arrays, errors: parsed.errors }, problems: {} };

  const data = parsed.data as Record<string, unknown>;
  const problems: Record<string, FormProblem> = {};
  const notBefore = (name: string, date: string | null) => {
    if (date && date < ctx.createdDate) problems[name] = { code: 'beforeCreation', date: ctx.createdDate };
  };
  notBefore('neededBy', data.neededBy as string | null);
  notBefore('committedDate', data.committedDate as string | null);
  if (rights.deal) {
    if (!ctx.partnerIds.has(data.partnerId as number)) problems.partnerId = { code: 'unknownPartner' };
    if (!ctx.teamIds.has(data.ownerId as number)) problems.ownerId = { code: 'ownerNotTeam' };
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
      if (r.existing || filled) problems[`${r.prefix}description`] = { code: r.existing ? 'required' : 'describeOrClear' };
      continue;
    }
    notBefore(`${r.prefix}dueDate`, dueDate);
    if (rights.staffing && r.side === 'give') {
      if (memberIds.some((id) => !ctx.teamIds.has(id))) problems[`${r.prefix}members`] = { code: 'memberNotActive' };
      if (areaId !== null && !ctx.areaIds.has(areaId)) problems[`${r.prefix}areaId`] = { code: 'unknownArea' };
    }
    // A partner changes what and when; who on our team does it, in which area and at what effort stays ours.
    const kept = r.existing && !rights.staffing;
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
  if (Object.keys(problems).length) return { ok: false, form: { values: parsed.values, arrays }, problems };

  const d = ctx.deal;
  const input: DealInput = {
    title: rights.deal ? (data.title as string) : d!.title,
    partnerId: rights.deal ? (data.partnerId as number) : d!.partnerId,
    ownerId: rights.deal ? (data.ownerId as number) : d!.ownerId,
    summary: rights.deal ? (data.summary as string) : d!.summary,
    neededBy: data.neededBy as string | null,
    committedDate: data.committedDate as string | null,
    items,
  };
  return { ok: true, input, version: (data.version as number | undefined) ?? null, note: (data.note as string | undefined) ?? '', form: { values: parsed.values, arrays } };
}
