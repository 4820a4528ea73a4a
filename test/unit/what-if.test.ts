// If this person left: hand-made teams, and a property test against removing the person and recomputing everything from scratch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  areasThatMatter,
  compareScores,
  fragileAreas,
  keyPersonCandidates,
  rankKeyPeople,
  scoreOf,
  whatIfLeft,
  type Person,
  type RiskArea,
  type TeamFigures,
} from '../../src/planning/growth/what-if.ts';
import { areaCoverage, effectiveLevel, type RatingLike } from '../../src/planning/skills.ts';
import { meetsMinimums } from '../../src/planning/work-split/rules.ts';
import type { Requirement } from '../../src/planning/work-split/types.ts';

type Levels = Pick<RatingLike, 'selfLevel' | 'managerLevel' | 'interest'>;
type Member = { id: number; role: 'member' | 'manager'; ratings: Map<number, Levels> };
type Area = { id: number; targetLevel: number; minExperts: number };
type Item = { id: number; requirements: Requirement[]; ownerId: number | null };
type Commit = { dealItemId: number; dealId: number; memberIds: number[] };
type World = { members: Member[]; areas: Area[]; items: Item[]; commitments: Commit[] };

const level = (r: Levels | undefined) => r?.managerLevel ?? r?.selfLevel ?? 0;

/** What the database hands the pure functions: counts per area and level, eligible owners when at most one (as the SQL reads them, written out again here). */
function figuresOf(w: World): TeamFigures {
  const areas: RiskArea[] = w.areas.map((a) => {
    const atLevel = new Map<number, number>();
    let growing = 0;
    for (const m of w.members) {
      const r = m.ratings.get(a.id);
      atLevel.set(level(r), (atLevel.get(level(r)) ?? 0) + 1);
      if ((r?.interest ?? 0) >= 2 && level(r) < 4) growing++;
    }
    return { ...a, counts: { atLevel, growing } };
  });
  const items = w.items.map((item) => {
    const eligible = w.members.filter((m) => m.role === 'member' && item.requirements.every((rq) => level(m.ratings.get(rq.areaId)) >= rq.minLevel)).map((m) => m.id);
    return { ...item, eligible: eligible.length <= 1 ? eligible : null };
  });
  return { areas, items, commitments: w.commitments };
}

const personOf = (m: Member): Person => ({ id: m.id, ownsWork: m.role === 'member', ratings: m.ratings });

/** The person removed from the team, coverage and eligibility recomputed from scratch with the app's own functions. */
function bruteForce(w: World, leaving: Member) {
  const rest = w.members.filter((m) => m.id !== leaving.id);
  const levels = (m: Member) => ({ levels: Object.fromEntries([...m.ratings].map(([a, r]) => [a, effectiveLevel(r) ?? 0])) });
  const areas = w.areas.flatMap((a) => {
    const before = areaCoverage(a, w.members.map((m) => m.ratings.get(a.id)));
    const after = areaCoverage(a, rest.map((m) => m.ratings.get(a.id)));
    return before.risk !== after.risk ? [{ areaId: a.id, after: after.risk }] : [];
  });
  const items = w.items.flatMap((item) => {
    const others = rest.filter((m) => m.role === 'member' && meetsMinimums(levels(m), item));
    const qualified = leaving.role === 'member' && meetsMinimums(levels(leaving), item);
    const owned = item.ownerId === leaving.id;
    return others.length === 0 && (owned || qualified) ? [item.id] : [];
  });
  const commitments = w.commitments.filter((c) => c.memberIds.includes(leaving.id)).map((c) => ({ dealItemId: c.dealItemId, others: c.memberIds.length - 1 }));
  return { areas, items, commitments };
}

const rating = (selfLevel: number | null, managerLevel: number | null = null, interest: number | null = null): Levels => ({ selfLevel, managerLevel, interest });
const member = (id: number, ratings: Array<[number, Levels]>, role: Member['role'] = 'member'): Member => ({ id, role, ratings: new Map(ratings) });

