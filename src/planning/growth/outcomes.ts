// Did it work: each learning event's level at its start, after 90 and 180 days and now; outcomes per area and per mentor against a comparison group.
/*
 * The rules, in one place (the page and the README say the same in words):
 *
 * - A learning event is a mentoring pair (learner, mentor, area, start = the round's acceptance), a learning
 *   buddy on a done work item (start = the item's cycle start) or a study presentation (start = the session day).
 * - "Level at t" is the effective level (the manager's calibration wins) as it stood just before t, replayed from
 *   the rating's history by levelTimeline. The 90- and 180-day levels are 'pending' until that day has passed.
 * - The window of an event is [start, min(start + 180 days, now)]. A person ROSE when their level at the end of
 *   the window is at least their start level + 1; the time to rise is from the start to the moment the level
 *   last reached start + 1 before the window's end (a self-rating the manager calibrated down again is no rise).
 * - Figures count each person once per area and kind of support (their earliest such event; "any" support: their
 *   earliest event of any kind) and leave out people who were not
 *   rated at the start, were already at the top level, or are no longer active.
 * - The comparison group of an area: active people who wanted to grow there (interest ≥ 2) at some moment
 *   between the period start (the earliest event's start in that area) and now, and never had an event in that
 *   area. Their own start is the period start if their interest was already ≥ 2 then, else the moment it became
 *   ≥ 2; their window and the rise rule are the same 180 days.
 * - Fewer than MIN_TO_TELL people on either side: the figures are shown with 'tooFew' instead of a verdict.
 */
import { DAY_MS, GROWTH_INTEREST } from '../../domain.ts';
import { median, type LevelPoint } from '../skills.ts';

export type { LevelPoint };

export type OutcomeKind = 'mentoring' | 'buddy' | 'study';

export type LearningEvent = {
  kind: OutcomeKind;
  learnerId: number;
  areaId: number;
  /** ms */
  start: number;
  /** Mentoring only. */
  mentorId: number | null;
  /** Buddy only: the item's minimum in the area; the event counts only where the learner was below it at the start. */
  belowLevel: number | null;
  /** The round, work item or session the event comes from. */
  ref: number;
};

export type InterestPoint = { at: number; interest: number | null };

export type OutcomeInput = {
  events: readonly LearningEvent[];
  /** Effective level points per rating, keyed by ratingKey (levelTimeline's output). */
  levels: ReadonlyMap<string, readonly LevelPoint[]>;
  /** Interest points per rating, keyed by ratingKey (interestTimeline's output). */
  interests: ReadonlyMap<string, readonly InterestPoint[]>;
  /** Active team members. */
  active: ReadonlySet<number>;
  now: number;
};

export const WINDOW_DAYS = 180;
export const CHECKPOINT_DAYS = [90, 180] as const;
export const TOP_LEVEL = 5;
/** Fewer people than this on either side and a comparison means nothing. */
export const MIN_TO_TELL = 5;
const DAYS_PER_MONTH = 30.4375;

export const ratingKey = (userId: number, areaId: number) => `${userId}:${areaId}`;

/** The effective level as it stood just before `at` (changes at exactly `at` count from then on); null when unrated. */
export function levelBefore(points: readonly LevelPoint[] | undefined, at: number): number | null {
  let level: number | null = null;
  for (const p of points ?? []) {
    if (p.at >= at) break;
    level = p.level;
  }
  return level;
}

/** The interest over time, replayed from a rating's history (any order), like levelTimeline for levels. */
export function interestTimeline(entries: Array<{ changedAt: number; id?: number; field: string; oldValue: string | null; newValue: string | null }>): InterestPoint[] {
  const sorted = entries.filter((e) => e.field === 'interest').sort((a, b) => a.changedAt - b.changedAt || (a.id ?? 0) - (b.id ?? 0));
  const num = (v: string | null) => (v === null || v === '' ? null : Number(v));
  const points: InterestPoint[] = sorted.length ? [{ at: -Infinity, interest: num(sorted[0].oldValue) }] : [];
  for (const e of sorted) {
    const last = points.at(-1)!;
    if (last.at === e.changedAt) last.interest = num(e.newValue);
    else points.push({ at: e.changedAt, interest: num(e.newValue) });
  }
  return points;
}

