// Pure rules of the skill matrix: effective level, staleness, bus factor and coverage of an area.
import { DAY_MS, EXPERT_LEVEL, GROWTH_INTEREST, STALE_AFTER_DAYS } from '../domain.ts';
import { nameMatches } from './name-search.ts';

export { nameMatches };

export type RatingLike = { selfLevel: number | null; managerLevel: number | null; interest: number | null; confirmedAt: number };

/** The manager's calibration wins where one exists. */
export function effectiveLevel(r: Pick<RatingLike, 'selfLevel' | 'managerLevel'> | undefined): number | null {
  if (!r) return null;
  return r.managerLevel ?? r.selfLevel;
}

/** A rating confirmed before this instant (ms) is stale at `now`: the one staleness rule, also for SQL counts. */
export function staleBefore(now: Date): number {
  return now.getTime() - STALE_AFTER_DAYS * DAY_MS;
}

export function isStale(r: Pick<RatingLike, 'confirmedAt'>, now: Date): boolean {
  return r.confirmedAt < staleBefore(now);
}

const daysSince = (ms: number, now: Date) => Math.floor((now.getTime() - ms) / DAY_MS);

const disagrees = (r: Pick<RatingLike, 'selfLevel' | 'managerLevel'>) =>
  r.selfLevel !== null && r.managerLevel !== null && r.selfLevel !== r.managerLevel;

/** A rating at a glance: its effective level and marks (self and manager disagree, wants to grow, days stale). */
export type RatingMarks = { level: number | null; disagree: boolean; grows: boolean; staleDays: number | null };

export function ratingMarks(r: RatingLike, now: Date): RatingMarks {
  return {
    level: effectiveLevel(r),
    disagree: disagrees(r),
    grows: (r.interest ?? 0) >= GROWTH_INTEREST,
    staleDays: isStale(r, now) ? daysSince(r.confirmedAt, now) : null,
  };
}

export type Risk = 'blocker' | 'single' | 'thin' | 'ok';

/** 0 experts blocks, 1 is a single point of failure, fewer than the area's minimum is thin. */
export function busFactorRisk(experts: number, minExperts: number): Risk {
  if (experts === 0) return 'blocker';
  if (experts === 1) return 'single';
  if (experts < minExperts) return 'thin';
  return 'ok';
}

export type Coverage = {
  experts: number;
  risk: Risk;
  best: number | null;
  median: number | null;
  /** target − best and target − median (positive = below target). */
  gapBest: number | null;
  gapMedian: number | null;
  growing: number;
};

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** An area's levels over the team: how many members stand at each effective level (unrated at 0), and how many want to grow. */
export type LevelCounts = { atLevel: ReadonlyMap<number, number>; growing: number };

/** Whether a rating counts as growing in its area: interested enough and not an expert yet. */
export const wantsToGrow = (r: Pick<RatingLike, 'selfLevel' | 'managerLevel' | 'interest'> | undefined) =>
  (r?.interest ?? 0) >= GROWTH_INTEREST && (effectiveLevel(r) ?? 0) < EXPERT_LEVEL;

/** Coverage of one area over the active members' ratings (unrated members count as level 0 for the median). */
export function areaCoverage(
  area: { targetLevel: number; minExperts: number },
  ratings: Array<Pick<RatingLike, 'selfLevel' | 'managerLevel' | 'interest'> | undefined>,
): Coverage {
  return coverageFromCounts(area, levelCounts(ratings));
}

/** Members per effective level (unrated as 0) and how many want to grow: what `coverageFromCounts` reads. */
export function levelCounts(ratings: Array<Pick<RatingLike, 'selfLevel' | 'managerLevel' | 'interest'> | undefined>): LevelCounts {
  const atLevel = new Map<number, number>();
  let growing = 0;
  for (const r of ratings) {
    const level = effectiveLevel(r) ?? 0;
    atLevel.set(level, (atLevel.get(level) ?? 0) + 1);
    if (wantsToGrow(r)) growing++;
  }
  return { atLevel, growing };
}

/** The same coverage from level counts (what the database aggregates per area): equal to `areaCoverage` of those ratings. */
export function coverageFromCounts(area: { targetLevel: number; minExperts: number }, counts: LevelCounts): Coverage {
  const spread = [...counts.atLevel].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = spread.reduce((sum, [, n]) => sum + n, 0);
  const nth = (k: number) => {
    let seen = 0;
    for (const [level, n] of spread) if (k < (seen += n)) return level;
    return 0;
  };
  const experts = spread.reduce((sum, [level, n]) => sum + (level >= EXPERT_LEVEL ? n : 0), 0);
  const best = total ? spread[spread.length - 1][0] : null;
  const med = total === 0 ? null : total % 2 ? nth(total >> 1) : (nth((total >> 1) - 1) + nth(total >> 1)) / 2;
  return {
    experts,
    risk: busFactorRisk(experts, area.minExperts),
    best,
    median: med,
    gapBest: best === null ? null : area.targetLevel - best,
    gapMedian: med === null ? null : area.targetLevel - med,
    growing: counts.growing,
  };
}

/**
 * The level counts of an area without one of the members they count (their rating there; undefined =
 * unrated, counted at level 0): what the area would be if that person left. Never below zero.
 */
