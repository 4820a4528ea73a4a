// Study: the season report, and carrying its unread papers to the next season.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env.ts';
import type { CurrentUser } from '../domain.ts';
import { teamToday } from './time-zone.ts';
import { idParam } from '../http/forms.ts';
import { notFound, page, redirectAfterPost } from '../http/render.tsx';
import { SeasonReport } from '../../views/study/report.tsx';
import { byName, t } from '../../views/i18n/index.ts';
import {
  areaMovement,
  carryUnread,
  movementSpan,
  papersReadPerArea,
  personFigures,
  reportSeason,
  seasonLevels,
  sessionAttendance,
  unreadPapers,
  type ReportSeason,
} from './report-queries.ts';

type C = Context<AppEnv>;

async function routeSeason(c: C) {
  const id = idParam(c.req.param('id'));
  return id ? reportSeason(c.get('db'), id) : null;
}

/** Six or seven statements whatever the team size: the season (already read), areas, sessions, people, unread papers, levels at both ends (after the season: a stamp, and the levels when it says they changed). */
async function reportPage(c: C, season: ReportSeason, carryError?: string) {
  const db = c.get('db');
  const user = c.get('user') as CurrentUser;
  const now = c.get('now')();
  const today = teamToday(c);
  const span = movementSpan(season, now);
  const [areas, sessions, people, unread, levels] = await Promise.all([
    papersReadPerArea(db, season.id, today),
    sessionAttendance(db, season.id, today),
    personFigures(db, season.id, today),
    unreadPapers(db, season.id, today, season.nextId),
    span ? seasonLevels(db, season.id, span, now) : Promise.resolve([]),
  ]);
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  const movement = span && {
    ...span,
    areas: areaMovement(levels, span, areas.filter((a) => a.papers > 0).map((a) => a.id)).map((m) => ({ ...m, name: areaName.get(m.areaId) ?? '' })),
  };
  return page(
    c,
    t('study.report.title', { name: season.name }),
    <SeasonReport
      season={{ ...season, hasNext: season.nextId !== null }}
      areas={areas}
      sessions={sessions}
      people={byName(people)}
      unread={unread.map((u) => ({ ...u, areas: u.areaIds.map((id) => areaName.get(id) ?? '') }))}
      movement={movement}
      manager={user.role === 'manager'}
      carryError={carryError}
    />,
    { current: '/study', status: carryError ? 422 : 200 },
  );
}

export const reportRoutes = new Hono<AppEnv>()
  .get('/seasons/:id/report', async (c) => {
    const season = await routeSeason(c);
    return season ? reportPage(c, season) : notFound(c);
  })
  .post('/seasons/:id/carry', async (c) => {
    const season = await routeSeason(c);
    if (!season) return notFound(c);
    const number = season.number + 1;
    if (season.nextId === null) return reportPage(c, season, t('study.carry.noNext', { number }));
    const now = c.get('now')();
    const result = await carryUnread(c.get('db'), season.id, season.nextId, teamToday(c), now);
    const done = t('study.carry.done', { count: result.carried, number });
    const text = result.skipped.length ? `${done} ${t('study.carry.skipped', { number, titles: result.skipped.join(', ') })}` : done;
    return redirectAfterPost(c, `/study/seasons/${season.id}/report`, { kind: 'ok', text });
  });
