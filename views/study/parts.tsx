// Small pieces the study pages share: a season's status tag, a day in a sentence, the weekday names.
import { currentLocale, formatDate, formatDay, keyFor, t } from '../i18n/index.ts';

/** 'YYYY-MM-DD' as the UTC midnight the date helpers take. */
export const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
/** A session day inside a sentence: `12월 12일 (목)` / `Dec 12, 2026`. */
export const spokenDay = (day: string) => formatDay(dayMs(day));
/** A day in a table: `2026. 12. 12.` / `Dec 12, 2026`. */
export const tableDay = (day: string) => formatDate(dayMs(day));

/** The weekday's name in the viewer's language (0 = Sunday; 2023-01-01 was one). */
export const weekdayName = (weekday: number) => new Intl.DateTimeFormat(currentLocale(), { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2023, 0, 1 + weekday));

export function SeasonStatusTag(p: { status: string }) {
  const tone = p.status === 'running' ? 'ok' : p.status === 'finished' ? '' : 'warn';
  return <span class={`tag ${tone}`.trim()}>{t(keyFor('study.season.status.', p.status))}</span>;
}

/** A person's name, or the gap when a session has nobody in that role. */
export const nameOrGap = (name: string | null) => name ?? t('study.season.gap');
