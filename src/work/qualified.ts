// Who may own a work item (meets every minimum in its non-archived areas), counted in SQL for a page of items at once.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';

export type Qualified = {
  /** How many active members meet every minimum. */
  count: number;
  /** Them by name, when there are at most the limit asked for; null when there are more. */
  people: Array<{ id: number; name: string }> | null;
};

/**
 * The qualified people of these items in one statement. A minimum of 0 is met by anyone (an unrated area
 * is level 0); an item without a real minimum is open to every active member. Lists the people of items
 * with at most `limit` of them (`Infinity`: always), else only the count; the route sorts them for display.
 */
export async function qualifiedPeople(db: DbOrTx, itemIds: readonly number[], limit: number): Promise<Map<number, Qualified>> {
  if (itemIds.length === 0) return new Map();
  const cap = Number.isFinite(limit) ? limit : 1_000_000_000;
  const rows = await db.all<{ item_id: number; id: number | null; name: string | null; n: number }>(sql`
    with items(item_id) as (select value from json_each(${JSON.stringify(itemIds)})),
    req as (
      select r.item_id, r.area_id, r.min_level from work_item_areas r join areas a on a.id = r.area_id
      where r.item_id in (select item_id from items) and a.archived_at is null and r.min_level > 0
    ),
    needs as (select item_id, count(*) k from req group by item_id),
    pairs as (
      select n.item_id, u.id, u.name from needs n
      join req r on r.item_id = n.item_id
      join ratings ra on ra.area_id = r.area_id and coalesce(ra.manager_level, ra.self_level) >= r.min_level
      join users u on u.id = ra.user_id and u.role = 'member' and u.active = 1
      group by n.item_id, u.id having count(*) = max(n.k)
      union all
      select i.item_id, u.id, u.name from items i join users u on u.role = 'member' and u.active = 1
      where i.item_id not in (select item_id from needs)
    ),
    counted as (select item_id, id, name, count(*) over (partition by item_id) n, row_number() over (partition by item_id order by name, id) rn from pairs)
    select c.item_id, case when c.n <= ${cap} then c.id end id, c.name, c.n from counted c where c.n <= ${cap} or c.rn = 1
  `);
  const out = new Map<number, Qualified>(itemIds.map((id) => [id, { count: 0, people: [] }]));
  for (const r of rows) {
    const q = out.get(r.item_id)!;
    q.count = r.n;
    if (r.id === null) q.people = null;
    else q.people?.push({ id: r.id, name: r.name! });
  }
  return out;
}
