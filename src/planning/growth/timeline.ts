// The team over time: per area and month, the level counts summed from level changes, their figures, and when the bus-factor risk changed.
import { coverageFromCounts, levelTimeline, type Risk } from '../skills.ts';

/**
 * Months are numbered 1..N (the last one ends now); bucket 0 is everything before month 1 and N + 1
 * everything after (never counted). A member counts from the month they joined until the month they
 * were deactivated (not in that month's figure).
 */
export type LevelDelta = { areaId: number; bucket: number; from: number; to: number; n: number };
/** `n` team members joined in `bucket` (0: before the period) and left in `left` (null: still here or after the period). */
export type Joins = { bucket: number; left: number | null; n: number };

/** Members at each effective level (unrated at 0) at the end of each month, per area: `counts[areaId][month − 1]`. */
export function monthlyCounts(months: number, areaIds: number[], deltas: LevelDelta[], joins: Joins[]): Map<number, Array<Map<number, number>>> {
  // Per area and bucket, the net change of members at each level.
  const net = new Map<number, Array<Map<number, number>>>(areaIds.map((id) => [id, Array.from({ length: months + 1 }, () => new Map<number, number>())]));
  const add = (areaId: number, bucket: number, level: number, n: number) => {
    const at = net.get(areaId)?.[bucket];
    if (at) at.set(level, (at.get(level) ?? 0) + n);
  };
  for (const d of deltas) {
    add(d.areaId, d.bucket, d.from, -d.n);
    add(d.areaId, d.bucket, d.to, d.n);
  }
  for (const j of joins)
    for (const areaId of areaIds) {
      add(areaId, j.bucket, 0, j.n);
      if (j.left !== null) add(areaId, j.left, 0, -j.n);
    }
  return new Map(
    areaIds.map((areaId) => {
      const running = new Map<number, number>();
      const perMonth: Array<Map<number, number>> = [];
      net.get(areaId)!.forEach((change, bucket) => {
        for (const [level, n] of change) running.set(level, (running.get(level) ?? 0) + n);
        if (bucket > 0) perMonth.push(new Map([...running].filter(([, n]) => n > 0)));
      });
      return [areaId, perMonth];
    }),
  );
}

export type TimelineArea = { id: number; targetLevel: number; minExperts: number };
/** One month of one area: experts (level ≥ 4), median and best effective level, members at or above the target, the bus-factor risk. */
export type MonthFigures = { experts: number; median: number | null; best: number | null; atTarget: number; members: number; risk: Risk };

export function monthFigures(area: TimelineArea, atLevel: ReadonlyMap<number, number>): MonthFigures {
  const c = coverageFromCounts(area, { atLevel, growing: 0 });
  let atTarget = 0;
  let members = 0;
  for (const [level, n] of atLevel) {
    members += n;
    if (level >= area.targetLevel) atTarget += n;
  }
  return { experts: c.experts, median: c.median, best: c.best, atTarget, members, risk: c.risk };
}

/** An area's figures month by month. */
export const areaTimeline = (area: TimelineArea, counts: ReadonlyArray<ReadonlyMap<number, number>>): MonthFigures[] => counts.map((m) => monthFigures(area, m));

/** A month (1-based index into the timeline) where the area's risk differs from the month before. */
export type RiskChange = { month: number; from: Risk; to: Risk };

export function riskChanges(points: MonthFigures[]): RiskChange[] {
  const out: RiskChange[] = [];
  points.forEach((p, i) => {
    if (i > 0 && p.risk !== points[i - 1].risk) out.push({ month: i + 1, from: points[i - 1].risk, to: p.risk });
  });
  return out;
}

export type Growth = { experts: { from: number; to: number }; median: { from: number | null; to: number | null }; atTarget: { from: number; to: number } };

/**
 * How an area moved between two months (1-based): null when neither its experts, median nor people at
 * target rose. The headline lists these ("which areas grew this year").
 */
export function grewBetween(points: MonthFigures[], from: number, to: number): Growth | null {
  const a = points[from - 1];
  const b = points[to - 1];
  if (!a || !b) return null;
  const rose = b.experts > a.experts || (b.median ?? 0) > (a.median ?? 0) || b.atTarget > a.atTarget;
  return rose ? { experts: { from: a.experts, to: b.experts }, median: { from: a.median, to: b.median }, atTarget: { from: a.atTarget, to: b.atTarget } } : null;
}

/**
 * A hand-made or replayed history: a member's rating history entries and when they joined and left (ms; null:
 * still here). They count from `joinedAt` or their first history entry, whichever is earlier.
 */
export type MemberHistory = {
  userId: number;
  joinedAt: number;
  leftAt: number | null;
  entries: Array<{ areaId: number; changedAt: number; id?: number; field: string; oldValue: string | null; newValue: string | null }>;
};

/**
 * The level changes and joins of whole histories, bucketed by `bounds` (bounds[k] is the end of month k,
 * bounds[0] the start of month 1): what the database sums from its level_changes table, computed here by
 * replaying each history with `levelTimeline` (for a member's own page, and as the reference the
 * database's sums are tested against). Archived areas are left out by leaving them out of `areaIds`.
 */
export function levelDeltas(bounds: number[], areaIds: number[], members: MemberHistory[]): { deltas: LevelDelta[]; joins: Joins[] } {
  const months = bounds.length - 1;
  const bucketOf = (at: number) => {
    const k = bounds.findIndex((b) => at < b);
    return k === -1 ? months + 1 : k;
  };
  const keep = new Set(areaIds);
  const deltas: LevelDelta[] = [];
  const joins: Joins[] = [];
  for (const m of members) {
    // Every change of effective level (unrated = 0), in every area.
    const byArea = new Map<number, MemberHistory['entries']>();
    for (const e of m.entries) byArea.set(e.areaId, [...(byArea.get(e.areaId) ?? []), e]);
    const changes = [...byArea].map(([areaId, entries]) => {
      let level = 0;
      const steps: Array<{ at: number; from: number; to: number }> = [];
      for (const p of levelTimeline(entries)) {
        const to = p.level ?? 0;
        if (to !== level) steps.push({ at: p.at, from: level, to });
        level = to;
      }
      return { areaId, steps };
    });
    const joined = bucketOf(Math.min(m.joinedAt, ...m.entries.map((e) => e.changedAt)));
    const left = m.leftAt === null ? null : bucketOf(m.leftAt);
    if (joined > months || (left !== null && left <= joined)) continue;
    const leftInPeriod = left !== null && left <= months ? left : null;
    joins.push({ bucket: joined, left: leftInPeriod, n: 1 });
    for (const { areaId, steps } of changes) {
      if (!keep.has(areaId)) continue;
      for (const x of steps) {
        if (x.at >= bounds[months] || (m.leftAt !== null && x.at >= m.leftAt)) continue;
        deltas.push({ areaId, bucket: bucketOf(x.at), from: x.from, to: x.to, n: 1 });
        if (leftInPeriod !== null) deltas.push({ areaId, bucket: leftInPeriod, from: x.to, to: x.from, n: 1 });
      }
    }
  }
  return { deltas, joins };
}

/** A level timeline (levelTimeline's points) read at the end of each month: null before the first point. */
export function levelAtMonthEnds(points: Array<{ at: number; level: number | null }>, bounds: number[]): Array<number | null> {
  return bounds.slice(1).map((end) => {
    let level: number | null = null;
    for (const p of points) if (p.at < end) level = p.level;
    return level;
  });
}
