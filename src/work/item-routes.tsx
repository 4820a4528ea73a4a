// Work items: the manager's create and edit form (with requirement rows), the read view, and status moves.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { isoDay, WORK_KINDS, WORK_PRIORITIES, WORK_STATUSES, type FieldErrors, type FormValues } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { field, idParam, parseForm, readForm } from '../http/forms.ts';
import { safeTarget } from '../http/redirect.ts';
import { badRequest, conflict, forbidden, isHtmx, notFound, page, redirectAfterPost } from '../http/render.tsx';
import { listAreas } from '../areas/queries.ts';
import { listTeam } from '../members/queries.ts';
import { dealsByIds, listDealOptions } from '../deals/queries.ts';
import { workFlags } from '../planning/work-balance.ts';
import { byName, keyFor, t } from '../../views/i18n/index.ts';
import { EMPTY_REQUIREMENT_ROWS, ItemFormPage, ItemView, MoreRowsButton, RequirementRow, type RequirementRowValues } from '../../views/work/item.tsx';
import { StatusCell } from '../../views/work/parts.tsx';
import { getCycle, getItem, insertItem, listCycles, MAX_ID, setItemStatus, teamWithLevels, updateItem, type ItemInput, type ItemWithDetails } from './queries.ts';
import { actorFor, movesFor, needsOwner, nextStatuses, shownItems } from './status-flow.ts';

type Ctx = Context<AppEnv>;

const itemSchema = z.object({
  title: field.text(200),
  description: field.optionalText(4000),
  kind: field.choice(WORK_KINDS),
  feeds: field.optionalText(200),
  dealId: field.optionalInt(1, MAX_ID),
  effort: field.int(1, 1000),
  priority: field.choice(WORK_PRIORITIES),
  cycleId: field.optionalInt(1, MAX_ID),
  dueDate: field.optionalDate(),
  status: field.choice(WORK_STATUSES),
  ownerId: field.optionalInt(1, MAX_ID),
  buddyId: field.optionalInt(1, MAX_ID),
  reqArea: z.array(z.string()).optional().default([]),
  reqLevel: z.array(z.string()).optional().default([]),
  more: z.string().optional(),
  version: field.version().optional(),
});
const REQ_FIELDS = ['reqArea', 'reqLevel'];

/** Pairs the requirement rows as typed, for re-rendering (plus empty rows to fill). */
function rowsOf(fields: Record<string, unknown>, extra = EMPTY_REQUIREMENT_ROWS): RequirementRowValues[] {
  const areas = Array.isArray(fields.reqArea) ? (fields.reqArea as string[]) : [];
  const levels = Array.isArray(fields.reqLevel) ? (fields.reqLevel as string[]) : [];
  const rows: RequirementRowValues[] = [];
  for (let i = 0; i < Math.max(areas.length, levels.length); i++) {
    const row = { area: (areas[i] ?? '').trim(), level: (levels[i] ?? '').trim() };
    if (row.area !== '' || row.level !== '') rows.push(row);
  }
  return [...rows, ...Array.from({ length: extra }, () => ({ area: '', level: '' }))];
}

/** How many requirement rows the form had, and how many of them were filled. */
const shownRows = (fields: Record<string, unknown>) => Math.max(...['reqArea', 'reqLevel'].map((k) => (Array.isArray(fields[k]) ? (fields[k] as string[]).length : 0)));
const filledRows = (rows: RequirementRowValues[]) => rows.filter((r) => r.area !== '' || r.level !== '').length;

const rowsOfItem = (item: ItemWithDetails | undefined): RequirementRowValues[] =>
  rowsOf({ reqArea: (item?.requirements ?? []).map((r) => String(r.areaId)), reqLevel: (item?.requirements ?? []).map((r) => String(r.minLevel)) });

/** Requirement rows → requirements, or the message for what is wrong with them. */
function parseRequirements(rows: RequirementRowValues[], areaIds: Set<number>): { ok: true; value: ItemInput['requirements'] } | { ok: false; error: string } {
  const requirements: ItemInput['requirements'] = [];
  for (const row of rows) {
    if (row.area === '' && row.level === '') continue;
    if (row.area === '') return { ok: false, error: t('work.req.needsArea') };
    if (row.level === '') return { ok: false, error: t('work.req.needsLevel') };
    if (!/^-?\d{1,3}$/.test(row.level) || Number(row.level) < 0 || Number(row.level) > 5) return { ok: false, error: t('work.req.levelRange') };
    const areaId = idParam(row.area);
    if (areaId === null || !areaIds.has(areaId)) return { ok: false, error: t('work.req.unknownArea') };
    if (requirements.some((r) => r.areaId === areaId)) return { ok: false, error: t('work.req.duplicate') };
    requirements.push({ areaId, minLevel: Number(row.level) });
  }
  return { ok: true, value: requirements };
}

/**
 * Areas an item may require: the non-archived ones, plus archived ones it requires already (so
 * editing it neither drops nor rejects a requirement the manager did not touch).
 */
