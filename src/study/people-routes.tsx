// Study: a season's people: joining and leaving, the manager adding and removing people, not presenting, away dates.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { field, idParam, parseForm } from '../http/forms.ts';
import { notFound, redirectAfterPost } from '../http/render.tsx';
import { t } from '../../views/i18n/index.ts';
import { datesOf, seasonPage, seasonTitle, withSeason, type C, type FullSeason } from './season-page-routes.tsx';
import { joinSeason, leaveSeason, seasonParticipants, setAwayDays, setNoPresenting, teamByNameOrEmail } from './season-queries.ts';

const back = (c: C, season: FullSeason, text: string) => redirectAfterPost(c, `/study/seasons/${season.id}`, { kind: 'ok', text });

/** Whether the person takes part in the season now. */
async function takesPart(c: C, season: FullSeason, userId: number) {
  return (await seasonParticipants(c.get('db'), season.id)).some((p) => p.userId === userId && p.leftAt === null);
}


export const peopleRoutes = new Hono<AppEnv>()
  .post(
    '/seasons/:id/join',
    withSeason(async (c, season) => {
      if (season.status === 'finished') return seasonPage(c, season, { problems: { join: t('study.people.error.finished') }, status: 422 });
      await joinSeason(c.get('db'), season.id, c.get('user')!.id, c.get('now')());
      return back(c, season, t('study.people.joined', { season: seasonTitle(season) }));
    }),
  )
  .post(
    '/seasons/:id/leave',
    withSeason(async (c, season) => {
      if (!(await leaveSeason(c.get('db'), season.id, c.get('user')!.id, c.get('now')()))) return seasonPage(c, season, { problems: { join: t('study.people.error.notIn') }, status: 422 });
      return back(c, season, t('study.people.left', { season: seasonTitle(season) }));
    }),
  )
  .post(
    '/seasons/:id/no-presenting',
    withSeason(async (c, season) => {
      const form = await parseForm(c, z.object({ noPresenting: field.choice(['0', '1']) }));
      if (!form.ok) return seasonPage(c, season, { problems: { join: Object.values(form.errors)[0] }, status: 422 });
      const me = c.get('user')!.id;
      if (!(await takesPart(c, season, me))) return seasonPage(c, season, { problems: { join: t('study.people.error.notIn') }, status: 422 });
      const noPresenting = form.data.noPresenting === '1';
      await setNoPresenting(c.get('db'), season.id, me, noPresenting);
      return back(c, season, t(noPresenting ? 'study.people.optedOut' : 'study.people.optedIn'));
    }),
  )
  .post(
    '/seasons/:id/away',
    withSeason(async (c, season) => {
      const form = await parseForm(c, z.object({ days: z.array(z.string()).optional().default([]) }), ['days']);
      if (!form.ok) return seasonPage(c, season, { problems: { away: Object.values(form.errors)[0] }, status: 422 });
      const me = c.get('user')!.id;
      if (!(await takesPart(c, season, me))) return seasonPage(c, season, { problems: { join: t('study.people.error.notIn') }, status: 422 });
      const dates = new Set(datesOf(season));
      const days = [...new Set(form.data.days)].sort();
      const wrong = days.find((d) => !dates.has(d));
      if (wrong) return seasonPage(c, season, { problems: { away: t('study.people.error.notASessionDate', { date: wrong.slice(0, 20) }) }, status: 422 });
      await setAwayDays(c.get('db'), season.id, me, days);
      return back(c, season, t('study.people.awaySaved', { count: days.length }));
    }),
  )
  .post(
    '/seasons/:id/participants',
    withSeason(async (c, season) => {
      const form = await parseForm(c, z.object({ person: field.text(254) }));
      const refuse = (person: string) => seasonPage(c, season, { problems: { person }, personValue: form.values.person, status: 422 });
      if (!form.ok) return refuse(Object.values(form.errors)[0]);
      const { person } = form.data;
      const found = await teamByNameOrEmail(c.get('db'), person);
      if (found.length === 0) return refuse(t('study.people.error.noMatch', { text: person }));
      if (found.length > 1) return refuse(t('study.people.error.several', { text: person }));
      const [who] = found;
      if (await takesPart(c, season, who.id)) return refuse(t('study.people.error.already', { name: who.name }));
      await joinSeason(c.get('db'), season.id, who.id, c.get('now')());
      return back(c, season, t('study.people.added', { name: who.name }));
    }),
  )
  .post(
    '/seasons/:id/participants/:userId/remove',
    withSeason(async (c, season) => {
      const userId = idParam(c.req.param('userId'));
      if (userId === null || !(await leaveSeason(c.get('db'), season.id, userId, c.get('now')()))) return notFound(c);
      return back(c, season, t('study.people.removed'));
    }),
  );