export function countsWithout(counts: LevelCounts, r: Pick<RatingLike, 'selfLevel' | 'managerLevel' | 'interest'> | undefined): LevelCounts {
  const level = effectiveLevel(r) ?? 0;
  const atLevel = new Map(counts.atLevel);
  atLevel.set(level, Math.max(0, (atLevel.get(level) ?? 0) - 1));
  return { atLevel, growing: Math.max(0, counts.growing - (wantsToGrow(r) ? 1 : 0)) };
}

export const RISK_ORDER: Readonly<Record<Risk, number>> = { blocker: 0, single: 1, thin: 2, ok: 3 };

/** Riskiest first: fewer experts relative to need, then the larger gap to target. */
export function byRisk<T extends { coverage: Coverage }>(items: T[]): T[] {
  return [...items].sort(
    (a, b) => RISK_ORDER[a.coverage.risk] - RISK_ORDER[b.coverage.risk] || (b.coverage.gapMedian ?? 0) - (a.coverage.gapMedian ?? 0),
  );
}

export type Condition = { areaId: number; min: number };

/** The filter of the matrix page; every part is optional (null / empty = not set). */
export type MatrixFilter = {
  categoryId: number | null;
  conditions: Condition[];
  /** Only members who want to grow (interest ≥ 2) in this area. */
  growAreaId: number | null;
  q: string;
  /** 'name', or an area id: highest effective level first. */
  sort: 'name' | number;
};

export const NO_FILTER: MatrixFilter = { categoryId: null, conditions: [], growAreaId: null, q: '', sort: 'name' };


/**
 * The rows of the matrix: members that pass every filter, sorted. `ratingOf` looks a rating up;
 * `compareNames` is the locale's collation (the tie-breaker of an area sort too).
 */
export function selectMembers<M extends { id: number; name: string }>(
  members: M[],
  ratingOf: (userId: number, areaId: number) => Pick<RatingLike, 'selfLevel' | 'managerLevel' | 'interest'> | undefined,
  filter: MatrixFilter,
  compareNames: (a: string, b: string) => number,
): M[] {
  const rows = members.filter((m) => {
    if (!nameMatches(m.name, filter.q)) return false;
    if (filter.growAreaId !== null && (ratingOf(m.id, filter.growAreaId)?.interest ?? 0) < GROWTH_INTEREST) return false;
    return filter.conditions.every((c) => (effectiveLevel(ratingOf(m.id, c.areaId)) ?? 0) >= c.min);
  });
  const sortArea = filter.sort;
  return rows.sort((a, b) => {
    if (sortArea !== 'name') {
      // Unrated sorts below level 0 so that "not rated" never hides among the zeros at the top.
      const la = effectiveLevel(ratingOf(a.id, sortArea)) ?? -1;
      const lb = effectiveLevel(ratingOf(b.id, sortArea)) ?? -1;
      if (la !== lb) return lb - la;
    }
    return compareNames(a.name, b.name);
  });
}

export type LevelPoint = { at: number; level: number | null };

/**
 * The effective level over time, replayed from a rating's history (any order): one point each time
 * it changes. Each field starts from the value its first recorded change replaced.
 */
export function levelTimeline(entries: Array<{ changedAt: number; id?: number; field: string; oldValue: string | null; newValue: string | null }>): LevelPoint[] {
  const sorted = entries
    .filter((e) => e.field === 'selfLevel' || e.field === 'managerLevel')
    .sort((a, b) => a.changedAt - b.changedAt || (a.id ?? 0) - (b.id ?? 0));
  if (sorted.length === 0) return [];
  const num = (v: string | null) => (v === null || v === '' ? null : Number(v));
  const state = { selfLevel: null as number | null, managerLevel: null as number | null };
  // Start from the values the first change of each field replaced.
  for (const field of ['selfLevel', 'managerLevel'] as const) {
    const first = sorted.find((e) => e.field === field);
    if (first) state[field] = num(first.oldValue);
  }
  const points: LevelPoint[] = [];
  for (const e of sorted) {
    state[e.field as 'selfLevel' | 'managerLevel'] = num(e.newValue);
    const level = effectiveLevel(state);
    const last = points.at(-1);
    if (last && last.at === e.changedAt) last.level = level;
    else if (!last || last.level !== level) points.push({ at: e.changedAt, level });
  }
  return points;
}

/** Members (of the given ones) who have no self level in any area. */
export function neverRatedThemselves<M extends { id: number }>(members: M[], ratings: Iterable<{ userId: number; selfLevel: number | null }>): M[] {
  const rated = new Set<number>();
  for (const r of ratings) if (r.selfLevel !== null) rated.add(r.userId);
  return members.filter((m) => !rated.has(m.id));
}

/** Stale ratings per member, only members with at least one, most stale first. */
export function staleByMember<M extends { id: number; name: string }>(
  members: M[],
  areaIds: number[],
  ratingOf: (userId: number, areaId: number) => Pick<RatingLike, 'confirmedAt'> | undefined,
  now: Date,
): Array<{ member: M; areaIds: number[] }> {
  return members
    .map((member) => ({ member, areaIds: areaIds.filter((a) => { const r = ratingOf(member.id, a); return r !== undefined && isStale(r, now); }) }))
    .filter((x) => x.areaIds.length > 0)
    .sort((a, b) => b.areaIds.length - a.areaIds.length);
}
