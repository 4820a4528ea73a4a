// The research/service balance and the trap flags for a scope of work (a cycle, the backlog, or everything).
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { cycleShares, memberShares, shareOf, workFlags, type BalanceItem } from '../planning/work-balance.ts';
import { byName, t } from '../../views/i18n/index.ts';
import type { Balance } from '../../views/work/list.tsx';
import { listItems, teamWithLevels, type Cycle } from './queries.ts';

/** Shares for the scope (team and per member), the team's share per cycle, and the scope's flags. */
export async function balanceOf(c: Context<AppEnv>, scope: { cycle: Cycle | null; all: boolean }, cycles: Cycle[]) {
  const { db } = c.var;
  const [{ members: team, areaNames }, scoped, everything] = await Promise.all([
    teamWithLevels(db),
    scope.all ? Promise.resolve(null) : listItems(db, { cycleId: scope.cycle?.id ?? null }),
    listItems(db),
  ]);
  const items: BalanceItem[] = scoped ?? everything;
  const owners = new Set(items.map((i) => i.ownerId));
  const people = byName(team.filter((m) => m.role === 'member' || owners.has(m.id)));
  const balance: Balance = {
    scope: scope.all ? t('work.filter.allCycles') : (scope.cycle?.name ?? t('work.cycle.none')),
    team: shareOf(items),
    members: memberShares(items, people),
    cycles: cycleShares(everything, [...cycles].reverse()),
  };
  return { balance, flags: workFlags(items, team, areaNames), areaNames, team };
}
