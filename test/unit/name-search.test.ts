import { describe, expect, it } from 'vitest';
import { nameMatches } from '../../src/planning/name-search.ts';

describe('name search', () => {
  it('matches Hangul initial consonants', () => {
    expect(nameMatches('김민아', 'ㄱㅁㅇ')).toBe(true);
    expect(nameMatches('김민아', 'ㅁㅇ')).toBe(true);
    expect(nameMatches('김민아', 'ㅂㅈ')).toBe(false);
    expect(nameMatches('김 민아', 'ㄱ ㅁ')).toBe(true);
    expect(nameMatches('김민아', 'ﾡ')).toBe(true); // a half-width ㄱ
    expect(nameMatches('Joon Park', 'ㅂ')).toBe(false);
  });
  it('is case-, width- and accent-insensitive', () => {
    expect(nameMatches('Joon Park', 'joon')).toBe(true);
    expect(nameMatches('Joon Park', 'ＰＡＲＫ')).toBe(true);
    expect(nameMatches('Zoë', 'zoe')).toBe(true);
    expect(nameMatches('김민아', '민아')).toBe(true);
    expect(nameMatches('anyone', '  ')).toBe(true);
    expect(nameMatches('Joon Park', 'tom')).toBe(false);
  });
});
