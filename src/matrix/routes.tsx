// The skill matrix page, its htmx filter, and CSV export/import.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { DAY_MS, isoDay } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { parseForm, readForm } from '../http/forms.ts';
import { badRequest, hasFlash, htmlOf, page, pageHtml, redirectAfterPost, wantsPartial } from '../http/render.tsx';
import { ratingMarks, selectMembers } from '../planning/skills.ts';
import { editRights } from '../ratings/rules.ts';
import { byName, collator, formatDay, t } from '../../views/i18n/index.ts';
import { startOfDayIn, teamToday } from '../study/time-zone.ts';
import { parseAsOf, pastMatrix } from './as-of.ts';
import { MATRIX_ROWS_SLOT, MatrixPage, MatrixResults, matrixRowHtml, type MatrixProps } from '../../views/matrix/page.tsx';
import { cellWords } from '../../views/ratings/cell.tsx';
import { ImportPreview, importProblemText, ImportRefused, ImportStale } from '../../views/matrix/import.tsx';
import { changesToApply, exportCsv, MAX_UPLOAD_BYTES, parseCsv, planImport } from './csv.ts';
import { MATRIX_PAGE_SIZE, matrixUrl, pageSlice, parseFilter, parsePage } from './filter.ts';
import { applyImport, matrixStamp } from './import-apply.ts';
import { loadMatrix } from './queries.ts';
import { matrixModel, type MatrixMember } from './model.ts';
import { cachedPage, hourOf, matrixCacheKey, storePage } from './page-cache.ts';
import { keptRow } from './row-cache.ts';

/** Room for the multipart envelope around a file of the largest accepted size. */
const ENVELOPE_BYTES = 64 * 1024;
const MB = MAX_UPLOAD_BYTES / (1024 * 1024);

function refused(c: Context<AppEnv>, problem: string, status: 413 | 422) {
  return page(c, t('matrix.importTitle'), <ImportRefused problem={problem} />, { status, current: '/matrix' });
}

const confirmSchema = z.object({
  stamp: z.string().regex(/^[0-9a-f]{64}$/, 'errors.badRequest'),
  changes: z.string().max(2_000_000, 'errors.tooLong'),
});

const changeList = z
  .array(
    z.strictObject({
      userId: z.number().int().positive(),
      areaId: z.number().int().positive(),
      managerLevel: z.number().int().min(0).max(5).optional(),
      interest: z.number().int().min(0).max(3).optional(),
    }),
  )
  .min(1)
  .max(100_000)
  .refine((list) => new Set(list.map((c) => `${c.userId}:${c.areaId}`)).size === list.length, 'duplicate');

/**
 * The team in each locale's name order, kept while the model's team is the same array (a patch after a
 * rating edit keeps it): sorting the already sorted team again for the page then costs one pass.
 */
const sortedTeams = new WeakMap<MatrixMember[], Map<string, MatrixMember[]>>();
function teamByName(team: MatrixMember[], locale: string): MatrixMember[] {
  let byLocale = sortedTeams.get(team);
  if (!byLocale) sortedTeams.set(team, (byLocale = new Map()));
  let sorted = byLocale.get(locale);
  if (!sorted) byLocale.set(locale, (sorted = byName(team, locale)));
  return sorted;
}

/** The page's bytes with the rows' bytes where the view left `MATRIX_ROWS_SLOT` (no slot: the view shows no table, as before any area exists). */
function withRows(html: string, rows: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const at = html.indexOf(MATRIX_ROWS_SLOT);
  if (at < 0) return Buffer.from(html) as Uint8Array<ArrayBuffer>;
  if (html.includes(MATRIX_ROWS_SLOT, at + 1)) throw new Error('the matrix view leaves one slot for its rows, not two');
  return Buffer.concat([Buffer.from(html.slice(0, at)), ...rows, Buffer.from(html.slice(at + MATRIX_ROWS_SLOT.length))]) as Uint8Array<ArrayBuffer>;
}

