// The dates of a season's sessions: every `weekday` from start to end, both inclusive, except the skipped dates.
import { DAY_MS, isoDay } from '../../domain.ts';

export interface Cadence {
  /** 'YYYY-MM-DD' */
  startsOn: string;
  endsOn: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  skipDates: readonly string[];
}

/** Session dates in order; empty when the cadence has no date inside the season (the form says so). */
export function sessionDates({ startsOn, endsOn, weekday, skipDates }: Cadence): string[] {
  const start = Date.parse(`${startsOn}T00:00:00Z`);
  const end = Date.parse(`${endsOn}T00:00:00Z`);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return [];
  const skip = new Set(skipDates);
  const first = start + ((((weekday - new Date(start).getUTCDay()) % 7) + 7) % 7) * DAY_MS;
  const dates: string[] = [];
  for (let t = first; t <= end; t += 7 * DAY_MS) {
    const day = isoDay(new Date(t));
    if (!skip.has(day)) dates.push(day);
  }
  return dates;
}
