// The research/service balance, the two trap flags and the work-item status flow.
import { describe, expect, it } from 'vitest';
import { cycleShares, memberShares, shareOf, workFlags, type BalanceItem } from '../../src/planning/work-balance.ts';
import { describeFlag, flagFixes, type Translate } from '../../views/work/flags.ts';
import { workBalanceMessages } from '../../views/i18n/en/work.ts';
import { interpolate } from '../../views/i18n/index.ts';
import { actorFor, movesFor, needsOwner, nextStatuses, STATUS_FLOW } from '../../src/work/status-flow.ts';
import { WORK_STATUSES } from '../../src/domain.ts';

const t: Translate = (key, params = {}) => interpolate(workBalanceMessages[key], params);

let nextId = 1;
function item(over: Partial<BalanceItem> = {}): BalanceItem {
  return { id: nextId++, title: 'An item', kind: 'research', effort: 3, status: 'open', ownerId: null, cycleId: 1, feeds: '', dealId: null, requirements: [], ...over };
}

const EMBEDDING = 1;
const SERVING = 2;
const areaNames = { [EMBEDDING]: 'text embedding', [SERVING]: 'model serving' };
const alice = { id: 10, name: 'Alice', levels: { [EMBEDDING]: 4, [SERVING]: 2 } };
const bob = { id: 11, name: 'Bob', levels: { [EMBEDDING]: 3, [SERVING]: 3 } };

describe('shares', () => {
  it('splits effort into research and service, leaving dropped work out', () => {
    const share = shareOf([item({ effort: 6 }), item({ kind: 'service', effort: 2 }), item({ kind: 'service', effort: 5, status: 'dropped' }), item({ effort: 2, status: 'done' })]);
    expect(share).toEqual({ research: 8, service: 2, total: 10, researchShare: 0.8 });
  });

  it('has no share without effort, rather than a made-up 0%', () => {
    expect(shareOf([]).researchShare).toBeNull();
    expect(shareOf([item({ status: 'dropped' })]).researchShare).toBeNull();
  });

  it('counts a member only on the items they own', () => {
    const items = [item({ ownerId: alice.id, effort: 4 }), item({ kind: 'service', ownerId: alice.id, effort: 4 }), item({ kind: 'service', ownerId: bob.id, effort: 3 }), item({ effort: 9 })];
    const [a, b] = memberShares(items, [alice, bob]);
    expect(a.share).toMatchObject({ research: 4, service: 4, researchShare: 0.5 });
    expect(b.share).toMatchObject({ research: 0, service: 3, researchShare: 0 });
  });

  it('gives the team share per cycle, in the order asked', () => {
    const items = [item({ cycleId: 1, effort: 2 }), item({ cycleId: 2, kind: 'service', effort: 2 }), item({ cycleId: null, effort: 7 })];
    const shares = cycleShares(items, [{ id: 2 }, { id: 1 }]);
    expect(shares.map((s) => [s.cycle.id, s.share.researchShare])).toEqual([
      [2, 0],
      [1, 1],
    ]);
  });
});

describe('research without a customer', () => {
  it('flags research that feeds no service and has no deal, and explains itself with a fix', () => {
    const lonely = item({ title: 'Contrastive ablation' });
    const flags = workFlags([lonely, item({ feeds: 'live-chat assistant' }), item({ dealId: 7 }), item({ feeds: '   ' })], [alice], areaNames);
    expect(flags.map((f) => f.code)).toEqual(['researchWithoutCustomer', 'researchWithoutCustomer']);
    expect(flags[0]).toMatchObject({ itemId: lonely.id, title: 'Contrastive ablation' });
    expect(describeFlag(flags[0], t)).toBe('Research without a customer: no service or partner deal is waiting for it.');
    expect(flagFixes(flags[0])).toEqual([{ key: 'work.fix.linkDeal', href: `/work/items/${lonely.id}/edit#customer` }]);
  });

  it('does not flag finished or dropped research', () => {
    expect(workFlags([item({ status: 'done' }), item({ status: 'dropped' })], [alice], areaNames)).toEqual([]);
  });
});

