// /pairings/history (the pair grid and past rounds) and study circles: accepting a suggestion, ending a circle.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../env.ts';
import { DAY_MS } from '../../domain.ts';
import { field, idParam, parseForm } from '../../http/forms.ts';
import { badRequest, notFound, page, redirectAfterPost } from '../../http/render.tsx';
import { listTeam } from '../../members/queries.ts';
import { pairKey, type PairHistory } from '../../planning/pairing/index.ts';
import { suggestStudyCircles } from '../../planning/study-circles.ts';
import { byName, t } from '../../../views/i18n/index.ts';
import { areaOf, nameOf } from '../../../views/pairings/groups.tsx';
import { PageHead, PairGrid, RoundHistory, type PairCell } from '../../../views/pairings/pages.tsx';
import { acceptCircle, acceptedRounds, endCircle, getCircle, loadNames, openCircles, pairHistory, planningData, type Names } from '../queries.ts';
import { pairingsConflict, roundAreas } from './page.tsx';

/** The grid's cells in the order of `people`: how often each two paired and how long ago. */
function gridCells(people: Array<{ id: number }>, history: PairHistory, now: Date): Array<Array<PairCell | null>> {
  return people.map((r) =>
    people.map((c) => {
      const rec = r.id === c.id ? undefined : history.get(pairKey(r.id, c.id));
      return rec ? { count: rec.count, days: Math.max(0, Math.floor((now.getTime() - rec.lastPaired.getTime()) / DAY_MS)) } : null;
    }),
  );
}

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
  .get('/history', async (c) => {
    const { db } = c.var;
    const user = c.var.user!;
    const [rounds, history, names, team] = await Promise.all([acceptedRounds(db), pairHistory(db), loadNames(db), listTeam(db)]);
    const paired = new Set([...history.keys()].flatMap((k) => k.split(':').map(Number)));
    const people = byName(team.filter((u) => u.role === 'member' || paired.has(u.id))).map((u) => ({ id: u.id, name: u.name }));
    return page(
      c,
      t('pairings.history.title'),
      <>
        <PageHead title={t('pairings.history.title')}>
          <a href="/pairings">{t('pairings.backToPlanner')}</a>
        </PageHead>
        <section class="pair-grid-section" aria-labelledby="grid-title">
          <h2 id="grid-title">{t('pairings.grid.title')}</h2>
          <p class="muted">{t('pairings.grid.intro')}</p>
          <PairGrid people={people} cells={gridCells(people, history, c.var.now())} />
        </section>
        <section class="pair-grid-section" aria-labelledby="rounds-title">
          <h2 id="rounds-title">{t('pairings.history.rounds')}</h2>
          <RoundHistory rounds={rounds} names={names} showScore={user.role === 'manager'} />
        </section>
      </>,
      { current: '/pairings', wide: true },
    );
  })
  .post('/circles', async (c) => {
    const { db } = c.var;
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
    const saved = await acceptCircle(db, current, c.var.user!.id, c.var.now());
    if (!saved.ok) return pairingsConflict(c, circleRows(names, yours, ''), circleRows(names, (await openCircles(db)).find((r) => r.areaId === areaId) ?? null, ''));
    return redirectAfterPost(c, '/pairings#circles-title', { kind: 'ok', text: t('pairings.circles.accepted', { area: areaOf(names, areaId) ?? '' }) });
  })
  .post('/circles/:id/end', async (c) => {
    const id = idParam(c.req.param('id'));
    const circle = id === null ? null : await getCircle(c.var.db, id);
    if (!circle) return notFound(c);
    const form = await parseForm(c, z.object({ version: field.version() }));
    if (!form.ok) return badRequest(c, Object.keys(form.errors).join(', '));
    const names = await loadNames(c.var.db);
    if (!(await endCircle(c.var.db, circle.id, form.data.version, c.var.now()))) {
      const state = (v: number, ended: boolean): Array<[string, string]> => [
        [t('pairings.circles.area'), areaOf(names, circle.areaId) ?? ''],
        [t('pairings.versionLabel'), String(v)],
        [t('pairings.statusLabel'), t(ended ? 'pairings.circles.ended' : 'pairings.circles.running')],
      ];
      return pairingsConflict(c, state(form.data.version, false), state(circle.version, circle.endedAt !== null));
    }
    return redirectAfterPost(c, '/pairings#circles-title', { kind: 'ok', text: t('pairings.circles.endedFlash', { area: areaOf(names, circle.areaId) ?? '' }) });
  });
