// Presenters and reviewers for placed papers: an exact MIP solved by HiGHS (src/planning/highs.ts).
import { solveLp } from '../highs.ts';
import { fillValue, presenterFit, reviewerFit } from './weights.ts';
import type { HeldSessions, SchedulePaper, ScheduleParticipant } from './types.ts';

export interface PeopleProblem {
  days: string[];
  paperAt: Array<SchedulePaper | null>;
  participants: ScheduleParticipant[];
  /** Locked presenter per session index (already checked: a participant, not away that day). */
  lockedPresenter: Map<number, number>;
  held?: HeldSessions;
  /** Off only on the retry after locks made fairness impossible. */
  fair: boolean;
}

export interface PeopleSolution {
  presenter: Array<number | null>;
  reviewer: Array<number | null>;
  value: number;
  status: 'optimal' | 'timeLimit' | 'infeasible';
}

type Term = readonly [number, string];
const linear = (terms: readonly Term[]) => terms.map(([c, n], k) => `${c < 0 ? '- ' : k > 0 ? '+ ' : ''}${Math.abs(c)} ${n}`).join(' ');

/** Who presents fairly: not opted out and free on at least one date that has a paper. */
export function availablePresenters(p: Pick<PeopleProblem, 'days' | 'paperAt' | 'participants'>): ScheduleParticipant[] {
  return p.participants.filter((person) => !person.noPresenting && p.days.some((day, s) => p.paperAt[s] !== null && !person.away.includes(day)));
}

/** The spread of presentations the fairness rule allows: 1, or more when held sessions already left more. */
export function fairSpread(available: ScheduleParticipant[], held: HeldSessions | undefined): number {
  const counts = available.map((q) => held?.presented[q.id] ?? 0);
  return counts.length === 0 ? 1 : Math.max(1, Math.max(...counts) - Math.min(...counts));
}

/**
 * Columns: x_s_p (p presents session s) for sessions with a paper and people not away (and not opted out,
 * unless locked there); r_s_p likewise for reviewing. A locked presenter fixes x to 1.
 *   one[s]: Σ x_s_p ≤ 1     rev[s]: Σ r_s_p ≤ 1     both[s,p]: x_s_p + r_s_p ≤ 1
 *   row[s,p]: r_s_p + r_(s+1)_p ≤ 1 (and the last held session's reviewer has no r at the first session)
 *   fairness over the available presenters A with held counts h and allowed spread D (fairSpread):
 *     when every h is equal and the sessions are no more than |A|: Σ_s x_s_p ≤ 1 (the rule, exactly);
 *     otherwise min[k] ≤ h_q + Σ_{j≤k} x_j_q and h_p + Σ_{j≤k} x_j_p − min[k] ≤ D for every k, p, q in A.
 */