describe('whatIfLeft on a hand-made team', () => {
  // Area 1: Minah is the only expert. Area 2: Minah and Joon are experts, minimum 3. Area 3: four experts.
  const minah = member(1, [[1, rating(5)], [2, rating(4)], [3, rating(2, 4)]]);
  const joon = member(2, [[1, rating(3)], [2, rating(4)], [3, rating(4)]]);
  const sara = member(3, [[1, rating(2, null, 3)], [3, rating(5)]]);
  const boss = member(4, [[3, rating(4)]], 'manager');
  const world: World = {
    members: [minah, joon, sara, boss],
    areas: [{ id: 1, targetLevel: 3, minExperts: 2 }, { id: 2, targetLevel: 3, minExperts: 3 }, { id: 3, targetLevel: 3, minExperts: 2 }],
    items: [
      { id: 10, requirements: [{ areaId: 1, minLevel: 4 }], ownerId: null }, // only Minah qualifies
      { id: 11, requirements: [{ areaId: 2, minLevel: 4 }], ownerId: 1 }, // Joon qualifies too
      { id: 12, requirements: [{ areaId: 1, minLevel: 5 }, { areaId: 3, minLevel: 5 }], ownerId: 1 }, // nobody qualifies; Minah owns it
      { id: 13, requirements: [{ areaId: 3, minLevel: 4 }], ownerId: null }, // only members count: Joon, Sara (and Minah)
    ],
    commitments: [
      { dealItemId: 20, dealId: 7, memberIds: [1] },
      { dealItemId: 21, dealId: 7, memberIds: [1, 2] },
      { dealItemId: 22, dealId: 8, memberIds: [3] },
    ],
  };
  const team = figuresOf(world);

  it('names the area that becomes a blocker and the one that becomes a single point of failure, worst first', () => {
    const w = whatIfLeft(personOf(minah), team);
    expect(w.areas).toEqual([
      { areaId: 1, before: 'single', after: 'blocker', expertsBefore: 1, expertsAfter: 0 },
      { areaId: 2, before: 'thin', after: 'single', expertsBefore: 2, expertsAfter: 1 },
    ]);
    expect(w.stillCovered).toEqual([3]);
  });

  it('lists the items nobody else may own: unassigned with her as the only qualified member, and owned with nobody qualified', () => {
    expect(whatIfLeft(personOf(minah), team).items).toEqual([
      { itemId: 10, owned: false, qualified: true },
      { itemId: 12, owned: true, qualified: false },
    ]);
  });

  it('lists every commitment she is on, with how many others share it', () => {
    expect(whatIfLeft(personOf(minah), team).commitments).toEqual([
      { dealItemId: 20, dealId: 7, others: 0 },
      { dealItemId: 21, dealId: 7, others: 1 },
    ]);
  });

  it('a manager owns no work: meeting the minimums alone does not make them an owner nobody replaces', () => {
    const w = whatIfLeft(personOf(boss), team);
    expect(w.items).toEqual([]);
    expect(w.areas).toEqual([]);
  });

  it('a member with nothing only they hold breaks nothing', () => {
    const w = whatIfLeft(personOf(joon), team);
    expect(scoreOf(w)).toEqual({ blocker: 0, single: 1, items: 0, commitments: 0, thin: 0 });
  });

  it('ranks blockers before single points of failure before items before commitments before thin areas', () => {
    const ranked = rankKeyPeople(world.members.map(personOf), team, (a, b) => a - b);
    expect(ranked.map((k) => k.personId)).toEqual([1, 2, 3]);
    expect(ranked[0].score).toEqual({ blocker: 1, single: 1, items: 2, commitments: 1, thin: 0 });
    expect(ranked[2].score).toEqual({ blocker: 0, single: 0, items: 0, commitments: 1, thin: 0 });
    const base = { blocker: 0, single: 0, items: 0, commitments: 0, thin: 0 };
    expect(compareScores({ ...base, blocker: 1 }, { ...base, single: 5, items: 9 })).toBeGreaterThan(0);
    expect(compareScores({ ...base, items: 1 }, { ...base, commitments: 3, thin: 4 })).toBeGreaterThan(0);
    expect(compareScores({ ...base, commitments: 1 }, { ...base, thin: 9 })).toBeGreaterThan(0);
  });

  it('a shared commitment or an expertise others hold is no reason to rank', () => {
    const lone: World = { ...world, items: [], commitments: [{ dealItemId: 30, dealId: 9, memberIds: [2, 3] }] };
    const ranked = rankKeyPeople([personOf(joon), personOf(sara)], figuresOf(lone), (a, b) => a - b);
    expect(ranked.map((k) => k.personId)).toEqual([2]); // Joon: area 2 becomes a single point of failure
  });

  it('a thin area that stays thin is not a change', () => {
    const thin: World = { members: [minah, joon, sara], areas: [{ id: 3, targetLevel: 3, minExperts: 5 }], items: [], commitments: [] };
    const w = whatIfLeft(personOf(sara), figuresOf(thin));
    expect(w.areas).toEqual([]);
    expect(w.stillCovered).toEqual([3]);
  });

  it('equal scores keep the tie-break order', () => {
    const twins: World = { members: [member(5, [[1, rating(4)]]), member(6, [[2, rating(4)]])], areas: [{ id: 1, targetLevel: 3, minExperts: 1 }, { id: 2, targetLevel: 3, minExperts: 1 }], items: [], commitments: [] };
    expect(rankKeyPeople(twins.members.map(personOf), figuresOf(twins), (a, b) => b - a).map((k) => k.personId)).toEqual([6, 5]);
  });
});

