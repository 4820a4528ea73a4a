// Which papers go into which sessions: locked papers on their dates, then the heaviest papers, heaviest first.
import { paperWeight } from './weights.ts';
import type { ScheduleArea, ScheduleInput, SchedulePaper } from './types.ts';
import type { Unmet } from '../../domain.ts';

export interface PaperPlacement {
  /** Paper per planned day (index as input.days), null when there are fewer papers than sessions. */
  paperAt: Array<SchedulePaper | null>;
  lockedAt: boolean[];
  weights: Map<number, number>;
  /** Σ weight · (S + 1 − s), the first part of the objective (weights.ts). */
  value: number;
  unmet: Unmet[];
}

const heavierFirst = (weights: Map<number, number>) => (a: SchedulePaper, b: SchedulePaper) =>
  weights.get(b.id)! - weights.get(a.id)! || b.votes - a.votes || a.id - b.id;

/**
 * Optimal for the paper part of the objective: with the locked sessions fixed, the value is a sum of
 * weight × (a position factor falling over time), so the best choice is the heaviest papers (those whose
 * presenter is locked included first), placed heaviest first into the free sessions (rearrangement inequality).
 */
export function placePapers(input: ScheduleInput): PaperPlacement {
  const areas = new Map<number, ScheduleArea>(input.areas.map((a) => [a.id, a]));
  const byId = new Map(input.papers.map((p) => [p.id, p]));
  const weights = new Map(input.papers.map((p) => [p.id, paperWeight(p, areas)]));
  const S = input.days.length;
  const paperAt: Array<SchedulePaper | null> = input.days.map(() => null);
  const lockedAt = input.days.map(() => false);
  const unmet: Unmet[] = [];
  const placed = new Set<number>();

  for (const lock of input.locks.paperOnDay) {
    const paper = byId.get(lock.paperId);
    const at = input.days.indexOf(lock.day);
    if (!paper) unmet.push({ code: 'lockedPaperGone', paperId: lock.paperId, day: lock.day });
    else if (at < 0) unmet.push({ code: 'lockedDayGone', paperId: lock.paperId, day: lock.day });
    else if (paperAt[at] === null && !placed.has(paper.id)) {
      paperAt[at] = paper;
      lockedAt[at] = true;
      placed.add(paper.id);
    }
  }
  const forced = new Set(input.locks.presenterOfPaper.map((l) => l.paperId).filter((id) => byId.has(id)));
  const order = heavierFirst(weights);
  const rest = input.papers.filter((p) => !placed.has(p.id));
  const candidates = [...rest.filter((p) => forced.has(p.id)).sort(order), ...rest.filter((p) => !forced.has(p.id)).sort(order)];
  const free = paperAt.flatMap((p, i) => (p === null ? [i] : []));
  const chosen = candidates.slice(0, free.length).sort(order);
  chosen.forEach((paper, k) => (paperAt[free[k]] = paper));

  const left = candidates.slice(free.length);
  if (left.length > 0) unmet.push({ code: 'morePapersThanSessions', paperIds: left.map((p) => p.id) });
  const empty = input.days.filter((_, i) => paperAt[i] === null);
  if (empty.length > 0) unmet.push({ code: 'moreSessionsThanPapers', days: empty });
  const value = paperAt.reduce((sum, p, i) => sum + (p ? weights.get(p.id)! * (S - i) : 0), 0);
  return { paperAt, lockedAt, weights, value, unmet };
}
