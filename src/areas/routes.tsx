// Focus areas: list, create, edit (with rubric), reorder, archive and restore.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { field, idParam, parseForm } from '../http/forms.ts';
import type { FieldErrors, FormValues } from '../domain.ts';
import { conflict, notFound, page, redirectAfterPost } from '../http/render.tsx';
import { AreaForm, AreasPage } from '../../views/areas/pages.tsx';
import { t } from '../../views/i18n/index.ts';
import { areaNameTaken, createArea, getArea, listAreas, listCategories, moveArea, setArchived, updateArea, withRubric, type AreaInput } from './queries.ts';

const areaSchema = z.object({
  name: field.text(80),
  categoryId: field.optionalInt(1, 1e9),
  newCategory: field.optionalText(60),
  description: field.optionalText(2000),
  targetLevel: field.int(0, 5),
  minExperts: field.int(0, 50),
  version: z.string().optional(),
  ...Object.fromEntries([0, 1, 2, 3, 4, 5].map((l) => [`rubric${l}`, field.optionalText(300)])),
}) as z.ZodType<{ name: string; categoryId: number | null; newCategory: string; description: string; targetLevel: number; minExperts: number } & Record<`rubric${number}`, string>>;

async function areasPage(c: Context<AppEnv>, form: { values?: FormValues; errors?: FieldErrors } = {}, status: 200 | 422 = 200) {
  const db = c.get('db');
  const [stored, categories] = await Promise.all([listAreas(db, { includeArchived: true }), listCategories(db)]);
  const all = stored.map(withRubric);
  return page(
    c,
    t('areas.title'),
    <AreasPage areas={all.filter((a) => !a.archivedAt)} archived={all.filter((a) => a.archivedAt)} categories={categories} manager={c.get('user')!.role === 'manager'} {...form} />,
    { current: '/areas', status },
  );
}

/** Validates the form and resolves the category (an existing one, or a new one by name). */
async function readArea(c: Context<AppEnv>, exceptId?: number) {
  const form = await parseForm(c, areaSchema);
  if (!form.ok) return form;
  const db = c.get('db');
  if (await areaNameTaken(db, form.data.name, exceptId)) return { ok: false as const, values: form.values, errors: { name: t('areas.nameTaken') } };
  const categories = await listCategories(db);
  if (form.data.categoryId !== null && !categories.some((x) => x.id === form.data.categoryId)) {
    return { ok: false as const, values: form.values, errors: { categoryId: t('errors.choice') } };
  }
  const rubric = [0, 1, 2, 3, 4, 5].map((l) => form.data[`rubric${l}`]);
  const input: AreaInput = {
    name: form.data.name,
    categoryId: form.data.categoryId,
    newCategory: form.data.newCategory || undefined,
    description: form.data.description,
    targetLevel: form.data.targetLevel,
    minExperts: form.data.minExperts,
    rubric: rubric.some((r) => r) ? rubric : null,
  };
  return { ok: true as const, input, values: form.values };
}

async function editPage(c: Context<AppEnv>, id: number, form: { values?: FormValues; errors?: FieldErrors } = {}, status: 200 | 422 = 200) {
  const db = c.get('db');
  const [all, categories] = await Promise.all([listAreas(db, { includeArchived: true }), listCategories(db)]);
  const found = all.find((a) => a.id === id);
  if (!found) return notFound(c);
  const area = withRubric(found);
  return page(
    c,
    area.name,
    <section class="narrow">
      <h1>{t('areas.edit', { name: area.name })}</h1>
      <AreaForm action={`/areas/${id}`} area={area} categories={categories} submit={t('common.save')} {...form} />
    </section>,
    { current: '/areas', status },
  );
}

const describe = (a: AreaInput): Array<[string, string]> => [
  [t('common.name'), a.name],
  [t('areas.description'), a.description],
  [t('areas.target'), String(a.targetLevel)],
  [t('areas.minExperts'), String(a.minExperts)],
  [t('areas.rubric'), (a.rubric ?? []).join(' · ')],
];

export const areaRoutes = new Hono<AppEnv>()
  .get('/', (c) => areasPage(c))
  .post('/', async (c) => {
    const read = await readArea(c);
    if (!read.ok) return areasPage(c, read, 422);
    await createArea(c.get('db'), read.input);
    return redirectAfterPost(c, '/areas', { kind: 'ok', text: t('areas.saved', { name: read.input.name }) });
  })
  .get('/:id/edit', async (c) => {
    const id = idParam(c.req.param('id'));
    return id ? editPage(c, id) : notFound(c);
  })
  .post('/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    const current = id ? await getArea(c.get('db'), id) : null;
    if (!id || !current) return notFound(c);
    const read = await readArea(c, id);
    if (!read.ok) return editPage(c, id, read, 422);
    const version = field.version().safeParse(read.values.version);
    if (!version.success) return editPage(c, id, { values: read.values, errors: { _form: t('errors.badRequest', { reason: 'version' }) } }, 422);
    const saved = await updateArea(c.get('db'), id, version.data, read.input);
    if (!saved) {
      const now = withRubric(current);
      return conflict(c, { yours: describe(read.input), current: describe(now), backHref: `/areas/${id}/edit` });
    }
    return redirectAfterPost(c, '/areas', { kind: 'ok', text: t('areas.saved', { name: saved.name }) });
  })
  .post('/:id/move', async (c) => {
    const id = idParam(c.req.param('id'));
    const form = await parseForm(c, z.object({ direction: field.choice(['up', 'down']) }));
    if (!id || !(await getArea(c.get('db'), id))) return notFound(c);
    if (!form.ok) return areasPage(c, { errors: { _form: t('errors.choice') } }, 422);
    await moveArea(c.get('db'), id, form.data.direction);
    return redirectAfterPost(c, '/areas');
  })
  .post('/:id/archive', async (c) => {
    const id = idParam(c.req.param('id'));
    const area = id ? await getArea(c.get('db'), id) : null;
    if (!id || !area) return notFound(c);
    const form = await parseForm(c, z.object({ archived: field.choice(['0', '1']), version: field.version() }));
    if (!form.ok) return areasPage(c, { errors: { _form: Object.values(form.errors)[0] } }, 422);
    const archive = form.data.archived === '1';
    const saved = await setArchived(c.get('db'), id, form.data.version, archive ? c.get('now')().getTime() : null);
    if (!saved) {
      const state = (archived: boolean) => [[t('areas.archived'), t(archived ? 'common.yes' : 'common.no')]] as Array<[string, string]>;
      return conflict(c, { yours: state(archive), current: state(Boolean(area.archivedAt)), backHref: '/areas' });
    }
    return redirectAfterPost(c, '/areas', { kind: 'ok', text: t('areas.saved', { name: saved.name }) });
  });
