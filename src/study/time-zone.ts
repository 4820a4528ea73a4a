// The app's time zone (TIME_ZONE) from Intl alone: a zone's calendar day, its UTC offset, and its VTIMEZONE for calendar feeds.
import type { Context } from 'hono';
import { DAY_MS } from '../domain.ts';
import type { AppEnv } from '../env.ts';

const formats = new Map<string, Intl.DateTimeFormat>();
function format(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = zone + JSON.stringify(options);
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, ...options })));
  return f;
}

/** The calendar day ('YYYY-MM-DD') a moment falls on in the zone: a session "is today" by the team's clock, not UTC's. */
export const dayIn = (zone: string, at: number | Date) => format(zone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/** Today for a request: the day in TIME_ZONE of the request's clock (every study page and query agrees on it). */
export const teamToday = (c: Context<AppEnv>) => dayIn(c.get('timeZone'), c.get('now')());

/** Minutes east of UTC at a moment ("GMT+09:00" → 540). */
function offsetMinutes(zone: string, at: number): number {
  const name = format(zone, { timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The moments in [from, to) at which the zone's offset changes, to the minute (zones change at most a few times a year). */
function transitions(zone: string, from: number, to: number): Array<{ at: number; before: number; after: number }> {
  const found: Array<{ at: number; before: number; after: number }> = [];
  for (let t = from; t < to; t += DAY_MS) {
    const before = offsetMinutes(zone, t);
    const after = offsetMinutes(zone, Math.min(t + DAY_MS, to));
    if (before === after) continue;
    let lo = t;
    let hi = Math.min(t + DAY_MS, to);
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetMinutes(zone, mid) === before) lo = mid;
      else hi = mid;
    }
    found.push({ at: hi, before, after });
  }
  return found;
}

const pad = (n: number) => String(n).padStart(2, '0');
const utcOffset = (minutes: number) => `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;
/** A moment as local date-time in a given offset, the form DTSTART takes inside a VTIMEZONE. */
function localStamp(at: number, offset: number): string {
  const d = new Date(at + offset * 60_000);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}00`;
}

/**
 * The zone's VTIMEZONE (RFC 5545 §3.6.5) for the years `fromYear`–`toYear`: the offset in force at their start,
 * then one STANDARD or DAYLIGHT part per change, each with its own onset (no RRULE to get wrong). Asia/Seoul has
 * had no change since 1988, so it is one STANDARD part at +0900.
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string {
  const from = Date.UTC(fromYear, 0, 1);
  const changes = transitions(zone, from, Date.UTC(toYear + 1, 0, 1));
  const first = offsetMinutes(zone, from);
  const part = (kind: 'STANDARD' | 'DAYLIGHT', onset: string, before: number, after: number) =>
    [`BEGIN:${kind}`, `DTSTART:${onset}`, `TZOFFSETFROM:${utcOffset(before)}`, `TZOFFSETTO:${utcOffset(after)}`, `END:${kind}`];
  const firstKind = changes.length > 0 && changes[0].after < first ? 'DAYLIGHT' : 'STANDARD';
  const lines = [
    'BEGIN:VTIMEZONE',
    `TZID:${zone}`,
    ...part(firstKind, localStamp(from, first), first, first),
    ...changes.flatMap((c) => part(c.after > c.before ? 'DAYLIGHT' : 'STANDARD', localStamp(c.at, c.before), c.before, c.after)),
    'END:VTIMEZONE',
  ];
  return lines.join('\r\n');
}

/** A session's start and end as wall-clock date-times ('2026-11-12T17:00:00') in the app's zone; a long session may end the next day. */
export function sessionTimes(day: string, startTime: string, minutes: number): { start: string; end: string } {
  const start = Date.parse(`${day}T${startTime}:00Z`);
  const wall = (ms: number) => new Date(ms).toISOString().slice(0, 19);
  return { start: wall(start), end: wall(start + minutes * 60_000) };
}

/** The first moment (ms) of a calendar day ('YYYY-MM-DD') in the zone: "end of that day" is the start of the next. */
export function startOfDayIn(zone: string, day: string): number {
  const utc = Date.parse(`${day}T00:00:00Z`);
  let at = utc - offsetMinutes(zone, utc) * 60_000;
  // Once more at the guess: the offset may differ there (a change near midnight).
  at = utc - offsetMinutes(zone, at) * 60_000;
  return at;
}
