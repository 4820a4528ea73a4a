// This feature's section of the dashboard (/): the data for a member's own items and share, or the manager's team balance and traps.
import type { Context } from 'hono';
import { isoDay, type WorkStatus } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { shareOf, type Share } from '../planning/work-balance.ts';
import type { MatrixModel } from '../matrix/model.ts';
import { teamFlags } from './balance.ts';
import { balanceItems, currentCycle, listCycles, listItems, type Cycle, type ItemWithDetails } from './queries.ts';
import { keptWhileWorkUnchanged } from './kept.ts';
import { shownItems } from './status-flow.ts';

export type WorkDashboardData =
  | { role: 'manager'; cycle: null }
  | { role: 'manager'; cycle: Cycle; team: Share; flags: number; open: number }
  | { role: 'member'; userId: number; active: Array<ItemWithDetails & { moves: WorkStatus[]; late: boolean }>; cycle: Cycle | null; share: Share | null };

/** `model`: the matrix model, read once for the page's sections (the manager's trap flags need only each area's best level). */
export async function workDashboard(c: Context<AppEnv>, model: () => Promise<MatrixModel>): Promise<WorkDashboardData> {
  const user = c.get('user')!;
  const db = c.get('db');
  const cycles = await listCycles(db);
  const today = isoDay(c.get('now')());
  const cycle = currentCycle(cycles, today);
  if (user.role === 'manager') {
    if (!cycle) return { role: 'manager', cycle: null };
    const [items, m] = await Promise.all([keptWhileWorkUnchanged(db, `items:${cycle.id}`, () => balanceItems(db, { cycleId: cycle.id })), model()]);
    const { flags } = teamFlags(items, m);
    return { role: 'manager', cycle, team: shareOf(items), flags: flags.length, open: items.filter((i) => i.status === 'open').length };
  }
  const mine = await listItems(db, { involving: user.id });
  const active = mine.filter((i) => i.status !== 'done' && i.status !== 'dropped');
  const owned = cycle ? mine.filter((i) => i.cycleId === cycle.id && i.ownerId === user.id) : [];
  return { role: 'member', userId: user.id, active: shownItems(user, today, active), cycle, share: cycle ? shareOf(owned) : null };
}
