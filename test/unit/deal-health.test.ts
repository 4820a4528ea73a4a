import { describe, expect, it } from 'vitest';
import { DEAL_STATUSES } from '../../src/domain.ts';
import {
  canTransition,
  daysBetween,
  dealHealth,
  flowAllows,
  ledger,
  moveProblem,
  nextStatuses,
  partnerLedger,
  quarterOf,
  relationshipBalance,
  TRANSITIONS,
  type DealHealthInput,
  type MemberLoad,
} from '../../src/planning/deal-health.ts';
import { describeReason } from '../../views/deals/health.ts';
import { translator } from '../../views/i18n/index.ts';

const t = translator('en');
const TODAY = '2026-11-02';

function deal(over: Partial<DealHealthInput> = {}): DealHealthInput {
  return {
    status: 'agreed',
    neededBy: null,
    committedDate: null,
    ourGiveValue: null,
    ourGetValue: null,
    partnerGiveValue: null,
    partnerGetValue: null,
    items: [
      { side: 'give', description: 'classifier', dueDate: '2027-01-31', done: false, effort: 4, members: [{ id: 1 }] },
      { side: 'get', description: 'transcripts', dueDate: '2027-01-15', done: false, effort: 0, members: [] },
    ],
    ...over,
  };
}

describe('status flow', () => {
  it('allows exactly the arrows of the flow, and dropped from every non-final state', () => {
    const arrows = new Set(TRANSITIONS.map((r) => `${r.from}>${r.to}`));
    expect([...arrows].sort()).toEqual(
      [
        'proposed>negotiating',
        'negotiating>agreed',
        'agreed>in_delivery',
        'in_delivery>delivered',
        'delivered>closed',
        'proposed>dropped',
        'negotiating>dropped',
        'agreed>dropped',
        'in_delivery>dropped',
        'delivered>dropped',
      ].sort(),
    );
    for (const final of ['closed', 'dropped'] as const) for (const to of DEAL_STATUSES) expect(flowAllows(final, to)).toBe(false);
    expect(flowAllows('proposed', 'agreed')).toBe(false);
    expect(flowAllows('agreed', 'closed')).toBe(false);
    expect(flowAllows('negotiating', 'proposed')).toBe(false);
  });

  it('keeps agreeing and dropping for managers; members move the rest; partners move nothing', () => {
    expect(canTransition('negotiating', 'agreed', 'manager')).toBe(true);
    expect(canTransition('negotiating', 'agreed', 'member')).toBe(false);
    expect(canTransition('agreed', 'dropped', 'member')).toBe(false);
    expect(canTransition('delivered', 'closed', 'member')).toBe(false);
    expect(canTransition('proposed', 'negotiating', 'member')).toBe(true);
    expect(canTransition('in_delivery', 'delivered', 'member')).toBe(true);
    for (const r of TRANSITIONS) expect(canTransition(r.from, r.to, 'partner')).toBe(false);
    expect(nextStatuses('negotiating', 'member')).toEqual([]);
    expect(nextStatuses('negotiating', 'manager')).toEqual(['agreed', 'dropped']);
    expect(nextStatuses('closed', 'manager')).toEqual([]);
  });

  it('names why a move is refused', () => {
    const items = deal().items;
    expect(moveProblem({ status: 'proposed', items }, 'agreed', 'manager')).toBe('jump');
    expect(moveProblem({ status: 'negotiating', items }, 'agreed', 'member')).toBe('role');
    expect(moveProblem({ status: 'negotiating', items: items.filter((i) => i.side === 'give') }, 'agreed', 'manager')).toBe('emptyItems');
    expect(moveProblem({ status: 'negotiating', items: [] }, 'agreed', 'manager')).toBe('emptyItems');
    expect(moveProblem({ status: 'in_delivery', items }, 'delivered', 'member')).toBe('openItems');
    expect(moveProblem({ status: 'in_delivery', items: items.map((i) => ({ ...i, done: true })) }, 'delivered', 'member')).toBeNull();
    expect(moveProblem({ status: 'negotiating', items }, 'agreed', 'manager')).toBeNull();
  });
});

