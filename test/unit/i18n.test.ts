import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byName, CATALOGS, interpolate, interpolateByRegex, keyFor, LOCALES, translator, withParticle } from '../../views/i18n/index.ts';
import { formatDate, formatDateTime, formatDay, formatRelative } from '../../views/i18n/format.ts';
import { PARTICLE_PAIRS } from '../../views/i18n/particles.ts';
import { en } from '../../views/i18n/en.ts';
import { ko } from '../../views/i18n/ko.ts';

const [enCatalog, koCatalog] = [en, ko];

describe('message catalogs', () => {
  it('has a typed catalog per language, English for an unknown one', () => {
    expect(LOCALES).toEqual(['ko', 'en']);
    expect(CATALOGS).toEqual({ ko, en });
    expect(translator('xx')('nav.matrix')).toBe(en['nav.matrix']);
  });

  it('interpolates parameters and falls back to the key itself', () => {
    const t = translator('en');
    expect(t('dashboard.hello', { name: '김민아' })).toBe('Hello, 김민아');
    // @ts-expect-error an unknown key fails tsc; at run time it falls back to itself
    expect(t('no.such.key')).toBe('no.such.key');
  });

  it('builds a key from a run-time value under a prefix tsc knows', () => {
    const t = translator('en');
    expect(t(keyFor('level.', 3))).toBe('independent');
    expect(t(keyFor('level.', 9))).toBe('level.9');
    // @ts-expect-error a prefix no key starts with fails tsc
    expect(keyFor('no.such.', 1)).toBe('no.such.1');
  });

  it('ko has every key of en and no other', () => {
    expect(Object.keys(ko).filter((k) => !(k in en))).toEqual([]);
    expect(Object.keys(en).filter((k) => !(k in ko))).toEqual([]);
    expect(Object.values(ko).filter((v) => typeof v !== 'string' || v.trim() === '')).toEqual([]);
  });

  it('ko and en name the same placeholders in every string (a particle after the colon aside, a plural form counting as its number)', () => {
    // a plural branch's own braces (`one {# day}`, `=0 {today}`) hold words, not a placeholder
    const names = (s: string) => [...new Set([...s.matchAll(/(?<!(?:=\d+|\b(?:zero|one|two|few|many|other))\s*)\{(\w+)(?::[^{}]*\}|\}|,\s*plural,)/g)].map((m) => m[1]))].sort();
    const differ = Object.keys(en).filter((k) => names(en[k as keyof typeof en]).join() !== names(ko[k as keyof typeof ko]).join());
    expect(differ.map((k) => `${k}: en ${names(en[k as keyof typeof en])} / ko ${names(ko[k as keyof typeof ko])}`)).toEqual([]);
  });

  it('Korean strings use only the supported particle pairs', () => {
    const pairs = Object.values(ko).flatMap((v) => [...v.matchAll(/\{\w+:([^{}]*)\}/g)].map((m) => m[1]));
    expect(pairs.filter((p) => !(PARTICLE_PAIRS as string[]).includes(p))).toEqual([]);
  });

  it('speaks Korean to a Korean request', () => {
    expect(translator('ko')('nav.matrix')).toBe(ko['nav.matrix']);
    expect(ko['nav.matrix']).not.toBe(en['nav.matrix']);
  });

  it('English strings never use the particle form', () => {
    const bad = Object.entries(en).filter(([, v]) => /\{\w+:[^}]*\}/.test(v));
    expect(bad).toEqual([]);
  });

  it('sorts names with the locale collation', () => {
    expect(byName([{ name: 'émile' }, { name: 'Zoe' }, { name: 'adam' }], 'en').map((p) => p.name)).toEqual(['adam', 'émile', 'Zoe']);
  });

  it('Korean viewers see Hangul in 가나다 order first, then Latin; English viewers Latin first', () => {
    const mixed = ['Tom Becker', '박지훈', 'daniel Cho', '김민아', 'Émile', '이서연', 'Joon Park', '강하늘'].map((name) => ({ name }));
    expect(byName(mixed, 'ko').map((p) => p.name)).toEqual(['강하늘', '김민아', '박지훈', '이서연', 'daniel Cho', 'Émile', 'Joon Park', 'Tom Becker']);
    expect(byName(mixed, 'en').map((p) => p.name)).toEqual(['daniel Cho', 'Émile', 'Joon Park', 'Tom Becker', '강하늘', '김민아', '박지훈', '이서연']);
  });
});