async function requirableAreas(c: Ctx, item?: ItemWithDetails) {
  const kept = new Set((item?.requirements ?? []).map((r) => r.areaId));
  const areas = await listAreas(c.get('db'), { includeArchived: kept.size > 0 });
  return areas
    .filter((a) => a.archivedAt === null || kept.has(a.id))
    .map((a) => ({ id: a.id, name: a.archivedAt === null ? a.name : t('work.req.archived', { name: a.name }) }));
}

async function itemFormOptions(c: Ctx, item?: ItemWithDetails) {
  const db = c.get('db');
  const [cycles, areas, team, deals] = await Promise.all([listCycles(db), requirableAreas(c, item), listTeam(db), listDealOptions(db)]);
  return { cycles, areas, people: byName(team).map((m) => ({ id: m.id, name: m.name })), deals };
}

async function itemFormPage(c: Ctx, opts: { item?: ItemWithDetails; values?: FormValues; errors?: FieldErrors; rows?: RequirementRowValues[]; status?: 200 | 422 }) {
  const item = opts.item;
  const options = await itemFormOptions(c, item);
  const title = item ? t('work.items.editTitle', { title: item.title }) : t('work.items.new');
  const form = {
    action: item ? `/work/items/${item.id}` : '/work/items',
    item,
    values: opts.values,
    errors: opts.errors,
    rows: opts.rows ?? rowsOfItem(item),
    submit: item ? t('common.save') : t('work.items.create'),
    ...options,
  };
  return page(c, title, <ItemFormPage title={title} form={form} />, { current: '/work', status: opts.status });
}

/**
 * Validates the item form, field by field and then against the database: requirements on known
 * areas at levels 0–5, a due date not before the cycle, a known deal, owner and buddy active
 * (the current ones may stay), an owner for work someone is on the hook for.
 */
async function readItemForm(c: Ctx, existing?: ItemWithDetails) {
  const { fields } = await readForm(c, REQ_FIELDS);
  const rows = rowsOf(fields);
  const form = await parseForm(c, itemSchema, REQ_FIELDS);
  if (!form.ok) return { ok: false as const, values: form.values, errors: form.errors, rows };
  const db = c.get('db');
  const d = form.data;
  if (d.more) return { ok: false as const, values: form.values, errors: {}, rows: rowsOf(fields, shownRows(fields) - filledRows(rows) + EMPTY_REQUIREMENT_ROWS), more: true };
  const [areas, team, deals, cycle] = await Promise.all([requirableAreas(c, existing), listTeam(db), listDealOptions(db), d.cycleId ? getCycle(db, d.cycleId) : null]);
  const errors: FieldErrors = {};
  const requirements = parseRequirements(rows, new Set(areas.map((a) => a.id)));
  if (!requirements.ok) errors.requirements = requirements.error;
  if (d.cycleId !== null && !cycle) errors.cycleId = t('work.error.unknownCycle');
  if (cycle && d.dueDate !== null && d.dueDate < cycle.startDate) errors.dueDate = t('work.error.dueBeforeCycle', { start: cycle.startDate, cycle: cycle.name });
  if (d.dealId !== null && d.dealId !== existing?.dealId && !deals.some((deal) => deal.id === d.dealId)) errors.dealId = t('work.error.unknownDeal');
  const active = new Set(team.map((m) => m.id));
  if (d.ownerId !== null && d.ownerId !== existing?.ownerId && !active.has(d.ownerId)) errors.ownerId = t('errors.unknownMember');
  if (d.buddyId !== null && d.buddyId !== existing?.buddyId && !active.has(d.buddyId)) errors.buddyId = t('errors.unknownMember');
  if (d.buddyId !== null && d.buddyId === d.ownerId) errors.buddyId = t('work.error.buddyIsOwner');
  if (d.ownerId === null && needsOwner(d.status)) errors.ownerId = t('work.error.needsOwner', { status: t(`work.status.${d.status}`) });
  if (Object.keys(errors).length > 0 || !requirements.ok) return { ok: false as const, values: form.values, errors, rows };
  const input: ItemInput = {
    title: d.title,
    description: d.description,
    kind: d.kind,
    feeds: d.feeds,
    dealId: d.dealId,
    effort: d.effort,
    priority: d.priority,
    dueDate: d.dueDate,
    status: d.status,
    cycleId: d.cycleId,
    ownerId: d.ownerId,
    buddyId: d.buddyId,
    requirements: requirements.value,
  };
  return { ok: true as const, input, version: d.version };
}

async function itemById(c: Ctx) {
  const id = idParam(c.req.param('id'));
  return id ? getItem(c.get('db'), id) : null;
}

function itemSummary(i: Pick<ItemInput, 'title' | 'kind' | 'effort' | 'priority' | 'status' | 'dueDate' | 'feeds'>): Array<[string, string]> {
  return [
    [t('work.field.title'), i.title],
    [t('work.field.kind'), t(`work.kind.${i.kind}`)],
    [t('work.field.effort'), String(i.effort)],
    [t('work.field.priority'), t(`work.priority.${i.priority}`)],
    [t('work.field.status'), t(`work.status.${i.status}`)],
    [t('work.field.dueDate'), i.dueDate ?? t('common.none')],
    [t('work.field.feeds'), i.feeds || t('common.none')],
  ];
}

