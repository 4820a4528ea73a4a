// /work/plan: the work-split planner: pins and exclusions, a run solving off the request thread, its progress and result, accepting it.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { isoDay } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { field, idParam, parseForm } from '../http/forms.ts';
import { badRequest, isHtmx, notFound, page, redirectAfterPost } from '../http/render.tsx';
import { keyFor, t } from '../../views/i18n/index.ts';
import { NoCyclesPage, type PlanFormState } from '../../views/work/plan.tsx';
import { describeUnplaced } from '../../views/work/reasons.ts';
import { AcceptConflict, RunNotDone, RunProgress } from '../../views/work/run.tsx';
import { parsePlanView, planViewQuery } from './plan-filter.ts';
import { planPage, rowChoicesRoutes, runUrl } from './plan-page-routes.tsx';
import { acceptRun, getRun, isLost, pinProblems, plannerInput, planningData, startPlanRun, viewOf, waitForRun, type PlanRequest, type PlanningData } from './plan-runs.ts';
import { currentCycle, getCycle, listCycles, MAX_ID, peopleByIds } from './queries.ts';

type Ctx = Context<AppEnv>;

const planSchema = z.object({
  cycle: field.int(1, MAX_ID),
  pin: z.array(z.string()).default([]),
  exclude: z.array(z.string()).default([]),
  buddies: z.string().optional(),
  /** Where the list was (filter and page): the re-plan comes back there. */
  view: z.string().max(500).optional(),
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
  const people = await peopleByIds(c.get('db'), [...new Set(named.map((p) => p.memberId).filter((id) => !members.has(id)))]);
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
    itemErrors[problem.itemId] = t('work.plan.error.pin', { title: titles.get(problem.itemId) ?? '', why: describeUnplaced(problem.why, t) });
  }
  if (Object.keys(itemErrors).length > 0) return { ok: false as const, state };
  return { ok: true as const, input };
}

export const planRoutes = new Hono<AppEnv>()
  .route('/', rowChoicesRoutes)
  .get('/plan', async (c) => {
    const db = c.get('db');
    const cycles = await listCycles(db);
    const wanted = c.req.query('cycle');
    const cycle = wanted ? cycles.find((cy) => String(cy.id) === wanted) : currentCycle(cycles, isoDay(c.get('now')()));
    if (!cycle) {
      if (wanted) return notFound(c);
      return page(c, t('work.plan.titleNoCycle'), <NoCyclesPage />, { current: '/work' });
    }
    return planPage(c, cycle, { runId: idParam(c.req.query('run')), query: new URL(c.req.url).searchParams });
  })
  .post('/plan', async (c) => {
    const form = await parseForm(c, planSchema, ['pin', 'exclude']);
    if (!form.ok) return badRequest(c, Object.keys(form.errors).join(', '));
    const cycle = await getCycle(c.get('db'), form.data.cycle);
    if (!cycle) return notFound(c);
    const pins = pairsOf(form.data.pin);
    const exclusions = pairsOf(form.data.exclude);
    if (!pins || !exclusions) return badRequest(c, 'pin/exclude');
    const uniqueExclusions = [...new Map(exclusions.map((e) => [`${e.itemId}:${e.memberId}`, e])).values()];
    const data = await planningData(c.get('db'), cycle);
    const checked = await readPlanRequest(c, data, pins, uniqueExclusions, form.data.buddies === '1');
    const view = new URLSearchParams(form.data.view ?? '');
    if (!checked.ok) return planPage(c, cycle, { state: checked.state, status: 422, query: view });
    const run = await startPlanRun(c.get('db'), {
      cycleId: cycle.id,
      input: checked.input,
      itemVersions: data.items.map((i): [number, number] => [i.id, i.version]),
      userId: c.get('user')!.id,
      now: c.get('now'),
    });
    // With htmx the page shows progress and polls; a plain form waits here for the result.
    if (!isHtmx(c)) await waitForRun(c.get('db'), run.id, c.get('now'));
    const areaIds = new Set(Object.keys(data.areaNames).map(Number));
    const back = planViewQuery({ ...parsePlanView(view, areaIds), choose: null });
    return redirectAfterPost(c, back ? `${runUrl(cycle.id, run.id)}&${back}` : runUrl(cycle.id, run.id));
  })
  .get('/plan/runs/:id/progress', async (c) => {
    const id = idParam(c.req.param('id'));
    const run = id ? await getRun(c.get('db'), id) : null;
    if (!run) return notFound(c);
    const url = runUrl(run.cycleId, run.id);
    if (!isHtmx(c)) return c.redirect(url, 303);
    if (run.status === 'running' && !isLost(run, c.get('now')())) {
      return c.html(<RunProgress run={{ ...viewOf(run), lost: false, staleItems: 0, acceptedByName: null }} pageUrl={url} />);
    }
    c.header('HX-Redirect', url);
    return c.body(null, 204);
  })
  .post('/plan/runs/:id/accept', async (c) => {
    const id = idParam(c.req.param('id'));
    const run = id ? await getRun(c.get('db'), id) : null;
    if (!run) return notFound(c);
    const form = await parseForm(c, z.object({ hash: z.string().trim().regex(/^[0-9a-f]{64}$/, 'errors.required') }));
    if (!form.ok) return badRequest(c, 'hash');
    const outcome = await acceptRun(c.get('db'), run.id, form.data.hash, c.get('user')!.id, c.get('now')());
    if (outcome.ok) return redirectAfterPost(c, `/work?cycle=${run.cycleId}`, { kind: 'ok', text: t('work.plan.accepted', { count: outcome.planned }) });
    const back = runUrl(run.cycleId, run.id);
    if (outcome.code === 'notDone') {
      return page(c, t('errors.conflict'), <RunNotDone back={back} />, { status: 409 });
    }
    const yours: Array<[string, string]> = [
      ...outcome.items.map((i): [string, string] => [i.title, t('work.plan.conflict.planned', { version: i.plannedVersion })]),
      ...outcome.people.map((p): [string, string] => [p.name, t('work.plan.conflict.wasActive')]),
    ];
    const current: Array<[string, string]> = [
      ...outcome.items.map((i): [string, string] => [i.title, i.currentVersion === null ? t('work.plan.conflict.gone') : t('work.plan.conflict.now', { version: i.currentVersion, status: t(keyFor('work.status.', i.status)) })]),
      ...outcome.people.map((p): [string, string] => [p.name, t('work.plan.conflict.inactive')]),
    ];
    return page(c, t('work.plan.conflict.title'), <AcceptConflict alreadyAccepted={outcome.alreadyAccepted} yours={yours} current={current} backHref={`/work/plan?cycle=${run.cycleId}`} />, {
      status: 409,
      current: '/work',
    });
  });
