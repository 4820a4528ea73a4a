// The SQL aggregates of the skill figures agree with the rules of src/planning/skills.ts on random teams, and the hot reads use indexes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { areas, ratings, users } from '../../src/db/schema/index.ts';
import { coverageByArea, loadMatrix, ratingOf } from '../../src/matrix/queries.ts';
import { neverRatedThemselves, staleByMember } from '../../src/planning/skills.ts';
import { areaFigures, neverRated, ownFigures, staleCounts } from '../../src/ratings/coverage.ts';
import { matrixModel } from '../../src/matrix/model.ts';
import { DAY_MS, STALE_AFTER_DAYS } from '../../src/domain.ts';
import { freshWorld, NOW, type World } from '../helpers.ts';

let w: World;
beforeAll(async () => {
  w = await freshWorld();
});
afterAll(() => w.cleanup());

const level = fc.option(fc.integer({ min: 0, max: 5 }), { nil: null });
const teamArb = fc.record({
  people: fc.array(fc.record({ role: fc.constantFrom('manager', 'member', 'member', 'partner'), active: fc.boolean() }), { maxLength: 9 }),
  areas: fc.array(fc.record({ archived: fc.boolean(), targetLevel: fc.integer({ min: 0, max: 5 }), minExperts: fc.integer({ min: 1, max: 4 }) }), { minLength: 0, maxLength: 4 }),
  ratings: fc.array(
    fc.record({
      person: fc.nat(),
      area: fc.nat(),
      selfLevel: level,
      managerLevel: level,
      interest: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
      // Around the staleness boundary, both sides of it.
      ageDays: fc.integer({ min: STALE_AFTER_DAYS - 2, max: STALE_AFTER_DAYS + 2 }),
    }),
    { maxLength: 30 },
  ),
});

type Team = typeof teamArb extends fc.Arbitrary<infer T> ? T : never;

