// The pair-history filter in the address bar (name, area, not paired lately) and the page: read leniently, written back canonically.
import { DAY_MS } from '../domain.ts';
import { nameMatches } from '../planning/skills.ts';
import type { HistoryPerson } from './history-queries.ts';

/** 'never' = never paired with anyone; a number = not paired in that many days (never-paired people included). */
export type Idle = 'never' | number | null;
export type HistoryFilter = { q: string; areaId: number | null; idle: Idle };

export const NO_HISTORY_FILTER: HistoryFilter = { q: '', areaId: null, idle: null };
/** The "not paired for" choices the form offers; the address may carry any other number of days. */
export const IDLE_CHOICES = [28, 90, 180] as const;
const MAX_IDLE_DAYS = 3650;

/** A name search as typed: control characters dropped, at most 100 characters. */
export const cleanSearch = (raw: string | null | undefined) => (raw ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 100);

const small = (v: string | null) => (v && /^\d{1,9}$/.test(v) ? Number(v) : null);

/** Reads the filter: an unknown area or an odd idle value is dropped (the form then shows what is applied). */
export function parseHistoryFilter(query: URLSearchParams, areaIds: Set<number>): HistoryFilter {
  const area = small(query.get('area'));
  const rawIdle = query.get('idle');
  const days = small(rawIdle);
  return {
    q: cleanSearch(query.get('q')),
    areaId: area !== null && areaIds.has(area) ? area : null,
    idle: rawIdle === 'never' ? 'never' : days !== null && days >= 1 && days <= MAX_IDLE_DAYS ? days : null,
  };
}

/** The people of the filter (in the order given). */
export function filterPeople<P extends HistoryPerson>(people: P[], f: HistoryFilter, now: Date): P[] {
  const since = typeof f.idle === 'number' ? now.getTime() - f.idle * DAY_MS : null;
  return people.filter(
    (p) =>
      nameMatches(p.name, f.q) &&
      (f.areaId === null || p.inArea) &&
      (f.idle !== 'never' || p.lastPairedAt === null) &&
      (since === null || p.lastPairedAt === null || p.lastPairedAt < since),
  );
}

/** The canonical address of a filter, its page of people and its page of past rounds. */
export function historyUrl(f: HistoryFilter, page = 1, rounds = 1): string {
  const q = new URLSearchParams();
  if (f.q) q.set('q', f.q);
  if (f.areaId !== null) q.set('area', String(f.areaId));
  if (f.idle !== null) q.set('idle', String(f.idle));
  if (page > 1) q.set('page', String(page));
  if (rounds > 1) q.set('rounds', String(rounds));
  const s = q.toString();
  return s ? `/pairings/history?${s}` : '/pairings/history';
}
