// A member's stat card and the rating cell editor (inline via htmx, or a plain form).
import { ACCESS, allows } from '../auth/access.ts';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import type { FieldErrors, FormValues } from '../domain.ts';
import { field, idParam, parseForm } from '../http/forms.ts';
import { safeTarget } from '../http/redirect.ts';
import { conflict, forbidden, isHtmx, notFound, page, redirectAfterPost } from '../http/render.tsx';
import { getArea, listAreas, withRubric } from '../areas/queries.ts';
import { getUser } from '../members/queries.ts';
import { coverageOfArea } from '../matrix/queries.ts';
import { levelTimeline } from '../planning/skills.ts';
import { getRating, historyOf, ratingsByKey, ratingKey, saveRating, type HistoryEntry, type Rating, type RatingFields } from './queries.ts';
import { editRights, evidenceProblem, MANAGER_FIELDS, seesNote, SELF_FIELDS } from './rules.ts';
import { shownRating } from './shown.ts';
import { studyEvidenceOf, type StudyEvidence } from '../study/session-queries.ts';
import { t } from '../../views/i18n/index.ts';
import { cellUrl, ConflictCell, describeRating, RatingCell, RatingEditorCell, RatingForm, type CellProps, type CellView } from '../../views/ratings/cell.tsx';
import { StatCard } from '../../views/ratings/card.tsx';
import { COVERAGE_ROWS, CoverageCell } from '../../views/matrix/page.tsx';
import { WhatIfSummary } from '../../views/growth/risk.tsx';
import { whatIfOf } from '../growth/risk-queries.ts';
import { breaksOf } from '../growth/risk-view.ts';

const EVIDENCE_MAX = 500;
const NOTE_MAX = 500;

const ratingSchema = z.object({
  // Empty when the form was opened on an unrated cell.
  version: z.literal('').transform(() => null).or(field.version()),
  selfLevel: field.optionalInt(0, 5),
  interest: field.optionalInt(0, 3),
  evidence: field.optionalText(EVIDENCE_MAX).refine((v) => evidenceProblem(v) === null, 'errors.url'),
  managerLevel: field.optionalInt(0, 5),
  managerNote: field.optionalText(NOTE_MAX),
  back: z.string().optional(),
  view: z.string().optional(),
});

const confirmSchema = z.object({ version: field.version(), back: z.string().optional(), view: z.string().optional() });

/** A cell route's data; `seesNote`: whether the viewer may read this member's manager notes. */
type Loaded = { cell: CellProps; area: NonNullable<Awaited<ReturnType<typeof getArea>>>; rating: Rating | null; seesNote: boolean };

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
  const db = c.get('db');
  const [member, area] = await Promise.all([getUser(db, memberId), getArea(db, areaId)]);
  if (!member || member.role === 'partner' || !area) return notFound(c);
  if (opts.forEdit && (!member.active || area.archivedAt !== null)) return notFound(c);
  const view = viewOf(opts.view ?? c.req.query('view'));
  // A card cell shows the member's study evidence too, so a cell swapped in after a save keeps it.
  const [rating, study] = await Promise.all([getRating(db, memberId, areaId), view === 'card' ? studyEvidenceOf(db, memberId, areaId) : undefined]);
  const viewer = c.get('user')!;
  const sees = seesNote(viewer, memberId);
  const back = safeTarget(opts.back ?? c.req.query('back') ?? matrixReferer(c), `/members/${memberId}`);
  const cell: CellProps = {
    member,
    area: withRubric(area),
    rating: rating ? shownRating(rating, c.get('now')(), sees) : undefined,
    rights: editRights(viewer, memberId),
    back,
    view,
    study,
  };
  return { area, rating, seesNote: sees, cell };
}

