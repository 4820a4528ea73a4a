import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaTimeline, grewBetween, levelAtMonthEnds, levelDeltas, monthlyCounts, riskChanges, type MemberHistory, type TimelineArea } from '../../src/planning/growth/timeline.ts';
import { areaCoverage, levelTimeline } from '../../src/planning/skills.ts';

// Four months of 2026 in UTC; "now" is mid-April.
const at = (day: string) => Date.parse(`${day}T12:00:00Z`);
const BOUNDS = [Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-02-01T00:00:00Z'), Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-04-01T00:00:00Z'), at('2026-04-15')];
const EMB: TimelineArea = { id: 1, targetLevel: 3, minExperts: 2 };
const SERVING: TimelineArea = { id: 2, targetLevel: 3, minExperts: 1 };

let seq = 0;
const change = (areaId: number, day: string, field: 'selfLevel' | 'managerLevel', oldValue: number | null, newValue: number | null) => ({
  areaId,
  changedAt: at(day),
  id: ++seq,
  field,
  oldValue: oldValue === null ? null : String(oldValue),
  newValue: newValue === null ? null : String(newValue),
});
const member = (userId: number, entries: MemberHistory['entries'], opts: { joinedAt?: number; leftAt?: number | null } = {}): MemberHistory => ({
  userId,
  joinedAt: opts.joinedAt ?? at('2025-06-01'),
  leftAt: opts.leftAt ?? null,
  entries,
});

function timeline(members: MemberHistory[], areas: TimelineArea[] = [EMB], bounds = BOUNDS) {
  const { deltas, joins } = levelDeltas(bounds, areas.map((a) => a.id), members);
  const counts = monthlyCounts(bounds.length - 1, areas.map((a) => a.id), deltas, joins);
  return new Map(areas.map((a) => [a.id, areaTimeline(a, counts.get(a.id)!)]));
}

describe('the team over time', () => {
  it('shows a rise: experts, median, best and people at target month by month', () => {
    const points = timeline([member(1, [change(1, '2026-01-10', 'selfLevel', null, 2), change(1, '2026-03-05', 'selfLevel', 2, 4)]), member(2, [])]).get(1)!;
    expect(points.map((p) => p.experts)).toEqual([0, 0, 1, 1]);
    expect(points.map((p) => p.median)).toEqual([1, 1, 2, 2]);
    expect(points.map((p) => p.best)).toEqual([2, 2, 4, 4]);
    expect(points.map((p) => p.atTarget)).toEqual([0, 0, 1, 1]);
    expect(grewBetween(points, 1, 4)).toEqual({ experts: { from: 0, to: 1 }, median: { from: 1, to: 2 }, atTarget: { from: 0, to: 1 } });
  });

  it('shows a fall, and the month the area became a blocker', () => {
    const points = timeline([member(1, [change(1, '2025-12-01', 'selfLevel', null, 4), change(1, '2026-02-20', 'selfLevel', 4, 3)])]).get(1)!;
    expect(points.map((p) => p.experts)).toEqual([1, 0, 0, 0]);
    expect(points.map((p) => p.risk)).toEqual(['single', 'blocker', 'blocker', 'blocker']);
    expect(riskChanges(points)).toEqual([{ month: 2, from: 'single', to: 'blocker' }]);
    expect(grewBetween(points, 1, 4)).toBeNull();
  });

  it('counts a calibration that lowers a self rating at the lower level', () => {
    const points = timeline([member(1, [change(1, '2026-01-03', 'selfLevel', null, 5), change(1, '2026-02-10', 'managerLevel', null, 3)])]).get(1)!;
    expect(points.map((p) => p.best)).toEqual([5, 3, 3, 3]);
    expect(points.map((p) => p.experts)).toEqual([1, 0, 0, 0]);
    // Removing the calibration brings the self level back.
    const lifted = timeline([member(1, [change(1, '2026-01-03', 'selfLevel', null, 5), change(1, '2026-02-10', 'managerLevel', null, 3), change(1, '2026-03-10', 'managerLevel', 3, null)])]).get(1)!;
    expect(lifted.map((p) => p.best)).toEqual([5, 3, 5, 5]);
  });

  it('stops counting a deactivated member from the month they left', () => {
    const expert = member(1, [change(1, '2025-11-01', 'selfLevel', null, 4)], { leftAt: at('2026-03-02') });
    const points = timeline([expert, member(2, [change(1, '2025-11-01', 'selfLevel', null, 4)])]).get(1)!;
    expect(points.map((p) => p.experts)).toEqual([2, 2, 1, 1]);
    expect(points.map((p) => p.members)).toEqual([2, 2, 1, 1]);
    expect(riskChanges(points)).toEqual([{ month: 3, from: 'ok', to: 'single' }]);
  });

  it('leaves an archived area out (its changes count nowhere)', () => {
    const histories = [member(1, [change(1, '2026-01-10', 'selfLevel', null, 4), change(2, '2026-01-10', 'selfLevel', null, 5)])];
    const onlyServing = timeline(histories, [SERVING]);
    expect([...onlyServing.keys()]).toEqual([2]);
    expect(onlyServing.get(2)!.map((p) => p.best)).toEqual([5, 5, 5, 5]);
  });

  it('counts a member with no history at level 0 from when they joined', () => {
    const points = timeline([member(1, [change(1, '2025-10-01', 'selfLevel', null, 4)]), member(2, [], { joinedAt: at('2026-02-15') })]).get(1)!;
    expect(points.map((p) => p.members)).toEqual([1, 2, 2, 2]);
    expect(points.map((p) => p.median)).toEqual([4, 2, 2, 2]);
    // Alone, a member with no history makes a flat line at 0.
    expect(timeline([member(3, [])]).get(1)!.map((p) => [p.experts, p.best])).toEqual([[0, 0], [0, 0], [0, 0], [0, 0]]);
  });

  it('counts a member from their first level even when it predates their account (seeded history)', () => {
    const points = timeline([member(1, [change(1, '2026-01-05', 'selfLevel', null, 4)], { joinedAt: at('2026-03-20') })]).get(1)!;
    expect(points.map((p) => p.experts)).toEqual([1, 1, 1, 1]);
  });

  it("reads one person's level at the end of each month", () => {
    const points = levelTimeline([change(1, '2026-02-03', 'selfLevel', null, 2), change(1, '2026-02-20', 'selfLevel', 2, 3), change(1, '2026-04-02', 'managerLevel', null, 4)]);
    expect(levelAtMonthEnds(points, BOUNDS)).toEqual([null, 3, 3, 4]);
  });
});

