// The pairing proposal: locks kept, forbids respected, everyone placed, the total score maximal.
/*
 * How Pairwise scores and pairs people (the lead copies this into the README)
 * ---------------------------------------------------------------------------
 * Pair score. For two people p, q and the round's focus areas, with goal weights wM, wR, wC ≥ 0:
 *   mentoring  M = interest_l(a)/3 × min(level_m(a) − level_l(a), 4)/4 for the best area a and direction
 *                  (mentor m, learner l), where level_m(a) ≥ 4 (expert) and level_l(a) < level_m(a); 0 if none.
 *   coverage   C = in that same area: 1 if its bus factor is 0 or 1, ½ if it is otherwise below the area's
 *                  minimum experts (thin), else 0.
 *   rotation   R = 1 if never paired, else min(whole days since they last paired / 180, 1).
 *   s(p,q) = wM·M + wR·R + wC·C, the area and direction being the ones that maximise wM·M + wC·C.
 * Each component is in [0, 1], so s ≤ wM + wR + wC. Peers (no mentoring possible) score rotation only; an
 * area both want to grow in (interest ≥ 2) is shown as their shared interest but not scored. The optimiser
 * compares integer milli-points round(1000·s), so the proposal and any brute force agree exactly.
 *
 * Proposal. Locked pairs are kept, forbidden pairs never share a group, everyone present is placed, and the
 * total score is the maximum possible under these rules:
 *   - even head-count: pairs only — a maximum-weight perfect matching (Edmonds' blossom);
 *   - odd, 'solo': one unlocked person sits out with score 0 — a perfect matching plus a dummy vertex d
 *     joined to every unlocked person with weight 0;
 *   - odd, 'trio' (default): exactly one trio, worth its two strongest pairs (its centre works with both
 *     others, the weakest link is not counted):  v({a,b,c}) = s_ab + s_ac + s_bc − min(s_ab, s_ac, s_bc).
 *     All three pairs of a trio must be allowed. A trio may be a locked pair plus one person.
 * Why the trio is exact with a single matching: a trio is a pair {a,b} plus a joiner x linked to one of
 * them, its hub. For a fixed joiner x, the rest must form a perfect matching, and that matching places every
 * possible hub anyway, so the best value is PM(P∖x) + β(x) with β(x) = max over allowed hubs a of s(x,a).
 * Hence optimum = max_x [PM(P∖x) + β(x)]: one perfect matching on P + d with edge x–d of weight β(x).
 * Maximising over joiners and hubs yields exactly v (pick the weakest link's outside person as the joiner).
 * Joining a locked pair {a,b} is a hub too, with β = v({a,b,x}) − s_ab. Forbids: if x's best hub a ends up
 * paired with someone x is forbidden with, branch best-first — "x joins a" (one matching in which a may only
 * pair with people x is allowed with) versus "x may not use hub a" (re-solve) — until the best open node is
 * valid. Without such a conflict an odd round costs one matching, like an even one. A contrived pattern of
 * forbids (one person allowed only with people who each prefer someone else) costs a matching per conflict, so
 * the search starts no matching that would end past PROPOSE_TIME_LIMIT_MS and returns the best valid
 * arrangement found (each conflict is also repaired without a matching) with the proven bound.
 */
import { makeScoreContext, scoreGroup } from './score.ts';
import { allowedUnits, makeRound, perfectMatching, unplaceable, type Arrangement, type Outcome, type Round, type SearchLimit } from './round.ts';
import { solveTrio } from './trio.ts';
import { UNITS_PER_POINT, type Proposal, type ProposeInput, type ProposeResult, type ScoreContext } from './types.ts';
import { validateInput } from './validate.ts';

/**
 * How long the trio search may look for a better arrangement than the best valid one it has. Normal rounds
 * never get near it (one matching); past it the proposal is the best found, with its bound.
 */
export const PROPOSE_TIME_LIMIT_MS = 700;

/**
 * The best proposal for the round: locks kept, forbids respected, everyone present placed, total score
 * maximal under the rules in the header. Invalid input and impossible rounds come back as errors.
 */
export function proposePairs(input: ProposeInput, options: Partial<Pick<SearchLimit, 'timeLimitMs' | 'clock'>> = {}): ProposeResult {
  const clock = options.clock ?? (() => performance.now());
  const limit = { timeLimitMs: options.timeLimitMs ?? PROPOSE_TIME_LIMIT_MS, clock, start: clock() };
  const invalid = validateInput(input);
  if (invalid !== null) return { ok: false, error: invalid };

  const ctx = makeScoreContext(input);
  const round = makeRound(input, ctx);
  const odd = round.free.length % 2 === 1;
  const stuck = unplaceable(round, odd ? input.odd : null);
  if (stuck.length > 0) return { ok: false, error: { code: 'cannot-place', personIds: stuck } };

  const outcome = !odd ? solveEven(round) : input.odd === 'solo' ? solveSolo(round) : solveTrio(round, limit);
  if (!outcome.ok) return { ok: false, error: { code: 'cannot-place', personIds: outcome.personIds } };
  return { ok: true, proposal: toProposal(outcome.arrangement, outcome.boundUnits, round, ctx) };
}

function solveEven(round: Round): Outcome {
  const m = perfectMatching(round.free, allowedUnits(round));
  return m.ok ? { ok: true, arrangement: { pairs: m.pairs, trio: null, solo: null }, boundUnits: null } : { ok: false, personIds: m.unmatched };
}

function solveSolo(round: Round): Outcome {
  const m = perfectMatching(round.free, allowedUnits(round), () => 0);
  if (!m.ok) return { ok: false, personIds: m.unmatched };
  return { ok: true, arrangement: { pairs: m.pairs, trio: null, solo: m.dummyMate }, boundUnits: null };
}

function toProposal(arrangement: Arrangement, boundUnits: number | null, round: Round, ctx: ScoreContext): Proposal {
  const trio = new Set(arrangement.trio ?? []);
  const lockedIds = new Set(round.locks.flatMap((l) => [l.a, l.b]));
  const memberSets: number[][] = [
    ...round.locks.filter((l) => !trio.has(l.a)).map((l) => [l.a, l.b]),
    ...arrangement.pairs,
    ...(arrangement.trio === null ? [] : [arrangement.trio]),
    ...(arrangement.solo === null ? [] : [[arrangement.solo]]),
  ];
  const groups = memberSets
    .map((ids) => ({ ...scoreGroup(ids, ctx), locked: ids.some((id) => lockedIds.has(id)) }))
    .sort((x, y) => y.units - x.units || Math.min(...x.memberIds) - Math.min(...y.memberIds));
  const totalUnits = groups.reduce((sum, g) => sum + g.units, 0);
  // A bound the arrangement reaches proves it optimal after all.
  return { groups, totalUnits, total: totalUnits / UNITS_PER_POINT, boundUnits: boundUnits !== null && boundUnits > totalUnits ? boundUnits : null };
}

