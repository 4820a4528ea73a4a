// A member's stat card and the rating cell editor (inline via htmx, or a plain form).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { field, idParam, parseForm, type FieldErrors, type FormValues } from '../http/forms.ts';
import { forbidden, isHtmx, notFound, page, redirectAfterPost } from '../http/render.tsx';
import { getArea, listAreas } from '../areas/queries.ts';
import { getUser } from '../members/queries.ts';
import { coverageOfArea } from '../matrix/queries.ts';
import { getRating, historyOf, ratingsByKey, ratingKey, saveRating, type Rating, type RatingFields } from './queries.ts';
import { editRights, evidenceProblem, localPath, MANAGER_FIELDS, seesNote, SELF_FIELDS } from './rules.ts';
import { ConflictView } from '../../views/components.tsx';
import { t } from '../../views/i18n/index.ts';
import { cellUrl, ConflictCell, describeRating, RatingCell, RatingEditorCell, RatingForm, type CellProps, type CellView } from '../../views/ratings/cell.tsx';
import { StatCard } from '../../views/ratings/card.tsx';
import { COVERAGE_ROWS, CoverageCell } from '../../views/matrix/page.tsx';

const EVIDENCE_MAX = 500;
const NOTE_MAX = 500;

const ratingSchema = z.object({
  version: z.string().trim().regex(/^\d{0,9}$/, 'errors.int'),
  selfLevel: field.optionalInt(0, 5),
  interest: field.optionalInt(0, 3),
  evidence: field.optionalText(EVIDENCE_MAX).refine((v) => evidenceProblem(v) === null, 'errors.url'),
  managerLevel: field.optionalInt(0, 5),
  managerNote: field.optionalText(NOTE_MAX),
  back: z.string().optional(),
  view: z.string().optional(),
});

const confirmSchema = z.object({ version: field.version(), back: z.string().optional(), view: z.string().optional() });

type Loaded = { cell: CellProps; area: NonNullable<Awaited<ReturnType<typeof getArea>>> };

const viewOf = (raw: string | undefined): CellView => (raw === 'matrix' ? 'matrix' : 'card');

/**
 * The matrix page (with its filter and page) a request came from, if it came from this app's matrix.
 * The matrix's cell links are short (`/members/12/ratings/3/edit`): with htmx the table sends the view
 * and the way back; without JS the edit page returns to the Referer (sent same-origin by our policy).
 */
