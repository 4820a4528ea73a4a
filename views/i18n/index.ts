// Message lookup, locale-aware sorting and date formatting for the request's locale.
import { getContext } from 'hono/context-storage';
import { isLocale, LOCALES, type Locale } from '../../src/domain.ts';
import { en, type Catalog, type MessageKey } from './en.ts';
import { ko } from './ko.ts';
import * as dates from './format.ts';
import { isParticlePair, withParticle } from './particles.ts';

export type { MessageKey, Locale };
export { LOCALES, isLocale };
export { withParticle, type ParticlePair } from './particles.ts';
export type Params = Record<string, string | number>;
/** Typed by key: a key the English catalog lacks fails `tsc`. */
export type Translate = (key: MessageKey, params?: Params) => string;

/** Every start of a key up to one of its dots: 'deals.', 'deals.status.', … */
type KeyPrefix<K extends string = MessageKey> = K extends `${infer Head}.${infer Tail}` ? `${Head}.` | `${Head}.${KeyPrefix<Tail>}` : never;

/**
 * The key for a value known only at run time (a level, a status read from the timeline): tsc checks that
 * keys start with `prefix`; a value the catalog lacks shows as the key itself, like any missing key.
 */
export const keyFor = (prefix: KeyPrefix, value: string | number | null) => `${prefix}${value}` as MessageKey;

/** The typed catalog of each language. */
export const CATALOGS: Record<Locale, Catalog> = { ko, en };

/** Each language named in itself, the same on every page (the language switch, the profile). */
export const LANGUAGE_NAMES: Record<Locale, string> = { ko: '한국어', en: 'English' };

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(n: number, locale: string): string {
  let r = pluralRules.get(locale);
  if (!r) pluralRules.set(locale, (r = new Intl.PluralRules(locale)));
  return r.select(n);
}

// A branch's text may hold plain `{name}` placeholders, one level deep.
const BRANCH = String.raw`(=\d+|[a-z]+)\s*\{((?:[^{}]|\{[^{}]*\})*)\}`;
const PLURAL = new RegExp(String.raw`\{(\w+),\s*plural,((?:\s*${BRANCH})+)\s*\}`, 'g');

/**
 * `{n, plural, =0 {none} one {# item} other {# items}}`: the branch of an exact `=N` match, else of
 * the locale's plural category (Intl.PluralRules), else `other`; `#` in it prints the number.
 */
/** The branches of each plural block, parsed once: the catalogs are fixed, so this holds at most one entry per block. */
const parsedBranches = new Map<string, Map<string, string>>();

function pluralize(template: string, params: Params, locale: string): string {
  return template.replace(PLURAL, (whole, name: string, body: string) => {
    if (!(name in params)) return whole;
    const n = Number(params[name]);
    let branches = parsedBranches.get(body);
    if (!branches) parsedBranches.set(body, (branches = new Map([...body.matchAll(new RegExp(BRANCH, 'g'))].map((m) => [m[1], m[2]]))));
    const text = branches.get(`=${n}`) ?? branches.get(pluralCategory(n, locale)) ?? branches.get('other') ?? '';
    return text.replace(/#/g, String(params[name]));
  });
}

/**
 * `{name}` prints the value; `{name:이/가}` prints it followed by the Korean particle that fits its
 * last sound (see particles.ts); `{name, plural, …}` picks the words that fit the count (see
 * pluralize). A placeholder without a value stays as written. Each template is parsed once into
 * pieces (`compile`): pages call this for every cell and row, and the catalogs are fixed.
 */
export function interpolate(template: string, params?: Params, locale: string = 'en'): string {
  // Most messages have no placeholder: nothing to parse.
  if (!params || !template.includes('{')) return template;
  let pieces = compiled.get(template);
  if (!pieces) compiled.set(template, (pieces = compile(template)));
  if (!pieces.ok(params)) return interpolateByRegex(template, params, locale);
  return render(pieces.pieces, params, locale, '');
}

/** The same by regular expressions over the text: the definition the parsed pieces follow, and their fallback. */
export function interpolateByRegex(template: string, params: Params, locale: string): string {
  return (template.includes('plural,') ? pluralize(template, params, locale) : template).replace(PLACEHOLDER, (whole, name: string, pair?: string) =>
    name in params ? valueText(params[name], pair) : whole,
  );
}

const PLACEHOLDER = /\{(\w+)(?::([^{}]+))?\}/g;

function valueText(value: string | number, pair: string | undefined): string {
  const text = String(value);
  if (!pair) return text;
  return isParticlePair(pair) ? withParticle(text, pair) : text + pair.split('/')[0];
}

/** Text, a placeholder (kept as `whole` without a value), the count `#` of a plural branch, or a plural block. */
type Piece = string | { name: string; pair: string | undefined; whole: string } | { count: true } | { plural: string; branches: Map<string, Piece[]> };
type Compiled = { pieces: Piece[]; ok: (params: Params) => boolean };
const compiled = new Map<string, Compiled>();

/** Text with placeholders (and, in a plural branch, `#`) as pieces. */
function textPieces(text: string, inBranch: boolean): Piece[] {
  const pieces: Piece[] = [];
  const literal = (s: string) => {
    if (!inBranch) return s && pieces.push(s);
    s.split('#').forEach((part, i) => {
      if (i > 0) pieces.push({ count: true });
      if (part) pieces.push(part);
    });
  };
  let at = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    literal(text.slice(at, m.index));
    pieces.push({ name: m[1], pair: m[2], whole: m[0] });
    at = m.index + m[0].length;
  }
  literal(text.slice(at));
  return pieces;
}

