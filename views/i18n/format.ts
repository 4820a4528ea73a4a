// Dates and times in a locale's own forms: a short one for tables, a spoken one for sentences, relative days.
import { DAY_MS } from '../../src/domain.ts';

const cache = new Map<string, Intl.DateTimeFormat>();
/** The formatter of a locale and a named form (`options` are only read the first time: a page formats hundreds of dates). */
function dtf(locale: string, form: string, options: () => Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${form}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options() })));
  return f;
}

const TABLE_DATE: Record<string, Intl.DateTimeFormatOptions> = {
  ko: { year: 'numeric', month: 'numeric', day: 'numeric' }, // 2026. 12. 1.
  en: { year: 'numeric', month: 'short', day: 'numeric' }, // Dec 1, 2026
};
const tableDate = (locale: string) => TABLE_DATE[locale] ?? TABLE_DATE.en;

/** A date in tables and lists: `2026. 12. 1.` / `Dec 1, 2026`. */
export const formatDate = (ms: number | Date, locale: string) => dtf(locale, 'date', () => tableDate(locale)).format(ms);

/** A date and a 24-hour time: `2026. 12. 1. 17:00` / `Dec 1, 2026, 17:00`. */
export const formatDateTime = (ms: number | Date, locale: string) =>
  dtf(locale, 'date time', () => ({ ...tableDate(locale), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).format(ms);

/**
 * A date inside a sentence. Korean says `12월 1일 (화)`, with `2025년` in front when it is not the year
 * of `now` ("2026. 12. 1.에" reads badly); English sentences keep the table form, `Dec 1, 2026`.
 */
export function formatDay(ms: number | Date, locale: string, now: number | Date): string {
  if (locale !== 'ko') return formatDate(ms, locale);
  const day = dtf('ko', 'spoken day', () => ({ month: 'long', day: 'numeric', weekday: 'short' })).format(ms);
  const sameYear = new Date(ms).getUTCFullYear() === new Date(now).getUTCFullYear();
  return sameYear ? day : `${dtf('ko', 'year', () => ({ year: 'numeric' })).format(ms)} ${day}`;
}

const relative = new Map<string, Intl.RelativeTimeFormat>();
/**
 * How long ago (or ahead) a moment is, in calendar days of UTC: 오늘, 어제, 3일 전, 2주 전, 3개월 전 /
 * today, yesterday, 3 days ago. Days up to a week, weeks up to a month, then months, then years.
 */
export function formatRelative(ms: number | Date, locale: string, now: number | Date): string {
  let f = relative.get(locale);
  if (!f) relative.set(locale, (f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  const days = Math.floor(+new Date(ms) / DAY_MS) - Math.floor(+new Date(now) / DAY_MS);
  const abs = Math.abs(days);
  if (abs < 7) return f.format(days, 'day');
  if (abs < 30) return f.format(Math.trunc(days / 7), 'week');
  if (abs < 365) return f.format(Math.trunc(days / 30), 'month');
  return f.format(Math.trunc(days / 365), 'year');
}
