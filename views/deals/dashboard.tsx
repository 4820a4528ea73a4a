// The deals section of the dashboard: deals needing attention and the viewer's open gives; for partner users, their team's open deals.
import type { DealStatus } from '../../src/domain.ts';
import { t } from '../i18n/index.ts';
import { AttentionList, fmtDate, HealthTags, StatusTag, type Attention } from './parts.tsx';
import type { DealWithHealth } from './types.ts';

export type DealsDashboardProps = {
  forPartner: boolean;
  attention: Attention;
  /** The deals that are not closed or dropped (shown to partner users). */
  live: DealWithHealth[];
  /** The viewer's open gives in agreed and in-delivery deals. */
  mine: Array<{ deal: { id: number; partnerName: string; status: DealStatus }; item: { description: string; dueDate: string | null } }>;
};

export function DealsDashboard(p: DealsDashboardProps) {
  if (p.forPartner) {
    return (
      <section class="card deals-dashboard" aria-labelledby="dash-deals">
        <h2 id="dash-deals">{t('deals.dashboard.partnerTitle')}</h2>
        {p.live.length > 0 && <AttentionList attention={p.attention} who="partner" limit={3} />}
        {p.live.length === 0 ? (
          <p class="empty">{t('deals.dashboard.noDeals')}</p>
        ) : (
          <ul class="plain dash-deals" aria-label={t('deals.dashboard.openDeals')}>
            {p.live.map((d) => (
              <li>
                <a href={`/deals/${d.id}`}>{d.title}</a> <StatusTag status={d.status} /> <HealthTags health={d.health} status={d.status} who="partner" />
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
  return (
    <section class="card deals-dashboard" aria-labelledby="dash-deals">
      <h2 id="dash-deals">{t('deals.dashboard.title')}</h2>
      <AttentionList attention={p.attention} who="team" limit={3} />
      {p.mine.length > 0 && (
        <>
          <h3>{t('deals.dashboard.myGives')}</h3>
          <ul class="plain">
            {p.mine.map(({ deal, item }) => (
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
