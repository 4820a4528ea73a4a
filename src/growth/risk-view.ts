// A what-if's codes and ids turned into the names the growth views show (the words themselves are the views').
import type { WhatIf } from '../planning/growth/what-if.ts';
import type { RiskNames } from './risk-queries.ts';

// Every id a what-if names comes from the same statements as its name, so every lookup finds one.

/** What breaks, by name: areas by the risk they fall to, items nobody else can own, commitments left without a member. */
export function breaksOf(w: WhatIf, names: RiskNames) {
  const areaNames = (risk: string) => w.areas.filter((a) => a.after === risk).map((a) => names.areas.get(a.areaId)!.name);
  return {
    blocker: areaNames('blocker'),
    single: areaNames('single'),
    thin: areaNames('thin'),
    items: w.items.map((i) => ({ id: i.itemId, title: names.items.get(i.itemId)!.title })),
    commitments: w.commitments
      .filter((c) => c.others === 0)
      .map((c) => ({ dealId: c.dealId, dealTitle: names.commitments.get(c.dealItemId)!.dealTitle, description: names.commitments.get(c.dealItemId)!.description })),
  };
}

/** The full what-if page's rows. */
export function whatIfView(person: { id: number; name: string }, w: WhatIf, names: RiskNames) {
  return {
    person,
    areas: w.areas.map((a) => ({ id: a.areaId, name: names.areas.get(a.areaId)!.name, minExperts: names.areas.get(a.areaId)!.minExperts, before: a.before, after: a.after, expertsBefore: a.expertsBefore, expertsAfter: a.expertsAfter })),
    stillCovered: w.stillCovered.map((id) => names.areas.get(id)!.name),
    items: w.items.map((i) => ({ id: i.itemId, title: names.items.get(i.itemId)!.title, status: names.items.get(i.itemId)!.status, owned: i.owned, qualified: i.qualified })),
    commitments: w.commitments.map((c) => ({ dealId: c.dealId, dealTitle: names.commitments.get(c.dealItemId)!.dealTitle, description: names.commitments.get(c.dealItemId)!.description, others: c.others })),
    breaks: breaksOf(w, names),
  };
}
