// What changed between two versions of a deal: one snapshot shape feeds the timeline, the counter-proposal diff and the 409 page.
import type { DealSide } from '../domain.ts';
import type { Deal, DealInput } from './queries.ts';

export type SnapshotItem = { id?: number; side: DealSide; description: string; dueDate: string | null; area: string | null; effort: number; members: string[] };
export type Snapshot = {
  title: string;
  summary: string;
  partner: string;
  owner: string;
  neededBy: string | null;
  committedDate: string | null;
  items: SnapshotItem[];
};

export const DEAL_FIELDS = ['title', 'partner', 'owner', 'summary', 'neededBy', 'committedDate'] as const;
export const ITEM_FIELDS = ['description', 'dueDate', 'area', 'effort', 'members'] as const;

/** One change, in the shape of a timeline row. */
export type Change =
  | { kind: 'field'; field: string; side?: DealSide; subject?: string; oldValue: string | null; newValue: string | null }
  | { kind: 'item_added' | 'item_removed'; side: DealSide; subject: string };

export function snapshotOfDeal(d: Deal): Snapshot {
  return {
    title: d.title,
    summary: d.summary,
    partner: d.partnerName,
    owner: d.ownerName,
    neededBy: d.neededBy,
    committedDate: d.committedDate,
    items: d.items.map((i) => ({
      id: i.id,
      side: i.side,
      description: i.description,
      dueDate: i.dueDate,
      area: i.areaName,
      effort: i.effort,
      members: i.members.map((m) => m.name),
    })),
  };
}

/** The snapshot an edit would produce, with names looked up for ids. */
export function snapshotOfInput(input: DealInput, names: { partner: (id: number) => string; user: (id: number) => string; area: (id: number) => string }): Snapshot {
  return {
    title: input.title,
    summary: input.summary,
    partner: names.partner(input.partnerId),
    owner: names.user(input.ownerId),
    neededBy: input.neededBy,
    committedDate: input.committedDate,
    items: input.items.map((i) => ({
      id: i.id,
      side: i.side,
      description: i.description,
      dueDate: i.dueDate,
      area: i.side === 'give' && i.areaId ? names.area(i.areaId) : null,
      effort: i.side === 'give' ? i.effort : 0,
      members: i.side === 'give' ? i.memberIds.map(names.user).sort() : [],
    })),
  };
}

/** A field's value as stored text, or null when empty. */
export const show = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : Array.isArray(v) ? (v.length ? v.join(', ') : null) : String(v));

/** Every difference from `before` to `after`; items are matched by id (items without an id in `after` are new). */
export function diffSnapshots(before: Snapshot, after: Snapshot): Change[] {
  const changes: Change[] = [];
  for (const field of DEAL_FIELDS) {
    const [a, b] = [show(before[field]), show(after[field])];
    if (a !== b) changes.push({ kind: 'field', field, oldValue: a, newValue: b });
  }
  const afterIds = new Set(after.items.map((i) => i.id).filter(Boolean));
  for (const old of before.items) {
    if (old.id && !afterIds.has(old.id)) changes.push({ kind: 'item_removed', side: old.side, subject: old.description });
  }
  for (const item of after.items) {
    const old = item.id ? before.items.find((i) => i.id === item.id) : undefined;
    if (!old) {
      changes.push({ kind: 'item_added', side: item.side, subject: item.description });
      continue;
    }
    for (const field of ITEM_FIELDS) {
      const [a, b] = [show(field === 'members' ? [...old.members].sort() : old[field]), show(field === 'members' ? [...item.members].sort() : item[field])];
      if (a !== b && !(field === 'effort' && item.side === 'get')) changes.push({ kind: 'field', field, side: item.side, subject: old.description, oldValue: a, newValue: b });
    }
  }
  return changes;
}