/** Why a person is left out of the figures; null = counted. */
export type NotCounted = 'notRated' | 'atTop' | 'left' | null;

/** Where a person's level went over one window. `rose` is null when they are not counted. */
export type Trajectory = {
  startLevel: number | null;
  /** 'pending' until the day has passed. */
  at90: number | null | 'pending';
  at180: number | null | 'pending';
  now: number | null;
  windowComplete: boolean;
  notCounted: NotCounted;
  rose: boolean | null;
  /** Days from the start to the rise (null unless rose). */
  daysToRise: number | null;
  /** The same in months of 30.4375 days. */
  monthsToRise: number | null;
};

export function trajectory(points: readonly LevelPoint[] | undefined, start: number, now: number, active: boolean): Trajectory {
  const startLevel = levelBefore(points, start);
  const checkpoint = (days: number) => (start + days * DAY_MS <= now ? levelBefore(points, start + days * DAY_MS) : 'pending');
  const windowEnd = Math.min(start + WINDOW_DAYS * DAY_MS, now);
  const notCounted: NotCounted = !active ? 'left' : startLevel === null ? 'notRated' : startLevel >= TOP_LEVEL ? 'atTop' : null;
  let rose: boolean | null = null;
  let daysToRise: number | null = null;
  if (notCounted === null && startLevel !== null) {
    const goal = startLevel + 1;
    const endLevel = levelBefore(points, windowEnd);
    rose = endLevel !== null && endLevel >= goal;
    if (rose) {
      // The last moment inside the window at which the level reached the goal and stayed there.
      let risenAt = start;
      let below = true;
      for (const p of points ?? []) {
        if (p.at < start) continue;
        if (p.at >= windowEnd) break;
        const up = p.level !== null && p.level >= goal;
        if (up && below) risenAt = p.at;
        below = !up;
      }
      daysToRise = (risenAt - start) / DAY_MS;
    }
  }
  return {
    startLevel,
    at90: checkpoint(CHECKPOINT_DAYS[0]),
    at180: checkpoint(CHECKPOINT_DAYS[1]),
    now: levelBefore(points, Infinity),
    windowComplete: start + WINDOW_DAYS * DAY_MS <= now,
    notCounted,
    rose,
    daysToRise,
    monthsToRise: daysToRise === null ? null : daysToRise / DAYS_PER_MONTH,
  };
}

export type EventOutcome = LearningEvent & Trajectory;

/**
 * Every event with its trajectory: those whose 180 days are over first, then the running ones, newest first. A buddy event whose learner already met the item's minimum
 * at the start was no learning there and is dropped.
 */
export function eventOutcomes(input: OutcomeInput): EventOutcome[] {
  const out: EventOutcome[] = [];
  for (const e of input.events) {
    const t = trajectory(input.levels.get(ratingKey(e.learnerId, e.areaId)), e.start, input.now, input.active.has(e.learnerId));
    if (e.belowLevel !== null && t.startLevel !== null && t.startLevel >= e.belowLevel) continue;
    // One literal, not a spread: thousands of spread objects fall into V8's slow dictionary mode (3× slower to build and sort).
    out.push({
      kind: e.kind,
      learnerId: e.learnerId,
      areaId: e.areaId,
      start: e.start,
      mentorId: e.mentorId,
      belowLevel: e.belowLevel,
      ref: e.ref,
      startLevel: t.startLevel,
      at90: t.at90,
      at180: t.at180,
      now: t.now,
      windowComplete: t.windowComplete,
      notCounted: t.notCounted,
      rose: t.rose,
      daysToRise: t.daysToRise,
      monthsToRise: t.monthsToRise,
    });
  }
  // Finished windows first (what can be judged), then those still running; newest first within each.
  return out.sort((a, b) => Number(b.windowComplete) - Number(a.windowComplete) || b.start - a.start || a.learnerId - b.learnerId || a.areaId - b.areaId || a.ref - b.ref);
}

