import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, makeScoreContext, planSwap, scoreGroup, type Person, type SwapRound } from '../../src/planning/pairing/index.ts';

const person = (id: number, levels: Record<number, number> = {}, interests: Record<number, number> = {}): Person => ({ id, name: `P${id}`, levels, interests });
const team = [person(1, { 1: 5 }), person(2, { 1: 1 }, { 1: 3 }), person(3, { 1: 4 }), person(4, {}, { 1: 2 }), person(5), person(6)];
const ctx = makeScoreContext({ team, areas: [{ id: 1, name: 'a1' }], history: new Map(), weights: DEFAULT_WEIGHTS, now: new Date('2025-06-01T00:00:00Z') });

const group = (id: number, ids: number[], locked = false) => ({ id, locked, members: ids.map((userId) => ({ userId })) });
const round = (settings: Partial<SwapRound['settings']> = {}): SwapRound => ({
  groups: [group(10, [1, 2]), group(11, [3, 4]), group(12, [5, 6], settings.locks !== undefined)],
  settings: { locks: [], forbids: [], ...settings },
});

describe('planSwap', () => {
  it('moves a into b’s group and b into a’s, both rescored, keeping each group’s lock mark', () => {
    const result = planSwap(round(), 2, 4, ctx);
    expect(result).toEqual({
      ok: true,
      replaced: [
        { groupId: 10, group: { ...scoreGroup([1, 4], ctx), locked: false } },
        { groupId: 11, group: { ...scoreGroup([3, 2], ctx), locked: false } },
      ],
    });
  });

  it('names the fields whose person is in no group', () => {
    expect(planSwap(round(), 99, null, ctx)).toEqual({ ok: false, error: { code: 'not-in-round', fields: ['a', 'b'] } });
    expect(planSwap(round(), 1, 99, ctx)).toEqual({ ok: false, error: { code: 'not-in-round', fields: ['b'] } });
  });

  it('refuses the same person twice and two people of one group', () => {
    expect(planSwap(round(), 1, 1, ctx)).toEqual({ ok: false, error: { code: 'same-person' } });
    expect(planSwap(round(), 1, 2, ctx)).toEqual({ ok: false, error: { code: 'same-group', a: 1, b: 2 } });
  });

  it('keeps locks and forbids of the round', () => {
    expect(planSwap(round({ locks: [[6, 5]] }), 1, 5, ctx)).toEqual({ ok: false, error: { code: 'locked', personId: 5, otherId: 6 } });
    expect(planSwap(round({ forbids: [[4, 1]] }), 2, 4, ctx)).toEqual({ ok: false, error: { code: 'forbidden', pair: [1, 4] } });
  });

  it('refuses to place someone who is no longer active', () => {
    const gone = makeScoreContext({ team: team.filter((p) => p.id !== 4), areas: [], history: new Map(), weights: DEFAULT_WEIGHTS, now: new Date() });
    expect(planSwap(round(), 2, 4, gone)).toEqual({ ok: false, error: { code: 'inactive', personId: 4 } });
  });
});
