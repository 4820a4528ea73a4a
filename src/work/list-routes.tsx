// /work: the filtered item list with the research/service balance and the trap flags of its scope.
import { Hono } from 'hono';
import { isoDay } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { page } from '../http/render.tsx';
import { listAreas } from '../areas/queries.ts';
import { listTeam } from '../members/queries.ts';
import { byName, t } from '../../views/i18n/index.ts';
import { WorkPage, type Balance } from '../../views/work/list.tsx';
import { balanceOf, type WorkBalance } from './balance.ts';
import { parseFilter, type WorkScope } from './filter.ts';
import { currentCycle, listCycles, listItems } from './queries.ts';
import { shownItems } from './status-flow.ts';

/** The balance in words: what it covers, and the members by name. */
function shownBalance(balance: WorkBalance, scope: WorkScope): Balance {
  return {
    ...balance,
    scope: scope.all ? t('work.filter.allCycles') : (scope.cycle?.name ?? t('work.cycle.none')),
    members: byName(balance.members),
  };
}

export const listRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { db } = c.var;
  const [cycles, areas, team] = await Promise.all([listCycles(db), listAreas(db), listTeam(db)]);
  const url = new URL(c.req.url);
  const today = isoDay(c.var.now());
  const { scope, items: filter, values } = parseFilter(url.searchParams, { cycles, areas, today });
  const [items, { balance, flags, areaNames }] = await Promise.all([listItems(db, filter), balanceOf(db, scope, cycles)]);
  const current = currentCycle(cycles, today);
  return page(
    c,
    t('work.title'),
    <WorkPage
      user={c.var.user!}
      values={values}
      cycles={cycles}
      areas={areas.map((a) => ({ id: a.id, name: a.name }))}
      people={byName(team).map((m) => ({ id: m.id, name: m.name }))}
      items={shownItems(c.var.user!, today, items)}
      areaNames={areaNames}
      balance={shownBalance(balance, scope)}
      flags={flags}
      back={url.pathname + url.search}
      planCycleId={scope.cycle?.id ?? current?.id ?? null}
    />,
    { current: '/work' },
  );
});