function matrixReferer(c: Context<AppEnv>): string | undefined {
  const raw = c.req.header('Referer');
  if (!raw) return undefined;
  try {
    const from = new URL(raw);
    return from.origin === new URL(c.req.url).origin && from.pathname === '/matrix' ? from.pathname + from.search : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The member, area and rating of a cell route, with the view and way back from the query (or the
 * posted form). Unknown ids answer 404; for edits, so do inactive members and archived areas.
 */
async function loadCell(c: Context<AppEnv>, opts: { forEdit: boolean; view?: string; back?: string }): Promise<Loaded | Response> {
  const memberId = idParam(c.req.param('id'));
  const areaId = idParam(c.req.param('areaId'));
  if (!memberId || !areaId) return notFound(c);
  const { db } = c.var;
  const [member, area] = await Promise.all([getUser(db, memberId), getArea(db, areaId)]);
  if (!member || member.role === 'partner' || !area) return notFound(c);
  if (opts.forEdit && (!member.active || area.archivedAt !== null)) return notFound(c);
  const rating = (await getRating(db, memberId, areaId)) ?? undefined;
  const view = viewOf(opts.view ?? c.req.query('view'));
  const back = localPath(opts.back ?? c.req.query('back') ?? matrixReferer(c), `/members/${memberId}`);
  return { area, cell: { member, area, rating, viewer: c.var.user!, now: c.var.now(), back, view } };
}

/** The cell after a change; on the matrix, the area's coverage footer comes along out of band. */
async function savedCell(c: Context<AppEnv>, loaded: Loaded, rating: Rating) {
  const cell = { ...loaded.cell, rating };
  if (cell.view !== 'matrix') return c.html(<RatingCell {...cell} />);
  const coverage = await coverageOfArea(c.var.db, loaded.area);
  return c.html(
    <>
      <RatingCell {...cell} />
      {COVERAGE_ROWS.map((kind) => (
        <CoverageCell area={loaded.area} coverage={coverage} kind={kind} oob />
      ))}
    </>,
  );
}

function editorResponse(c: Context<AppEnv>, cell: CellProps, form: { values?: FormValues; errors?: FieldErrors } = {}, status: 200 | 422 = 200) {
  if (isHtmx(c)) return c.html(<RatingEditorCell {...cell} {...form} />, status);
  return page(
    c,
    t('rating.edit', { area: cell.area.name, name: cell.member.name }),
    <section class="narrow">
      <h1>{t('rating.edit', { area: cell.area.name, name: cell.member.name })}</h1>
      <RatingForm {...cell} {...form} inline={false} />
    </section>,
    { status },
  );
}

function conflictResponse(c: Context<AppEnv>, cell: CellProps, yours: Array<[string, string]>, current: Rating | null) {
  const viewer = c.var.user!;
  const now: Array<[string, string]> = current
    ? [...describeRating(current, viewer, cell.member.id), [t('card.version'), String(current.version)]]
    : [[t('card.rating'), t('matrix.legendUnrated')]];
  const props = { ...cell, rating: current ?? undefined };
  if (isHtmx(c)) return c.html(<ConflictCell {...props} yours={yours} current={now} />, 409);
  return page(c, t('errors.conflict'), <ConflictView yours={yours} current={now} backHref={cellUrl(cell.member.id, cell.area.id, '/edit', cell)} />, { status: 409 });
}

export const ratingRoutes = new Hono<AppEnv>()
  .get('/members/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    const { db } = c.var;
    const member = id ? await getUser(db, id) : null;
    if (!member || member.role === 'partner') return notFound(c);
    const viewer = c.var.user!;
    const [allAreas, ratings, history] = await Promise.all([listAreas(db, { includeArchived: true }), ratingsByKey(db, [member.id]), historyOf(db, member.id)]);
    const names = new Map(allAreas.map((a) => [a.id, a.name]));
    const visible = seesNote(viewer, member.id) ? history : history.filter((h) => h.field !== 'managerNote');
    return page(
      c,
      member.name,
      <StatCard
        viewer={viewer}
        now={c.var.now()}
        member={member}
        areas={allAreas.filter((a) => a.archivedAt === null)}
        ratingOf={(areaId) => ratings.get(ratingKey(member.id, areaId))}
        history={visible}
        areaName={(areaId) => names.get(areaId) ?? t('common.none')}
      />,
      { current: '/members' },
    );
  })
  .get('/members/:id/ratings/:areaId', async (c) => {
    const loaded = await loadCell(c, { forEdit: false });
    if (loaded instanceof Response) return loaded;
    const { cell } = loaded;
    if (isHtmx(c)) return c.html(<RatingCell {...cell} />);
    return page(
      c,
      `${cell.member.name} · ${cell.area.name}`,
      <section class="narrow">
        <h1>
          {cell.member.name} · {cell.area.name}
        </h1>
        <table class="list card-table">
          <tbody>
            <tr>
              <RatingCell {...cell} view="card" />
            </tr>
          </tbody>
        </table>
        <p>
          <a href={cell.back}>{t('common.back')}</a>
        </p>
      </section>,
    );
  })
  .get('/members/:id/ratings/:areaId/edit', async (c) => {
    const loaded = await loadCell(c, { forEdit: true });
    if (loaded instanceof Response) return loaded;
    return editorResponse(c, loaded.cell);
  })
  .post('/members/:id/ratings/:areaId', async (c) => {
    const form = await parseForm(c, ratingSchema);
    const loaded = await loadCell(c, { forEdit: true, view: form.values.view, back: form.values.back });
    if (loaded instanceof Response) return loaded;
    const { cell } = loaded;
    const viewer = c.var.user!;
    const rights = editRights(viewer, cell.member.id);
    // A field the viewer may not change is refused outright, even next to valid ones: nothing is written.
    const sent = (names: readonly string[]) => names.some((n) => n in form.values);
    if ((!rights.self && sent(SELF_FIELDS)) || (!rights.manager && sent(MANAGER_FIELDS))) return forbidden(c);
    if (!form.ok) {
      const errors = { ...form.errors };
      if (errors.version) errors._form = t('errors.badRequest', { reason: 'version' });
      return editorResponse(c, cell, { values: form.values, errors }, 422);
    }
    const changes: RatingFields = {};
    for (const name of [...(rights.self ? SELF_FIELDS : []), ...(rights.manager ? MANAGER_FIELDS : [])]) {
      if (name in form.values) (changes as Record<string, unknown>)[name] = form.data[name];
    }
    if (Object.keys(changes).length === 0) return editorResponse(c, cell, { values: form.values, errors: { _form: t('rating.nothingSent') } }, 422);
    const version = form.data.version === '' ? null : Number(form.data.version);
    const result = await saveRating(c.var.db, { userId: cell.member.id, areaId: cell.area.id }, version, changes, viewer.id, c.var.now());
    if (!result.ok) {
      const yours = [...describeRating(changes, viewer, cell.member.id), [t('card.version'), form.data.version || t('rating.notSet')]] as Array<[string, string]>;
      return conflictResponse(c, cell, yours, result.current);
    }
    if (isHtmx(c)) return savedCell(c, loaded, result.rating);
    return redirectAfterPost(c, cell.back, { kind: 'ok', text: t('rating.saved', { area: cell.area.name, name: cell.member.name }) });
  })
  .post('/members/:id/ratings/:areaId/confirm', async (c) => {
    const form = await parseForm(c, confirmSchema);
    const loaded = await loadCell(c, { forEdit: true, view: form.values.view, back: form.values.back });
    if (loaded instanceof Response) return loaded;
    const { cell } = loaded;
    if (!cell.rating) return notFound(c);
    if (!form.ok) return editorResponse(c, cell, { errors: { _form: t('errors.badRequest', { reason: 'version' }) } }, 422);
    const result = await saveRating(c.var.db, { userId: cell.member.id, areaId: cell.area.id }, form.data.version, {}, c.var.user!.id, c.var.now());
    if (!result.ok) return conflictResponse(c, cell, [[t('rating.field.confirmed'), t('rating.confirm')], [t('card.version'), String(form.data.version)]], result.current);
    if (isHtmx(c)) return savedCell(c, loaded, result.rating);
    return redirectAfterPost(c, cell.back, { kind: 'ok', text: t('rating.confirmed', { area: cell.area.name }) });
  });
