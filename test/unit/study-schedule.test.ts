// The study-schedule planner against a brute force on small seasons: same optimum, every hard rule, locks kept.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillValue, isFair, paperWeight, planSchedule, presenterFit, reviewerFit, violations, type Assignment, type ScheduleInput, type SchedulePaper } from '../../src/planning/study-schedule/index.ts';
import { randomSeason } from '../../bench/study-schedule-bench.ts';

const DAYS = ['2026-11-05', '2026-11-12', '2026-11-19', '2026-11-26'];

const season: fc.Arbitrary<ScheduleInput> = fc
  .record({ sessions: fc.integer({ min: 1, max: 4 }), people: fc.integer({ min: 0, max: 5 }), papers: fc.integer({ min: 0, max: 5 }) })
  .chain(({ sessions, people, papers }) => {
    const days = DAYS.slice(0, sessions);
    const skill = fc.record({ level: fc.integer({ min: 0, max: 5 }), interest: fc.integer({ min: 0, max: 3 }) });
    return fc.record({
      days: fc.constant(days),
      areas: fc.tuple(...[1, 2, 3].map((id) => fc.record({ id: fc.constant(id), risk: fc.constantFrom(null, 'blocker', 'single', 'thin'), focus: fc.boolean() }))),
      papers: fc.tuple(...Array.from({ length: papers }, (_, k) => fc.record({ id: fc.constant(k + 1), votes: fc.integer({ min: 0, max: 4 }), areaIds: fc.uniqueArray(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 }) }))),
      participants: fc.tuple(
        ...Array.from({ length: people }, (_, k) =>
          fc.record({ id: fc.constant(10 + k), noPresenting: fc.integer({ min: 0, max: 3 }).map((n) => n === 0), away: fc.subarray(days), skills: fc.record({ 1: skill, 2: skill, 3: skill }) }),
        ),
      ),
      locks: fc.record({
        paperOnDay: fc.array(fc.record({ paperId: fc.integer({ min: 1, max: 6 }), day: fc.constantFrom(...days, '2026-12-31') }), { maxLength: 2 }),
        presenterOfPaper: fc.array(fc.record({ personId: fc.integer({ min: 10, max: 15 }), paperId: fc.integer({ min: 1, max: 5 }) }), { maxLength: 2 }),
      }),
      held: fc.option(fc.record({ presented: fc.dictionary(fc.constantFrom('10', '11', '12'), fc.integer({ min: 0, max: 2 })), lastReviewerId: fc.option(fc.integer({ min: 10, max: 14 })) }), { nil: undefined }),
    }) as fc.Arbitrary<ScheduleInput>;
  });

/** Every injective filling of the sessions with papers (paper locks fixed, locked-presenter papers kept when room): the best paper value. */
function bestPaperValue(input: ScheduleInput): number {
  const areas = new Map(input.areas.map((a) => [a.id, a]));
  const byId = new Map(input.papers.map((p) => [p.id, p]));
  const S = input.days.length;
  const fixed = new Map<number, number>();
  for (const l of input.locks.paperOnDay) {
    const s = input.days.indexOf(l.day);
    if (byId.has(l.paperId) && s >= 0 && !fixed.has(s) && ![...fixed.values()].includes(l.paperId)) fixed.set(s, l.paperId);
  }
  const forced = new Set(input.locks.presenterOfPaper.map((l) => l.paperId).filter((id) => byId.has(id) && ![...fixed.values()].includes(id)));
  const freeCount = S - fixed.size;
  let best = { filled: -1, value: -1 };
  const walk = (s: number, used: Set<number>, filled: number, value: number) => {
    if (s === S) {
      const keptForced = [...forced].filter((id) => used.has(id)).length;
      if (keptForced < Math.min(forced.size, freeCount)) return;
      if (filled > best.filled || (filled === best.filled && value > best.value)) best = { filled, value };
      return;
    }
    const options: Array<number | null> = fixed.has(s) ? [fixed.get(s)!] : [null, ...input.papers.map((p) => p.id).filter((id) => !used.has(id) && ![...fixed.values()].includes(id))];
    for (const id of options) {
      if (id === null) walk(s + 1, used, filled, value);
      else walk(s + 1, new Set([...used, id]), filled + 1, value + paperWeight(byId.get(id)!, areas) * (S - s));
    }
  };
  walk(0, new Set(), 0, 0);
  return best.value;
}

