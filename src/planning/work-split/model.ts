// The work split as a MIP in LP text for HiGHS, and the plan read back out of the solver's values.
import { BALANCE_WEIGHT, budgetOf, buddyShare, chunk, growth, learningArea, mayOwn, ownerValue, pairKey, prepare, roomOf, sum, type Context } from './rules.ts';
import type { Plan, PlanChoice, WorkSplitInput } from './types.ts';

export interface ModelColumn {
  name: string;
  itemId: number;
  memberId: number;
}

export interface WorkSplitModel {
  lp: string;
  /** x columns: the member owns the item. */
  owners: ModelColumn[];
  /** b columns: the member is the item's learning buddy. */
  buddies: ModelColumn[];
  rows: number;
  /** Every item with its best owner and buddy, ignoring capacity and balance: a bound to fall back on. */
  looseBound: number;
}

type Term = readonly [coefficient: number, column: string];

/**
 * Columns exist only for eligible pairs, which keeps a 40 × 150 model small:
 *   x[i,m] ∈ {0,1}  m meets every minimum of i, is not excluded and has room for its effort;
 *                   a kept pin leaves the single column x[i,pin], fixed to 1
 *   b[i,m] ∈ {0,1}  buddies on, m may learn on i (see learningArea) and has room for the share.
 *                   Such m is below a minimum of i, so has no x[i,m]: owner ≠ buddy by construction.
 *   u[m] ∈ [0, room]  points planned for m;  avg, d[m] ≥ 0  the balance term
 * maximise   Σ value·x + Σ growth·b − λ Σ d
 * subject to own[i]:  Σₘ x[i,m] ≤ 1  (= 1 when pinned)
 *            bud[i]:  Σₘ b[i,m] − Σₘ x[i,m] ≤ 0          at most one buddy, and only with an owner
 *            use[m]:  u[m] − Σᵢ effort·x[i,m] − Σᵢ share·b[i,m] = 0
 *            mean:    n·avg − Σₘ u[m]/Bₘ = Σₘ cₘ/Bₘ         avg = f̄ over members with budget B > 0
 *            dev[m]:  Bₘ·d[m] − u[m] + Bₘ·avg ≥ cₘ          d[m] ≥ fₘ − f̄  (c = committed)
 */
export function buildWorkSplitModel(input: WorkSplitInput): WorkSplitModel {
  return modelFor(prepare(input));
}