async function store(t: Team) {
  await w.db.run(sql`delete from ratings`);
  await w.db.run(sql`delete from sessions`);
  await w.db.run(sql`delete from users`);
  await w.db.run(sql`delete from areas`);
  const userIds = t.people.length
    ? (await w.db.insert(users).values(t.people.map((p, i) => ({ name: `P${(i * 7) % 10} ${i}`, email: `p${i}@x.test`, role: p.role as 'member', active: p.active, createdAt: 0 }))).returning({ id: users.id })).map((r) => r.id)
    : [];
  const areaIds = t.areas.length
    ? (await w.db.insert(areas).values(t.areas.map((a, i) => ({ name: `A${i}`, targetLevel: a.targetLevel, minExperts: a.minExperts, position: i, archivedAt: a.archived ? 1 : null }))).returning({ id: areas.id })).map((r) => r.id)
    : [];
  const seen = new Set<string>();
  const rows = t.ratings.flatMap((r) => {
    if (!userIds.length || !areaIds.length) return [];
    const userId = userIds[r.person % userIds.length];
    const areaId = areaIds[r.area % areaIds.length];
    const key = `${userId}:${areaId}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const at = NOW.getTime() - r.ageDays * DAY_MS + (r.person % 3) - 1;
    return [{ userId, areaId, selfLevel: r.selfLevel, managerLevel: r.managerLevel, interest: r.interest, confirmedAt: at, updatedAt: at }];
  });
  if (rows.length) await w.db.insert(ratings).values(rows);
  return userIds;
}

describe('the SQL aggregates agree with the rules', () => {
  it('coverage per area, stale counts, never-rated and one member’s own figures, on random teams', async () => {
    await fc.assert(
      fc.asyncProperty(teamArb, async (t) => {
        const userIds = await store(t);
        const data = await loadMatrix(w.db);
        const rules = coverageByArea(data);
        const figures = await areaFigures(w.db);
        expect(figures.map((f) => f.area.id)).toEqual(data.areas.map((a) => a.id));
        for (const f of figures) expect(f.coverage).toEqual(rules.get(f.area.id));

        const areaIds = data.areas.map((a) => a.id);
        const stale = staleByMember(data.team, areaIds, ratingOf(data.ratings), NOW);
        const model = await matrixModel(w.db);
        const counted = staleCounts(model, NOW);
        const byId = (xs: Array<{ id: number }>) => [...xs].sort((a, b) => a.id - b.id);
        expect(byId(counted.top.map((s) => ({ id: s.member.id, count: s.count })))).toEqual(byId(stale.map((s) => ({ id: s.member.id, count: s.areaIds.length }))));
        expect(counted.total).toBe(stale.length);
        const never = neverRated(model);
        expect(byId(never.top)).toEqual(byId(neverRatedThemselves(data.team, data.ratings.values()).map((m) => ({ id: m.id, name: m.name }))));
        expect(never.total).toBe(never.top.length);
        // The dashboard's cap: the first rows of the same order (most stale first), the total still counts everyone.
        const cappedStale = staleCounts(model, NOW, 2);
        expect(cappedStale).toEqual({ top: counted.top.slice(0, 2), total: counted.total });
        expect(neverRated(model, 2)).toEqual({ top: never.top.slice(0, 2), total: never.total });
        expect(counted.top.map((s) => s.count)).toEqual(counted.top.map((s) => s.count).sort((a, b) => b - a));

        for (const id of userIds) {
          const me = data.team.filter((m) => m.id === id);
          expect(await ownFigures(w.db, id, NOW)).toEqual({
            hasAreas: data.areas.length > 0,
            neverRated: neverRatedThemselves(me, data.ratings.values()).length > 0,
            staleCount: staleByMember(me, areaIds, ratingOf(data.ratings), NOW)[0]?.areaIds.length ?? 0,
          });
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe('the hot reads use an index (EXPLAIN QUERY PLAN)', () => {
  /** The plan's lines for a statement; `SCAN t` without an index is a full table read. */
  async function plan(query: string) {
    const { rows } = await w.db.$client.execute(`explain query plan ${query}`);
    return rows.map((r) => String(r.detail));
  }
  const fullScan = (lines: string[], table: string) => lines.some((l) => new RegExp(`^SCAN ${table}( |$)`).test(l) && !/USING (COVERING )?INDEX/.test(l));

  const ONE_MEMBER_OR_DEAL: Array<[string, string, string[]]> = [
    ['a member’s ratings', 'select * from ratings where user_id = 1', ['ratings']],
    ['a member’s own stale count', 'select count(*) from ratings r join areas a on a.id = r.area_id where r.user_id = 1 and r.confirmed_at < 5 and a.archived_at is null', ['r']],
    ['a member’s history, newest first', 'select * from rating_history where user_id = 1 order by changed_at desc, id desc', ['rating_history']],
    ['one rating’s history', 'select * from rating_history where user_id = 1 and area_id = 2 order by changed_at desc', ['rating_history']],
    ['an area’s ratings', 'select * from ratings where area_id = 2', ['ratings']],
    ['a session by token hash', "select * from sessions where token_hash = 'x'", ['sessions']],
    ['a round’s groups', 'select * from pairing_groups where round_id = 1 order by position', ['pairing_groups']],
    ['a round’s members', 'select * from pairing_group_members where round_id = 1', ['pairing_group_members']],
    ['one person in a round', 'select * from pairing_group_members where round_id = 1 and user_id = 2', ['pairing_group_members']],
    ['work items of a cycle by status', "select * from work_items where cycle_id = 1 and status = 'open'", ['work_items']],
    ['work items of an owner or buddy', 'select * from work_items where owner_id = 1 or buddy_id = 1', ['work_items']],
    ['an item’s requirements', 'select * from work_item_areas where item_id in (1, 2)', ['work_item_areas']],
    ['a deal’s items', 'select * from deal_items where deal_id = 1', ['deal_items']],
    ['a deal’s item members', 'select * from deal_item_members where item_id in (1, 2)', ['deal_item_members']],
    ['a deal’s timeline', 'select * from deal_events where deal_id = 1 order by at desc, id desc', ['deal_events']],
    ['when a deal closed', "select max(at) from deal_events where deal_id = 1 and kind = 'status' and new_value = 'closed'", ['deal_events']],
    ['a deal’s versions', 'select * from deal_versions where deal_id = 1 order by id desc limit 1', ['deal_versions']],
    ['deals of a partner', 'select * from deals where partner_id = 1', ['deals']],
    ['deals of an owner', 'select * from deals where owner_id = 1', ['deals']],
    ['a partner team’s people', "select * from users where role = 'partner' and partner_id = 1", ['users']],
  ];
  it('tells a full scan from an index search', async () => {
    expect(fullScan(await plan("select * from deal_events where body = 'x'"), 'deal_events')).toBe(true);
    expect(fullScan(await plan('select * from deal_events where deal_id = 1'), 'deal_events')).toBe(false);
  });

  for (const [what, query, tables] of ONE_MEMBER_OR_DEAL) {
    it(what, async () => {
      const lines = await plan(query);
      for (const table of tables) expect(fullScan(lines, table), `${query}\n${lines.join('\n')}`).toBe(false);
      expect(lines.some((l) => /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|PRIMARY KEY/.test(l)), lines.join('\n')).toBe(true);
    });
  }

  it('a member’s history comes newest first straight from the index (no sort)', async () => {
    const lines = await plan('select * from rating_history where user_id = 1 order by changed_at desc, id desc');
    expect(lines.join('\n')).toContain('rating_history_user_time');
    expect(lines.some((l) => l.includes('TEMP B-TREE')), lines.join('\n')).toBe(false);
  });

  it('the member dashboard’s own figures read only that member’s ratings', async () => {
    const statements: string[] = [];
    const { drizzle } = await import('drizzle-orm/libsql');
    const schema = await import('../../src/db/schema/index.ts');
    const logged = drizzle(w.db.$client, { schema, logger: { logQuery: (q) => void statements.push(q) } });
    await ownFigures(logged as never, 1, NOW);
    expect(statements).toHaveLength(1);
    // Explain with the parameters inlined (all numbers).
    const lines = await plan(statements[0].replace(/\?/g, '1'));
    expect(fullScan(lines, 'ratings') || fullScan(lines, 'r'), lines.join('\n')).toBe(false);
    expect(lines.some((l) => /^SEARCH r USING .*INDEX .*\(user_id=\?/.test(l)), lines.join('\n')).toBe(true);
  });

  it('the matrix model’s check on every page reads only the history written since (by rowid), never the whole history', async () => {
    const statements: string[] = [];
    const { drizzle } = await import('drizzle-orm/libsql');
    const schema = await import('../../src/db/schema/index.ts');
    const { matrixModel } = await import('../../src/matrix/model.ts');
    const logged = drizzle(w.db.$client, { schema, logger: { logQuery: (q) => void statements.push(q) } }) as never;
    await matrixModel(logged);
    statements.length = 0;
    await matrixModel(logged);
    expect(statements).toHaveLength(1);
    const lines = await plan(statements[0].replace(/\?/g, '1'));
    // Every read of rating_history is a search by its integer primary key (or a max, which SQLite reads from it too).
    const history = lines.filter((l) => / rating_history( |$)/.test(l));
    expect(history.length, lines.join('\n')).toBeGreaterThan(0);
    for (const l of history) expect(l, lines.join('\n')).toMatch(/^SEARCH rating_history( USING INTEGER PRIMARY KEY \(rowid>\?\))?$/);
  });
});