describe('Korean particles after a value', () => {
  const cases: Array<[string, string, string]> = [
    // Hangul with and without a final consonant, ㄹ before 으로/로
    ['김민아', '가', '를'],
    ['박지훈', '이', '을'],
    // Latin names and area names, read as Korean speakers read them
    ['Joon Park', '이', '을'],
    ['Mina', '가', '를'],
    ['Tom Becker', '가', '를'],
    ['Daniel', '이', '을'],
    ['Bob', '이', '을'],
    ['Marcus Webb', '이', '을'],
    ['Sara Kim', '이', '을'],
    ['Lucas Martin', '이', '을'],
    ['Hyejin Lee', '가', '를'],
    ['Priya Nair', '가', '를'],
    ['evaluation', '이', '을'],
    ['data pipelines', '가', '를'],
    ['seq2seq LM', '이', '을'],
    ['contrastive learning', '이', '을'],
    ['zero-shot retriever', '가', '를'],
    ['NLP', '가', '를'],
    ['k', '가', '를'],
    ['M', '이', '을'],
    // digits by their Sino-Korean reading
    ['GPT-4', '가', '를'],
    ['BERT 2', '가', '를'],
    ['Llama 3', '이', '을'],
    ['시즌 10', '이', '을'],
    ['T5', '가', '를'],
    // a trailing "(5)" is not read
    ['김민아 (5)', '가', '를'],
  ];
  it.each(cases)('%s takes %s / %s', (name, subject, object) => {
    expect(withParticle(name, '이/가')).toBe(name + subject);
    expect(withParticle(name, '을/를')).toBe(name + object);
  });

  it('handles every supported pair, ㄹ before 으로/로 included', () => {
    expect(PARTICLE_PAIRS.map((p) => withParticle('박지훈', p))).toEqual(
      ['이', '을', '은', '과', '과', '으로', '이나', '이에요', '아', '이랑', '이었', '이고'].map((j) => '박지훈' + j),
    );
    expect(PARTICLE_PAIRS.map((p) => withParticle('김민아', p))).toEqual(['가', '를', '는', '와', '와', '로', '나', '예요', '야', '랑', '였', '고'].map((j) => '김민아' + j));
    expect(withParticle('Daniel', '으로/로')).toBe('Daniel로');
    expect(withParticle('GPT-1', '으로/로')).toBe('GPT-1로');
    expect(withParticle('seq2seq LM', '으로/로')).toBe('seq2seq LM으로');
  });

  it('puts the copula after dates and levels as they are read (27일이었는데, 레벨이 2고, 레벨이 3이고)', () => {
    expect(withParticle('11월 27일 (금)', '이었/였')).toBe('11월 27일 (금)이었');
    expect(withParticle('2026. 11. 27.', '이었/였')).toBe('2026. 11. 27.이었');
    expect(['1', '2', '3', '4', '5', '9'].map((n) => withParticle(n, '이고/고'))).toEqual(['1이고', '2고', '3이고', '4고', '5고', '9고']);
  });

  it('is what `{x:이/가}` prints; `{x}` prints the value alone', () => {
    expect(interpolate('{mentor:이/가} {learner}에게', { mentor: '김민아', learner: 'Joon Park' })).toBe('김민아가 Joon Park에게');
    expect(interpolate('{a:이/가} {area:을/를} 멘토링', { a: 'Joon Park', area: 'seq2seq LM' })).toBe('Joon Park이 seq2seq LM을 멘토링');
    expect(interpolate('{n}명', { n: 3 })).toBe('3명');
    expect(interpolate('{missing:이/가}', {})).toBe('{missing:이/가}');
  });
});

