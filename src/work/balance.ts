// The research/service balance and the trap flags for a scope of work (a cycle, the backlog, or everything), summed in SQL.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { workFlags, type BalanceItem, type Share, type WorkFlag } from '../planning/work-balance.ts';
import { matrixModel, type MatrixModel } from '../matrix/model.ts';
import type { WorkScope } from './filter.ts';
import { keptWhileWorkUnchanged } from './kept.ts';
import { balanceItems, type Cycle } from './queries.ts';

/** Shares in no particular order; the route words the scope and sorts the members for display. */
export type WorkBalance = {
  team: Share;
  /** The active people who own work in the scope (dropped work does not count). */
  members: Array<{ memberId: number; name: string; share: Share }>;
  /** Active members who own no work in the scope. */
  idle: number;
  cycles: Array<{ cycle: Cycle; share: Share }>;
};

type Sums = { research: number; service: number };
const shareOf = ({ research, service }: Sums): Share => ({ research, service, total: research + service, researchShare: research + service > 0 ? research / (research + service) : null });
const sums = sql`coalesce(sum(case when i.kind = 'research' then i.effort end), 0) research, coalesce(sum(case when i.kind = 'service' then i.effort end), 0) service`;

function inScope(scope: WorkScope): SQL {
  if (scope.all) return sql`1 = 1`;
  return scope.cycle ? sql`i.cycle_id = ${scope.cycle.id}` : sql`i.cycle_id is null`;
}

/**
 * Shares for the scope (team and per owner), the team's share per cycle, and the scope's flags. Flags
 * read the scope's items still ahead and only the team's best level per area (all a flag asks is
 * whether anyone reaches a minimum, or is an expert), from the matrix model.
 */
export async function balanceOf(db: Db, scope: WorkScope, cycles: readonly Cycle[]): Promise<{ balance: WorkBalance; flags: WorkFlag[]; areaNames: Record<number, string> }> {
  const where = inScope(scope);
  // The four reads of the work and its people are kept until the 'work' counter moves (src/work/kept.ts).
  const work = () =>
    Promise.all([
      db.all<Sums & { owner_id: number | null; name: string | null; active: number | null }>(sql`
        select i.owner_id, u.name, u.active and u.role in ('manager', 'member') active, ${sums}
        from work_items i left join users u on u.id = i.owner_id where i.status <> 'dropped' and ${where} group by i.owner_id`),
      db.all<{ n: number }>(sql`
        select count(*) n from users u where u.role = 'member' and u.active = 1
        and not exists (select 1 from work_items i where i.owner_id = u.id and i.status <> 'dropped' and ${where})`),
      db.all<Sums & { cycle_id: number }>(sql`select i.cycle_id, ${sums} from work_items i where i.status <> 'dropped' and i.cycle_id is not null group by i.cycle_id`),
      balanceItems(db, { ...(scope.all ? {} : { cycleId: scope.cycle?.id ?? null }), active: true }),
    ]);
  const [[owners, idle, perCycle, items], model] = await Promise.all([
    keptWhileWorkUnchanged(db, `balance:${scope.all ? 'all' : (scope.cycle?.id ?? 'backlog')}`, work),
    // Each area's best level is in the matrix model this process keeps up to date (not an aggregate over every rating).
    matrixModel(db),
  ]);
  const byCycle = new Map(perCycle.map((c) => [c.cycle_id, c]));
  const balance: WorkBalance = {
    team: shareOf(owners.reduce((t, o) => ({ research: t.research + o.research, service: t.service + o.service }), { research: 0, service: 0 })),
    members: owners.filter((o) => o.owner_id !== null && o.active).map((o) => ({ memberId: o.owner_id!, name: o.name!, share: shareOf(o) })),
    idle: idle[0]?.n ?? 0,
    cycles: [...cycles].reverse().map((cycle) => ({ cycle, share: shareOf(byCycle.get(cycle.id) ?? { research: 0, service: 0 }) })),
  };
  return { balance, ...teamFlags(items, model) };
}

/**
 * The trap flags of `items` for the team, and the names of the areas they name. A flag only asks whether anyone
 * reaches a minimum or is an expert, so the team counts as one member holding each area's best level (the
 * matrix model's coverage), not as every member's ratings.
 */
export function teamFlags(items: readonly BalanceItem[], model: MatrixModel): { flags: WorkFlag[]; areaNames: Record<number, string> } {
  const areaNames = Object.fromEntries(model.areas.map((a) => [a.id, a.name]));
  const levels = Object.fromEntries(model.areas.map((a) => [a.id, model.coverage.get(a.id)?.best ?? 0]));
  return { flags: workFlags(items, [{ id: 0, name: '', levels }], areaNames), areaNames };
}