export const matrixRoutes = new Hono<AppEnv>()
  .get('/matrix', async (c) => {
    const url = new URL(c.req.url);
    const asOf = parseAsOf(url.searchParams, teamToday(c));
    if (!asOf.ok) return badRequest(c, t(asOf.reason === 'future' ? 'matrix.asOfFuture' : 'matrix.asOfMalformed'));
    const partial = wantsPartial(c);
    c.header('Vary', 'HX-Request');
    // A page carrying a flash message is rendered fresh (the message is shown once).
    const key = hasFlash(c)
      ? null
      : await matrixCacheKey(c.get('db'), { userId: c.get('user')!.id, locale: c.get('locale'), partial, search: url.search, now: c.get('now')() });
    const hit = key ? cachedPage(c.get('db'), key) : undefined;
    if (hit) {
      if (hit.pushUrl) c.header('HX-Push-Url', hit.pushUrl);
      return c.body(hit.body, 200, { 'Content-Type': 'text/html; charset=UTF-8' });
    }
    const model = await matrixModel(c.get('db'));
    // A past view reads the team and levels of that day from history; the areas (and so the filter's choices) are today's.
    const data = asOf.day ? { ...model, ...(await pastMatrix(c.get('db'), asOf.day, c.get('timeZone'), model.areas)) } : model;
    const filter = { ...parseFilter(url.searchParams, data.areas), asOf: asOf.day };
    const viewer = c.get('user')!;
    // Marks are read at the end of the shown day, so a past view marks nothing stale.
    const now = asOf.day ? new Date(startOfDayIn(c.get('timeZone'), asOf.day) + DAY_MS) : c.get('now')();
    const get = (userId: number, areaId: number) => data.byUser.get(userId)?.get(areaId);
    // Filters and sort apply to the whole team, then one page of the result is shown.
    const matching = selectMembers(teamByName(data.team, c.get('locale')), get, filter, collator().compare);
    const slice = pageSlice(matching.length, parsePage(url.searchParams));
    const columns = filter.categoryId === null ? data.areas : data.areas.filter((a) => a.categoryId === filter.categoryId);
    const words = cellWords();
    const hour = hourOf(now);
    const columnsKey = columns.map((a) => `${a.id}${a.archivedAt === null ? '' : 'x'}`).join(',');
    const rows = matching.slice(slice.from - 1, slice.to).map((m) => {
      const rights = editRights(viewer, m.id);
      const row = { id: m.id, name: m.name, you: m.id === viewer.id, editable: !asOf.day && (rights.self || rights.manager) && m.active };
      // A row whose member's ratings did not change since it was drawn is reused (row-cache.ts); cells carry only
      // what they show (a page is up to 50 × areas cells: copying whole ratings cost more than drawing them).
      const draw = () =>
        Buffer.from(
          matrixRowHtml(
            {
              ...row,
              cells: columns.map((a) => {
                const r = get(m.id, a.id);
                return r && { selfLevel: r.selfLevel, managerLevel: r.managerLevel, ...ratingMarks(r, now) };
              }),
            },
            columns,
            words,
          ),
        );
      return keptRow(data.byUser.get(m.id), hour, `${c.get('locale')}|${+row.you}|${+row.editable}|${m.name}|${columnsKey}`, draw);
    });
    const props: MatrixProps = {
      manager: viewer.role === 'manager',
      filter,
      past: asOf.day,
      today: teamToday(c),
      areas: data.areas,
      columns,
      rowCount: rows.length,
      slice: { ...slice, size: MATRIX_PAGE_SIZE },
      teamSize: data.team.length,
      coverage: data.coverage,
      links: {
        here: matrixUrl(filter, slice.page),
        byName: matrixUrl({ ...filter, sort: 'name' }),
        byArea: new Map(columns.map((a) => [a.id, matrixUrl({ ...filter, sort: a.id })])),
        prev: matrixUrl(filter, slice.page - 1),
        next: matrixUrl(filter, slice.page + 1),
      },
    };
    const pushUrl = partial ? matrixUrl(filter, slice.page) : null;
    if (pushUrl) c.header('HX-Push-Url', pushUrl);
    const title = asOf.day ? t('matrix.pastTitle', { date: formatDay(Date.parse(`${asOf.day}T00:00:00Z`)) }) : t('matrix.title');
    const html = partial ? await htmlOf(<MatrixResults {...props} />) : await pageHtml(c, title, <MatrixPage {...props} />, { current: '/matrix', wide: true });
    // Encoded once: the cache keeps these bytes and the server compresses them as they are.
    const body = withRows(html, rows);
    if (key) storePage(c.get('db'), key, { body, pushUrl });
    return c.body(body, 200, { 'Content-Type': 'text/html; charset=UTF-8' });
  })
  .get('/matrix.csv', async (c) => {
    const data = await matrixModel(c.get('db'));
    // The file lists people as the matrix does: by name in the viewer's collation.
    const file = exportCsv({ team: teamByName(data.team, c.get('locale')), areas: data.areas, ratingOf: (userId, areaId) => data.byUser.get(userId)?.get(areaId) });
    return c.body(file, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="pairwise-matrix-${isoDay(c.get('now')())}.csv"`,
      'Cache-Control': 'no-store',
    });
  })
  .post(
    '/matrix/import',
    bodyLimit({ maxSize: MAX_UPLOAD_BYTES + ENVELOPE_BYTES, onError: (c) => refused(c as Context<AppEnv>, t('matrix.importTooBig', { max: MB }), 413) }),
    async (c) => {
      const { fields } = await readForm(c);
      const file = fields.file;
      if (!(file instanceof File) || file.size === 0) return refused(c, t('matrix.importNoFile'), 422);
      if (file.size > MAX_UPLOAD_BYTES) return refused(c, t('matrix.importTooBig', { max: MB }), 413);
      let records: string[][];
      try {
        records = parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer()));
      } catch (err) {
        const reason = err instanceof TypeError ? t('matrix.importNotUtf8') : String((err as Error).message).slice(0, 200);
        return refused(c, t('matrix.importBadCsv', { reason }), 422);
      }
      const data = await loadMatrix(c.get('db'));
      const plan = planImport(records, data);
      if (!plan.ok) return refused(c, importProblemText(plan.problem), 422);
      return page(
        c,
        t('matrix.importTitle'),
        <ImportPreview
          added={plan.changes.filter((x) => x.added)}
          changed={plan.changes.filter((x) => !x.added)}
          unchanged={plan.unchanged}
          rejected={plan.rejected}
          ignoredColumns={plan.ignoredColumns}
          names={new Map(data.team.map((m) => [m.id, m.name]))}
          stamp={matrixStamp(data)}
          apply={changesToApply(plan.changes)}
          fileName={file.name}
        />,
        { current: '/matrix' },
      );
    },
  )
  .post('/matrix/import/confirm', async (c) => {
    const form = await parseForm(c, confirmSchema);
    if (!form.ok) return badRequest(c, Object.keys(form.errors).join(', '));
    let changes: z.infer<typeof changeList>;
    try {
      const parsed = changeList.safeParse(JSON.parse(form.data.changes));
      if (!parsed.success) return badRequest(c, 'changes');
      changes = parsed.data;
    } catch {
      return badRequest(c, 'changes');
    }
    const result = await applyImport(c.get('db'), form.data.stamp, changes, c.get('user')!.id, c.get('now')());
    if (!result.ok && result.reason === 'applied') return redirectAfterPost(c, '/matrix', { kind: 'ok', text: t('matrix.importAlreadyApplied') });
    if (!result.ok) return page(c, t('errors.conflict'), <ImportStale />, { status: 409, current: '/matrix' });
    return redirectAfterPost(c, '/matrix', { kind: 'ok', text: t('matrix.importApplied', { count: result.changed }) });
  });