describe('plurals', () => {
  const en = translator('en');
  const ko = translator('ko');
  it('English picks one or other by Intl.PluralRules; # prints the number', () => {
    expect([0, 1, 2].map((days) => interpolate('{days, plural, one {# day} other {# days}} late', { days }))).toEqual(['0 days late', '1 day late', '2 days late']);
    expect([0, 1, 2].map((open) => en('deals.reason.needed.at_risk', { due: 'Dec 4, 2026', days: open + 1, open }))).toEqual([
      'The partner needs this by Dec 4, 2026 (in 1 day); 0 items are still open.',
      'The partner needs this by Dec 4, 2026 (in 2 days); 1 item is still open.',
      'The partner needs this by Dec 4, 2026 (in 3 days); 2 items are still open.',
    ]);
    expect([1, 2].map((times) => en('pairings.person.summary', { times, partners: times, never: times }))).toEqual([
      'Paired once with 1 person; never with 1 teammate.',
      'Paired 2 times with 2 people; never with 2 teammates.',
    ]);
  });
  it('an exact =N branch wins over the category; other placeholders work inside a branch', () => {
    const s = '{n, plural, =0 {nothing for {who}} one {# thing for {who}} other {# things for {who}}}';
    expect([0, 1, 5].map((n) => interpolate(s, { n, who: 'Mina' }))).toEqual(['nothing for Mina', '1 thing for Mina', '5 things for Mina']);
    expect(interpolate('{n, plural, one {# thing} other {# things}}', { who: 'Mina' })).toBe('{n, plural, one {# thing} other {# things}}');
  });
  it('every plural form in the catalogs is well formed and has an `other` branch', () => {
    const forms = [...Object.values(enCatalog), ...Object.values(koCatalog)].filter((v: string) => v.includes(', plural,'));
    expect(forms.length).toBeGreaterThan(20);
    const params = (v: string) => Object.fromEntries([...v.matchAll(/\{(\w+)/g)].map((m) => [m[1], 7]));
    expect(forms.filter((v) => /[{}#]/.test(interpolate(v, params(v))) || !/other \{/.test(v))).toEqual([]);
  });
  it('Korean counts need no plural form', () => {
    expect([1, 2].map((days) => ko('deals.reason.item.late', { side: '제공', item: '데이터', due: '12월 1일 (화)', days }))).toEqual([
      '제공 “데이터”의 기한이 12월 1일 (화)이었는데 1일 지났어요.',
      '제공 “데이터”의 기한이 12월 1일 (화)이었는데 2일 지났어요.',
    ]);
    expect(interpolate('{n}명, {n, plural, other {#명}}', { n: 1 }, 'ko')).toBe('1명, 1명');
  });
  it('0 days ago reads today, in both languages', () => {
    expect([0, 1, 4].map((days) => en('pairings.grid.ago', { days }))).toEqual(['today', '1 d ago', '4 d ago']);
    expect([0, 4].map((days) => ko('pairings.grid.ago', { days }))).toEqual(['오늘', '4일 전']);
    expect([0, 1, 4].map((days) => en('pairing.reason.pairedDaysAgo', { days }))).toEqual(['last paired today', 'last paired 1 day ago', 'last paired 4 days ago']);
    expect(ko('pairing.reason.pairedDaysAgo', { days: 0 })).toBe('마지막 페어: 오늘');
    expect(en('pairings.grid.cellLong', { a: 'Mina', b: 'Joon', count: 1, days: 0 })).toBe('Mina and Joon: paired once, most recently today');
    expect(ko('pairings.grid.cellLong', { a: '김민아', b: '박지훈', count: 2, days: 3 })).toBe('김민아와 박지훈: 2번 페어, 마지막은 3일 전');
    expect(en('pairings.people.when', { date: 'Dec 1, 2026', days: 0 })).toBe('Dec 1, 2026 (today)');
  });
});

describe('dates', () => {
  const dec1 = Date.UTC(2026, 11, 1, 17, 5);
  const now = Date.UTC(2026, 11, 4, 9);
  it('tables: 2026. 12. 1. / Dec 1, 2026, times in 24 hours', () => {
    expect(formatDate(dec1, 'ko')).toBe('2026. 12. 1.');
    expect(formatDate(dec1, 'en')).toBe('Dec 1, 2026');
    expect(formatDateTime(dec1, 'ko')).toBe('2026. 12. 1. 17:05');
    expect(formatDateTime(dec1, 'en')).toBe('Dec 1, 2026, 17:05');
  });
  it('sentences: 12월 1일 (화), with the year only when it is another year; English as in tables', () => {
    expect(formatDay(dec1, 'ko', now)).toBe('12월 1일 (화)');
    expect(formatDay(Date.UTC(2025, 11, 1), 'ko', now)).toBe('2025년 12월 1일 (월)');
    expect(formatDay(dec1, 'en', now)).toBe('Dec 1, 2026');
  });
  it('relative: 오늘, 어제, 3일 전, 2주 전 / today, 3 days ago', () => {
    const day = 86_400_000;
    expect([0, 1, 3, 14, 95].map((d) => formatRelative(now - d * day, 'ko', now))).toEqual(['오늘', '어제', '3일 전', '2주 전', '3개월 전']);
    expect([0, 1, 3, 14].map((d) => formatRelative(now - d * day, 'en', now))).toEqual(['today', 'yesterday', '3 days ago', '2 weeks ago']);
    expect(formatRelative(now + 2 * day, 'ko', now)).toBe('모레');
  });
});

describe('parsed templates', () => {
  const VALUES: Array<string | number> = [0, 1, 2, 5, 21, 1.5, '김민아', '이서연', 'Joon Park', '', '3일', '{x}'];
  const names = (template: string) => [...new Set([...template.matchAll(/\{(\w+)/g)].map((m) => m[1]))];

  it('print every catalog string exactly as the regular expressions do, with any values and with some missing', () => {
    for (const locale of LOCALES) {
      for (const template of Object.values(CATALOGS[locale]) as string[]) {
        const keys = names(template);
        VALUES.forEach((_, i) => {
          const params = Object.fromEntries(keys.map((k, j) => [k, VALUES[(i + j) % VALUES.length]]));
          expect(interpolate(template, params, locale), template).toBe(interpolateByRegex(template, params, locale));
          // Every other value left out: placeholders without one stay as written.
          const some = Object.fromEntries(Object.entries(params).filter((_, j) => (i + j) % 2 === 0));
          expect(interpolate(template, some, locale), template).toBe(interpolateByRegex(template, some, locale));
        });
      }
    }
  });

  it('print any template built from text, placeholders, particles and plurals as the regular expressions do', () => {
    const text = fc.stringMatching(/^[a-z 가-힣#.,]{0,6}$/);
    const name = fc.constantFrom('n', 'name', 'days', 'x');
    const placeholder = fc.tuple(name, fc.constantFrom('', ':이/가', ':을/를', ':은/는', ':과/와', ':a/b')).map(([n, pair]) => `{${n}${pair}}`);
    const branchText = fc.array(fc.oneof(text, placeholder, fc.constant('#')), { maxLength: 4 }).map((parts) => parts.join(''));
    const plural = fc
      .tuple(name, fc.uniqueArray(fc.constantFrom('=0', '=1', 'one', 'few', 'other'), { minLength: 1, maxLength: 3 }), fc.array(branchText, { minLength: 3, maxLength: 3 }))
      .map(([n, forms, texts]) => `{${n}, plural, ${forms.map((f, i) => `${f} {${texts[i]}}`).join(' ')}}`);
    const template = fc.array(fc.oneof(text, placeholder, plural), { maxLength: 5 }).map((parts) => parts.join(''));
    const params = fc.dictionary(name, fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constantFrom('김민아', '박지훈', 'Tom', '')), { maxKeys: 4 });
    fc.assert(
      fc.property(template, params, fc.constantFrom(...LOCALES), (tpl, p, locale) => {
        expect(interpolate(tpl, p, locale)).toBe(interpolateByRegex(tpl, p, locale));
      }),
      { numRuns: 2000 },
    );
  });
});