describe('property: the last point of a timeline is the current matrix', () => {
  const day0 = Date.parse('2025-01-01T00:00:00Z');
  const now = BOUNDS[4];
  const arbEntry = fc.record({
    areaId: fc.constantFrom(1, 2),
    t: fc.integer({ min: 0, max: Math.floor((now - day0) / 3_600_000) - 1 }),
    field: fc.constantFrom('selfLevel' as const, 'managerLevel' as const),
    value: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null, freq: 5 }),
  });
  const arbMember = fc.record({
    entries: fc.array(arbEntry, { maxLength: 8 }),
    joined: fc.integer({ min: 0, max: 600 }),
    left: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null, freq: 3 }),
  });

  it('experts, median, best, people at target and risk agree with areaCoverage of the final ratings', () => {
    fc.assert(
      fc.property(fc.array(arbMember, { minLength: 1, maxLength: 7 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 }), (people, minExperts, targetLevel) => {
        const areas = [
          { id: 1, targetLevel, minExperts },
          { id: 2, targetLevel: 3, minExperts: 1 },
        ];
        let id = 0;
        const members: MemberHistory[] = people.map((p, i) => {
          // Each field's old value is the one it last had, as the app writes it.
          const last = new Map<string, string | null>();
          const entries = [...p.entries]
            .sort((a, b) => a.t - b.t)
            .map((e) => {
              const key = `${e.areaId}:${e.field}`;
              const newValue = e.value === null ? null : String(e.value);
              const entry = { areaId: e.areaId, changedAt: day0 + e.t * 3_600_000, id: ++id, field: e.field, oldValue: last.get(key) ?? null, newValue };
              last.set(key, newValue);
              return entry;
            });
          return { userId: i + 1, joinedAt: day0 + p.joined * 86_400_000, leftAt: p.left === null ? null : day0 + p.left * 86_400_000, entries };
        });
        const result = timeline(members, areas);
        // Independently: who is on the team now, and each rating's fields as their newest change left them.
        const team = members.filter((m) => (m.leftAt === null || m.leftAt > now) && Math.min(m.joinedAt, ...m.entries.map((e) => e.changedAt)) < now);
        for (const area of areas) {
          const ratings = team.map((m) => {
            const mine = m.entries.filter((e) => e.areaId === area.id);
            if (mine.length === 0) return undefined;
            const newest = (field: string) => mine.filter((e) => e.field === field).at(-1)?.newValue ?? null;
            const num = (v: string | null) => (v === null ? null : Number(v));
            return { selfLevel: num(newest('selfLevel')), managerLevel: num(newest('managerLevel')), interest: null };
          });
          const expected = areaCoverage(area, ratings);
          const lastPoint = result.get(area.id)!.at(-1)!;
          expect({ experts: lastPoint.experts, median: lastPoint.median, best: lastPoint.best, risk: lastPoint.risk }).toEqual({
            experts: expected.experts,
            median: expected.median,
            best: expected.best,
            risk: expected.risk,
          });
          expect(lastPoint.atTarget).toBe(ratings.filter((r) => (r?.managerLevel ?? r?.selfLevel ?? 0) >= area.targetLevel).length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