/** The cell after a change; on the matrix, the area's coverage footer comes along out of band. */
async function savedCell(c: Context<AppEnv>, loaded: Loaded, rating: Rating) {
  const cell = { ...loaded.cell, rating: shownRating(rating, c.get('now')(), loaded.seesNote) };
  if (cell.view !== 'matrix') return c.html(<RatingCell {...cell} />);
  const coverage = await coverageOfArea(c.get('db'), loaded.area);
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

function conflictResponse(c: Context<AppEnv>, loaded: Loaded, yours: Array<[string, string]>, current: Rating | null) {
  const { cell } = loaded;
  const now: Array<[string, string]> = current
    ? [...describeRating(current, loaded.seesNote), [t('card.version'), String(current.version)]]
    : [[t('card.rating'), t('matrix.legendUnrated')]];
  const props = { ...cell, rating: current ? shownRating(current, c.get('now')(), loaded.seesNote) : undefined };
  if (isHtmx(c)) return c.html(<ConflictCell {...props} yours={yours} current={now} />, 409);
  return conflict(c, { yours, current: now, backHref: cellUrl(cell.member.id, cell.area.id, '/edit', cell) });
}

/** Study evidence grouped by area, each area's list keeping the query's order (newest session first). */
function studyByArea(items: StudyEvidence[]): Map<number, StudyEvidence[]> {
  const map = new Map<number, StudyEvidence[]>();
  for (const e of items) map.set(e.areaId, [...(map.get(e.areaId) ?? []), e]);
  return map;
}

export const ratingRoutes = new Hono<AppEnv>()
  .get('/members/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    const db = c.get('db');
    const member = id ? await getUser(db, id) : null;
    if (!member || member.role === 'partner') return notFound(c);
    const viewer = c.get('user')!;
    const now = c.get('now')();
    const sees = seesNote(viewer, member.id);
    // Manager-note changes are left out in SQL for viewers who may not read the note. A manager sees what
    // breaks if this active member left (a deactivated one already has).
    const [allAreas, stored, visible, study, whatIf] = await Promise.all([
      listAreas(db, { includeArchived: true }),
      ratingsByKey(db, [member.id]),
      historyOf(db, member.id, undefined, { withoutNotes: !sees }),
      studyEvidenceOf(db, member.id),
      viewer.role === 'manager' && member.active ? whatIfOf(db, member.id) : null,
    ]);
    const areas = allAreas.filter((a) => a.archivedAt === null).map(withRubric);
    const ratings = new Map(areas.flatMap((a) => {
      const r = stored.get(ratingKey(member.id, a.id));
      return r ? [[a.id, shownRating(r, now, sees)] as const] : [];
    }));
    const byArea = new Map<number, HistoryEntry[]>();
    for (const h of visible) byArea.set(h.areaId, [...(byArea.get(h.areaId) ?? []), h]);
    return page(
      c,
      member.name,
      <StatCard
        now={now}
        member={member}
        areas={areas}
        ratings={ratings}
        trends={new Map(areas.map((a) => [a.id, levelTimeline(byArea.get(a.id) ?? [])]))}
        rights={editRights(viewer, member.id)}
        history={visible}
        areaNames={new Map(allAreas.map((a) => [a.id, a.name]))}
        study={studyByArea(study)}
        whatIf={whatIf && <WhatIfSummary person={whatIf.person} breaks={breaksOf(whatIf.whatIf, whatIf.names)} />}
        growthHref={allows(ACCESS['GET /members/:id/growth'], viewer, { id: String(member.id) }) ? `/members/${member.id}/growth` : null}
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
    const viewer = c.get('user')!;
    const { rights } = cell;
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
    const { version } = form.data;
    const result = await saveRating(c.get('db'), { userId: cell.member.id, areaId: cell.area.id }, version, changes, viewer.id, c.get('now')());
    if (!result.ok) {
      const yours: Array<[string, string]> = [...describeRating(changes, loaded.seesNote), [t('card.version'), version === null ? t('rating.notSet') : String(version)]];
      return conflictResponse(c, loaded, yours, result.current);
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
    const result = await saveRating(c.get('db'), { userId: cell.member.id, areaId: cell.area.id }, form.data.version, {}, c.get('user')!.id, c.get('now')());
    if (!result.ok) return conflictResponse(c, loaded, [[t('rating.field.confirmed'), t('rating.confirm')], [t('card.version'), String(form.data.version)]], result.current);
    if (isHtmx(c)) return savedCell(c, loaded, result.rating);
    return redirectAfterPost(c, cell.back, { kind: 'ok', text: t('rating.confirmed', { area: cell.area.name }) });
  });