describe('deal health', () => {
  it('is on track with far dates, no load and balanced values', () => {
    const h = dealHealth(deal({ ourGiveValue: 3, ourGetValue: 4 }), TODAY);
    expect(h).toEqual({ flags: [], reasons: [], onTrack: true });
  });

  it('is late when a due date passed with the item open, and says which and by how much', () => {
    const d = deal();
    d.items[0].dueDate = '2026-10-28';
    const h = dealHealth(d, TODAY);
    expect(h.flags).toEqual(['late']);
    expect(describeReason(h.reasons[0], t)).toBe('The give “classifier” was due 2026-10-28 and is 5 days late.');
    d.items[0].done = true;
    expect(dealHealth(d, TODAY).onTrack).toBe(true);
  });

  it('is at risk within 14 days (inclusive) of a due date with work open, not at 15', () => {
    const d = deal();
    d.items[1].dueDate = '2026-11-16';
    expect(dealHealth(d, TODAY).flags).toEqual(['at_risk']);
    d.items[1].dueDate = '2026-11-17';
    expect(dealHealth(d, TODAY).flags).toEqual([]);
    d.items[1].dueDate = TODAY;
    expect(dealHealth(d, TODAY).flags).toEqual(['at_risk']);
  });

  it('counts the deal-level committed and needed-by dates while any item is open', () => {
    const h = dealHealth(deal({ committedDate: '2026-11-01', neededBy: '2026-11-10' }), TODAY);
    expect(h.flags).toEqual(['late', 'at_risk']);
    expect(h.reasons.map((r) => describeReason(r, t))).toEqual([
      'The committed date 2026-11-01 passed 1 day ago with 2 items open.',
      'The partner needs this by 2026-11-10 (in 8 days); 2 items are still open.',
    ]);
    const done = deal({ committedDate: '2026-11-01', items: deal().items.map((i) => ({ ...i, done: true })) });
    expect(dealHealth(done, TODAY).onTrack).toBe(true);
  });

  it('flags committing to a date after the partner needs it', () => {
    const h = dealHealth(deal({ committedDate: '2027-03-01', neededBy: '2027-02-01' }), TODAY);
    expect(h.reasons).toEqual([{ flag: 'at_risk', kind: 'committedAfterNeeded', committed: '2027-03-01', needed: '2027-02-01' }]);
  });

  it('is at risk when a committed member is over capacity; an unagreed deal adds its own effort', () => {
    const load: MemberLoad = new Map([[1, { name: 'Alice', capacity: 10, committed: 8 }]]);
    expect(dealHealth(deal({ status: 'agreed' }), TODAY, load).onTrack).toBe(true); // already counted in the 8
    const proposed = dealHealth(deal({ status: 'proposed' }), TODAY, load);
    expect(proposed.flags).toEqual(['at_risk']);
    expect(describeReason(proposed.reasons[0], t)).toBe('Alice is committed to 12 points of deal work but has a capacity of 10.');
    const over: MemberLoad = new Map([[1, { name: 'Alice', capacity: 6, committed: 7 }]]);
    expect(dealHealth(deal({ status: 'in_delivery' }), TODAY, over).flags).toEqual(['at_risk']);
    // Without load (a partner's view) the capacity check is skipped.
    expect(dealHealth(deal({ status: 'in_delivery' }), TODAY).onTrack).toBe(true);
  });

  it('splits a shared give evenly between its members when checking capacity', () => {
    const d = deal({ status: 'negotiating' });
    d.items[0] = { ...d.items[0], effort: 6, members: [{ id: 1 }, { id: 2 }] };
    const load: MemberLoad = new Map([
      [1, { name: 'Alice', capacity: 10, committed: 7 }],
      [2, { name: 'Bob', capacity: 10, committed: 8 }],
    ]);
    const h = dealHealth(d, TODAY, load);
    expect(h.reasons).toEqual([{ flag: 'at_risk', kind: 'overCapacity', member: 'Bob', committed: 11, capacity: 10 }]);
  });

  it('is one-sided when either side’s ratings differ by 2 or more, with the direction in words', () => {
    expect(dealHealth(deal({ ourGiveValue: 5, ourGetValue: 4 }), TODAY).onTrack).toBe(true);
    const ours = dealHealth(deal({ ourGiveValue: 5, ourGetValue: 3 }), TODAY);
    expect(ours.flags).toEqual(['one_sided']);
    expect(describeReason(ours.reasons[0], t)).toBe('Our rating: what we give is worth 5/5, what we get only 3/5.');
    const theirs = dealHealth(deal({ ourGiveValue: 3, ourGetValue: 3, partnerGiveValue: 1, partnerGetValue: 4 }), TODAY);
    expect(theirs.reasons).toEqual([{ flag: 'one_sided', kind: 'theirs', give: 1, get: 4 }]);
    expect(describeReason(theirs.reasons[0], t)).toBe('The partner’s rating: they give 4/5 but get only 1/5 from us.');
    // One side rated only half: no verdict from it.
    expect(dealHealth(deal({ ourGiveValue: 5, ourGetValue: null }), TODAY).onTrack).toBe(true);
  });

  it('lets several flags apply at once', () => {
    const d = deal({ ourGiveValue: 1, ourGetValue: 5 });
    d.items[0].dueDate = '2026-10-01';
    d.items[1].dueDate = '2026-11-05';
    expect(dealHealth(d, TODAY).flags).toEqual(['late', 'at_risk', 'one_sided']);
  });

  it('ignores dates once a deal is delivered, closed or dropped', () => {
    const d = deal({ committedDate: '2026-01-01' });
    for (const status of ['delivered', 'closed', 'dropped'] as const) expect(dealHealth({ ...d, status }, TODAY).flags).toEqual([]);
    expect(dealHealth(deal({ status: 'dropped', ourGiveValue: 5, ourGetValue: 1 }), TODAY).flags).toEqual([]);
  });

  it('formats dates in reasons with the given formatter', () => {
    const d = deal({ committedDate: '2026-10-30' });
    expect(describeReason(dealHealth(d, TODAY).reasons[0], t, (x) => `<${x}>`)).toContain('<2026-10-30>');
  });
});