/** Every presenter and reviewer choice for the planner's papers: the best people value under the hard rules (fair if any fair one exists). */
function bestPeopleValue(input: ScheduleInput, papers: Array<number | null>, lockedPresenter: Map<number, number>): number {
  const byId = new Map(input.papers.map((p) => [p.id, p]));
  const people = input.participants;
  const fill = fillValue(input.days.length);
  let best = { fair: -1, any: -1 };
  const chosen: Assignment[] = [];
  const walk = (s: number, value: number) => {
    if (s === input.days.length) {
      if (isFair(chosen, people, input.held)) best.fair = Math.max(best.fair, value);
      best.any = Math.max(best.any, value);
      return;
    }
    const day = input.days[s];
    const paper = papers[s] === null ? undefined : byId.get(papers[s]!);
    if (!paper) {
      chosen.push({ day, paperId: null, presenterId: null, reviewerId: null });
      walk(s + 1, value);
      chosen.pop();
      return;
    }
    const free = people.filter((p) => !p.away.includes(day));
    const locked = lockedPresenter.get(s);
    const presenters = locked !== undefined ? free.filter((p) => p.id === locked) : [null, ...free.filter((p) => !p.noPresenting)];
    const before = s === 0 ? (input.held?.lastReviewerId ?? null) : chosen[s - 1].reviewerId;
    for (const pr of presenters) {
      for (const rv of [null, ...free]) {
        if (rv && (rv.id === pr?.id || rv.id === before)) continue;
        const v = (pr ? fill + presenterFit(pr, paper).score : 0) + (rv ? fill + reviewerFit(rv, paper).score : 0);
        chosen.push({ day, paperId: paper.id, presenterId: pr?.id ?? null, reviewerId: rv?.id ?? null });
        walk(s + 1, value + v);
        chosen.pop();
      }
    }
  };
  walk(0, 0);
  return best.fair >= 0 ? best.fair : best.any;
}

