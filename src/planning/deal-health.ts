// Deal rules without I/O: the status flow and who may move it, computed health with reasons, and the partner ledger.
import { DAY_MS, HEALTH_FLAGS, isoDay, type DealHealth, type DealSide, type DealStatus, type DealValues, type HealthReason, type Role } from '../domain.ts';

/** A deal at risk when a due date with open work is this close (days). */
export const AT_RISK_DAYS = 14;
/** Value ratings (1–5) this far apart make a deal one-sided. */
export const ONE_SIDED_GAP = 2;

// --- status flow ---

const TEAM: Role[] = ['manager', 'member'];
const MANAGER: Role[] = ['manager'];

/**
 * Every allowed status move and who may make it. Agreeing and dropping are the manager's review.
 * Partners move nothing here: they accept or counter-propose (a counter sends the deal back to negotiating).
 */
export const TRANSITIONS: ReadonlyArray<{ from: DealStatus; to: DealStatus; roles: Role[] }> = [
  { from: 'proposed', to: 'negotiating', roles: TEAM },
  { from: 'negotiating', to: 'agreed', roles: MANAGER },
  { from: 'agreed', to: 'in_delivery', roles: TEAM },
  { from: 'in_delivery', to: 'delivered', roles: TEAM },
  { from: 'delivered', to: 'closed', roles: MANAGER },
  ...(['proposed', 'negotiating', 'agreed', 'in_delivery', 'delivered'] as const).map((from) => ({ from, to: 'dropped' as const, roles: MANAGER })),
];

export const FINAL_STATUSES: readonly DealStatus[] = ['closed', 'dropped'];
/** Team members edit items and dates in place only before agreement; later changes are counter-proposals. */
export const EDITABLE_STATUSES: readonly DealStatus[] = ['proposed', 'negotiating'];
/** A counter-proposal (changed items or dates) is possible until delivery; it returns the deal to negotiating. */
export const COUNTER_STATUSES: readonly DealStatus[] = ['proposed', 'negotiating', 'agreed', 'in_delivery'];
/** A partner can accept the deal as it stands while it is being negotiated or once agreed. */
export const ACCEPT_STATUSES: readonly DealStatus[] = ['proposed', 'negotiating', 'agreed'];
/** Items are ticked done while the deal is being delivered. */
export const DELIVERY_STATUSES: readonly DealStatus[] = ['agreed', 'in_delivery'];
/** Statuses whose open gives consume members' capacity. */
export const COMMITTED_STATUSES: readonly DealStatus[] = ['agreed', 'in_delivery'];

/** Whether the flow has this move at all (regardless of role). */
export const flowAllows = (from: DealStatus, to: DealStatus) => TRANSITIONS.some((r) => r.from === from && r.to === to);

export function canTransition(from: DealStatus, to: DealStatus, role: Role): boolean {
  return TRANSITIONS.some((r) => r.from === from && r.to === to && r.roles.includes(role));
}

export type MoveProblem = 'jump' | 'role' | 'emptyItems' | 'openItems';
type MovingDeal = { status: DealStatus; items: Array<{ side: DealSide; done: boolean; description: string }> };

/** What the deal still lacks for a move the flow and the role allow: the item lists left empty, or the items still open. */
export type MoveNeed = { code: 'emptyItems'; empty: DealSide[] } | { code: 'openItems'; open: string[] };

/** Agreeing needs something on both sides; delivering needs every item done. Null when nothing is missing. */
export function moveNeed(deal: MovingDeal, to: DealStatus): MoveNeed | null {
  if (to === 'agreed') {
    const empty = (['give', 'get'] as const).filter((side) => !deal.items.some((i) => i.side === side));
    if (empty.length) return { code: 'emptyItems', empty };
  }
  if (to === 'delivered') {
    const open = deal.items.filter((i) => !i.done).map((i) => i.description);
    if (open.length) return { code: 'openItems', open };
  }
  return null;
}

/**
 * Why a status move is refused, or null when it is fine: a jump the flow has no arrow for, a role
 * that may not make it (agreeing and dropping are the manager's), agreeing to a deal that gives or
 * gets nothing, or calling a deal delivered while items are still open.
 */
export function moveProblem(deal: MovingDeal, to: DealStatus, role: Role): MoveProblem | null {
  if (!flowAllows(deal.status, to)) return 'jump';
  if (!canTransition(deal.status, to, role)) return 'role';
  return moveNeed(deal, to)?.code ?? null;
}

/** The moves this role may make now, and those it could make once the deal has what is missing. */
export function movesFor(deal: MovingDeal, role: Role): { moves: DealStatus[]; blocked: Array<{ to: DealStatus; need: MoveNeed }> } {
  const moves: DealStatus[] = [];
  const blocked: Array<{ to: DealStatus; need: MoveNeed }> = [];
  for (const to of nextStatuses(deal.status, role)) {
    const need = moveNeed(deal, to);
    if (need) blocked.push({ to, need });
    else moves.push(to);
  }
  return { moves, blocked };
}

