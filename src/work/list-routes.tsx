// /work: one page of the filtered item list with the research/service balance and the trap flags of its scope.
import { Hono } from 'hono';
import { isoDay } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { page } from '../http/render.tsx';
import { listAreas } from '../areas/queries.ts';
import { pageSlice, parsePage } from '../matrix/filter.ts';
import { byName, t } from '../../views/i18n/index.ts';
import { WorkPage, type Balance } from '../../views/work/list.tsx';
import { balanceOf, type WorkBalance } from './balance.ts';
import { parseFilter, workUrl, type WorkFilterValues, type WorkScope } from './filter.ts';
import { countItems, currentCycle, listCycles, listItems, ownerChoices } from './queries.ts';
import { shownItems } from './status-flow.ts';

/** Items and members' shares per page: the list grows with the organisation's work. */
const WORK_PAGE_SIZE = 50;

/** The balance in words: what it covers, and one page of the members by name. */
function shownBalance(balance: WorkBalance, scope: WorkScope, values: WorkFilterValues, itemPage: number, memberPage: number): Balance {
  const members = byName(balance.members);
  const slice = pageSlice(members.length, memberPage, WORK_PAGE_SIZE);
  return {
    ...balance,
    scope: scope.all ? t('work.filter.allCycles') : (scope.cycle?.name ?? t('work.cycle.none')),
    members: members.slice(Math.max(0, slice.from - 1), slice.to),
    memberSlice: slice,
    memberLinks: { prev: workUrl(values, itemPage, slice.page - 1) + '#balance-title', next: workUrl(values, itemPage, slice.page + 1) + '#balance-title' },
  };
}

export const listRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const db = c.get('db');
  const [cycles, areas] = await Promise.all([listCycles(db), listAreas(db)]);
  const url = new URL(c.req.url);
  const today = isoDay(c.get('now')());
  const { scope, items: filter, values } = parseFilter(url.searchParams, { cycles, areas, today });
  const [total, team] = await Promise.all([countItems(db, filter), ownerChoices(db, filter.ownerId ?? null)]);
  const slice = pageSlice(total, parsePage(url.searchParams), WORK_PAGE_SIZE);
  const memberPage = parsePage(new URLSearchParams({ page: url.searchParams.get('mpage') ?? '' }));
  const [items, { balance, flags, areaNames }] = await Promise.all([
    listItems(db, filter, { limit: WORK_PAGE_SIZE, offset: Math.max(0, slice.from - 1) }),
    balanceOf(db, scope, cycles),
  ]);
  const current = currentCycle(cycles, today);
  return page(
    c,
    t('work.title'),
    <WorkPage
      user={c.get('user')!}
      values={values}
      cycles={cycles}
      areas={areas.map((a) => ({ id: a.id, name: a.name }))}
      people={byName(team)}
      items={shownItems(c.get('user')!, today, items)}
      slice={slice}
      links={{ prev: workUrl(values, slice.page - 1, memberPage) + '#items', next: workUrl(values, slice.page + 1, memberPage) + '#items' }}
      areaNames={areaNames}
      balance={shownBalance(balance, scope, values, slice.page, memberPage)}
      flags={flags}
      back={url.pathname + url.search}
      planCycleId={scope.cycle?.id ?? current?.id ?? null}
    />,
    { current: '/work' },
  );
});
