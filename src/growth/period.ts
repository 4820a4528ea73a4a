// The period of the team over time: the chooser's values, and the months they cover in TIME_ZONE.
import { z } from 'zod';
import { dayIn, startOfDayIn } from '../study/time-zone.ts';

export const PERIODS = ['12m', '24m', 'year'] as const;
export type Period = (typeof PERIODS)[number];

/** `?period=` is optional (12 months); anything else is a malformed address (400). */
export const periodQuery = z.strictObject({ period: z.enum(PERIODS).default('12m') });

/**
 * Months as 'YYYY-MM', oldest first, and their bounds: bounds[0] starts the first, bounds[k] ends month k (the last
 * ends just after now). The first month is one before the period (not shown): the state the period starts from, so
 * a change in its first month and "since the end of December" can be told. `december` is that month's 1-based index.
 */
export type Months = { labels: string[]; bounds: number[]; december: number };

const shift = (year: number, month: number, by: number) => {
  const n = year * 12 + (month - 1) + by;
  return { year: Math.floor(n / 12), month: (n % 12) + 1 };
};
const label = (m: { year: number; month: number }) => `${m.year}-${String(m.month).padStart(2, '0')}`;

export function monthsOf(period: Period, now: Date, zone: string): Months {
  const [year, month] = dayIn(zone, now).split('-').map(Number);
  const count = (period === '24m' ? 24 : period === '12m' ? 12 : month) + 1;
  const list = Array.from({ length: count }, (_, i) => shift(year, month, i - count + 1));
  const bounds = [...list.map((m) => startOfDayIn(zone, `${label(m)}-01`)), now.getTime() + 1];
  // Every period reaches back to this year's January, so the December before it is in the list.
  const december = list.findIndex((m) => m.year === year - 1 && m.month === 12) + 1;
  return { labels: list.map(label), bounds, december };
}
