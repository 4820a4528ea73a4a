// A manager's swap of two people between groups of a draft: the rules it must keep, and the two groups rescored.
import { scoreGroup } from './score.ts';
import { pairKey, type Group, type IdPair, type ScoreContext } from './types.ts';

/** The draft as the swap needs it (a stored round fits). */
export type SwapRound = {
  groups: ReadonlyArray<{ id: number; locked: boolean; members: ReadonlyArray<{ userId: number }> }>;
  settings: { locks: readonly IdPair[]; forbids: readonly IdPair[] };
};

export type SwapError =
  /** The people (by form field) not found in any group of the round. */
  | { code: 'not-in-round'; fields: Array<'a' | 'b'> }
  | { code: 'same-person' }
  | { code: 'same-group'; a: number; b: number }
  | { code: 'locked'; personId: number; otherId: number }
  | { code: 'forbidden'; pair: IdPair }
  /** Someone who is no longer an active member (not in the score context's team). */
  | { code: 'inactive'; personId: number };

export type SwapResult = { ok: true; replaced: Array<{ groupId: number; group: Group }> } | { ok: false; error: SwapError };

/**
 * Moves a into b's group and b into a's, both rescored. Locks of the round still hold (a locked person
 * is not swapped) and so do its forbids; a and b are null when the form named no valid id.
 */
export function planSwap(round: SwapRound, a: number | null, b: number | null, ctx: ScoreContext): SwapResult {
  const groupOf = (id: number | null) => (id === null ? undefined : round.groups.find((g) => g.members.some((m) => m.userId === id)));
  const ga = groupOf(a);
  const gb = groupOf(b);
  if (!ga || !gb || a === null || b === null) {
    const fields = [...(ga ? [] : (['a'] as const)), ...(gb ? [] : (['b'] as const))];
    return { ok: false, error: { code: 'not-in-round', fields } };
  }
  if (a === b) return { ok: false, error: { code: 'same-person' } };
  if (ga === gb) return { ok: false, error: { code: 'same-group', a, b } };
  for (const id of [a, b]) {
    const lock = round.settings.locks.find((l) => l.includes(id));
    if (lock) return { ok: false, error: { code: 'locked', personId: id, otherId: lock[0] === id ? lock[1] : lock[0] } };
  }
  const newA = ga.members.map((m) => (m.userId === a ? b : m.userId));
  const newB = gb.members.map((m) => (m.userId === b ? a : m.userId));
  const forbidden = new Set(round.settings.forbids.map(([x, y]) => pairKey(x, y)));
  for (const group of [newA, newB]) {
    for (const x of group) {
      for (const y of group) {
        if (x < y && forbidden.has(pairKey(x, y))) return { ok: false, error: { code: 'forbidden', pair: [x, y] } };
      }
    }
  }
  const gone = [...newA, ...newB].find((id) => !ctx.people.has(id));
  if (gone !== undefined) return { ok: false, error: { code: 'inactive', personId: gone } };
  return {
    ok: true,
    replaced: [
      { groupId: ga.id, group: { ...scoreGroup(newA, ctx), locked: ga.locked } },
      { groupId: gb.id, group: { ...scoreGroup(newB, ctx), locked: gb.locked } },
    ],
  };
}
