// Message lookup, locale-aware sorting and date formatting for the request's locale.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getContext } from 'hono/context-storage';
import { en, type Catalog, type MessageKey } from './en.ts';

export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

/**
 * Other languages are data: a `<locale>.json` file beside this one (e.g. `ko.json`, keys as in en.ts)
 * is picked up at start-up; a missing key falls back to English.
 */
export function loadCatalogs(dir: string): Record<string, Partial<Catalog>> {
  const found: Record<string, Partial<Catalog>> = { en };
  for (const file of readdirSync(dir)) {
    const locale = /^([a-z]{2,3}(?:-[A-Z]{2})?)\.json$/.exec(file)?.[1];
    if (locale && locale !== 'en') found[locale] = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  }
  return found;
}

const catalogs = loadCatalogs(dirname(fileURLToPath(import.meta.url)));
export const LOCALES = Object.keys(catalogs);

function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A translator for one locale; missing keys fall back to English, then to the key itself. */
export function translator(locale: string): Translate {
  const catalog = catalogs[locale] ?? en;
  return (key, params) => interpolate((catalog as Record<string, string>)[key] ?? (en as Record<string, string>)[key] ?? key, params);
}

function currentLocale(): string {
  try {
    return (getContext().var as { locale?: string }).locale ?? 'en';
  } catch {
    return 'en';
  }
}

/** Looks a key up in the current request's locale. */
export const t: Translate = (key, params) => translator(currentLocale())(key, params);

const collators = new Map<string, Intl.Collator>();
export function collator(locale = currentLocale()): Intl.Collator {
  let c = collators.get(locale);
  if (!c) collators.set(locale, (c = new Intl.Collator(locale, { sensitivity: 'base', numeric: true })));
  return c;
}

export function byName<T extends { name: string }>(items: T[], locale = currentLocale()): T[] {
  const c = collator(locale);
  return [...items].sort((a, b) => c.compare(a.name, b.name));
}

export function formatDate(ms: number | Date, locale = currentLocale()): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(ms);
}

export function formatDateTime(ms: number | Date, locale = currentLocale()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(ms);
}
