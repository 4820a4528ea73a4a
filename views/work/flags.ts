// The balance's trap flags as sentences, and the links that fix each one.
import { EXPERT_LEVEL } from '../../src/domain.ts';
import type { workBalanceMessages } from '../i18n/en/work.ts';

export type WorkBalanceMessageKey = keyof typeof workBalanceMessages;
export type Translate = (key: WorkBalanceMessageKey, params?: Record<string, string | number>) => string;

type ImmatureReason = { code: 'nobodyAtMinimum'; areaId: number; areaName: string; minLevel: number; best: number } | { code: 'noExpert'; areaId: number; areaName: string; best: number };

/** A trap flag (structurally, the codes the balance planner returns). */
export type WorkFlag =
  | { code: 'researchWithoutCustomer'; itemId: number; title: string }
  | { code: 'serviceOnImmatureTech'; itemId: number; title: string; reasons: readonly ImmatureReason[] };

export function describeFlag(flag: WorkFlag, t: Translate): string {
  if (flag.code === 'researchWithoutCustomer') return t('work.flag.researchWithoutCustomer');
  const reasons = flag.reasons.map((r) =>
    r.code === 'nobodyAtMinimum'
      ? t('work.flag.nobodyAtMinimum', { area: r.areaName, minLevel: r.minLevel, best: r.best })
      : t('work.flag.noExpert', { area: r.areaName, best: r.best, expert: EXPERT_LEVEL }),
  );
  return t('work.flag.serviceOnImmatureTech', { reasons: reasons.join(t('work.flag.separator')) });
}

export interface FlagFix {
  key: WorkBalanceMessageKey;
  href: string;
}

/** Where each flag is fixed: a deal or customer on the item; a mentoring pair in the thin area, or a smaller scope. */
export function flagFixes(flag: WorkFlag): FlagFix[] {
  const edit = `/work/items/${flag.itemId}/edit`;
  if (flag.code === 'researchWithoutCustomer') return [{ key: 'work.fix.linkDeal', href: `${edit}#customer` }];
  return [
    { key: 'work.fix.mentoring', href: `/pairings?area=${flag.reasons[0].areaId}` },
    { key: 'work.fix.lowerScope', href: `${edit}#requirements` },
  ];
}