/** One side of a comparison: people counted, how many rose within 180 days, the median months to rise, windows still open. */
export type Figures = { people: number; rose: number; medianMonths: number | null; open: number };

export function figuresOf(people: ReadonlyArray<Pick<Trajectory, 'notCounted' | 'rose' | 'monthsToRise' | 'windowComplete'>>): Figures {
  const counted = people.filter((p) => p.notCounted === null);
  const risen = counted.filter((p) => p.rose);
  const months = median(risen.map((p) => p.monthsToRise!));
  return {
    people: counted.length,
    rose: risen.length,
    medianMonths: months === null ? null : Math.round(months * 10) / 10,
    open: counted.filter((p) => !p.windowComplete).length,
  };
}

/** 'tooFew' when either side has fewer than MIN_TO_TELL people; otherwise which side rose more often. */
export type Verdict = 'tooFew' | 'supportedAhead' | 'comparisonAhead' | 'same';

export function verdictOf(supported: Figures, comparison: Figures): Verdict {
  if (supported.people < MIN_TO_TELL || comparison.people < MIN_TO_TELL) return 'tooFew';
  // Compare rates without division: a/b vs c/d as a·d vs c·b.
  const diff = supported.rose * comparison.people - comparison.rose * supported.people;
  return diff > 0 ? 'supportedAhead' : diff < 0 ? 'comparisonAhead' : 'same';
}

/** One kind of support in an area (each person once, from their first event of that kind), or 'any' of them. */
export type SupportGroup = { kind: OutcomeKind | 'any'; figures: Figures; verdict: Verdict };

export type AreaOutcome = {
  areaId: number;
  /** The earliest event's start in the area: where the comparison period begins. */
  periodStart: number;
  /** The kinds that happened in the area (mentoring, buddy, study order), then 'any'. */
  groups: SupportGroup[];
  comparison: Figures;
  /** The group the headline compares: mentoring where there was any, else any support. */
  headline: SupportGroup;
};

const KINDS: readonly OutcomeKind[] = ['mentoring', 'buddy', 'study'];

/** Each person's earliest event per key. */
function earliestBy(outcomes: readonly EventOutcome[], key: (o: EventOutcome) => string): EventOutcome[] {
  const first = new Map<string, EventOutcome>();
  for (const o of outcomes) {
    const k = key(o);
    const seen = first.get(k);
    if (!seen || o.start < seen.start || (o.start === seen.start && o.ref < seen.ref)) first.set(k, o);
  }
  return [...first.values()];
}

/** The comparison group's trajectories in one area (see the header for who is in it); `interested` = the area's interest histories by user. */
function comparisonGroup(input: OutcomeInput, areaId: number, interested: ReadonlyArray<[number, readonly InterestPoint[]]>, periodStart: number, supportedIds: ReadonlySet<number>): Trajectory[] {
  const out: Trajectory[] = [];
  for (const [userId, points] of interested) {
    if (supportedIds.has(userId) || !input.active.has(userId)) continue;
    const start = growthStart(points, periodStart, input.now);
    if (start === null) continue;
    out.push(trajectory(input.levels.get(ratingKey(userId, areaId)), start, input.now, true));
  }
  return out;
}

/** Interest histories grouped by area (keys are ratingKey's `user:area`). */
function interestsByArea(interests: OutcomeInput['interests']): Map<number, Array<[number, readonly InterestPoint[]]>> {
  const byArea = new Map<number, Array<[number, readonly InterestPoint[]]>>();
  for (const [key, points] of interests) {
    const [userId, areaId] = key.split(':').map(Number);
    const list = byArea.get(areaId);
    if (list) list.push([userId, points]);
    else byArea.set(areaId, [[userId, points]]);
  }
  return byArea;
}