export async function assignPeople(p: PeopleProblem, timeLimitSec: number): Promise<PeopleSolution> {
  const S = p.days.length;
  const fill = fillValue(S);
  const objective: Term[] = [];
  const rows: string[] = [];
  const bounds: string[] = [];
  const binaries: string[] = [];
  const x = new Map<string, { s: number; person: number }>();
  const r = new Map<string, { s: number; person: number }>();
  const xAt = p.paperAt.map((): Array<[number, string]> => []);
  const rAt = p.paperAt.map((): Array<[number, string]> => []);

  p.paperAt.forEach((paper, s) => {
    if (!paper) return;
    const day = p.days[s];
    const locked = p.lockedPresenter.get(s);
    p.participants.forEach((person, i) => {
      if (person.away.includes(day)) return;
      if (locked === undefined ? !person.noPresenting : locked === person.id) {
        const name = `x${s}_${i}`;
        x.set(name, { s, person: person.id });
        xAt[s].push([i, name]);
        objective.push([fill + presenterFit(person, paper).score, name]);
        if (locked === person.id) bounds.push(` ${name} = 1`);
      }
      if (s === 0 && p.held?.lastReviewerId === person.id) return;
      const name = `r${s}_${i}`;
      r.set(name, { s, person: person.id });
      rAt[s].push([i, name]);
      objective.push([fill + reviewerFit(person, paper).score, name]);
    });
    if (xAt[s].length > 0) rows.push(` one${s}: ${linear(xAt[s].map(([, n]) => [1, n]))} <= 1`);
    if (rAt[s].length > 0) rows.push(` rev${s}: ${linear(rAt[s].map(([, n]) => [1, n]))} <= 1`);
    for (const [i, name] of rAt[s]) {
      if (x.has(`x${s}_${i}`)) rows.push(` both${s}_${i}: ${name} + x${s}_${i} <= 1`);
      if (r.has(`r${s - 1}_${i}`)) rows.push(` row${s}_${i}: r${s - 1}_${i} + ${name} <= 1`);
    }
  });
  if (p.fair) rows.push(...fairnessRows(p, xAt));
  binaries.push(...x.keys(), ...r.keys());
  if (binaries.length === 0) return { presenter: p.days.map(() => null), reviewer: p.days.map(() => null), value: 0, status: 'optimal' };

  const lp = ['Maximize', ` obj: ${linear(objective)}`, 'Subject To', ...(rows.length ? rows : [` none: ${binaries[0]} <= 1`]), 'Bounds', ...bounds, 'Binaries', ` ${binaries.join(' ')}`, 'End', ''].join('\n');
  const solution = await solveLp(lp, { timeLimitSec });
  if (solution.status === 'infeasible') return { presenter: [], reviewer: [], value: 0, status: 'infeasible' };
  if (solution.objective === null) throw new Error(`the schedule model has no solution (HiGHS status ${solution.status})`);
  const presenter: Array<number | null> = p.days.map(() => null);
  const reviewer: Array<number | null> = p.days.map(() => null);
  for (const [name, v] of solution.values) {
    if (v < 0.5) continue;
    const col = x.get(name) ?? r.get(name);
    if (col) (name.startsWith('x') ? presenter : reviewer)[col.s] = col.person;
  }
  return { presenter, reviewer, value: Math.round(solution.objective), status: solution.status === 'optimal' ? 'optimal' : 'timeLimit' };
}

function fairnessRows(p: PeopleProblem, xAt: Array<Array<[number, string]>>): string[] {
  const available = new Set(availablePresenters(p).map((q) => q.id));
  const members = p.participants.map((q, i) => ({ q, i })).filter(({ q }) => available.has(q.id));
  const held = (id: number) => p.held?.presented[id] ?? 0;
  const D = fairSpread(members.map(({ q }) => q), p.held);
  const sessions = p.paperAt.filter((paper) => paper !== null).length;
  const column = (s: number, i: number) => xAt[s].find(([k]) => k === i)?.[1];
  const rows: string[] = [];
  if (new Set(members.map(({ q }) => held(q.id))).size <= 1 && sessions <= members.length) {
    for (const { i } of members) {
      const mine = p.paperAt.map((_, s) => column(s, i)).filter((n) => n !== undefined);
      if (mine.length > 1) rows.push(` cap${i}: ${linear(mine.map((n) => [1, n]))} <= 1`);
    }
    return rows;
  }
  const upTo = members.map((): string[] => []);
  p.paperAt.forEach((paper, s) => {
    if (!paper) return;
    members.forEach(({ i }, k) => {
      const n = column(s, i);
      if (n) upTo[k].push(n);
    });
    members.forEach(({ q }, k) => {
      // min[s] ≤ h_q + Σ_{j≤s} x_j_q   and   h_q + Σ_{j≤s} x_j_q − min[s] ≤ D
      rows.push(` lo${s}_${k}: ${linear([[1, `m${s}`], ...upTo[k].map((n): Term => [-1, n])])} <= ${held(q.id)}`);
      rows.push(` hi${s}_${k}: ${linear([...upTo[k].map((n): Term => [1, n]), [-1, `m${s}`]])} <= ${D - held(q.id)}`);
    });
  });
  return rows;
}
