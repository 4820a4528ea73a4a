// The team over time (/growth) and one person's growth (/members/:id/growth): validate the period, read the sums, compute, render.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { idParam } from '../http/forms.ts';
import { badRequest, notFound, page } from '../http/render.tsx';
import { listAreas } from '../areas/queries.ts';
import { getUser } from '../members/queries.ts';
import { areaTimeline, grewBetween, levelAtMonthEnds, monthlyCounts, riskChanges } from '../planning/growth/timeline.ts';
import { levelTimeline } from '../planning/skills.ts';
import { OverTimePage, type OverTimeProps } from '../../views/growth/over-time.tsx';
import { MemberGrowthPage } from '../../views/growth/member.tsx';
import { t } from '../../views/i18n/index.ts';
import { monthsOf, PERIODS, periodQuery } from './period.ts';
import { joinsByMonth, levelDeltasByMonth, memberHistory } from './queries.ts';

type C = Context<AppEnv>;

/** The period from the address, or null (the caller answers 400) when it is not one of the chooser's values. */
function periodOf(c: C) {
  const parsed = periodQuery.safeParse(c.req.query());
  return parsed.success ? parsed.data.period : null;
}

export const growthTimeRoutes = new Hono<AppEnv>()
  /** Three statements whatever the team size: the areas, the level changes summed per area and month, who joined and left when. */
  .get('/growth', async (c) => {
    const period = periodOf(c);
    if (!period) return badRequest(c, t('growth.time.badPeriod'));
    const months = monthsOf(period, c.get('now')(), c.get('timeZone'));
    const [areas, deltas, joins] = await Promise.all([listAreas(c.get('db')), levelDeltasByMonth(c.get('db'), months.bounds), joinsByMonth(c.get('db'), months.bounds)]);
    const n = months.labels.length;
    const counts = monthlyCounts(n, areas.map((a) => a.id), deltas, joins);
    const timelines = areas.map((a) => ({ area: a, points: areaTimeline(a, counts.get(a.id) ?? []) }));
    const groups: OverTimeProps['groups'] = [];
    for (const { area, points } of timelines) {
      // The month before the period is only the starting point: not drawn.
      const view = { id: area.id, name: area.name, targetLevel: area.targetLevel, minExperts: area.minExperts, points: points.slice(1) };
      const last = groups[groups.length - 1];
      if (last && last.category === area.categoryName) last.areas.push(view);
      else groups.push({ category: area.categoryName, areas: [view] });
    }
    const props: OverTimeProps = {
      period,
      periods: PERIODS,
      months: months.labels.slice(1),
      groups,
      grew: {
        since: months.labels[months.december - 1],
        areas: timelines.flatMap(({ area, points }) => {
          const g = grewBetween(points, months.december, n);
          return g ? [{ name: area.name, ...g }] : [];
        }),
      },
      riskChanges: timelines
        .flatMap(({ area, points }) => riskChanges(points).map((r) => ({ area: area.name, month: months.labels[r.month - 1], from: r.from, to: r.to, minExperts: area.minExperts })))
        .sort((a, b) => b.month.localeCompare(a.month)),
      empty: deltas.length === 0,
    };
    return page(c, t('growth.time.title'), <OverTimePage {...props} />, { current: '/growth' });
  })
  /** Three statements: the person, the areas, their own level history (one person's rows, replayed here). */
  .get('/members/:id/growth', async (c) => {
    const id = idParam(c.req.param('id'));
    const period = periodOf(c);
    if (!period) return badRequest(c, t('growth.time.badPeriod'));
    const [member, areas, history] = id ? await Promise.all([getUser(c.get('db'), id), listAreas(c.get('db')), memberHistory(c.get('db'), id)]) : [null, [], null];
    if (!member || !history || member.role === 'partner') return notFound(c);
    const months = monthsOf(period, c.get('now')(), c.get('timeZone'));
    const rated = areas.flatMap((a) => {
      const points = levelTimeline(history.entries.filter((e) => e.areaId === a.id));
      return points.length ? [{ id: a.id, name: a.name, levels: levelAtMonthEnds(points, months.bounds).slice(1) }] : [];
    });
    const you = member.id === c.get('user')!.id;
    return page(
      c,
      you ? t('growth.member.titleYou') : t('growth.member.title', { name: member.name }),
      <MemberGrowthPage member={{ id: member.id, name: member.name }} you={you} period={period} periods={PERIODS} months={months.labels.slice(1)} areas={rated} />,
      { current: '/members' },
    );
  });