const statusLine = (status: string): Array<[string, string]> => [[t('work.field.status'), t(keyFor('work.status.', status))]];

export const itemRoutes = new Hono<AppEnv>()
  .get('/new', (c) => itemFormPage(c, {}))
  .post('/items', async (c) => {
    const form = await readItemForm(c);
    if (!form.ok) return itemFormPage(c, { values: form.values, errors: form.errors, rows: form.rows, status: 'more' in form ? 200 : 422 });
    const item = await insertItem(c.get('db'), form.input, c.get('now')());
    return redirectAfterPost(c, `/work/items/${item.id}`, { kind: 'ok', text: t('work.items.created', { title: item.title }) });
  })
  .get('/requirement-row', async (c) => {
    const index = Math.min(Number(idParam(c.req.query('index')) ?? 0), 200);
    const areas = (await listAreas(c.get('db'))).map((a) => ({ id: a.id, name: a.name }));
    return c.html(
      <>
        <RequirementRow index={index} row={{ area: '', level: '' }} areas={areas} />
        <MoreRowsButton next={index + 1} oob />
      </>,
    );
  })
  .get('/items/:id', async (c) => {
    const item = await itemById(c);
    if (!item) return notFound(c);
    const db = c.get('db');
    const [cycle, { members, areaNames }, deals] = await Promise.all([item.cycleId ? getCycle(db, item.cycleId) : null, teamWithLevels(db), dealsByIds(db, item.dealId === null ? [] : [item.dealId])]);
    const flags = workFlags([item], members, areaNames);
    const deal = item.dealId === null ? null : (deals.get(item.dealId) ?? null);
    const [shown] = shownItems(c.get('user')!, isoDay(c.get('now')()), [item]);
    return page(c, item.title, <ItemView item={shown} user={c.get('user')!} cycle={cycle} areaNames={areaNames} deal={deal} flags={flags} />, { current: '/work' });
  })
  .get('/items/:id/edit', async (c) => {
    const item = await itemById(c);
    return item ? itemFormPage(c, { item }) : notFound(c);
  })
  .post('/items/:id', async (c) => {
    const item = await itemById(c);
    if (!item) return notFound(c);
    const form = await readItemForm(c, item);
    if (!form.ok) return itemFormPage(c, { item, values: form.values, errors: form.errors, rows: form.rows, status: 'more' in form ? 200 : 422 });
    if (form.version === undefined) return badRequest(c, 'version');
    const updated = await updateItem(c.get('db'), item.id, form.version, form.input, c.get('now')());
    if (!updated) {
      const current = (await getItem(c.get('db'), item.id)) ?? item;
      return conflict(c, { yours: itemSummary({ ...item, ...form.input }), current: itemSummary(current), backHref: `/work/items/${item.id}/edit` });
    }
    return redirectAfterPost(c, `/work/items/${item.id}`, { kind: 'ok', text: t('common.saved') });
  })
  .post('/items/:id/status', async (c) => {
    const item = await itemById(c);
    if (!item) return notFound(c);
    const user = c.get('user')!;
    const actor = actorFor(user, item);
    if (actor === 'viewer') return forbidden(c);
    const form = await parseForm(c, z.object({ status: field.choice(WORK_STATUSES), version: field.version(), back: field.optionalText(500) }));
    const back = safeTarget(form.ok ? form.data.back : form.values.back, '/work');
    const cell = (shown: ItemWithDetails, error: string | undefined, status: 200 | 409 | 422) => {
      if (!isHtmx(c) && status === 409) return conflict(c, { yours: statusLine(form.ok ? form.data.status : ''), current: statusLine(shown.status), backHref: back });
      if (!isHtmx(c) && status === 422) return page(c, shown.title, <p class="error-summary" role="alert">{error}</p>, { status });
      return c.html(<StatusCell item={shown} moves={movesFor(shown, actorFor(user, shown))} back={back} error={error} />, status);
    };
    if (!form.ok) return cell(item, Object.values(form.errors)[0], 422);
    const { status, version } = form.data;
    if (version !== item.version) return cell(item, t('work.error.statusChanged'), 409);
    if (!nextStatuses(item.status, actor).includes(status)) {
      // A move only a manager may make is forbidden; a move that does not exist is a bad request.
      if (nextStatuses(item.status, 'manager').includes(status)) return forbidden(c);
      return cell(item, t('work.error.badMove', { from: t(`work.status.${item.status}`), to: t(`work.status.${status}`) }), 422);
    }
    if (needsOwner(status) && item.ownerId === null) return cell(item, t('work.error.needsOwner', { status: t(`work.status.${status}`) }), 422);
    const updated = await setItemStatus(c.get('db'), item.id, version, status, c.get('now')());
    if (!updated) return cell((await getItem(c.get('db'), item.id)) ?? item, t('work.error.statusChanged'), 409);
    if (!isHtmx(c)) return redirectAfterPost(c, back, { kind: 'ok', text: t('work.items.moved', { title: item.title, status: t(`work.status.${status}`) }) });
    return cell({ ...item, ...updated }, undefined, 200);
  });
