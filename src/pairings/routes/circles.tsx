// Study circles: accepting a suggestion, ending a circle.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { field, idParam, parseForm } from '../../http/forms.ts';
import { badRequest, notFound, redirectAfterPost } from '../../http/render.tsx';
import { suggestStudyCircles } from '../../planning/study-circles.ts';
import { t } from '../../../views/i18n/index.ts';
import { areaOf, nameOf } from '../../../views/pairings/groups.tsx';
import { acceptCircle, endCircle, getCircle, loadNames, openCircles, planningData, type Names } from '../queries.ts';
import { pairingsConflict, roundAreas } from './page.tsx';

const circleSchema = z.object({ areaId: field.text(12), leaderId: field.text(12), learnerIds: z.array(z.string()).optional().default([]) });

function circleRows(names: Names, c: { areaId: number; leaderId: number; learnerIds: number[] } | null, missing: string): Array<[string, string]> {
  if (!c) return [[t('pairings.circles.title'), missing]];
  return [
    [t('pairings.circles.area'), areaOf(names, c.areaId) ?? ''],
    [t('pairings.circles.leaderLabel'), nameOf(names, c.leaderId)],
    [t('pairings.circles.learners'), c.learnerIds.map((id) => nameOf(names, id)).join(', ')],
  ];
}


export const circleRoutes = new Hono<AppEnv>()
  .post('/circles', async (c) => {
    const db = c.get('db');
    const form = await parseForm(c, circleSchema, ['learnerIds']);
    if (!form.ok) return badRequest(c, Object.keys(form.errors).join(', '));
    const areaId = idParam(form.data.areaId);
    const leaderId = idParam(form.data.leaderId);
    const learnerIds = form.data.learnerIds.map(idParam);
    if (areaId === null || leaderId === null || learnerIds.includes(null)) return badRequest(c, t('errors.unknownMember'));
    const [data, names, running] = await Promise.all([planningData(db), loadNames(db), openCircles(db)]);
    if (!data.areas.some((a) => a.id === areaId)) return badRequest(c, t('errors.unknownArea'));
    const yours = { areaId, leaderId, learnerIds: learnerIds as number[] };
    const already = running.find((r) => r.areaId === areaId);
    if (already) return pairingsConflict(c, circleRows(names, yours, ''), circleRows(names, already, ''));
    const suggestion = suggestStudyCircles(data.people, roundAreas(data, [areaId]))[0];
    const current = suggestion ? { areaId, leaderId: suggestion.leader.id, learnerIds: suggestion.learners.map((l) => l.id) } : null;
    const same = current !== null && current.leaderId === leaderId && current.learnerIds.join(',') === yours.learnerIds.join(',');
    if (!same) return pairingsConflict(c, circleRows(names, yours, ''), circleRows(names, current, t('pairings.circles.noLonger')));
    const saved = await acceptCircle(db, current, c.get('user')!.id, c.get('now')());
    if (!saved.ok) return pairingsConflict(c, circleRows(names, yours, ''), circleRows(names, (await openCircles(db)).find((r) => r.areaId === areaId) ?? null, ''));
    return redirectAfterPost(c, '/pairings#circles-title', { kind: 'ok', text: t('pairings.circles.accepted', { area: areaOf(names, areaId) ?? '' }) });
  })
  .post('/circles/:id/end', async (c) => {
    const id = idParam(c.req.param('id'));
    const circle = id === null ? null : await getCircle(c.get('db'), id);
    if (!circle) return notFound(c);
    const form = await parseForm(c, z.object({ version: field.version() }));
    if (!form.ok) return badRequest(c, Object.keys(form.errors).join(', '));
    const names = await loadNames(c.get('db'));
    if (!(await endCircle(c.get('db'), circle.id, form.data.version, c.get('now')()))) {
      const state = (v: number, ended: boolean): Array<[string, string]> => [
        [t('pairings.circles.area'), areaOf(names, circle.areaId) ?? ''],
        [t('pairings.versionLabel'), String(v)],
        [t('pairings.statusLabel'), t(ended ? 'pairings.circles.ended' : 'pairings.circles.running')],
      ];
      return pairingsConflict(c, state(form.data.version, false), state(circle.version, circle.endedAt !== null));
    }
    return redirectAfterPost(c, '/pairings#circles-title', { kind: 'ok', text: t('pairings.circles.endedFlash', { area: areaOf(names, circle.areaId) ?? '' }) });
  });