export function modelFor(ctx: Context): WorkSplitModel {
  const members = ctx.input.members;
  const owners: ModelColumn[] = [];
  const buddies: ModelColumn[] = [];
  const objective: Term[] = [];
  const rows: string[] = [];
  const usage = members.map((): Term[] => []);
  let looseBound = 0;

  ctx.input.items.forEach((item, i) => {
    if (ctx.blocked.has(item.id)) return;
    const pin = ctx.pinned.get(item.id);
    // Each item's x and b columns with their objective coefficients.
    const own: Term[] = [];
    members.forEach((member, m) => {
      const eligible = pin === undefined ? mayOwn(ctx, item, member) : pin === member.id;
      if (!eligible || item.effort > roomOf(member, 0)) return;
      const name = `x${i}_${m}`;
      owners.push({ name, itemId: item.id, memberId: member.id });
      own.push([ownerValue(item, member), name]);
      usage[m].push([item.effort, name]);
    });
    if (own.length === 0) return;
    objective.push(...own);
    rows.push(constraint(`own${i}`, own.map(([, name]): Term => [1, name]), pin === undefined ? '<=' : '=', 1));
    looseBound += Math.max(...own.map(([value]) => value));
    if (!ctx.input.buddies) return;
    const learn: Term[] = [];
    members.forEach((member, m) => {
      const area = learningArea(ctx, item, member);
      if (!area || buddyShare(item) > roomOf(member, 0)) return;
      const name = `b${i}_${m}`;
      buddies.push({ name, itemId: item.id, memberId: member.id });
      learn.push([growth(area), name]);
      usage[m].push([buddyShare(item), name]);
    });
    if (learn.length === 0) return;
    objective.push(...learn);
    rows.push(constraint(`bud${i}`, [...learn.map(([, name]): Term => [1, name]), ...own.map(([, name]): Term => [-1, name])], '<=', 0));
    looseBound += Math.max(...learn.map(([value]) => value));
  });

  const bounds: string[] = [];
  members.forEach((member, m) => {
    rows.push(constraint(`use${m}`, [[1, `u${m}`], ...usage[m].map(([c, name]): Term => [-c, name])], '=', 0));
    bounds.push(` u${m} <= ${roomOf(member, 0)}`);
  });
  const balanced = members.map((member, m) => ({ member, m })).filter(({ member }) => budgetOf(member) > 0);
  if (balanced.length > 0) {
    const meanTerms = balanced.map(({ member, m }): Term => [-1 / budgetOf(member), `u${m}`]);
    const meanRhs = sum(balanced.map(({ member }) => (member.committed ?? 0) / budgetOf(member)));
    rows.push(constraint('mean', [[balanced.length, 'avg'], ...meanTerms], '=', meanRhs));
    for (const { member, m } of balanced) {
      const budget = budgetOf(member);
      rows.push(constraint(`dev${m}`, [[budget, `d${m}`], [-1, `u${m}`], [budget, 'avg']], '>=', member.committed ?? 0));
      objective.push([-BALANCE_WEIGHT, `d${m}`]);
    }
  }

  const binaries = [...owners, ...buddies].map((c) => c.name);
  const lp = [
    'Maximize',
    ` obj: ${linear(objective)}`,
    'Subject To',
    ...rows,
    'Bounds',
    ...bounds,
    ...(binaries.length > 0 ? ['Binaries', ...chunk(binaries, 12).map((names) => ` ${names.join(' ')}`)] : []),
    'End',
    '',
  ].join('\n');
  return { lp, owners, buddies, rows: rows.length, looseBound };
}

function constraint(name: string, terms: readonly Term[], sense: '<=' | '=' | '>=', rhs: number): string {
  return ` ${name}: ${linear(terms)} ${sense} ${rhs}`;
}

/** Terms as LP text, a few per line: HiGHS reads expressions across lines. */
function linear(terms: readonly Term[]): string {
  const text = terms.map(([c, name], k) => `${c < 0 ? '- ' : k > 0 ? '+ ' : ''}${Math.abs(c)} ${name}`);
  return chunk(text, 8)
    .map((line) => line.join(' '))
    .join('\n   ');
}

/** Reads the owner and buddy choices out of solver column values. */
export function parseSolution(model: WorkSplitModel, values: ReadonlyMap<string, number>): Plan {
  const chosen = (column: ModelColumn) => (values.get(column.name) ?? 0) > 0.5;
  const assignments = model.owners.filter(chosen).map((c): PlanChoice => ({ itemId: c.itemId, ownerId: c.memberId, buddyId: null }));
  const byItem = new Map(assignments.map((a) => [a.itemId, a]));
  for (const column of model.buddies.filter(chosen)) {
    const choice = byItem.get(column.itemId);
    if (choice) choice.buddyId = column.memberId;
  }
  return { assignments };
}

export function startValues(model: WorkSplitModel, plan: Plan): Map<string, number> {
  const owner = new Set(plan.assignments.map((a) => pairKey(a.itemId, a.ownerId)));
  const buddy = new Set(plan.assignments.filter((a) => a.buddyId !== null).map((a) => pairKey(a.itemId, a.buddyId!)));
  const start = new Map<string, number>();
  for (const c of model.owners) start.set(c.name, owner.has(pairKey(c.itemId, c.memberId)) ? 1 : 0);
  for (const c of model.buddies) start.set(c.name, buddy.has(pairKey(c.itemId, c.memberId)) ? 1 : 0);
  return start;
}