export type TickProblem = 'notYours' | 'notDelivering';

/**
 * Why this person may not tick an item done (or reopen it), or null when they may: a give is ticked
 * by its committed members, what we get by the deal's owner, either by a manager (never by a
 * partner), and only while the deal is being delivered.
 */
export function tickProblem(
  deal: { status: DealStatus; ownerId: number },
  item: { side: DealSide; members: Array<{ id: number }> },
  user: { id: number; role: Role },
): TickProblem | null {
  const own = item.side === 'give' ? item.members.some((m) => m.id === user.id) : deal.ownerId === user.id;
  if (user.role === 'partner' || (user.role !== 'manager' && !own)) return 'notYours';
  if (!DELIVERY_STATUSES.includes(deal.status)) return 'notDelivering';
  return null;
}

/** The statuses this role may move a deal to from `from`, in flow order. */
export const nextStatuses = (from: DealStatus, role: Role): DealStatus[] =>
  TRANSITIONS.filter((r) => r.from === from && r.roles.includes(role)).map((r) => r.to);

// --- health ---

export type DealHealthInput = DealValues & {
  status: DealStatus;
  /** 'YYYY-MM-DD' */
  neededBy: string | null;
  committedDate: string | null;
  items: Array<{ side: DealSide; description: string; dueDate: string | null; done: boolean; effort: number; members: Array<{ id: number }> }>;
};

/**
 * Committed members' load: points already committed in agreed / in-delivery deals (including this deal
 * when it is one of them) and their capacity. Leave empty to skip the capacity check (e.g. for partners).
 */
export type MemberLoad = Map<number, { name: string; capacity: number; committed: number }>;

/** Whole days from `from` to `to` (both 'YYYY-MM-DD'); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Where dates matter: a deal still to be agreed or delivered. Delivered, closed and dropped deals have no time risk. */
const TIMED_STATUSES: readonly DealStatus[] = ['proposed', 'negotiating', 'agreed', 'in_delivery'];

/**
 * Health is computed, never typed. Several flags can apply at once; each reason says why.
 * `today` is 'YYYY-MM-DD'.
 */
