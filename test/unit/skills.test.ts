import { describe, expect, it } from 'vitest';
import {
  areaCoverage,
  busFactorRisk,
  effectiveLevel,
  isStale,
  levelTimeline,
  median,
  nameMatches,
  ratingMarks,
  neverRatedThemselves,
  NO_FILTER,
  selectMembers,
  staleByMember,
} from '../../src/planning/skills.ts';
import { matrixUrl, parseFilter } from '../../src/matrix/filter.ts';
import { evidenceProblem, linkify } from '../../src/ratings/rules.ts';
import { safeTarget } from '../../src/http/redirect.ts';

const NOW = new Date('2026-11-02T09:00:00Z');
const DAY = 24 * 3600 * 1000;
const r = (selfLevel: number | null, managerLevel: number | null = null, interest: number | null = null) => ({ selfLevel, managerLevel, interest });

describe('levels and coverage', () => {
  it('takes the manager level where one exists', () => {
    expect(effectiveLevel(r(2, 4))).toBe(4);
    expect(effectiveLevel(r(2))).toBe(2);
    expect(effectiveLevel(r(null))).toBeNull();
    expect(effectiveLevel(undefined)).toBeNull();
  });

  it('calls a rating stale after 180 days without confirmation', () => {
    expect(isStale({ confirmedAt: NOW.getTime() - 180 * DAY }, NOW)).toBe(false);
    expect(isStale({ confirmedAt: NOW.getTime() - 181 * DAY }, NOW)).toBe(true);
  });

  it('marks a rating at a glance: effective level, disagreement, wish to grow, days stale', () => {
    const fresh = { selfLevel: 2, managerLevel: null, interest: 1, confirmedAt: NOW.getTime() - 3 * DAY };
    expect(ratingMarks(fresh, NOW)).toEqual({ level: 2, disagree: false, grows: false, staleDays: null });
    const old = { selfLevel: 2, managerLevel: 4, interest: 2, confirmedAt: NOW.getTime() - 200 * DAY };
    expect(ratingMarks(old, NOW)).toEqual({ level: 4, disagree: true, grows: true, staleDays: 200 });
  });

  it('names the bus factor risk', () => {
    expect([0, 1, 2, 3].map((n) => busFactorRisk(n, 3))).toEqual(['blocker', 'single', 'thin', 'ok']);
    expect(busFactorRisk(2, 2)).toBe('ok');
  });

  it('computes experts, gaps and growers, counting unrated members as 0', () => {
    const c = areaCoverage({ targetLevel: 4, minExperts: 2 }, [r(5), r(2, 4), r(3, null, 2), r(4, null, 3), undefined]);
    expect(c).toMatchObject({ experts: 3, risk: 'ok', best: 5, median: 4, gapBest: -1, gapMedian: 0, growing: 1 });
    expect(median([])).toBeNull();
    expect(median([1, 2, 3, 4])).toBe(2.5);
  });
});

describe('matrix rows', () => {
  const members = [
    { id: 1, name: 'Zoe' },
    { id: 2, name: '김민아' },
    { id: 3, name: 'adam' },
  ];
  const table: Record<string, ReturnType<typeof r>> = {
    '1:10': r(3),
    '1:20': r(1, 2),
    '2:10': r(4, 3, 2),
    '2:20': r(2),
    '3:10': r(5),
  };
  const get = (u: number, a: number) => table[`${u}:${a}`];
  const cmp = new Intl.Collator('en', { sensitivity: 'base' }).compare;
  const names = (f: Partial<typeof NO_FILTER>) => selectMembers(members, get, { ...NO_FILTER, ...f }, cmp).map((m) => m.name);

  it('sorts by name with the collator by default', () => {
    expect(names({})).toEqual(['adam', 'Zoe', '김민아']);
  });

  it('ANDs every area ≥ level condition on effective levels', () => {
    expect(names({ conditions: [{ areaId: 10, min: 3 }] })).toEqual(['adam', 'Zoe', '김민아']);
    expect(names({ conditions: [{ areaId: 10, min: 3 }, { areaId: 20, min: 2 }] })).toEqual(['Zoe', '김민아']);
    // 김민아 rates herself 4 in area 10 but the manager says 3.
    expect(names({ conditions: [{ areaId: 10, min: 4 }] })).toEqual(['adam']);
  });

  it('filters by interest and by name text, case- and accent-insensitively', () => {
    expect(names({ growAreaId: 10 })).toEqual(['김민아']);
    expect(names({ q: 'ZO' })).toEqual(['Zoe']);
    expect(names({ q: '민아' })).toEqual(['김민아']);
    expect(nameMatches('Zoë', 'zoe')).toBe(true);
    expect(nameMatches('anyone', '  ')).toBe(true);
  });

  it('sorts by an area highest first, unrated last, ties by name', () => {
    expect(names({ sort: 10 })).toEqual(['adam', 'Zoe', '김민아']);
    expect(names({ sort: 20 })).toEqual(['Zoe', '김민아', 'adam']);
  });
});

