import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levelTimeline } from '../../src/planning/skills.ts';
import {
  areaOutcomes,
  eventOutcomes,
  figuresOf,
  interestTimeline,
  mentorOutcomes,
  mentorTrackRecord,
  ratingKey,
  trajectory,
  verdictOf,
  type LearningEvent,
  type OutcomeInput,
} from '../../src/planning/growth/outcomes.ts';

const DAY = 86_400_000;
const d = (n: number) => n * DAY;
type Entry = { changedAt: number; id: number; field: string; oldValue: string | null; newValue: string | null };

/** A rating's history as the app writes it: each change remembers the value it replaced. */
function history(changes: Array<[day: number, field: 'selfLevel' | 'managerLevel' | 'interest', value: number | null]>): Entry[] {
  const state: Record<string, string | null> = {};
  return changes.map(([day, field, value], id) => {
    const oldValue = state[field] ?? null;
    state[field] = value === null ? null : String(value);
    return { changedAt: d(day), id, field, oldValue, newValue: state[field] };
  });
}

const event = (e: Partial<LearningEvent> & Pick<LearningEvent, 'learnerId' | 'areaId' | 'start'>): LearningEvent => ({ kind: 'mentoring', mentorId: 100, belowLevel: null, ref: 1, ...e });

function world(histories: Record<string, Entry[]>, events: LearningEvent[], now: number, inactive: number[] = []): OutcomeInput {
  const levels = new Map(Object.entries(histories).map(([k, h]) => [k, levelTimeline(h)]));
  const interests = new Map(Object.entries(histories).map(([k, h]) => [k, interestTimeline(h)]));
  const people = new Set(Object.keys(histories).map((k) => Number(k.split(':')[0])));
  for (const e of events) people.add(e.learnerId);
  return { events, levels, interests, active: new Set([...people].filter((p) => !inactive.includes(p))), now };
}

describe('one learner’s path', () => {
  it('a rise: level at the start, after 90 and 180 days, now, and the months it took', () => {
    const points = levelTimeline(history([[0, 'selfLevel', 1], [70, 'selfLevel', 2], [300, 'selfLevel', 3]]));
    const t = trajectory(points, d(10), d(400), true);
    expect(t).toMatchObject({ startLevel: 1, at90: 2, at180: 2, now: 3, windowComplete: true, notCounted: null, rose: true, daysToRise: 60 });
    expect(t.monthsToRise).toBeCloseTo(60 / 30.4375);
  });

  it('checkpoints stay pending until their day has passed; an open window counts what happened so far', () => {
    const points = levelTimeline(history([[0, 'selfLevel', 2], [30, 'selfLevel', 3]]));
    expect(trajectory(points, d(10), d(60), true)).toMatchObject({ startLevel: 2, at90: 'pending', at180: 'pending', now: 3, windowComplete: false, rose: true, daysToRise: 20 });
    expect(trajectory(points, d(10), d(150), true)).toMatchObject({ at90: 3, at180: 'pending' });
  });

  it('a fall is no rise', () => {
    const points = levelTimeline(history([[0, 'selfLevel', 3], [40, 'selfLevel', 2]]));
    expect(trajectory(points, d(10), d(300), true)).toMatchObject({ startLevel: 3, at90: 2, rose: false, daysToRise: null });
  });

  it('a self-rating the manager calibrates back down is no rise; the calibration wins', () => {
    const points = levelTimeline(history([[0, 'selfLevel', 2], [20, 'selfLevel', 3], [25, 'managerLevel', 2]]));
    expect(trajectory(points, d(10), d(300), true)).toMatchObject({ startLevel: 2, at90: 2, now: 2, rose: false });
  });

  it('a rise after the 180 days does not count, and a rise that falls back inside them neither', () => {
    const late = levelTimeline(history([[0, 'selfLevel', 1], [200, 'selfLevel', 2]]));
    expect(trajectory(late, d(10), d(400), true)).toMatchObject({ at180: 1, now: 2, rose: false });
    const back = levelTimeline(history([[0, 'selfLevel', 1], [50, 'selfLevel', 2], [100, 'selfLevel', 1], [120, 'selfLevel', 2]]));
    expect(trajectory(back, d(10), d(400), true)).toMatchObject({ rose: true, daysToRise: 110 });
  });

  it('leaves out a member with no history, one at the top level and a deactivated one', () => {
    expect(trajectory(undefined, d(10), d(300), true)).toMatchObject({ startLevel: null, notCounted: 'notRated', rose: null });
    expect(trajectory(levelTimeline(history([[0, 'selfLevel', 5]])), d(10), d(300), true)).toMatchObject({ notCounted: 'atTop', rose: null });
    expect(trajectory(levelTimeline(history([[0, 'selfLevel', 1], [30, 'selfLevel', 2]])), d(10), d(300), false)).toMatchObject({ notCounted: 'left', rose: null });
  });
});

