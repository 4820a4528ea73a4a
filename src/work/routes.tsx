// Work items, planning cycles, the work-split planner and the research/service balance.
import { Hono, type Context } from 'hono';
import { count } from 'drizzle-orm';
import { z } from 'zod';
import { workItems, WORK_KINDS, WORK_PRIORITIES, WORK_STATUSES, type WorkStatus } from '../db/schema/index.ts';
import type { AppEnv } from '../env.ts';
import { field, idParam, parseForm, readForm, type FieldErrors, type FormValues } from '../http/forms.ts';
import { badRequest, forbidden, isHtmx, notFound, page, redirectAfterPost } from '../http/render.tsx';
import { listAreas } from '../areas/queries.ts';
import { getUser, listTeam } from '../members/queries.ts';
import { workFlags } from '../planning/work-balance.ts';
import { balanceOf } from './balance.ts';
import { describeUnplaced, type Translate as SplitTranslate } from '../planning/work-split.ts';
import { ConflictView } from '../../views/components.tsx';
import { byName, t } from '../../views/i18n/index.ts';
import { WorkPage, type WorkFilterValues } from '../../views/work/list.tsx';
import { EMPTY_REQUIREMENT_ROWS, ItemFormPage, ItemView, MoreRowsButton, RequirementRow, type RequirementRowValues } from '../../views/work/item.tsx';
import { CyclePage, CyclesPage } from '../../views/work/cycles.tsx';
import { PlanForm, PlanPage, RunProgress, type PlanFormState, type RunState } from '../../views/work/plan.tsx';
import { StatusCell } from '../../views/work/parts.tsx';
import { dealsByIds, listDealOptions } from '../deals/queries.ts';
import {
  acceptRun,
  getRun,
  isLost,
  latestRun,
  pinProblems,
  plannerInput,
  planningData,
  startPlanRun,
  versionsHash,
  viewOf,
  waitForRun,
  type PlanRequest,
  type PlanRun,
  type PlanningData,
} from './plan-runs.ts';
import {
  currentCycle,
  cycleNameTaken,
  dayOf,
  capacityOverrides,
  getCycle,
  getItem,
  insertCycle,
  insertItem,
  listCycles,
  listItems,
  saveCapacities,
  setItemStatus,
  teamWithLevels,
  updateCycle,
  updateItem,
  type Cycle,
  type ItemFilter,
  type ItemInput,
  type ItemWithDetails,
} from './queries.ts';
import { actorFor, movesFor, needsOwner, nextStatuses } from './status-flow.ts';

type Ctx = Context<AppEnv>;
const MAX_ID = 999_999_999;

/** A same-site path to return to after a plain form post; anything else falls back to /work. */
const safeBack = (back: string | undefined) => (back && /^\/(?![/\\])/.test(back) ? back : '/work');

// ---------------------------------------------------------------------------------------------
// Item form.

const optionalDate = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const s = (raw ?? '').trim();
    if (s === '') return null;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s))) {
      ctx.addIssue({ code: 'custom', message: 'errors.date' });
      return z.NEVER;
    }
    return s;
  });