describe('whatIfLeft against removing the person and recomputing from scratch', () => {
  const levelsArb = fc.record({
    selfLevel: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    managerLevel: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 3, nil: null }),
    interest: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  });
  const worldArb = fc
    .record({ people: fc.integer({ min: 1, max: 7 }), areas: fc.integer({ min: 1, max: 4 }) })
    .chain(({ people, areas }) =>
      fc.record({
        members: fc.tuple(
          ...Array.from({ length: people }, (_, i) =>
            fc.record({
              role: fc.constantFrom<Member['role']>('member', 'member', 'member', 'manager'),
              ratings: fc.array(fc.option(levelsArb, { freq: 3, nil: undefined }), { minLength: areas, maxLength: areas }),
            }).map((m): Member => ({ id: i + 1, role: m.role, ratings: new Map(m.ratings.flatMap((r, a) => (r ? [[a + 1, r] as [number, Levels]] : []))) })),
          ),
        ),
        areas: fc.tuple(...Array.from({ length: areas }, (_, a) => fc.record({ targetLevel: fc.integer({ min: 1, max: 5 }), minExperts: fc.integer({ min: 1, max: 4 }) }).map((x): Area => ({ id: a + 1, ...x })))),
        items: fc.array(
          fc.record({
            requirements: fc.uniqueArray(fc.record({ areaId: fc.integer({ min: 1, max: areas }), minLevel: fc.integer({ min: 0, max: 5 }) }), { maxLength: 3, selector: (r) => r.areaId }),
            ownerId: fc.option(fc.integer({ min: 1, max: people }), { nil: null }),
          }),
          { maxLength: 6 },
        ),
        commitments: fc.array(fc.uniqueArray(fc.integer({ min: 1, max: people }), { minLength: 1, maxLength: 3 }), { maxLength: 4 }),
      }),
    )
    .map((x): World => ({
      members: x.members,
      areas: x.areas,
      items: x.items.map((item, i) => ({ id: 100 + i, ...item })),
      commitments: x.commitments.map((memberIds, i) => ({ dealItemId: 200 + i, dealId: 300 + (i % 2), memberIds })),
    }));

  it('finds the same areas, items and commitments for every person', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const team = figuresOf(world);
        for (const m of world.members) {
          const fast = whatIfLeft(personOf(m), team);
          const brute = bruteForce(world, m);
          expect(fast.areas.map((a) => ({ areaId: a.areaId, after: a.after })).sort((a, b) => a.areaId - b.areaId)).toEqual(brute.areas);
          expect(fast.items.map((i) => i.itemId)).toEqual(brute.items);
          expect(fast.commitments.map((c) => ({ dealItemId: c.dealItemId, others: c.others }))).toEqual(brute.commitments);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('ranks the same people from the candidates the aggregates name, with only the ratings that matter, as from the whole team', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const team = figuresOf(world);
        const fragile = new Set(fragileAreas(team.areas));
        const experts = world.members.filter((m) => [...fragile].some((a) => level(m.ratings.get(a)) >= 4)).map((m) => m.id);
        const candidates = keyPersonCandidates(team, experts);
        const byId = (a: number, b: number) => a - b;
        // Each candidate with only the ratings that can matter, as the page reads them.
        const matter = areasThatMatter(team, fragile);
        const restricted = (m: Member): Person => ({ ...personOf(m), ratings: new Map([...m.ratings].filter(([a]) => matter.has(a))) });
        const fromCandidates = rankKeyPeople(world.members.filter((m) => candidates.has(m.id)).map(restricted), team, byId);
        const everyone = world.members
          .map((m) => {
            const b = bruteForce(world, m);
            const becomes = (risk: string) => b.areas.filter((a) => a.after === risk).length;
            return { id: m.id, score: { blocker: becomes('blocker'), single: becomes('single'), items: b.items.length, commitments: b.commitments.filter((c) => c.others === 0).length, thin: becomes('thin') } };
          })
          .filter((k) => Object.values(k.score).some((n) => n > 0))
          .sort((a, b) => compareScores(b.score, a.score) || a.id - b.id);
        expect(fromCandidates.map((k) => ({ id: k.personId, score: k.score }))).toEqual(everyone);
      }),
      { numRuns: 400 },
    );
  });
});
