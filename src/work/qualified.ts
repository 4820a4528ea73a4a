// Who may own a work item (meets every minimum in its non-archived areas), for a page of items in a constant number of statements.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { matrixModel, type MatrixMember } from '../matrix/model.ts';
import { effectiveLevel, type LevelCounts } from '../planning/skills.ts';

type Person = { id: number; name: string };
type Requirement = { areaId: number; minLevel: number };

/** The qualified people of an item when they are few enough to list; null when there may be more. */
export type Qualified = Person[] | null;

const level = sql`coalesce(ra.manager_level, ra.self_level)`;
const activeMember = sql`u.id = ra.user_id and u.role = 'member' and u.active = 1`;

/**
 * The qualified people of these items, listed for the items that have at most `limit` of them.
 * A minimum of 0 is met by anyone (an unrated area is level 0); an item without a real minimum is
 * open to `everyone` (the active members). First one grouped count per area and level bounds each
 * item (nobody can meet every minimum if fewer meet one of them; the counts come from the matrix model);
 * only items under the limit are then resolved person by person, so a page costs the same statements
 * whatever the size of the team (they run even when there is nothing to look up, so the count does not
 * depend on the data either).
 */
export async function qualifiedPeople(
  db: Db,
  items: ReadonlyArray<{ id: number; requirements: readonly Requirement[] }>,
  areaIds: ReadonlySet<number>,
  limit: number,
  everyone: readonly Person[],
  /** How many active members stand at or above a requirement's level, when the caller already knows (the first statement is then skipped). */
  knownAtLeast?: (r: Requirement) => number,
): Promise<Map<number, Qualified>> {
  const out = new Map<number, Qualified>();
  const needs = new Map(items.map((i) => [i.id, i.requirements.filter((r) => r.minLevel > 0 && areaIds.has(r.areaId))]));
  const areas = [...new Set([...needs.values()].flat().map((r) => r.areaId))];
  const atLeast = knownAtLeast ?? (await membersAtLeast(db, areas));
  const resolve: Array<{ id: number; reqs: Requirement[] }> = [];
  for (const item of items) {
    const reqs = needs.get(item.id)!;
    if (reqs.length === 0) out.set(item.id, everyone.length <= limit ? [...everyone] : null);
    else if (Math.min(...reqs.map(atLeast)) > limit) out.set(item.id, null);
    else resolve.push({ id: item.id, reqs });
  }
  const wanted = resolve.flatMap((i) => i.reqs.map((r) => ({ item: i.id, area: r.areaId, min: r.minLevel, k: i.reqs.length })));
  const rows = await db.all<{ item_id: number; id: number; name: string }>(sql`
    with req as (select json_extract(value, '$.item') item, json_extract(value, '$.area') area, json_extract(value, '$.min') min, json_extract(value, '$.k') k from json_each(${JSON.stringify(wanted)}))
    select req.item item_id, u.id, u.name from req join ratings ra on ra.area_id = req.area and ${level} >= req.min join users u on ${activeMember}
    group by req.item, u.id having count(*) = max(req.k)`);
  for (const i of resolve) out.set(i.id, []);
  for (const r of rows) out.get(r.item_id)!.push({ id: r.id, name: r.name });
  for (const i of resolve) if (out.get(i.id)!.length > limit) out.set(i.id, null);
  return out;
}

/**
 * An area's active members (not managers) per effective level, held by the model's level counts of that area:
 * the model makes new counts for an area whenever a rating there or the team changes, so while the counts are
 * the same object the histogram is the same too (an edit then counts again only its own area).
 */
const memberLevels = new WeakMap<LevelCounts, Map<number, number>>();

/**
 * How many active members (not managers) stand at or above a requirement's level in its area, counted from the
 * matrix model this process keeps up to date (a histogram per asked area, not a scan of every rating).
 */
async function membersAtLeast(db: Db, areas: readonly number[]): Promise<(r: Requirement) => number> {
  const model = await matrixModel(db);
  let members: MatrixMember[] | null = null;
  const histograms = new Map<number, Map<number, number>>();
  for (const areaId of areas) {
    const counts = model.counts.get(areaId);
    let histogram = counts && memberLevels.get(counts);
    if (!histogram) {
      histogram = new Map<number, number>();
      for (const m of (members ??= model.team.filter((t) => t.role === 'member'))) {
        const lvl = effectiveLevel(model.byUser.get(m.id)?.get(areaId)) ?? 0;
        if (lvl > 0) histogram.set(lvl, (histogram.get(lvl) ?? 0) + 1);
      }
      if (counts) memberLevels.set(counts, histogram);
    }
    histograms.set(areaId, histogram);
  }
  return (r) => {
    let n = 0;
    for (const [lvl, count] of histograms.get(r.areaId) ?? []) if (lvl >= r.minLevel) n += count;
    return n;
  };
}