const itemSchema = z.object({
  title: field.text(200),
  description: field.optionalText(4000),
  kind: field.choice(WORK_KINDS),
  feeds: field.optionalText(200),
  dealId: field.optionalInt(1, MAX_ID),
  effort: field.int(1, 1000),
  priority: field.choice(WORK_PRIORITIES),
  cycleId: field.optionalInt(1, MAX_ID),
  dueDate: optionalDate,
  status: field.choice(WORK_STATUSES),
  ownerId: field.optionalInt(1, MAX_ID),
  buddyId: field.optionalInt(1, MAX_ID),
  reqArea: z.array(z.string()).optional().default([]),
  reqLevel: z.array(z.string()).optional().default([]),
  more: z.string().optional(),
  version: z.string().optional(),
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
  const areas = await listAreas(c.var.db, { includeArchived: kept.size > 0 });
  return areas
    .filter((a) => a.archivedAt === null || kept.has(a.id))
    .map((a) => ({ id: a.id, name: a.archivedAt === null ? a.name : t('work.req.archived', { name: a.name }) }));
}

async function itemFormOptions(c: Ctx, item?: ItemWithDetails) {
  const { db } = c.var;
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
  const { db } = c.var;
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
  return id ? getItem(c.var.db, id) : null;
}

// ---------------------------------------------------------------------------------------------
// Planner page.

const runUrl = (cycleId: number, runId: number) => `/work/plan?cycle=${cycleId}&run=${runId}`;

async function runState(c: Ctx, run: PlanRun, data: PlanningData): Promise<RunState> {
  const view = viewOf(run);
  const staleItems = run.status === 'done' && run.acceptedAt === null ? view.itemVersions.filter(([id, version]) => data.versions.get(id) !== version).length : 0;
  const acceptedBy = run.acceptedBy ? await getUser(c.var.db, run.acceptedBy) : null;
  return { ...view, lost: isLost(run, c.var.now()), staleItems, acceptedByName: acceptedBy?.name ?? null };
}

function stateOfRun(run: RunState | null): PlanFormState {
  if (!run) return { pins: {}, exclusions: [], buddies: true };
  return { pins: { ...(run.input.pins ?? {}) }, exclusions: [...(run.input.exclusions ?? [])], buddies: run.input.buddies };
}

async function planPage(c: Ctx, cycle: Cycle, opts: { runId?: number | null; state?: PlanFormState; status?: 200 | 422 } = {}) {
  const { db } = c.var;
  const [cycles, data] = await Promise.all([listCycles(db), planningData(db, cycle)]);
  const picked = opts.runId ? await getRun(db, opts.runId) : null;
  const run = picked && picked.cycleId === cycle.id ? picked : await latestRun(db, cycle.id);
  const state = run ? await runState(c, run, data) : null;
  const members = byName(data.members).map((m) => ({ id: m.id, name: m.name, budget: data.budgets.get(m.id)! }));
  const props = {
    cycles,
    cycle,
    items: data.items,
    members,
    areaNames: data.areaNames,
    run: state,
    hash: state ? versionsHash(state.itemVersions) : '',
    state: opts.state ?? stateOfRun(state),
    pageUrl: state ? runUrl(cycle.id, state.run.id) : `/work/plan?cycle=${cycle.id}`,
  };
  if (isHtmx(c) && opts.status === 422) {
    return c.html(<PlanForm cycle={cycle} items={data.items} members={members} areaNames={data.areaNames} state={props.state} run={state} />, 422);
  }
  return page(c, t('work.plan.title', { cycle: cycle.name }), <PlanPage {...props} />, { current: '/work', status: opts.status, wide: true });
}

const planSchema = z.object({
  cycle: field.int(1, MAX_ID),
  pin: z.array(z.string()).default([]),
  exclude: z.array(z.string()).default([]),
  buddies: z.string().optional(),
});

/** "item:member" pairs from the form; blank choices are skipped; null if one is malformed. */
function pairsOf(values: string[]): Array<{ itemId: number; memberId: number }> | null {
  const pairs: Array<{ itemId: number; memberId: number }> = [];
  for (const raw of values) {
    if (raw.trim() === '') continue;
    const m = /^(\d{1,9}):(\d{1,9})$/.exec(raw.trim());
    if (!m) return null;
    pairs.push({ itemId: Number(m[1]), memberId: Number(m[2]) });
  }
  return pairs;
}

/**
 * Checks the manager's pins and exclusions before anything is written: pins and exclusions name
 * open items of the cycle and active members, an item is pinned once, the cycle has members with
 * capacity, and every pin can be kept (qualified, not excluded, within capacity).
 */
async function readPlanRequest(c: Ctx, data: PlanningData, pins: Array<{ itemId: number; memberId: number }>, exclusions: Array<{ itemId: number; memberId: number }>, buddies: boolean) {
  const state: PlanFormState = { pins: {}, exclusions, buddies, itemErrors: {} };
  const itemErrors = state.itemErrors!;
  const open = new Set(data.items.map((i) => i.id));
  const members = new Map(data.members.map((m) => [m.id, m]));
  for (const pin of pins) {
    if (pin.itemId in state.pins && state.pins[pin.itemId] !== pin.memberId) itemErrors[pin.itemId] = t('work.plan.error.pinnedTwice');
    state.pins[pin.itemId] = pin.memberId;
  }
  const named = [...pins, ...exclusions];
  const unknownPeople = [...new Set(named.map((p) => p.memberId).filter((id) => !members.has(id)))];
  const people = new Map<number, { name: string; active: boolean; role: string }>();
  for (const id of unknownPeople) {
    const user = await getUser(c.var.db, id);
    if (user) people.set(id, user);
  }
  for (const p of named) {
    if (!open.has(p.itemId)) state.formError = t('work.plan.error.notOpen');
    else if (!members.has(p.memberId)) {
      const user = people.get(p.memberId);
      itemErrors[p.itemId] ??=
        user && !user.active && user.role === 'member' ? t('work.plan.error.inactive', { name: user.name }) : t('errors.unknownMember');
    }
  }
  if (data.members.length === 0) state.formError = t('work.plan.error.noMembers');
  else if (data.members.every((m) => data.budgets.get(m.id)!.capacity <= 0)) state.formError = t('work.plan.error.noCapacity', { cycle: data.cycle.name });
  else if (data.items.length === 0) state.formError = t('work.plan.error.noItems', { cycle: data.cycle.name });
  if (state.formError || Object.keys(itemErrors).length > 0) return { ok: false as const, state };
  const request: PlanRequest = { pins: state.pins, exclusions, buddies };
  const input = plannerInput(data, request);
  const titles = new Map(data.items.map((i) => [i.id, i.title]));
  for (const problem of pinProblems(input)) {
    itemErrors[problem.itemId] = t('work.plan.error.pin', { title: titles.get(problem.itemId) ?? '', why: describeUnplaced(problem.why, t as SplitTranslate) });
  }
  if (Object.keys(itemErrors).length > 0) return { ok: false as const, state };
  return { ok: true as const, input };
}

async function cycleById(c: Ctx, raw: string | undefined) {
  const id = idParam(raw);
  return id ? getCycle(c.var.db, id) : null;
}

// ---------------------------------------------------------------------------------------------
// Cycles.

const cycleSchema = z.object({ name: field.text(60), startDate: field.date(), endDate: field.date(), version: z.string().optional() });

/** The cycle form, with the rule a schema cannot name in our words: the end is not before the start. */
async function readCycleForm(c: Ctx) {
  const form = await parseForm(c, cycleSchema);
  if (form.ok && form.data.endDate < form.data.startDate) return { ok: false as const, values: form.values, errors: { endDate: t('work.error.endBeforeStart') } };
  return form;
}

async function cyclesPage(c: Ctx, form?: { values?: FormValues; errors?: FieldErrors }, status: 200 | 422 = 200) {
  const { db } = c.var;
  const [cycles, counts] = await Promise.all([listCycles(db), db.select({ cycleId: workItems.cycleId, n: count() }).from(workItems).groupBy(workItems.cycleId)]);
  const byCycle = new Map(counts.map((r) => [r.cycleId, r.n]));
  const current = currentCycle(cycles, dayOf(c.var.now()));
  const rows = cycles.map((cy) => ({ ...cy, items: byCycle.get(cy.id) ?? 0, current: cy.id === current?.id }));
  return page(c, t('work.cycle.title'), <CyclesPage cycles={rows} manager={c.var.user!.role === 'manager'} form={form} />, { current: '/work', status });
}

async function cyclePage(c: Ctx, cycle: Cycle, forms: { form?: { values?: FormValues; errors?: FieldErrors }; capacityForm?: { values?: FormValues; errors?: FieldErrors } } = {}, status: 200 | 422 = 200) {
  const { db } = c.var;
  const [team, overrides] = await Promise.all([listTeam(db), capacityOverrides(db, cycle.id)]);
  const members = byName(team.filter((m) => m.role === 'member')).map((m) => ({ id: m.id, name: m.name, profile: m.capacity, override: overrides.get(m.id) ?? null }));
  return page(c, cycle.name, <CyclePage cycle={cycle} members={members} form={forms.form} capacityForm={forms.capacityForm} />, { current: '/work', status });
}

// ---------------------------------------------------------------------------------------------

export const workRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { db } = c.var;
    const q = c.req.query();
    const [cycles, areas, team] = await Promise.all([listCycles(db), listAreas(db), listTeam(db)]);
    const values: WorkFilterValues = { cycle: '', kind: '', status: '', area: '', owner: '' };
    const filter: ItemFilter = {};
    let scope: { cycle: Cycle | null; all: boolean } = { cycle: null, all: true };
    if (q.cycle === undefined) {
      const current = currentCycle(cycles, dayOf(c.var.now()));
      if (current) scope = { cycle: current, all: false };
    } else if (q.cycle === 'none') scope = { cycle: null, all: false };
    else {
      const cycle = cycles.find((cy) => String(cy.id) === q.cycle);
      if (cycle) scope = { cycle, all: false };
    }
    if (!scope.all) {
      filter.cycleId = scope.cycle?.id ?? null;
      values.cycle = scope.cycle ? String(scope.cycle.id) : 'none';
    }
    if ((WORK_KINDS as readonly string[]).includes(q.kind ?? '')) filter.kind = (values.kind = q.kind!) as ItemFilter['kind'];
    if ((WORK_STATUSES as readonly string[]).includes(q.status ?? '')) filter.status = (values.status = q.status!) as WorkStatus;
    const areaId = idParam(q.area);
    if (areaId && areas.some((a) => a.id === areaId)) filter.areaId = areaId;
    if (filter.areaId) values.area = String(areaId);
    if (q.owner === 'none') {
      filter.ownerId = null;
      values.owner = 'none';
    } else {
      const ownerId = idParam(q.owner);
      if (ownerId) {
        filter.ownerId = ownerId;
        values.owner = String(ownerId);
      }
    }
    const [items, { balance, flags, areaNames }] = await Promise.all([listItems(db, filter), balanceOf(c, scope, cycles)]);
    const url = new URL(c.req.url);
    const current = currentCycle(cycles, dayOf(c.var.now()));
    return page(
      c,
      t('work.title'),
      <WorkPage
        user={c.var.user!}
        values={values}
        cycles={cycles}
        areas={areas.map((a) => ({ id: a.id, name: a.name }))}
        people={byName(team).map((m) => ({ id: m.id, name: m.name }))}
        items={items}
        areaNames={areaNames}
        balance={balance}
        flags={flags}
        back={url.pathname + url.search}
        planCycleId={scope.cycle?.id ?? current?.id ?? null}
      />,
      { current: '/work' },
    );
  })

  // --- items ---
  .get('/new', (c) => itemFormPage(c, {}))
  .post('/items', async (c) => {
    const form = await readItemForm(c);
    if (!form.ok) return itemFormPage(c, { values: form.values, errors: form.errors, rows: form.rows, status: 'more' in form ? 200 : 422 });
    const item = await insertItem(c.var.db, form.input, c.var.now());
    return redirectAfterPost(c, `/work/items/${item.id}`, { kind: 'ok', text: t('work.items.created', { title: item.title }) });
  })
  .get('/requirement-row', async (c) => {
    const index = Math.min(Number(idParam(c.req.query('index')) ?? 0), 200);
    const areas = (await listAreas(c.var.db)).map((a) => ({ id: a.id, name: a.name }));
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
    const { db } = c.var;
    const [cycle, { members, areaNames }, deals] = await Promise.all([item.cycleId ? getCycle(db, item.cycleId) : null, teamWithLevels(db), dealsByIds(db, item.dealId === null ? [] : [item.dealId])]);
    const flags = workFlags([item], members, areaNames);
    const deal = item.dealId === null ? null : (deals.get(item.dealId) ?? null);
    return page(c, item.title, <ItemView item={item} user={c.var.user!} cycle={cycle} areaNames={areaNames} deal={deal} flags={flags} />, { current: '/work' });
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
    const version = Number(form.version);
    if (!Number.isInteger(version)) return badRequest(c, 'version');
    const updated = await updateItem(c.var.db, item.id, version, form.input, c.var.now());
    if (!updated) {
      const current = (await getItem(c.var.db, item.id)) ?? item;
      return page(c, t('errors.conflict'), <ConflictView yours={itemSummary({ ...item, ...form.input })} current={itemSummary(current)} backHref={`/work/items/${item.id}/edit`} />, { status: 409 });
    }
    return redirectAfterPost(c, `/work/items/${item.id}`, { kind: 'ok', text: t('common.saved') });
  })
  .post('/items/:id/status', async (c) => {
    const item = await itemById(c);
    if (!item) return notFound(c);
    const user = c.var.user!;
    const actor = actorFor(user, item);
    if (actor === 'viewer') return forbidden(c);
    const form = await parseForm(c, z.object({ status: field.choice(WORK_STATUSES), version: field.version(), back: field.optionalText(500) }));
    const back = safeBack(form.ok ? form.data.back : form.values.back);
    const cell = (shown: ItemWithDetails, error: string | undefined, status: 200 | 409 | 422) => {
      if (!isHtmx(c) && status === 409) {
        return page(c, t('errors.conflict'), <ConflictView yours={[[t('work.field.status'), t(`work.status.${form.ok ? form.data.status : ''}`)]]} current={[[t('work.field.status'), t(`work.status.${shown.status}`)]]} backHref={back} />, { status });
      }
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
    const updated = await setItemStatus(c.var.db, item.id, version, status, c.var.now());
    if (!updated) return cell((await getItem(c.var.db, item.id)) ?? item, t('work.error.statusChanged'), 409);
    if (!isHtmx(c)) return redirectAfterPost(c, back, { kind: 'ok', text: t('work.items.moved', { title: item.title, status: t(`work.status.${status}`) }) });
    return cell({ ...item, ...updated }, undefined, 200);
  })

  // --- cycles ---
  .get('/cycles', (c) => cyclesPage(c))
  .post('/cycles', async (c) => {
    const form = await readCycleForm(c);
    if (!form.ok) return cyclesPage(c, form, 422);
    if (await cycleNameTaken(c.var.db, form.data.name)) return cyclesPage(c, { values: form.values, errors: { name: t('work.error.cycleNameTaken') } }, 422);
    const cycle = await insertCycle(c.var.db, form.data, c.var.now());
    return redirectAfterPost(c, `/work/cycles/${cycle.id}`, { kind: 'ok', text: t('work.cycle.created', { name: cycle.name }) });
  })
  .get('/cycles/:id', async (c) => {
    const cycle = await cycleById(c, c.req.param('id'));
    return cycle ? cyclePage(c, cycle) : notFound(c);
  })
  .post('/cycles/:id', async (c) => {
    const cycle = await cycleById(c, c.req.param('id'));
    if (!cycle) return notFound(c);
    const form = await readCycleForm(c);
    if (!form.ok) return cyclePage(c, cycle, { form }, 422);
    if (await cycleNameTaken(c.var.db, form.data.name, cycle.id)) return cyclePage(c, cycle, { form: { values: form.values, errors: { name: t('work.error.cycleNameTaken') } } }, 422);
    const version = Number(form.data.version);
    if (!Number.isInteger(version)) return badRequest(c, 'version');
    const { version: _v, ...values } = form.data;
    const updated = await updateCycle(c.var.db, cycle.id, version, values);
    if (!updated) {
      const current = (await getCycle(c.var.db, cycle.id)) ?? cycle;
      const show = (cy: { name: string; startDate: string; endDate: string }): Array<[string, string]> => [
        [t('work.cycle.name'), cy.name],
        [t('work.cycle.start'), cy.startDate],
        [t('work.cycle.end'), cy.endDate],
      ];
      return page(c, t('errors.conflict'), <ConflictView yours={show(values)} current={show(current)} backHref={`/work/cycles/${cycle.id}`} />, { status: 409 });
    }
    return redirectAfterPost(c, `/work/cycles/${cycle.id}`, { kind: 'ok', text: t('common.saved') });
  })
  .post('/cycles/:id/capacities', async (c) => {
    const cycle = await cycleById(c, c.req.param('id'));
    if (!cycle) return notFound(c);
    const team = (await listTeam(c.var.db)).filter((m) => m.role === 'member');
    const schema = z.object({ version: field.version(), ...Object.fromEntries(team.map((m) => [`cap${m.id}`, field.optionalInt(0, 100)])) });
    const form = await parseForm(c, schema);
    if (!form.ok) return cyclePage(c, cycle, { capacityForm: form }, 422);
    const data = form.data as Record<string, number | null>;
    const saved = await saveCapacities(c.var.db, cycle.id, data.version as number, team.map((m) => ({ userId: m.id, capacity: data[`cap${m.id}`] ?? null })));
    if (!saved) {
      const current = (await getCycle(c.var.db, cycle.id)) ?? cycle;
      return page(c, t('errors.conflict'), <ConflictView yours={[[t('common.version', { version: cycle.version }), cycle.name]]} current={[[t('common.version', { version: current.version }), current.name]]} backHref={`/work/cycles/${cycle.id}#capacities`} />, { status: 409 });
    }
    return redirectAfterPost(c, `/work/cycles/${cycle.id}#capacities`, { kind: 'ok', text: t('work.cycle.capacitiesSaved') });
  })

  // --- the planner ---
  .get('/plan', async (c) => {
    const { db } = c.var;
    const cycles = await listCycles(db);
    const wanted = c.req.query('cycle');
    const cycle = wanted ? cycles.find((cy) => String(cy.id) === wanted) : currentCycle(cycles, dayOf(c.var.now()));
    if (!cycle) {
      if (wanted) return notFound(c);
      return page(c, t('work.plan.titleNoCycle'), <section><h1>{t('work.plan.titleNoCycle')}</h1><p class="empty">{t('work.plan.noCycles')} <a href="/work/cycles#add">{t('work.cycle.add')}</a></p></section>, { current: '/work' });
    }
    return planPage(c, cycle, { runId: idParam(c.req.query('run')) });
  })
  .post('/plan', async (c) => {
    const form = await parseForm(c, planSchema, ['pin', 'exclude']);
    if (!form.ok) return badRequest(c, Object.keys(form.errors).join(', '));
    const cycle = await getCycle(c.var.db, form.data.cycle);
    if (!cycle) return notFound(c);
    const pins = pairsOf(form.data.pin);
    const exclusions = pairsOf(form.data.exclude);
    if (!pins || !exclusions) return badRequest(c, 'pin/exclude');
    const uniqueExclusions = [...new Map(exclusions.map((e) => [`${e.itemId}:${e.memberId}`, e])).values()];
    const data = await planningData(c.var.db, cycle);
    const checked = await readPlanRequest(c, data, pins, uniqueExclusions, form.data.buddies === '1');
    if (!checked.ok) return planPage(c, cycle, { state: checked.state, status: 422 });
    const run = await startPlanRun(c.var.db, {
      cycleId: cycle.id,
      input: checked.input,
      itemVersions: data.items.map((i): [number, number] => [i.id, i.version]),
      userId: c.var.user!.id,
      now: c.var.now,
    });
    // With htmx the page shows progress and polls; a plain form waits here for the result.
    if (!isHtmx(c)) await waitForRun(c.var.db, run.id, c.var.now);
    return redirectAfterPost(c, runUrl(cycle.id, run.id));
  })
  .get('/plan/runs/:id/progress', async (c) => {
    const id = idParam(c.req.param('id'));
    const run = id ? await getRun(c.var.db, id) : null;
    if (!run) return notFound(c);
    const url = runUrl(run.cycleId, run.id);
    if (!isHtmx(c)) return c.redirect(url, 303);
    if (run.status === 'running' && !isLost(run, c.var.now())) {
      return c.html(<RunProgress run={{ ...viewOf(run), lost: false, staleItems: 0, acceptedByName: null }} pageUrl={url} />);
    }
    c.header('HX-Redirect', url);
    return c.body(null, 204);
  })
  .post('/plan/runs/:id/accept', async (c) => {
    const id = idParam(c.req.param('id'));
    const run = id ? await getRun(c.var.db, id) : null;
    if (!run) return notFound(c);
    const form = await parseForm(c, z.object({ hash: z.string().trim().regex(/^[0-9a-f]{64}$/, 'errors.required') }));
    if (!form.ok) return badRequest(c, 'hash');
    const outcome = await acceptRun(c.var.db, run.id, form.data.hash, c.var.user!.id, c.var.now());
    if (outcome.ok) return redirectAfterPost(c, `/work?cycle=${run.cycleId}`, { kind: 'ok', text: t('work.plan.accepted', { count: outcome.planned }) });
    const back = runUrl(run.cycleId, run.id);
    if (outcome.code === 'notDone') {
      return page(c, t('errors.conflict'), <section class="error-summary" role="alert"><p>{t('work.plan.error.notDone')}</p><p><a href={back}>{t('common.back')}</a></p></section>, { status: 409 });
    }
    const yours: Array<[string, string]> = [
      ...outcome.items.map((i): [string, string] => [i.title, t('work.plan.conflict.planned', { version: i.plannedVersion })]),
      ...outcome.people.map((p): [string, string] => [p.name, t('work.plan.conflict.wasActive')]),
    ];
    const current: Array<[string, string]> = [
      ...outcome.items.map((i): [string, string] => [i.title, i.currentVersion === null ? t('work.plan.conflict.gone') : t('work.plan.conflict.now', { version: i.currentVersion, status: t(`work.status.${i.status}`) })]),
      ...outcome.people.map((p): [string, string] => [p.name, t('work.plan.conflict.inactive')]),
    ];
    const body = (
      <section>
        <h1>{t('work.plan.conflict.title')}</h1>
        <p>{outcome.alreadyAccepted ? t('work.plan.conflict.alreadyAccepted') : t('work.plan.conflict.text')}</p>
        <ConflictView yours={yours} current={current} backHref={`/work/plan?cycle=${run.cycleId}`} />
      </section>
    );
    return page(c, t('work.plan.conflict.title'), body, { status: 409, current: '/work' });
  });

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
