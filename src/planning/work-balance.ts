// The research/service balance of the work (team, member, cycle) and the manager's two traps, as flags that explain themselves.
import { EXPERT_LEVEL } from '../domain.ts';

export type WorkKind = 'research' | 'service';

export interface BalanceItem {
  id: number;
  title: string;
  kind: WorkKind;
  effort: number;
  status: string;
  ownerId: number | null;
  cycleId: number | null;
  /** The service or product it feeds ('' = none). */
  feeds: string;
  dealId: number | null;
  requirements: ReadonlyArray<{ areaId: number; minLevel: number }>;
}

export interface BalanceMember {
  id: number;
  name: string;
  /** Effective level 0–5 by area id; missing = 0. */
  levels: Readonly<Record<number, number>>;
}

/** Effort points by kind; `researchShare` is research / total in [0, 1], null without any effort. */
export interface Share {
  research: number;
  service: number;
  total: number;
  researchShare: number | null;
}

/** Dropped work is no longer part of the balance; everything else (open to done) is. */
export const counts = (item: Pick<BalanceItem, 'status'>) => item.status !== 'dropped';
/** Flags are about work still ahead: done and dropped items are not flagged. */
export const isActive = (item: Pick<BalanceItem, 'status'>) => item.status !== 'done' && item.status !== 'dropped';

export function shareOf(items: ReadonlyArray<Pick<BalanceItem, 'kind' | 'effort' | 'status'>>): Share {
  let research = 0;
  let service = 0;
  for (const item of items) {
    if (!counts(item)) continue;
    if (item.kind === 'research') research += item.effort;
    else service += item.effort;
  }
  const total = research + service;
  return { research, service, total, researchShare: total > 0 ? research / total : null };
}

/** Each member's share over the items they own (a buddy's learning time is not their delivery). */
export function memberShares(items: readonly BalanceItem[], members: ReadonlyArray<Pick<BalanceMember, 'id' | 'name'>>) {
  return members.map((m) => ({ memberId: m.id, name: m.name, share: shareOf(items.filter((i) => i.ownerId === m.id)) }));
}

/** The team's share per cycle, in the cycles' order. */
export function cycleShares<C extends { id: number }>(items: readonly BalanceItem[], cycles: readonly C[]) {
  return cycles.map((cycle) => ({ cycle, share: shareOf(items.filter((i) => i.cycleId === cycle.id)) }));
}

// ---------------------------------------------------------------------------------------------
// The two traps.

export type ImmatureReason =
  /** Nobody on the team reaches the item's minimum in this area. */
  | { code: 'nobodyAtMinimum'; areaId: number; areaName: string; minLevel: number; best: number }
  /** Someone reaches the minimum, but nobody is an expert (level ≥ 4) to review and unblock. */
  | { code: 'noExpert'; areaId: number; areaName: string; best: number };

export type WorkFlag =
  | { code: 'researchWithoutCustomer'; itemId: number; title: string }
  | { code: 'serviceOnImmatureTech'; itemId: number; title: string; reasons: ImmatureReason[] };

/**
 * "Research without a customer": a research item with no service it feeds and no partner deal.
 * "Service on immature technology": a service item with a required area where nobody is an
 * expert or nobody even reaches its minimum. Only active members count; requirements on areas
 * missing from `areaNames` (archived) are ignored, as planning ignores them.
 */
export function workFlags(items: readonly BalanceItem[], members: readonly BalanceMember[], areaNames: Readonly<Record<number, string>>): WorkFlag[] {
  const flags: WorkFlag[] = [];
  const best = (areaId: number) => members.reduce((top, m) => Math.max(top, m.levels[areaId] ?? 0), 0);
  for (const item of items) {
    if (!isActive(item)) continue;
    if (item.kind === 'research') {
      if (item.feeds.trim() === '' && item.dealId === null) flags.push({ code: 'researchWithoutCustomer', itemId: item.id, title: item.title });
      continue;
    }
    const reasons: ImmatureReason[] = [];
    for (const r of item.requirements) {
      const areaName = areaNames[r.areaId];
      if (areaName === undefined) continue;
      const top = best(r.areaId);
      if (top < r.minLevel) reasons.push({ code: 'nobodyAtMinimum', areaId: r.areaId, areaName, minLevel: r.minLevel, best: top });
      else if (top < EXPERT_LEVEL) reasons.push({ code: 'noExpert', areaId: r.areaId, areaName, best: top });
    }
    if (reasons.length > 0) flags.push({ code: 'serviceOnImmatureTech', itemId: item.id, title: item.title, reasons });
  }
  return flags;
}