describe('service on immature technology', () => {
  it('flags a required area without an expert, naming the best level', () => {
    const svc = item({ kind: 'service', requirements: [{ areaId: SERVING, minLevel: 2 }] });
    const [flag] = workFlags([svc], [alice, bob], areaNames);
    expect(flag).toEqual({ code: 'serviceOnImmatureTech', itemId: svc.id, title: svc.title, reasons: [{ code: 'noExpert', areaId: SERVING, areaName: 'model serving', best: 3 }] });
    expect(describeFlag(flag, t)).toBe('Service on immature technology: nobody is an expert in model serving (the best is 3, an expert is ≥ 4).');
    expect(flagFixes(flag).map((f) => f.key)).toEqual(['work.fix.mentoring', 'work.fix.lowerScope']);
    expect(flagFixes(flag)[0].href).toBe(`/pairings?area=${SERVING}`);
    expect(flagFixes(flag)[1].href).toBe(`/work/items/${svc.id}/edit#requirements`);
  });

  it('flags a minimum nobody reaches, even with experts in the area', () => {
    const svc = item({ kind: 'service', requirements: [{ areaId: EMBEDDING, minLevel: 5 }] });
    const [flag] = workFlags([svc], [alice, bob], areaNames);
    expect(flag.code === 'serviceOnImmatureTech' && flag.reasons).toEqual([{ code: 'nobodyAtMinimum', areaId: EMBEDDING, areaName: 'text embedding', minLevel: 5, best: 4 }]);
    expect(describeFlag(flag, t)).toBe('Service on immature technology: nobody has text embedding ≥ 5 (the best is 4).');
  });

  it('lists every thin area of one item, and leaves mastered ones and archived areas out', () => {
    const svc = item({
      kind: 'service',
      requirements: [
        { areaId: EMBEDDING, minLevel: 3 },
        { areaId: SERVING, minLevel: 4 },
        { areaId: 99, minLevel: 5 },
      ],
    });
    const [flag] = workFlags([svc], [alice, bob], areaNames);
    expect(flag.code === 'serviceOnImmatureTech' && flag.reasons.map((r) => [r.code, r.areaId])).toEqual([['nobodyAtMinimum', SERVING]]);
  });

  it('treats a team without ratings as having nobody at any minimum', () => {
    const svc = item({ kind: 'service', requirements: [{ areaId: SERVING, minLevel: 1 }] });
    const [flag] = workFlags([svc], [{ id: 1, name: 'New', levels: {} }], areaNames);
    expect(flag.code === 'serviceOnImmatureTech' && flag.reasons[0]).toMatchObject({ code: 'nobodyAtMinimum', best: 0 });
  });

  it('does not flag service the team has mastered, nor service without requirements', () => {
    expect(workFlags([item({ kind: 'service', requirements: [{ areaId: EMBEDDING, minLevel: 3 }] }), item({ kind: 'service', feeds: '' })], [alice, bob], areaNames)).toEqual([]);
  });
});

describe('status flow', () => {
  it('lets an owner move their item planned → in progress → done, and back to planned', () => {
    expect(nextStatuses('planned', 'owner')).toEqual(['in_progress']);
    expect(nextStatuses('in_progress', 'owner')).toEqual(['done', 'planned']);
    expect(nextStatuses('done', 'owner')).toEqual([]);
    expect(nextStatuses('open', 'owner')).toEqual([]);
  });

  it('lets a manager make every move of the table, and a viewer none', () => {
    for (const status of WORK_STATUSES) {
      expect(nextStatuses(status, 'manager')).toEqual(STATUS_FLOW[status].map((m) => m.to));
      expect(nextStatuses(status, 'viewer')).toEqual([]);
    }
  });

  it('never offers a move that would leave committed work without an owner', () => {
    expect(movesFor({ status: 'open', ownerId: null }, 'manager')).toEqual(['dropped']);
    expect(movesFor({ status: 'open', ownerId: 3 }, 'manager')).toEqual(['planned', 'dropped']);
    expect(WORK_STATUSES.filter(needsOwner)).toEqual(['planned', 'in_progress', 'done']);
  });

  it('knows who is acting', () => {
    expect(actorFor({ id: 1, role: 'manager' }, { ownerId: 2 })).toBe('manager');
    expect(actorFor({ id: 2, role: 'member' }, { ownerId: 2 })).toBe('owner');
    expect(actorFor({ id: 3, role: 'member' }, { ownerId: 2 })).toBe('viewer');
  });
});
