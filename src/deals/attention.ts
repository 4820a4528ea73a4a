// Which deals need someone's attention, and why: waiting for review (or for the partner's acceptance), late, at risk, one-sided.
import { HEALTH_FLAGS, type DealHealth, type DealStatus, type HealthFlag, type HealthReason } from '../domain.ts';
import { ACCEPT_STATUSES, FINAL_STATUSES } from '../planning/deal-health.ts';

type AttentionDeal = { status: DealStatus; acceptedAt: number | null; acceptedByName: string | null; updatedAt: number; health: DealHealth };

/** Why a deal is listed, as a code the views put in words. */
export type AttentionWhy =
  | { code: 'notAccepted'; status: DealStatus }
  | { code: 'acceptedBy'; name: string; at: number }
  | { code: 'since'; status: DealStatus; at: number }
  | { code: 'health'; reason: HealthReason };
export type Attention<D> = Array<{ key: 'review' | 'acceptance' | HealthFlag; entries: Array<{ deal: D; why: AttentionWhy }> }>;

export function attentionOf<D extends AttentionDeal>(deals: D[], forPartner: boolean): Attention<D> {
  const live = deals.filter((d) => !FINAL_STATUSES.includes(d.status));
  const waiting = forPartner
    ? {
        key: 'acceptance' as const,
        entries: live.filter((d) => ACCEPT_STATUSES.includes(d.status) && !d.acceptedAt).map((deal) => ({ deal, why: { code: 'notAccepted' as const, status: deal.status } })),
      }
    : {
        key: 'review' as const,
        entries: live
          .filter((d) => d.status === 'proposed' || d.status === 'negotiating')
          .map((deal) => ({
            deal,
            why: deal.acceptedAt
              ? { code: 'acceptedBy' as const, name: deal.acceptedByName ?? '', at: deal.acceptedAt }
              : { code: 'since' as const, status: deal.status, at: deal.updatedAt },
          }))
          // Deals the partner has accepted are ready for the manager's decision: first.
          .sort((a, b) => Number(Boolean(b.deal.acceptedAt)) - Number(Boolean(a.deal.acceptedAt))),
      };
  return [
    waiting,
    ...HEALTH_FLAGS.map((flag) => ({
      key: flag,
      entries: live.filter((d) => d.health.flags.includes(flag)).map((deal) => ({ deal, why: { code: 'health' as const, reason: deal.health.reasons.find((r) => r.flag === flag)! } })),
    })),
  ];
}
