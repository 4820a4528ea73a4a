// A calendar feed as RFC 5545 text (ical-generator): events at wall-clock times in the app's zone, with that zone's VTIMEZONE.
import ical from 'ical-generator';
import { sessionTimes, vtimezone } from './time-zone.ts';

export type FeedEvent = { uid: string; day: string; startTime: string; minutes: number; summary: string; description: string; url: string };

/**
 * Times are handed over as local date-time strings ("2026-11-12T17:00:00") with the event's TZID: ical-generator
 * writes them as they are. The calendar itself names no zone, so DTSTAMP stays in UTC as RFC 5545 requires, and the
 * VTIMEZONE covers the years from the first event to the last.
 */
export function feedIcs(p: { name: string; timeZone: string; events: FeedEvent[]; stamp: Date }): string {
  const years = p.events.map((e) => Number(e.day.slice(0, 4)));
  const [from, to] = years.length ? [Math.min(...years), Math.max(...years) + 1] : [p.stamp.getUTCFullYear(), p.stamp.getUTCFullYear()];
  const calendar = ical({ name: p.name, prodId: { company: 'Pairwise', product: 'Study sessions' }, timezone: { name: null, generator: (zone) => vtimezone(zone, from, to) } });
  // ical-generator writes UTC (no TZID) for 'UTC': then the wall-clock time is the UTC time.
  const utc = p.timeZone === 'UTC' ? 'Z' : '';
  for (const e of p.events) {
    const { start, end } = sessionTimes(e.day, e.startTime, e.minutes);
    calendar.createEvent({ id: e.uid, start: start + utc, end: end + utc, timezone: p.timeZone, summary: e.summary, description: e.description, url: e.url, stamp: p.stamp });
  }
  return calendar.toString();
}