describe('history and reminders', () => {
  it('replays the effective level from history rows in any order', () => {
    const h = (changedAt: number, field: string, oldValue: string | null, newValue: string | null) => ({ changedAt, field, oldValue, newValue });
    const points = levelTimeline([h(30, 'managerLevel', null, '4'), h(10, 'selfLevel', null, '2'), h(20, 'interest', null, '3'), h(40, 'selfLevel', '2', '3'), h(50, 'managerLevel', '4', null)]);
    expect(points).toEqual([
      { at: 10, level: 2 },
      { at: 30, level: 4 },
      { at: 50, level: 3 },
    ]);
    expect(levelTimeline([h(5, 'confirmed', null, null)])).toEqual([]);
  });

  it('finds members without any self level', () => {
    const members = [{ id: 1 }, { id: 2 }, { id: 3 }];
    expect(neverRatedThemselves(members, [{ userId: 1, selfLevel: 2 }, { userId: 2, selfLevel: null }]).map((m) => m.id)).toEqual([2, 3]);
  });

  it('counts stale ratings per member, most stale first', () => {
    const old = { confirmedAt: NOW.getTime() - 200 * DAY };
    const fresh = { confirmedAt: NOW.getTime() - DAY };
    const table: Record<string, { confirmedAt: number }> = { '1:10': old, '1:20': fresh, '2:10': old, '2:20': old };
    const result = staleByMember([{ id: 1, name: 'A' }, { id: 2, name: 'B' }, { id: 3, name: 'C' }], [10, 20], (u, a) => table[`${u}:${a}`], NOW);
    expect(result.map((x) => [x.member.name, x.areaIds])).toEqual([
      ['B', [10, 20]],
      ['A', [10]],
    ]);
  });
});

describe('filter in the address bar', () => {
  const areas = [
    { id: 10, categoryId: 1 },
    { id: 20, categoryId: 2 },
  ];
  it('reads a filter leniently and writes it back canonically', () => {
    const f = parseFilter(new URLSearchParams('ca=10&cl=3&ca=&cl=2&ca=20&cl=2&ca=99&cl=4&ca=20&cl=9&grow=20&q=%20kim%20&sort=10&category=2'), areas);
    expect(f).toEqual({ categoryId: 2, conditions: [{ areaId: 10, min: 3 }, { areaId: 20, min: 2 }], growAreaId: 20, q: 'kim', sort: 10 });
    expect(matrixUrl(f)).toBe('/matrix?q=kim&category=2&ca=10&cl=3&ca=20&cl=2&grow=20&sort=10');
    expect(parseFilter(new URLSearchParams('sort=abc&category=7&grow=-1'), areas)).toEqual(NO_FILTER);
    expect(matrixUrl(NO_FILTER)).toBe('/matrix');
  });
});

describe('rating rules', () => {
  it('accepts only local paths to go back to', () => {
    expect(safeTarget('/matrix?sort=3', '/x')).toBe('/matrix?sort=3');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil', 'matrix', '', undefined, '/a\nb']) expect(safeTarget(bad, '/x')).toBe('/x');
  });

  it('refuses link-like evidence that is not http(s)', () => {
    expect(evidenceProblem('Read the GPL paper')).toBeNull();
    expect(evidenceProblem('Note: ran it twice')).toBeNull();
    expect(evidenceProblem('arXiv:2104.08821')).toBeNull();
    expect(evidenceProblem('https://arxiv.org/abs/2104.08821')).toBeNull();
    expect(evidenceProblem('javascript:alert(1)')).toBe('errors.url');
    expect(evidenceProblem('ftp://files.example/x')).toBe('errors.url');
    expect(evidenceProblem('data:text/html,<b>x</b>')).toBe('errors.url');
  });

  it('makes only http(s) links clickable, without trailing punctuation', () => {
    expect(linkify('see https://a.example/x). and javascript:alert(1)')).toEqual([
      { text: 'see ' },
      { text: 'https://a.example/x', href: 'https://a.example/x' },
      { text: '). and javascript:alert(1)' },
    ]);
  });
});