describe('ledger and balance', () => {
  it('counts items, done and effort by quarter of the due date (or the fallback date)', () => {
    const { rows, total } = ledger([
      { side: 'give', dueDate: '2026-02-10', done: true, effort: 5, fallbackDate: '2026-01-01' },
      { side: 'give', dueDate: '2026-11-30', done: false, effort: 3, fallbackDate: '2026-01-01' },
      { side: 'get', dueDate: null, done: true, effort: 0, fallbackDate: '2026-03-31' },
      { side: 'get', dueDate: '2026-12-01', done: false, effort: 0, fallbackDate: '2026-01-01' },
    ]);
    expect(rows.map((r) => r.period)).toEqual(['2026 Q1', '2026 Q4']);
    expect(rows[0]).toEqual({ period: '2026 Q1', give: { items: 1, done: 1, effort: 5, effortDone: 5 }, get: { items: 1, done: 1, effort: 0, effortDone: 0 } });
    expect(total.give).toEqual({ items: 2, done: 1, effort: 8, effortDone: 5 });
    expect(total.get).toEqual({ items: 2, done: 1, effort: 0, effortDone: 0 });
  });

  it('calls a relationship one-sided when the average ratings differ by 2 or more', () => {
    const rated = (g: number, r: number, pg: number | null = null, pr: number | null = null) => ({ ourGiveValue: g, ourGetValue: r, partnerGiveValue: pg, partnerGetValue: pr });
    expect(relationshipBalance([]).verdict).toBe('unrated');
    expect(relationshipBalance([rated(4, 4), rated(3, 4)]).verdict).toBe('balanced');
    expect(relationshipBalance([rated(5, 2), rated(5, 3)])).toEqual({ ours: { give: 5, get: 2.5 }, theirs: null, verdict: 'weGiveMore' });
    expect(relationshipBalance([rated(3, 3, 1, 4)]).verdict).toBe('weGetMore');
  });

  it('a partner ledger counts deals from agreement on and judges the newest closed deal on its own', () => {
    const base = { title: 'd', createdAt: Date.parse('2026-03-01'), updatedAt: 0, closedAt: null, ourGiveValue: null, ourGetValue: null, partnerGiveValue: null, partnerGetValue: null };
    const item = { side: 'give' as const, dueDate: '2026-04-01', done: false, effort: 2 };
    const statuses = ['proposed', 'negotiating', 'agreed', 'in_delivery', 'delivered', 'closed', 'dropped'] as const;
    const counted = partnerLedger(statuses.map((status, id) => ({ ...base, id, status, items: [item] })));
    expect(counted.ledger.total.give.items).toBe(4);
    const deals = [
      { ...base, id: 1, status: 'closed' as const, title: 'old, one-sided', closedAt: 100, updatedAt: 900, ourGiveValue: 5, ourGetValue: 1, items: [] },
      { ...base, id: 2, status: 'closed' as const, title: 'newest, even', closedAt: 200, updatedAt: 200, ourGiveValue: 3, ourGetValue: 3, items: [] },
      { ...base, id: 3, status: 'in_delivery' as const, title: 'live', updatedAt: 999, ourGiveValue: 3, ourGetValue: 3, items: [] },
    ];
    const { balance } = partnerLedger(deals);
    expect(balance).toMatchObject({ verdict: 'balanced', rated: 3, latest: { id: 2, verdict: 'balanced' } });
    // Closing time decides "newest", not a later comment on an older deal; without a closing event the last change does.
    expect(partnerLedger([deals[0], { ...deals[1], closedAt: null, updatedAt: 50 }]).balance.latest).toMatchObject({ id: 1, verdict: 'weGiveMore' });
  });

  it('knows quarters and day counts', () => {
    expect(quarterOf('2026-01-01')).toBe('2026 Q1');
    expect(quarterOf('2026-12-31')).toBe('2026 Q4');
    expect(quarterOf('2026-07-01')).toBe('2026 Q3');
    expect(daysBetween('2026-11-02', '2026-11-16')).toBe(14);
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
  });
});