function compile(template: string): Compiled {
  const pieces: Piece[] = [];
  const plurals: string[] = [];
  let at = 0;
  for (const m of template.matchAll(PLURAL)) {
    pieces.push(...textPieces(template.slice(at, m.index), false));
    plurals.push(m[1]);
    pieces.push({ plural: m[1], branches: new Map([...m[2].matchAll(new RegExp(BRANCH, 'g'))].map((b) => [b[1], textPieces(b[2], true)])) });
    at = m.index + m[0].length;
  }
  pieces.push(...textPieces(template.slice(at), false));
  // A plural without its count stays as written and is then read for placeholders like the text around it,
  // and a count that itself looks like a placeholder would be read again: both are left to the regular expressions.
  return { pieces, ok: (params) => plurals.every((name) => name in params && !String(params[name]).includes('{')) };
}

function render(pieces: Piece[], params: Params, locale: string, count: string): string {
  let out = '';
  for (const p of pieces) {
    if (typeof p === 'string') out += p;
    else if ('count' in p) out += count;
    else if ('plural' in p) {
      const n = Number(params[p.plural]);
      const branch = p.branches.get(`=${n}`) ?? p.branches.get(pluralCategory(n, locale)) ?? p.branches.get('other');
      if (branch) out += render(branch, params, locale, String(params[p.plural]));
    } else out += p.name in params ? valueText(params[p.name], p.pair) : p.whole;
  }
  return out;
}

const translators = new Map<Locale, Translate>();

/** A translator for one locale; missing keys fall back to English, then to the key itself. */
export function translator(locale: string): Translate {
  const lang: Locale = isLocale(locale) ? locale : 'en';
  let made = translators.get(lang);
  if (!made) translators.set(lang, (made = translatorOf(lang)));
  return made;
}

function translatorOf(lang: Locale): Translate {
  const catalog: Record<string, string> = CATALOGS[lang];
  return (key, params) =>
    key in catalog ? interpolate(catalog[key], params, lang) : interpolate((en as Record<string, string>)[key] ?? key, params, 'en');
}

function contextVar<T>(name: 'locale' | 'now'): T | undefined {
  try {
    // `get`, not `.var`: Hono builds a new object of every variable on each `.var` read, and `t` runs per cell.
    return getContext().get(name as never) as T | undefined;
  } catch {
    return undefined; // outside a request (tests, the seed script)
  }
}

/** The current request's language (English outside a request). */
export function currentLocale(): Locale {
  const l = contextVar<string>('locale');
  return isLocale(l) ? l : 'en';
}
const currentNow = () => contextVar<() => Date>('now')?.() ?? new Date();

/** Looks a key up in the current request's locale. */
export const t: Translate = (key, params) => translator(currentLocale())(key, params);

const collators = new Map<string, Intl.Collator>();
/**
 * The viewer's collation. Korean (ICU's `ko`): Hangul in 가나다 order, then Latin A–Z; English: Latin
 * first, then Hangul. Case and accents are ignored, digits compare as numbers ("2" before "10").
 */
export function collator(locale: string = currentLocale()): Intl.Collator {
  let c = collators.get(locale);
  if (!c) collators.set(locale, (c = new Intl.Collator(locale, { sensitivity: 'base', numeric: true })));
  return c;
}

export function byName<T extends { name: string }>(items: T[], locale: string = currentLocale()): T[] {
  const c = collator(locale);
  return [...items].sort((a, b) => c.compare(a.name, b.name));
}

/** A date in a table or list: `2026. 12. 1.` / `Dec 1, 2026`. */
export const formatDate = (ms: number | Date, locale: string = currentLocale()) => dates.formatDate(ms, locale);
/** A date and 24-hour time: `2026. 12. 1. 17:00` / `Dec 1, 2026, 17:00`. */
export const formatDateTime = (ms: number | Date, locale: string = currentLocale()) => dates.formatDateTime(ms, locale);
/** A date inside a sentence: `12월 1일 (화)` (`2025년 12월 1일 (월)` in another year) / `Dec 1, 2026`. */
export const formatDay = (ms: number | Date, locale: string = currentLocale(), now: number | Date = currentNow()) => dates.formatDay(ms, locale, now);
/** Days ago or ahead: 오늘, 3일 전, 2주 전 / today, 3 days ago. */
export const formatRelative = (ms: number | Date, locale: string = currentLocale(), now: number | Date = currentNow()) => dates.formatRelative(ms, locale, now);