describe('planSchedule', () => {
  it('finds the brute force optimum and keeps every hard rule and lock', async () => {
    await fc.assert(
      fc.asyncProperty(season, async (input) => {
        const plan = await planSchedule(input);
        expect(plan.status).toBe('optimal');
        expect(plan.sessions.map((s) => s.day)).toEqual(input.days);
        expect(plan.objective.papers).toBe(bestPaperValue(input));
        const lockedPresenter = new Map<number, number>();
        plan.sessions.forEach((s, k) => s.lockPresenter && lockedPresenter.set(k, s.presenterId!));
        expect(plan.objective.people).toBe(bestPeopleValue(input, plan.sessions.map((s) => s.paperId), lockedPresenter));

        expect(violations(plan.sessions.map((s) => ({ ...s, presenterId: s.lockPresenter ? null : s.presenterId })), input.participants, input.held?.lastReviewerId ?? null)).toEqual([]);
        if (!plan.unmet.some((u) => u.code === 'fairnessBroken')) expect(isFair(plan.sessions, input.participants, input.held)).toBe(true);
        const ids = plan.sessions.flatMap((s) => (s.paperId === null ? [] : [s.paperId]));
        expect(new Set(ids).size).toBe(ids.length);
        // A lock is kept unless an earlier lock took its day or its paper (the app never makes such a pair: a lock is a flag on one session).
        for (const l of input.locks.paperOnDay) {
          const at = plan.sessions.find((s) => s.day === l.day);
          if (at && input.papers.some((p) => p.id === l.paperId) && !plan.sessions.some((s) => s.lockPaper && (s.day === l.day ? s.paperId !== l.paperId : s.paperId === l.paperId))) {
            expect(at.paperId).toBe(l.paperId);
          }
        }
        for (const l of input.locks.presenterOfPaper) {
          const at = plan.sessions.find((s) => s.paperId === l.paperId);
          const person = input.participants.find((p) => p.id === l.personId);
          if (at && person && !person.away.includes(at.day) && !plan.sessions.some((s) => s.lockPresenter && s.paperId === l.paperId && s.presenterId !== l.personId)) expect(at.presenterId).toBe(l.personId);
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('gives the heaviest papers to the earliest sessions and says which were left out', async () => {
    const paper = (id: number, votes: number, areaIds = [1]): SchedulePaper => ({ id, votes, areaIds });
    const plan = await planSchedule({
      days: DAYS.slice(0, 2),
      areas: [{ id: 1, risk: null, focus: false }, { id: 2, risk: 'single', focus: false }],
      papers: [paper(1, 1), paper(2, 3), paper(3, 2, [2])],
      participants: [],
      locks: { paperOnDay: [], presenterOfPaper: [] },
    });
    // SimCSE-like paper 3 in a single-expert area: 2 votes + 2 = 4 beats 3 votes.
    expect(plan.sessions.map((s) => s.paperId)).toEqual([3, 2]);
    expect(plan.unmet).toContainEqual({ code: 'morePapersThanSessions', paperIds: [1] });
    expect(plan.sessions[0].reason.paper).toMatchObject({ votes: 2, thinArea: { areaId: 2, risk: 'single' } });
  });

  it('prefers a presenter who grows by teaching and an expert reviewer, and says so', async () => {
    const plan = await planSchedule({
      days: DAYS.slice(0, 1),
      areas: [{ id: 1, risk: null, focus: true }],
      papers: [{ id: 1, votes: 3, areaIds: [1] }],
      participants: [
        { id: 1, noPresenting: false, away: [], skills: { 1: { level: 5, interest: 1 } } },
        { id: 2, noPresenting: false, away: [], skills: { 1: { level: 2, interest: 2 } } },
        { id: 3, noPresenting: false, away: [], skills: { 1: { level: 3, interest: 0 } } },
      ],
      locks: { paperOnDay: [], presenterOfPaper: [] },
    });
    expect(plan.sessions[0]).toMatchObject({ presenterId: 2, reviewerId: 1 });
    expect(plan.sessions[0].reason).toMatchObject({ presenter: { code: 'growsByTeaching', level: 2, interest: 2, areaId: 1 }, reviewer: { code: 'expertReviews', level: 5 }, paper: { focus: true } });
  });

  it('says when a locked presenter is away, when nobody can review and when everyone opted out', async () => {
    const base = { days: DAYS.slice(0, 2), areas: [{ id: 1, risk: null, focus: false }], papers: [{ id: 1, votes: 1, areaIds: [1] }, { id: 2, votes: 0, areaIds: [1] }] };
    const away = await planSchedule({
      ...base,
      participants: [{ id: 1, noPresenting: false, away: [DAYS[0]], skills: {} }],
      locks: { paperOnDay: [{ paperId: 1, day: DAYS[0] }], presenterOfPaper: [{ personId: 1, paperId: 1 }] },
    });
    expect(away.unmet).toContainEqual({ code: 'presenterAway', day: DAYS[0], personId: 1, paperId: 1 });
    expect(away.unmet).toContainEqual({ code: 'noReviewerAvailable', day: DAYS[0] });
    const optedOut = await planSchedule({ ...base, participants: [{ id: 1, noPresenting: true, away: [], skills: {} }], locks: { paperOnDay: [], presenterOfPaper: [] } });
    expect(optedOut.unmet).toContainEqual({ code: 'everyoneOptedOut' });
    const few = await planSchedule({ ...base, days: DAYS, participants: [], locks: { paperOnDay: [], presenterOfPaper: [] } });
    expect(few.unmet).toContainEqual({ code: 'moreSessionsThanPapers', days: DAYS.slice(2) });
  });

  it('plans 40 people × 60 papers × 24 sessions optimally within a second', async () => {
    const input = randomSeason(40, 60, 24, 7);
    await planSchedule(input);
    const started = performance.now();
    const plan = await planSchedule(input);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(plan.status).toBe('optimal');
    expect(plan.sessions.every((s) => s.paperId !== null && s.presenterId !== null && s.reviewerId !== null)).toBe(true);
    expect(isFair(plan.sessions, input.participants)).toBe(true);
  }, 30_000);
});
