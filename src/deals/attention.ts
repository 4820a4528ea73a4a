// Which deals need someone's attention, and why: waiting for review (or for the partner's acceptance), late, at risk, one-sided.
import { ACCEPT_STATUSES, describeReason, FINAL_STATUSES, HEALTH_FLAGS } from '../planning/deal-health.ts';
import { fmtDate, type Attention, type DealWithHealth } from '../../views/deals/parts.tsx';
import { formatDate, t } from '../../views/i18n/index.ts';

export function attentionOf(deals: DealWithHealth[], forPartner: boolean): Attention {
  const live = deals.filter((d) => !FINAL_STATUSES.includes(d.status));
  const waiting = forPartner
    ? {
        key: 'acceptance' as const,
        entries: live.filter((d) => ACCEPT_STATUSES.includes(d.status) && !d.acceptedAt).map((deal) => ({ deal, why: t('deals.attention.notAccepted', { status: t(`deals.status.${deal.status}`) }) })),
      }
    : {
        key: 'review' as const,
        entries: live
          .filter((d) => d.status === 'proposed' || d.status === 'negotiating')
          .map((deal) => ({
            deal,
            why: deal.acceptedAt
              ? t('deals.attention.acceptedBy', { name: deal.acceptedByName ?? '', date: formatDate(deal.acceptedAt) })
              : t('deals.attention.since', { status: t(`deals.status.${deal.status}`), date: formatDate(deal.updatedAt) }),
          }))
          // Deals the partner has accepted are ready for the manager's decision: first.
          .sort((a, b) => Number(Boolean(b.deal.acceptedAt)) - Number(Boolean(a.deal.acceptedAt))),
      };
  return [
    waiting,
    ...HEALTH_FLAGS.map((flag) => ({
      key: flag,
      entries: live
        .filter((d) => d.health.flags.includes(flag))
        .map((deal) => ({ deal, why: describeReason(deal.health.reasons.find((r) => r.flag === flag)!, t, fmtDate) })),
    })),
  ];
}
