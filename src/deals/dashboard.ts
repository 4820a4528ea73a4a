// This feature's section of the dashboard (/), as data: deals needing attention, the viewer's open gives; for partner users, their team's open deals.
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { isoDay, type CurrentUser } from '../domain.ts';
import { COMMITTED_STATUSES, dealHealth } from '../planning/deal-health.ts';
import { attentionOf } from './attention.ts';
import { healthLoad, listDeals } from './queries.ts';

export async function dealsDashboard(c: Context<AppEnv>) {
  const user = c.get('user') as CurrentUser;
  const db = c.get('db');
  const forPartner = user.role === 'partner';
  const load = await healthLoad(db, user);
  const day = isoDay(c.get('now')());
  // Closed and dropped deals show nowhere on the dashboard: not read.
  const live = (await listDeals(db, user, { live: true })).map((d) => ({ ...d, health: dealHealth(d, day, load) }));
  const mine = forPartner
    ? []
    : live.flatMap((d) =>
        COMMITTED_STATUSES.includes(d.status) ? d.items.filter((i) => i.side === 'give' && !i.done && i.members.some((m) => m.id === user.id)).map((item) => ({ deal: d, item })) : [],
      );
  return { forPartner, attention: attentionOf(live, forPartner), live, mine };
}