/** When someone wanted to grow (interest ≥ 2) from `from` on: `from` itself if they already did, the moment they began to, or null. */
export function growthStart(points: readonly InterestPoint[], from: number, now: number): number | null {
  let before: number | null = null;
  for (const p of points) {
    if (p.at >= from) break;
    before = p.interest;
  }
  if ((before ?? 0) >= GROWTH_INTEREST) return from;
  for (const p of points) if (p.at >= from && p.at <= now && (p.interest ?? 0) >= GROWTH_INTEREST) return p.at;
  return null;
}

/** Per area with events (in `areaIds` order): supported people against the comparison group. */
export function areaOutcomes(input: OutcomeInput, outcomes: readonly EventOutcome[], areaIds: readonly number[]): AreaOutcome[] {
  const result: AreaOutcome[] = [];
  const interested = interestsByArea(input.interests);
  for (const areaId of areaIds) {
    const inArea = outcomes.filter((o) => o.areaId === areaId);
    if (inArea.length === 0) continue;
    const periodStart = Math.min(...inArea.map((o) => o.start));
    // Anyone with an event in the area is out of the comparison, also a buddy dropped above for already meeting the minimum.
    const hadEvent = new Set(input.events.filter((e) => e.areaId === areaId).map((e) => e.learnerId));
    const comparison = figuresOf(comparisonGroup(input, areaId, interested.get(areaId) ?? [], periodStart, hadEvent));
    const group = (kind: SupportGroup['kind'], list: EventOutcome[]): SupportGroup => {
      const figures = figuresOf(earliestBy(list, (o) => String(o.learnerId)));
      return { kind, figures, verdict: verdictOf(figures, comparison) };
    };
    const groups = KINDS.filter((k) => inArea.some((o) => o.kind === k)).map((k) => group(k, inArea.filter((o) => o.kind === k)));
    groups.push(group('any', inArea));
    result.push({ areaId, periodStart, groups, comparison, headline: groups.find((g) => g.kind === 'mentoring') ?? groups.at(-1)! });
  }
  return result;
}

export type MentorOutcome = { mentorId: number; figures: Figures; areaIds: number[] };

/** Per mentor: their learners (each learner once per area, their first pairing with this mentor there), most learners first. */
export function mentorOutcomes(outcomes: readonly EventOutcome[]): MentorOutcome[] {
  const mentoring = earliestBy(
    outcomes.filter((o) => o.kind === 'mentoring' && o.mentorId !== null),
    (o) => `${o.mentorId}:${o.learnerId}:${o.areaId}`,
  );
  const byMentor = new Map<number, EventOutcome[]>();
  for (const o of mentoring) {
    const list = byMentor.get(o.mentorId!);
    if (list) list.push(o);
    else byMentor.set(o.mentorId!, [o]);
  }
  return [...byMentor]
    .map(([mentorId, list]) => ({ mentorId, figures: figuresOf(list), areaIds: [...new Set(list.map((o) => o.areaId))].sort((a, b) => a - b) }))
    .sort((a, b) => b.figures.people - a.figures.people || b.figures.rose - a.figures.rose || a.mentorId - b.mentorId);
}

/** The pairing planner's track record: per mentor and area, how many of their learners rose (each learner once). */
export function mentorTrackRecord(outcomes: readonly EventOutcome[]): Array<{ mentorId: number; areaId: number; learners: number }> {
  const risen = earliestBy(
    outcomes.filter((o) => o.kind === 'mentoring' && o.mentorId !== null && o.rose === true),
    (o) => `${o.mentorId}:${o.learnerId}:${o.areaId}`,
  );
  const record = new Map<string, { mentorId: number; areaId: number; learners: number }>();
  for (const o of risen) {
    const key = ratingKey(o.mentorId!, o.areaId);
    const seen = record.get(key) ?? { mentorId: o.mentorId!, areaId: o.areaId, learners: 0 };
    seen.learners++;
    record.set(key, seen);
  }
  return [...record.values()];
}
