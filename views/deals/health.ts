// A deal's health reasons (codes from the deal-health planner) in the viewer's words.
import type { HealthReason } from '../../src/domain.ts';
import type { Translate } from '../i18n/index.ts';

/** A reason in words; `date` formats 'YYYY-MM-DD' dates for display. */
export function describeReason(r: HealthReason, t: Translate, date: (d: string) => string = (d) => d): string {
  switch (r.kind) {
    case 'item':
      return t(`deals.reason.item.${r.flag}`, { side: t(`deals.itemKind.${r.side}`), item: r.description, due: date(r.due), days: r.days });
    case 'committed':
    case 'needed':
      return t(`deals.reason.${r.kind}.${r.flag}`, { due: date(r.due), days: r.days, open: r.open });
    case 'committedAfterNeeded':
      return t('deals.reason.committedAfterNeeded', { committed: date(r.committed), needed: date(r.needed) });
    case 'overCapacity':
      return t('deals.reason.overCapacity', { member: r.member, committed: r.committed, capacity: r.capacity });
    case 'ours':
    case 'theirs':
      return t(`deals.reason.oneSided.${r.kind}.${r.give > r.get ? 'weGiveMore' : 'weGetMore'}`, { give: r.give, get: r.get });
  }
}
