// The keep-together / keep-apart pickers at any team size: a typed name (one shared datalist suggests the team) resolved to one person on the server.
import { nameMatches } from '../planning/name-search.ts';

export type Pickable = { id: number; name: string; email: string };

const norm = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase();

/**
 * What a picker shows and accepts for each person: the name, or "name (email)" when someone else has
 * the same name (the text must say who). A select of 1,000 options per picker was ~50 kB each.
 */
export function pickerLabels(people: Pickable[]): Map<number, string> {
  const count = new Map<string, number>();
  for (const p of people) count.set(norm(p.name), (count.get(norm(p.name)) ?? 0) + 1);
  return new Map(people.map((p) => [p.id, count.get(norm(p.name))! > 1 ? `${p.name} (${p.email})` : p.name]));
}

export type Picked = { ok: true; id: number } | { ok: false; code: 'none' | 'several'; matches: Pickable[] };

/**
 * The person a typed text names: a label exactly (any case), else the one person whose name matches it
 * the way the name search does (part of the name, 초성); none or several is the caller's error to show.
 */
export function pickPerson(text: string, people: Pickable[], labels: Map<number, string>): Picked {
  const wanted = norm(text);
  const exact = people.filter((p) => norm(labels.get(p.id) ?? p.name) === wanted);
  if (exact.length === 1) return { ok: true, id: exact[0].id };
  const matches = people.filter((p) => nameMatches(p.name, text.trim()) || norm(p.email) === wanted);
  if (matches.length === 1) return { ok: true, id: matches[0].id };
  return { ok: false, code: matches.length === 0 ? 'none' : 'several', matches };
}
