// The work-split planner's codes as sentences: why an item is left out, and who owns it and why.
import type { workSplitMessages } from '../i18n/en/work.ts';

export type WorkSplitMessageKey = keyof typeof workSplitMessages;
export type Translate = (key: WorkSplitMessageKey, params?: Record<string, string | number>) => string;

type Named = { name: string };
type MissingLevel = { areaName: string; level: number; minLevel: number };

/** The planner's reasons for leaving an item out (structurally, the codes this view can word). */
export type UnplacedWhy =
  | { code: 'noMembers' }
  | { code: 'noQualified'; areaName: string; level: number }
  | { code: 'noQualifiedTogether'; requirements: ReadonlyArray<{ areaName: string; minLevel: number }> }
  | { code: 'allExcluded'; members: readonly Named[] }
  | { code: 'full'; effort: number; members: ReadonlyArray<Named & { load: number; budget: number }>; excludedCount: number }
  | { code: 'tooBig'; effort: number; members: ReadonlyArray<Named & { budget: number }>; excludedCount: number }
  | { code: 'hasRoom'; members: readonly Named[] }
  | { code: 'pinUnknownMember' }
  | { code: 'pinExcluded'; name: string }
  | { code: 'pinUnqualified'; name: string; missing: readonly MissingLevel[] }
  | { code: 'pinNoRoom'; name: string; pinned: number; free: number };

export type AssignmentReason = {
  owner: Named;
  pinned: boolean;
  requirements: readonly MissingLevel[];
  buddy: (Named & { areaName: string; interest: number; level: number; minLevel: number }) | null;
};

export function describeUnplaced(why: UnplacedWhy, t: Translate): string {
  switch (why.code) {
    case 'noMembers':
      return t('work.why.noMembers');
    case 'noQualified':
      return t('work.why.noQualified', { area: why.areaName, level: why.level });
    case 'noQualifiedTogether':
      return t('work.why.noQualifiedTogether', {
        requirements: listOf(why.requirements.map((r) => t('work.requirement', { area: r.areaName, level: r.minLevel })), t),
      });
    case 'allExcluded':
      return t('work.why.allExcluded', { names: listOf(why.members.map((m) => m.name), t) });
    case 'full': {
      const loads = why.members.map((m) => t('work.load', { load: m.load, budget: m.budget })).join(t('work.list.separator'));
      const full =
        why.members.length === 1
          ? t('work.why.fullOne', { loads, effort: why.effort })
          : t('work.why.full', { count: countWord(why.members.length, t), loads, effort: why.effort });
      return full + moreExcluded(why.excludedCount, t);
    }
    case 'tooBig': {
      const [one] = why.members;
      const tooBig =
        why.members.length === 1
          ? t('work.why.tooBigOne', { effort: why.effort, name: one.name, budget: one.budget })
          : t('work.why.tooBig', { effort: why.effort, budgets: listOf(why.members.map((m) => t('work.budgetOf', { name: m.name, budget: m.budget })), t) });
      return tooBig + moreExcluded(why.excludedCount, t);
    }
    case 'hasRoom':
      return t('work.why.hasRoom', { names: listOf(why.members.map((m) => m.name), t) });
    case 'pinUnknownMember':
      return t('work.why.pinUnknownMember');
    case 'pinExcluded':
      return t('work.why.pinExcluded', { name: why.name });
    case 'pinUnqualified': {
      const worst = why.missing[0];
      return t('work.why.pinUnqualified', { name: why.name, area: worst.areaName, level: worst.level, minLevel: worst.minLevel });
    }
    case 'pinNoRoom':
      return t('work.why.pinNoRoom', { name: why.name, pinned: why.pinned, free: why.free });
  }
}

export function describeReason(reason: AssignmentReason, t: Translate): string {
  const requirements =
    reason.requirements.length > 0
      ? listOf(reason.requirements.map((r) => t('work.reason.requirement', { area: r.areaName, level: r.level, minLevel: r.minLevel })), t)
      : t('work.reason.noRequirements');
  const owner = t(reason.pinned ? 'work.reason.ownerPinned' : 'work.reason.owner', { owner: reason.owner.name, requirements });
  const buddy = reason.buddy;
  if (!buddy) return owner;
  return owner + t('work.reason.buddy', { buddy: buddy.name, area: buddy.areaName, interest: buddy.interest, level: buddy.level, minLevel: buddy.minLevel });
}

/** The people who qualify but are excluded, as a clause after the main reason ('' for none). */
function moreExcluded(count: number, t: Translate): string {
  if (count === 0) return '';
  return count === 1 ? t('work.why.moreExcludedOne') : t('work.why.moreExcluded', { count: countWord(count, t) });
}

function listOf(parts: readonly string[], t: Translate): string {
  if (parts.length < 2) return parts.join('');
  return parts.slice(0, -1).join(t('work.list.separator')) + t('work.list.and') + parts[parts.length - 1];
}

function countWord(count: number, t: Translate): string {
  return count >= 2 && count <= 9 ? t(`work.number.${count}` as WorkSplitMessageKey) : String(count);
}
