// /api/v1: focus areas, ratings, the skill matrix and coverage per area, read through the queries the pages use.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { listAreas, parseRubric } from '../areas/queries.ts';
import { matrixModel } from '../matrix/model.ts';
import { effectiveLevel, isStale } from '../planning/skills.ts';
import { areaFigures } from '../ratings/coverage.ts';
import { ratingsPage, type Rating } from '../ratings/queries.ts';
import { seesNote } from '../ratings/rules.ts';
import { apiFailure } from './errors.ts';
import { iso, isoOrNull, pageOf, paged, rowsFor } from './page.ts';
import { areaList, areasQuery, coverageList, matrix, pageQuery, ratingList, ratingsQuery } from './schemas.ts';
import { ERRORS, ok } from './specs.ts';

const listAreasRoute = createRoute({
  method: 'get',
  path: '/areas',
  tags: ['Skills'],
  summary: 'Focus areas',
  description: 'In display order (category, then position). Managers and members; archived areas are for managers.',
  request: { query: areasQuery },
  responses: { ...ok(areaList, 'A page of areas'), ...ERRORS },
});

const listRatings = createRoute({
  method: 'get',
  path: '/ratings',
  tags: ['Skills'],
  summary: 'Ratings',
  description:
    "By member id, then area id, in non-archived areas: the active team's, or with `memberId` that member's (deactivated too, as their stat card). The manager note only to managers and to the rated member. Managers and members.",
  request: { query: ratingsQuery },
  responses: { ...ok(ratingList, 'A page of ratings'), ...ERRORS },
});

const getMatrix = createRoute({
  method: 'get',
  path: '/matrix',
  tags: ['Skills'],
  summary: 'The skill matrix',
  description: 'The active team by name × the non-archived areas, a page of members at a time. Managers and members.',
  request: { query: pageQuery },
  responses: { ...ok(matrix, 'A page of matrix rows'), ...ERRORS },
});

const listCoverage = createRoute({
  method: 'get',
  path: '/coverage',
  tags: ['Skills'],
  summary: 'Coverage and bus factor per area',
  description: 'Per non-archived area over the active team: experts (level ≥ 4), the bus-factor risk, best and median level against the target. Managers and members.',
  request: { query: pageQuery },
  responses: { ...ok(coverageList, 'A page of areas with their coverage'), ...ERRORS },
});

export const skillsApi = new OpenAPIHono<AppEnv>()
  .openapi(listAreasRoute, async (c) => {
    const q = c.req.valid('query');
    if (q.includeArchived && c.get('user')!.role !== 'manager') throw apiFailure(403, 'forbidden', 'Archived areas are for managers: leave out includeArchived.');
    const all = await listAreas(c.get('db'), { includeArchived: q.includeArchived });
    const areas = all.map((a) => ({
      id: a.id,
      name: a.name,
      category: a.categoryName,
      description: a.description,
      targetLevel: a.targetLevel,
      minExperts: a.minExperts,
      rubric: parseRubric(a.rubric),
      archivedAt: isoOrNull(a.archivedAt),
    }));
    return c.json(areaList.parse(pageOf(areas, q)), 200);
  })
  .openapi(listRatings, async (c) => {
    const q = c.req.valid('query');
    const viewer = c.get('user')!;
    const now = c.get('now')();
    const rows = await ratingsPage(c.get('db'), { memberId: q.memberId, areaId: q.areaId, ...rowsFor(q) });
    const shown = (r: Rating) => ({
      memberId: r.userId,
      areaId: r.areaId,
      level: effectiveLevel(r),
      selfLevel: r.selfLevel,
      managerLevel: r.managerLevel,
      interest: r.interest,
      evidence: r.evidence,
      managerNote: seesNote(viewer, r.userId) ? r.managerNote : null,
      confirmedAt: iso(r.confirmedAt),
      updatedAt: iso(r.updatedAt),
      stale: isStale(r, now),
    });
    return c.json(ratingList.parse(paged(rows.map(shown), q)), 200);
  })
  .openapi(getMatrix, async (c) => {
    const q = c.req.valid('query');
    const now = c.get('now')();
    // The page's own model: kept per process and patched after rating edits (src/matrix/model.ts).
    const model = await matrixModel(c.get('db'));
    const rows = model.team.slice(q.offset, q.offset + q.limit + 1).map((m) => ({
      member: { id: m.id, name: m.name },
      cells: model.areas.flatMap((a) => {
        const r = model.byUser.get(m.id)?.get(a.id);
        return r ? [{ areaId: a.id, level: effectiveLevel(r), selfLevel: r.selfLevel, managerLevel: r.managerLevel, interest: r.interest, stale: isStale(r, now) }] : [];
      }),
    }));
    const areas = model.areas.map((a) => ({ id: a.id, name: a.name, category: a.categoryName }));
    return c.json(matrix.parse({ areas, ...paged(rows, q) }), 200);
  })
  .openapi(listCoverage, async (c) => {
    const q = c.req.valid('query');
    const figures = (await areaFigures(c.get('db'))).map(({ area, coverage }) => ({ area, ...coverage }));
    return c.json(coverageList.parse(pageOf(figures, q)), 200);
  });