describe('outcomes per area, per mentor, and the comparison group', () => {
  const A = 7;
  // Learners 1 (rose, mentored by 100) and 2 (did not, mentored by 101); 3 wanted to grow before the period and rose;
  // 4 began to want to grow later and did not rise; 5 never wanted to grow; 6 was a buddy who already met the minimum;
  // 8 left the team (listed, not counted, not in the comparison either).
  const input = world(
    {
      [ratingKey(1, A)]: history([[0, 'selfLevel', 1], [0, 'interest', 3], [60, 'selfLevel', 2]]),
      [ratingKey(2, A)]: history([[0, 'selfLevel', 2], [0, 'interest', 2]]),
      [ratingKey(3, A)]: history([[0, 'selfLevel', 1], [0, 'interest', 2], [100, 'selfLevel', 2]]),
      [ratingKey(4, A)]: history([[0, 'selfLevel', 1], [0, 'interest', 1], [40, 'interest', 2]]),
      [ratingKey(5, A)]: history([[0, 'selfLevel', 1], [0, 'interest', 1], [50, 'selfLevel', 2]]),
      [ratingKey(6, A)]: history([[0, 'selfLevel', 3], [0, 'interest', 2]]),
      [ratingKey(8, A)]: history([[0, 'selfLevel', 1], [0, 'interest', 2], [30, 'selfLevel', 2]]),
      [ratingKey(9, A)]: history([[0, 'selfLevel', 1], [0, 'interest', 3], [30, 'selfLevel', 2]]),
    },
    [
      event({ learnerId: 1, areaId: A, start: d(10), mentorId: 100, ref: 1 }),
      event({ learnerId: 1, areaId: A, start: d(70), mentorId: 100, ref: 2 }),
      event({ learnerId: 2, areaId: A, start: d(10), mentorId: 101, ref: 1 }),
      event({ learnerId: 6, areaId: A, start: d(20), kind: 'buddy', mentorId: null, belowLevel: 3, ref: 9 }),
      event({ learnerId: 8, areaId: A, start: d(15), kind: 'study', mentorId: null, ref: 4 }),
    ],
    d(400),
    [8, 9],
  );
  const outcomes = eventOutcomes(input);

  it('lists every event newest first, without the buddy who already met the minimum', () => {
    expect(outcomes.map((o) => [o.learnerId, o.kind, o.rose, o.notCounted])).toEqual([
      [1, 'mentoring', false, null], // the second pairing started after the rise: from level 2, no further rise
      [8, 'study', null, 'left'],
      [1, 'mentoring', true, null],
      [2, 'mentoring', false, null],
    ]);
  });

  it('counts each person once per area (their first event) against those who wanted to grow without support', () => {
    const [area] = areaOutcomes(input, outcomes, [A, 99]);
    expect(area).toMatchObject({ areaId: A, periodStart: d(10) });
    expect(area.groups.map((g) => [g.kind, g.figures.people, g.figures.rose, g.verdict])).toEqual([
      ['mentoring', 2, 1, 'tooFew'],
      ['study', 0, 0, 'tooFew'], // only the member who left presented
      ['any', 2, 1, 'tooFew'],
    ]);
    expect(area.headline.kind).toBe('mentoring');
    expect(area.groups[0].figures).toEqual({ people: 2, rose: 1, medianMonths: Math.round((50 / 30.4375) * 10) / 10, open: 0 });
    // 3 (from the period start, rose after 90 days) and 4 (from day 40, did not); not 5, not the buddy 6 (an event in the area), not 8 or 9 (left).
    expect(area.comparison).toEqual({ people: 2, rose: 1, medianMonths: Math.round((90 / 30.4375) * 10) / 10, open: 0 });
  });

  it('sums up mentors and their track record per area', () => {
    expect(mentorOutcomes(outcomes).map((m) => [m.mentorId, m.figures.people, m.figures.rose, m.areaIds])).toEqual([
      [100, 1, 1, [A]],
      [101, 1, 0, [A]],
    ]);
    expect(mentorTrackRecord(outcomes)).toEqual([{ mentorId: 100, areaId: A, learners: 1 }]);
  });

  it('says the numbers are too small below five people on either side', () => {
    const f = (people: number, rose: number) => ({ people, rose, medianMonths: null, open: 0 });
    expect(verdictOf(f(4, 4), f(10, 0))).toBe('tooFew');
    expect(verdictOf(f(10, 4), f(4, 0))).toBe('tooFew');
    expect(verdictOf(f(5, 3), f(10, 5))).toBe('supportedAhead');
    expect(verdictOf(f(5, 2), f(10, 5))).toBe('comparisonAhead');
    expect(verdictOf(f(6, 3), f(10, 5))).toBe('same');
  });
});

// ── Property: the trajectory and the figures against a day-by-day recomputation from the raw history ──