export function dealHealth(deal: DealHealthInput, today: string, load: MemberLoad = new Map()): DealHealth {
  const reasons: HealthReason[] = [];
  if (TIMED_STATUSES.includes(deal.status)) {
    const open = deal.items.filter((i) => !i.done);
    for (const item of open) {
      if (!item.dueDate) continue;
      const days = daysBetween(today, item.dueDate);
      const base = { kind: 'item' as const, side: item.side, description: item.description, due: item.dueDate };
      if (days < 0) reasons.push({ flag: 'late', ...base, days: -days });
      else if (days <= AT_RISK_DAYS) reasons.push({ flag: 'at_risk', ...base, days });
    }
    // A deal without items is open work too: nothing has been delivered yet.
    const openCount = deal.items.length === 0 ? 1 : open.length;
    for (const [kind, due] of [['committed', deal.committedDate], ['needed', deal.neededBy]] as const) {
      if (!due || openCount === 0) continue;
      const days = daysBetween(today, due);
      if (days < 0) reasons.push({ flag: 'late', kind, due, days: -days, open: open.length });
      else if (days <= AT_RISK_DAYS) reasons.push({ flag: 'at_risk', kind, due, days, open: open.length });
    }
    if (deal.committedDate && deal.neededBy && deal.committedDate > deal.neededBy) {
      reasons.push({ flag: 'at_risk', kind: 'committedAfterNeeded', committed: deal.committedDate, needed: deal.neededBy });
    }
    // A deal not yet agreed is not in the members' committed load; add its own effort to see if it would fit.
    const counted = COMMITTED_STATUSES.includes(deal.status);
    const own = new Map<number, number>();
    for (const item of open) {
      if (item.side !== 'give' || item.members.length === 0) continue;
      for (const { id } of item.members) own.set(id, (own.get(id) ?? 0) + item.effort / item.members.length);
    }
    for (const id of own.keys()) {
      const m = load.get(id);
      if (!m) continue;
      const committed = m.committed + (counted ? 0 : own.get(id)!);
      if (committed > m.capacity) reasons.push({ flag: 'at_risk', kind: 'overCapacity', member: m.name, committed: round1(committed), capacity: m.capacity });
    }
  }
  if (deal.status !== 'dropped') {
    for (const [kind, give, get] of [
      ['ours', deal.ourGiveValue, deal.ourGetValue],
      ['theirs', deal.partnerGiveValue, deal.partnerGetValue],
    ] as const) {
      if (give !== null && get !== null && Math.abs(give - get) >= ONE_SIDED_GAP) reasons.push({ flag: 'one_sided', kind, give, get });
    }
  }
  const flags = HEALTH_FLAGS.filter((f) => reasons.some((r) => r.flag === f));
  return { flags, reasons, onTrack: flags.length === 0 };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

// --- ledger ---

export type LedgerItem = { side: DealSide; dueDate: string | null; done: boolean; effort: number; fallbackDate: string };
export type LedgerSide = { items: number; done: number; effort: number; effortDone: number };
export type LedgerRow = { period: string; give: LedgerSide; get: LedgerSide };

const emptySide = (): LedgerSide => ({ items: 0, done: 0, effort: 0, effortDone: 0 });

/** Quarter of a 'YYYY-MM-DD' date, e.g. '2026 Q4'. */
export const quarterOf = (date: string) => `${date.slice(0, 4)} Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * What we gave and what we got, by quarter of the item's due date (the deal's creation date when
 * an item has none), oldest first, plus the totals.
 */
export function ledger(items: LedgerItem[]): { rows: LedgerRow[]; total: LedgerRow } {
  const byPeriod = new Map<string, LedgerRow>();
  const total: LedgerRow = { period: '', give: emptySide(), get: emptySide() };
  for (const item of items) {
    const period = quarterOf(item.dueDate ?? item.fallbackDate);
    let row = byPeriod.get(period);
    if (!row) byPeriod.set(period, (row = { period, give: emptySide(), get: emptySide() }));
    for (const side of [row[item.side], total[item.side]]) {
      side.items += 1;
      side.effort += item.effort;
      if (item.done) {
        side.done += 1;
        side.effortDone += item.effort;
      }
    }
  }
  return { rows: [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period)), total };
}

export type Balance = {
  /** Average value ratings over the rated deals (null when nobody rated). */
  ours: { give: number; get: number } | null;
  theirs: { give: number; get: number } | null;
  verdict: 'balanced' | 'weGiveMore' | 'weGetMore' | 'unrated';
};

/** Whether a relationship has become one-sided, from the deals' value ratings (both sides' views). */
export function relationshipBalance(deals: DealValues[]): Balance {
  const avg = (pick: (d: DealValues) => [number | null, number | null]) => {
    const rated = deals.map(pick).filter((p): p is [number, number] => p[0] !== null && p[1] !== null);
    if (rated.length === 0) return null;
    const sum = rated.reduce((s, [g, r]) => [s[0] + g, s[1] + r], [0, 0]);
    return { give: round1(sum[0] / rated.length), get: round1(sum[1] / rated.length) };
  };
  const ours = avg((d) => [d.ourGiveValue, d.ourGetValue]);
  const theirs = avg((d) => [d.partnerGiveValue, d.partnerGetValue]);
  const gaps = [ours, theirs].filter((x) => x !== null).map((x) => x!.give - x!.get);
  if (gaps.length === 0) return { ours, theirs, verdict: 'unrated' };
  const worst = gaps.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a));
  const verdict = Math.abs(worst) >= ONE_SIDED_GAP ? (worst > 0 ? 'weGiveMore' : 'weGetMore') : 'balanced';
  return { ours, theirs, verdict };
}

/** Only promises count in a partner's ledger: deals from their agreement on. Proposals and dropped deals do not. */
export const LEDGER_STATUSES: readonly DealStatus[] = ['agreed', 'in_delivery', 'delivered', 'closed'];

export type PartnerDeal = DealValues & {
  id: number;
  title: string;
  status: DealStatus;
  createdAt: number;
  updatedAt: number;
  /** When the deal was moved to closed (null when the timeline does not say). */
  closedAt: number | null;
  items: Array<{ side: DealSide; dueDate: string | null; done: boolean; effort: number }>;
};

export type PartnerBalance = Balance & {
  /** Counted deals with at least one side's complete rating: what the averages are over. */
  rated: number;
  /** The newest closed deal on its own, so a one-sided latest deal is not hidden by a balanced average. */
  latest: { id: number; title: string; verdict: Balance['verdict'] } | null;
};

/** A partner team's ledger and balance over the deals that count (LEDGER_STATUSES). */
export function partnerLedger(deals: PartnerDeal[]): { ledger: ReturnType<typeof ledger>; balance: PartnerBalance } {
  const counted = deals.filter((d) => LEDGER_STATUSES.includes(d.status));
  const items = counted.flatMap((d) => d.items.map((i) => ({ side: i.side, dueDate: i.dueDate, done: i.done, effort: i.effort, fallbackDate: isoDay(d.createdAt) })));
  const complete = (a: number | null, b: number | null) => a !== null && b !== null;
  const rated = counted.filter((d) => complete(d.ourGiveValue, d.ourGetValue) || complete(d.partnerGiveValue, d.partnerGetValue)).length;
  const closedAt = (d: PartnerDeal) => d.closedAt ?? d.updatedAt;
  const newest = counted.filter((d) => d.status === 'closed').sort((a, b) => closedAt(b) - closedAt(a) || b.id - a.id)[0];
  const latest = newest ? { id: newest.id, title: newest.title, verdict: relationshipBalance([newest]).verdict } : null;
  return { ledger: ledger(items), balance: { ...relationshipBalance(counted), rated, latest } };
}
