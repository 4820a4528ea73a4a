// Planning cycles: the list with the create form, one cycle's dates, and its per-member capacities.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { isoDay, type FieldErrors, type FormValues } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { field, idParam, parseForm } from '../http/forms.ts';
import { badRequest, conflict, notFound, page, redirectAfterPost } from '../http/render.tsx';
import { listTeam } from '../members/queries.ts';
import { byName, t } from '../../views/i18n/index.ts';
import { CyclePage, CyclesPage } from '../../views/work/cycles.tsx';
import { capacityOverrides, currentCycle, cycleNameTaken, getCycle, insertCycle, itemCountsByCycle, listCycles, saveCapacities, updateCycle, type Cycle } from './queries.ts';

type Ctx = Context<AppEnv>;
type FormState = { values?: FormValues; errors?: FieldErrors };

const cycleSchema = z.object({ name: field.text(60), startDate: field.date(), endDate: field.date(), version: field.version().optional() });

/** The cycle form, with the rule a schema cannot name in our words: the end is not before the start. */
async function readCycleForm(c: Ctx) {
  const form = await parseForm(c, cycleSchema);
  if (form.ok && form.data.endDate < form.data.startDate) return { ok: false as const, values: form.values, errors: { endDate: t('work.error.endBeforeStart') } };
  return form;
}

async function cycleById(c: Ctx) {
  const id = idParam(c.req.param('id'));
  return id ? getCycle(c.get('db'), id) : null;
}

async function cyclesPage(c: Ctx, form?: FormState, status: 200 | 422 = 200) {
  const db = c.get('db');
  const [cycles, counts] = await Promise.all([listCycles(db), itemCountsByCycle(db)]);
  const current = currentCycle(cycles, isoDay(c.get('now')()));
  const rows = cycles.map((cy) => ({ ...cy, items: counts.get(cy.id) ?? 0, current: cy.id === current?.id }));
  return page(c, t('work.cycle.title'), <CyclesPage cycles={rows} manager={c.get('user')!.role === 'manager'} form={form} />, { current: '/work', status });
}

async function cyclePage(c: Ctx, cycle: Cycle, forms: { form?: FormState; capacityForm?: FormState } = {}, status: 200 | 422 = 200) {
  const db = c.get('db');
  const [team, overrides] = await Promise.all([listTeam(db), capacityOverrides(db, cycle.id)]);
  const members = byName(team.filter((m) => m.role === 'member')).map((m) => ({ id: m.id, name: m.name, profile: m.capacity, override: overrides.get(m.id) ?? null }));
  return page(c, cycle.name, <CyclePage cycle={cycle} members={members} form={forms.form} capacityForm={forms.capacityForm} />, { current: '/work', status });
}

const cycleLines = (cy: { name: string; startDate: string; endDate: string }): Array<[string, string]> => [
  [t('work.cycle.name'), cy.name],
  [t('work.cycle.start'), cy.startDate],
  [t('work.cycle.end'), cy.endDate],
];

export const cycleRoutes = new Hono<AppEnv>()
  .get('/cycles', (c) => cyclesPage(c))
  .post('/cycles', async (c) => {
    const form = await readCycleForm(c);
    if (!form.ok) return cyclesPage(c, form, 422);
    if (await cycleNameTaken(c.get('db'), form.data.name)) return cyclesPage(c, { values: form.values, errors: { name: t('work.error.cycleNameTaken') } }, 422);
    const { version: _v, ...input } = form.data;
    const cycle = await insertCycle(c.get('db'), input, c.get('now')());
    return redirectAfterPost(c, `/work/cycles/${cycle.id}`, { kind: 'ok', text: t('work.cycle.created', { name: cycle.name }) });
  })
  .get('/cycles/:id', async (c) => {
    const cycle = await cycleById(c);
    return cycle ? cyclePage(c, cycle) : notFound(c);
  })
  .post('/cycles/:id', async (c) => {
    const cycle = await cycleById(c);
    if (!cycle) return notFound(c);
    const form = await readCycleForm(c);
    if (!form.ok) return cyclePage(c, cycle, { form }, 422);
    if (await cycleNameTaken(c.get('db'), form.data.name, cycle.id)) return cyclePage(c, cycle, { form: { values: form.values, errors: { name: t('work.error.cycleNameTaken') } } }, 422);
    const { version, ...values } = form.data;
    if (version === undefined) return badRequest(c, 'version');
    const updated = await updateCycle(c.get('db'), cycle.id, version, values);
    if (!updated) {
      const current = (await getCycle(c.get('db'), cycle.id)) ?? cycle;
      return conflict(c, { yours: cycleLines(values), current: cycleLines(current), backHref: `/work/cycles/${cycle.id}` });
    }
    return redirectAfterPost(c, `/work/cycles/${cycle.id}`, { kind: 'ok', text: t('common.saved') });
  })
  .post('/cycles/:id/capacities', async (c) => {
    const cycle = await cycleById(c);
    if (!cycle) return notFound(c);
    const team = (await listTeam(c.get('db'))).filter((m) => m.role === 'member');
    const schema = z.object({ version: field.version(), ...Object.fromEntries(team.map((m) => [`cap${m.id}`, field.optionalInt(0, 100)])) });
    const form = await parseForm(c, schema);
    if (!form.ok) return cyclePage(c, cycle, { capacityForm: form }, 422);
    const data = form.data as Record<string, number | null>;
    const saved = await saveCapacities(c.get('db'), cycle.id, data.version as number, team.map((m) => ({ userId: m.id, capacity: data[`cap${m.id}`] ?? null })));
    if (!saved) {
      const current = (await getCycle(c.get('db'), cycle.id)) ?? cycle;
      const line = (cy: Cycle): Array<[string, string]> => [[t('common.version', { version: cy.version }), cy.name]];
      return conflict(c, { yours: line(cycle), current: line(current), backHref: `/work/cycles/${cycle.id}#capacities` });
    }
    return redirectAfterPost(c, `/work/cycles/${cycle.id}#capacities`, { kind: 'ok', text: t('work.cycle.capacitiesSaved') });
  });
