// The research/service balance and the trap flags for a scope of work (a cycle, the backlog, or everything).
import type { Db } from '../db/client.ts';
import { cycleShares, memberShares, shareOf, workFlags, type BalanceItem, type Share, type WorkFlag } from '../planning/work-balance.ts';
import type { WorkScope } from './filter.ts';
import { listItems, teamWithLevels, type Cycle, type TeamMember } from './queries.ts';

/** Shares in team order; the route words the scope and sorts the members for display. */
export type WorkBalance = {
  team: Share;
  members: Array<{ memberId: number; name: string; share: Share }>;
  cycles: Array<{ cycle: Cycle; share: Share }>;
};

/** Shares for the scope (team and per member), the team's share per cycle, and the scope's flags. */
export async function balanceOf(
  db: Db,
  scope: WorkScope,
  cycles: readonly Cycle[],
): Promise<{ balance: WorkBalance; flags: WorkFlag[]; areaNames: Record<number, string>; team: TeamMember[] }> {
  const [{ members: team, areaNames }, scoped, everything] = await Promise.all([
    teamWithLevels(db),
    scope.all ? Promise.resolve(null) : listItems(db, { cycleId: scope.cycle?.id ?? null }),
    listItems(db),
  ]);
  const items: BalanceItem[] = scoped ?? everything;
  const owners = new Set(items.map((i) => i.ownerId));
  const people = team.filter((m) => m.role === 'member' || owners.has(m.id));
  const balance: WorkBalance = {
    team: shareOf(items),
    members: memberShares(items, people),
    cycles: cycleShares(everything, [...cycles].reverse()),
  };
  return { balance, flags: workFlags(items, team, areaNames), areaNames, team };
}
