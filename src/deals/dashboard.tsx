// This feature's section of the dashboard (/): deals needing attention; for partner users, their team's deals.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv, CurrentUser } from '../env.ts';
import { dealHealth, FINAL_STATUSES } from '../planning/deal-health.ts';
import { AttentionList, fmtDate, HealthTags, StatusTag } from '../../views/deals/parts.tsx';
import { t } from '../../views/i18n/index.ts';
import { attentionOf } from './attention.ts';
import { listDeals, memberLoad, today } from './queries.ts';

export async function dealsDashboard(c: Context<AppEnv>): Promise<Child> {
  const user = c.var.user as CurrentUser;
  const { db } = c.var;
  const partner = user.role === 'partner';
  const load = partner ? new Map() : await memberLoad(db);
  const day = today(c.var.now());
  const deals = (await listDeals(db, user)).map((d) => ({ ...d, health: dealHealth(d, day, load) }));
  if (partner) {
    const live = deals.filter((d) => !FINAL_STATUSES.includes(d.status));
    return (
      <section class="card deals-dashboard" aria-labelledby="dash-deals">
        <h2 id="dash-deals">{t('deals.dashboard.partnerTitle')}</h2>
        {live.length > 0 && <AttentionList attention={attentionOf(deals, true)} limit={3} />}
        {live.length === 0 ? (
          <p class="empty">{t('deals.dashboard.noDeals')}</p>
        ) : (
          <ul class="plain dash-deals" aria-label={t('deals.dashboard.openDeals')}>
            {live.map((d) => (
              <li>
                <a href={`/deals/${d.id}`}>{d.title}</a> <StatusTag status={d.status} /> <HealthTags health={d.health} status={d.status} />
                {d.committedDate && <small class="muted"> · {t('deals.card.committed', { date: fmtDate(d.committedDate) })}</small>}
              </li>
            ))}
          </ul>
        )}
        <p>
          <a href="/deals">{t('deals.dashboard.all')}</a>
        </p>
      </section>
    );
  }
  const mine = deals.flatMap((d) =>
    ['agreed', 'in_delivery'].includes(d.status) ? d.items.filter((i) => i.side === 'give' && !i.done && i.members.some((m) => m.id === user.id)).map((i) => ({ deal: d, item: i })) : [],
  );
  return (
    <section class="card deals-dashboard" aria-labelledby="dash-deals">
      <h2 id="dash-deals">{t('deals.dashboard.title')}</h2>
      <AttentionList attention={attentionOf(deals, false)} limit={3} />
      {mine.length > 0 && (
        <>
          <h3>{t('deals.dashboard.myGives')}</h3>
          <ul class="plain">
            {mine.map(({ deal, item }) => (
              <li>
                <a href={`/deals/${deal.id}`}>{item.description}</a> <span class="muted">· {deal.partnerName}</span>
                {item.dueDate && <small class="muted"> · {t('deals.dueOn', { date: fmtDate(item.dueDate) })}</small>}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href="/deals">{t('deals.dashboard.all')}</a>
      </p>
    </section>
  );
}
