import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Area, Person } from '../../src/planning/pairing/index.ts';
import { MAX_CIRCLE_LEARNERS, suggestStudyCircles } from '../../src/planning/study-circles.ts';

const person = (id: number, name: string, levels: Record<number, number>, interests: Record<number, number> = {}): Person => ({
  id,
  name,
  levels,
  interests,
});

const A: Area = { id: 1, name: 'seq2seq LM' };
const B: Area = { id: 2, name: 'zero-shot retriever' };

describe('suggestStudyCircles', () => {
  it('proposes a circle led by the expert with learners ordered by gap', () => {
    const team = [
      person(1, 'Lead', { 1: 5 }),
      person(2, 'Mid', { 1: 3 }, { 1: 2 }),
      person(3, 'New', { 1: 0 }, { 1: 3 }),
      person(4, 'Some', { 1: 2 }, { 1: 2 }),
    ];
    expect(suggestStudyCircles(team, [A])).toEqual([
      {
        areaId: 1,
        leader: { id: 1, level: 5 },
        learners: [
          { id: 3, level: 0, interest: 3, gap: 5 },
          { id: 4, level: 2, interest: 2, gap: 3 },
          { id: 2, level: 3, interest: 2, gap: 2 },
        ],
        totalGap: 10,
      },
    ]);
  });

  it('needs three learners who want to grow (interest ≥ 2, below expert) and an expert', () => {
    const learners = [person(2, 'L1', { 1: 1 }, { 1: 2 }), person(3, 'L2', { 1: 1 }, { 1: 3 })];
    const open = person(4, 'Open', { 1: 1 }, { 1: 1 }); // interest 1 is not "wants to grow"
    const expertLearner = person(5, 'Expert too', { 1: 4 }, { 1: 3 }); // already an expert: not a learner
    expect(suggestStudyCircles([person(1, 'E', { 1: 4 }), ...learners, open, expertLearner], [A])).toEqual([]);
    const three = [...learners, person(6, 'L3', {}, { 1: 2 })];
    const circle = suggestStudyCircles([person(1, 'E', { 1: 4 }), ...three, open, expertLearner], [A]);
    expect(circle.map((c) => c.learners.map((l) => l.id))).toEqual([[6, 2, 3]]);
    expect(suggestStudyCircles(three, [A])).toEqual([]); // nobody to lead
    expect(suggestStudyCircles([person(1, 'E', { 1: 4 }), ...three], [A])).toHaveLength(1);
  });

  it('picks the highest-level expert, then by name, then by id', () => {
    const learners = [2, 3, 4].map((id) => person(id, `L${id}`, {}, { 1: 2 }));
    const leaderOf = (experts: Person[]) => suggestStudyCircles([...experts, ...learners], [A])[0].leader.id;
    expect(leaderOf([person(10, 'Zed', { 1: 4 }), person(11, 'Amy', { 1: 5 })])).toBe(11);
    expect(leaderOf([person(10, 'bora', { 1: 5 }), person(11, 'Ahn', { 1: 5 })])).toBe(11);
    expect(leaderOf([person(12, 'Kim', { 1: 5 }), person(10, 'kim', { 1: 5 })])).toBe(10);
  });

  it('sorts circles by total gap, largest first', () => {
    const team = [
      person(1, 'EA', { 1: 4 }),
      person(2, 'EB', { 2: 5 }),
      ...[3, 4, 5].map((id) => person(id, `L${id}`, { 1: 3, 2: 0 }, { 1: 2, 2: 2 })),
    ];
    const circles = suggestStudyCircles(team, [A, B]);
    expect(circles.map((c) => [c.areaId, c.totalGap])).toEqual([[2, 15], [1, 3]]);
  });

  it('orders equal gaps by name', () => {
    const team = [person(1, 'E', { 1: 5 }), person(4, 'Chan', {}, { 1: 2 }), person(3, 'Bae', {}, { 1: 2 }), person(2, 'Ahn', {}, { 1: 3 })];
    expect(suggestStudyCircles(team, [A])[0].learners.map((l) => l.id)).toEqual([2, 3, 4]);
  });

  it('keeps a circle to MAX_CIRCLE_LEARNERS, largest gaps first', () => {
    const many = Array.from({ length: MAX_CIRCLE_LEARNERS + 3 }, (_, i) => person(10 + i, `L${String(i).padStart(2, '0')}`, { 1: i % 4 }, { 1: 2 }));
    const [circle] = suggestStudyCircles([person(1, 'E', { 1: 5 }), ...many], [A]);
    expect(circle.learners).toHaveLength(MAX_CIRCLE_LEARNERS);
    expect(circle.learners.every((l) => l.level <= 2)).toBe(true);
  });
});

describe('suggestStudyCircles on any team', () => {
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  const levels = fc.dictionary(fc.constantFrom('1', '2', '3'), fc.integer({ min: 0, max: 5 }));
  const interests = fc.dictionary(fc.constantFrom('1', '2', '3'), fc.integer({ min: 0, max: 3 }));
  const team = fc
    .uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 500 }), name: fc.constantFrom('Kim', 'kim', 'Lee', 'Park 2', 'Park 10', '김민아'), levels, interests }), { selector: (p) => p.id, maxLength: 40 })
    .map((ps) => ps.map((p) => person(p.id, p.name, p.levels, p.interests)));
  const byName = (a: Person, b: Person) => collator.compare(a.name, b.name) || a.id - b.id;

  // The sorts compare one number per person (level, then name rank); they must order exactly as comparing level, then name, then id.
  it('leads with the highest level, then by name and id, and takes learners by level, then name and id', () => {
    fc.assert(
      fc.property(team, (people) => {
        for (const c of suggestStudyCircles(people, [A, B, { id: 3, name: 'c' }])) {
          const level = (p: Person) => p.levels[c.areaId] ?? 0;
          const experts = people.filter((p) => level(p) >= 4).sort((a, b) => level(b) - level(a) || byName(a, b));
          const growing = people.filter((p) => (p.interests[c.areaId] ?? 0) >= 2 && level(p) < 4).sort((a, b) => level(a) - level(b) || byName(a, b));
          expect(c.learners.length).toBeGreaterThanOrEqual(3);
          expect(c.leader.id).toBe(experts[0].id);
          expect(c.learners.map((l) => l.id)).toEqual(growing.slice(0, MAX_CIRCLE_LEARNERS).map((p) => p.id));
        }
      }),
    );
  });
});
