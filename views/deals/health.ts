// A deal's health reasons (codes from the deal-health planner) in the viewer's words, from the team's side or the partner's.
import type { HealthReason, Perspective } from '../../src/domain.ts';
import type { Translate } from '../i18n/index.ts';
import { viewerSide } from './sides.ts';

/** A reason in words; `date` formats 'YYYY-MM-DD' dates for display; a partner reads it from their side. */
export function describeReason(r: HealthReason, t: Translate, date: (d: string) => string = (d) => d, who: Perspective = 'team'): string {
  const partner = who === 'partner';
  switch (r.kind) {
    case 'item':
      return t(`deals.reason.item.${r.flag}`, { side: t(`deals.itemKind.${viewerSide(r.side, who)}`), item: r.description, due: date(r.due), days: r.days });
    case 'committed':
      return t(`deals.reason.committed.${r.flag}`, { due: date(r.due), days: r.days, open: r.open });
    case 'needed':
      return t(partner ? `deals.reasonForPartner.needed.${r.flag}` : `deals.reason.needed.${r.flag}`, { due: date(r.due), days: r.days, open: r.open });
    case 'committedAfterNeeded':
      return t(partner ? 'deals.reasonForPartner.committedAfterNeeded' : 'deals.reason.committedAfterNeeded', { committed: date(r.committed), needed: date(r.needed) });
    case 'overCapacity':
      return t('deals.reason.overCapacity', { member: r.member, committed: r.committed, capacity: r.capacity });
    case 'ours':
    case 'theirs': {
      const way = r.give > r.get ? 'weGiveMore' : 'weGetMore';
      return t(partner ? `deals.reasonForPartner.oneSided.${r.kind}.${way}` : `deals.reason.oneSided.${r.kind}.${way}`, { give: r.give, get: r.get });
    }
  }
}