/** Level just before moment `at`, replaying raw entries in order (the manager's level wins). */
function bruteLevel(entries: Entry[], at: number): number | null {
  const state: Record<string, string | null> = {};
  for (const e of [...entries].sort((a, b) => a.changedAt - b.changedAt || a.id - b.id)) if (e.changedAt < at && e.field !== 'interest') state[e.field] = e.newValue;
  const v = state.managerLevel ?? state.selfLevel ?? null;
  return v === null ? null : Number(v);
}

function bruteTrajectory(entries: Entry[], start: number, now: number) {
  const s = bruteLevel(entries, start);
  const end = Math.min(start + d(180), now);
  if (s === null || s >= 5) return { startLevel: s, rose: null, daysToRise: null };
  const goal = s + 1;
  const atDay = (day: number) => bruteLevel(entries, d(day) + 1); // after every change of that day
  const endLevel = bruteLevel(entries, end);
  if (endLevel === null || endLevel < goal) return { startLevel: s, rose: false, daysToRise: null };
  // The first day from which every day up to the end has the level at or above the goal.
  let risen = end / DAY - 1;
  while (risen - 1 >= start / DAY && (atDay(risen - 1) ?? -1) >= goal) risen--;
  return { startLevel: s, rose: true, daysToRise: risen - start / DAY };
}

const changeArb = fc.tuple(fc.integer({ min: 0, max: 300 }), fc.constantFrom<'selfLevel' | 'managerLevel' | 'interest'>('selfLevel', 'selfLevel', 'managerLevel', 'interest'), fc.option(fc.integer({ min: 0, max: 5 }), { freq: 6 }));

describe('outcomes match a brute-force recomputation (property)', () => {
  it('start level, rise and days to rise, and the figures of an area', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(changeArb, { maxLength: 8 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 300 })), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 500 }),
        (people, eventSpecs, nowDay) => {
          const histories: Record<string, Entry[]> = {};
          people.forEach((changes, i) => {
            const sorted = [...changes].map(([day, field, value]) => [day, field, field === 'interest' && value !== null ? Math.min(value, 3) : value] as [number, typeof field, number | null]);
            histories[ratingKey(i + 1, 1)] = history(sorted.sort((a, b) => a[0] - b[0]));
          });
          const events = eventSpecs.map(([p, day], k) => event({ learnerId: (p % people.length) + 1, areaId: 1, start: d(Math.min(day, nowDay)), ref: k }));
          const input = world(histories, events, d(nowDay));
          const outcomes = eventOutcomes(input);
          expect(outcomes).toHaveLength(events.length);
          for (const o of outcomes) {
            const entries = histories[ratingKey(o.learnerId, 1)] ?? [];
            const brute = bruteTrajectory(entries, o.start, input.now);
            expect({ startLevel: o.startLevel, rose: o.rose, daysToRise: o.daysToRise }).toEqual(brute);
            if (o.start + d(90) <= input.now) expect(o.at90).toBe(bruteLevel(entries, o.start + d(90)));
            else expect(o.at90).toBe('pending');
          }
          // The supported side: each learner's earliest event (lowest ref on a tie), counted when rated below 5.
          const first = new Map<number, (typeof outcomes)[number]>();
          for (const o of [...outcomes].sort((a, b) => a.start - b.start || a.ref - b.ref)) if (!first.has(o.learnerId)) first.set(o.learnerId, o);
          const counted = [...first.values()].filter((o) => o.startLevel !== null && o.startLevel < 5);
          const [area] = areaOutcomes(input, outcomes, [1]);
          const any = area.groups.find((g) => g.kind === 'any')!.figures;
          expect(any.people).toBe(counted.length);
          expect(any.rose).toBe(counted.filter((o) => o.rose).length);
          expect(figuresOf([...first.values()])).toEqual(any);
          // The comparison side, recomputed: active, no event, interest ≥ 2 from the period start on.
          const periodStart = Math.min(...events.map((e) => e.start));
          const interestBefore = (entries: Entry[], at: number) => {
            let v: string | null = null;
            for (const e of entries) if (e.field === 'interest' && e.changedAt < at) v = e.newValue;
            return Number(v ?? 0);
          };
          let comparisonPeople = 0;
          let comparisonRose = 0;
          people.forEach((_, i) => {
            const id = i + 1;
            if (first.has(id)) return;
            const entries = histories[ratingKey(id, 1)];
            let start: number | null = null;
            for (let day = periodStart / DAY; day <= nowDay && start === null; day++) {
              if (day === periodStart / DAY && interestBefore(entries, d(day)) >= 2) start = d(day);
              else if (entries.some((e) => e.field === 'interest' && e.changedAt === d(day)) && interestBefore(entries, d(day) + 1) >= 2) start = d(day);
            }
            if (start === null) return;
            const brute = bruteTrajectory(entries, start, input.now);
            if (brute.rose === null) return;
            comparisonPeople++;
            if (brute.rose) comparisonRose++;
          });
          expect([area.comparison.people, area.comparison.rose]).toEqual([comparisonPeople, comparisonRose]);
        },
      ),
      { numRuns: 400 },
    );
  });
});
