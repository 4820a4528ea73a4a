// Generates an organisation of any size straight into a database (fixed seed): people, areas, rating history, work, deals.
import type { Db, DbOrTx } from '../src/db/client.ts';
import {
  areas,
  categories,
  dealEvents,
  dealItemMembers,
  dealItems,
  deals,
  partners,
  ratingHistory,
  ratings,
  sessions,
  users,
  workCycles,
  workItemAreas,
  workItems,
} from '../src/db/schema/index.ts';
import { hashPassword } from '../src/auth/passwords.ts';
import { SESSION_TTL_MS } from '../src/auth/sessions.ts';
import { hashToken, newToken } from '../src/auth/tokens.ts';
import { seededRandom } from '../src/db/seed/random.ts';
import { generateStudy, type OrgStudy } from './org-study.ts';

export type OrgParams = { members: number; areas: number; months: number; items: number; deals: number; seed: number };
export const DEFAULT_ORG: OrgParams = { members: 200, areas: 24, months: 24, items: 150, deals: 60, seed: 42 };
/** Every generated person signs in with this password. */
export const ORG_PASSWORD = 'pairwise-bench';

export type Org = {
  managerId: number;
  memberIds: number[];
  areaIds: number[];
  /** Partner teams, and their one partner user each (same order). */
  partnerIds: number[];
  partnerUserIds: number[];
  /** The current planning cycle. */
  cycleId: number;
  dealIds: Array<{ id: number; partnerId: number }>;
  /** A member alone on a give of a running deal: someone the key-people page ranks (its what-if is measured). */
  keyPersonId: number;
  /** Version of each rating by `${userId}:${areaId}`; absent = never rated. */
  ratingVersions: Map<string, number>;
  study: OrgStudy;
  rows: Record<string, number>;
};

const DAY_MS = 86_400_000;

const GIVEN = ['민아', '서연', '지훈', '하늘', '유진', '도윤', '수빈', '예준', 'Joon', 'Daniel', 'Priya', 'Tom', 'Lucas', 'Sara', 'Aiko', 'Mateo', 'Olga', 'Kwame'];
const FAMILY = ['김', '이', '박', '최', '정', '한', 'Park', 'Cho', 'Nair', 'Becker', 'Martin', 'Kim', 'Sato', 'Silva', 'Novak', 'Mensah'];
const AREA_NAMES = [
  'seq2seq LM', 'domain-agnostic text embedding', 'contrastive learning as post-pretraining', 'generative pseudo labeling',
  'zero-shot retriever/classifier', 'controllable dialogue generation', 'instruction tuning', 'preference optimisation',
  'retrieval-augmented generation', 'multilingual transfer', 'tokenisation', 'long-context modelling',
  'model serving', 'evaluation', 'data pipelines', 'distributed training', 'quantisation', 'safety filtering',
  'observability', 'experiment tracking', 'annotation tooling', 'product analytics', 'prompt design', 'speech interfaces',
];
const CATEGORIES = ['Research', 'Engineering', 'Product'];

/** Inserts rows in chunks (SQLite caps the number of bound parameters per statement). */
async function insertAll<T extends Record<string, unknown>>(tx: DbOrTx, table: Parameters<DbOrTx['insert']>[0], rows: T[], chunk = 400) {
  for (let i = 0; i < rows.length; i += chunk) await tx.insert(table).values(rows.slice(i, i + chunk) as never);
}

/**
 * Writes a whole organisation into an empty, migrated database in one transaction: a manager,
 * `members` members, `areas` areas in three categories, ratings with `months` months of history
 * (self and manager levels, interests, evidence, some stale), a planning cycle with `items` work items,
 * `deals` deals with partner teams (items, owners, timelines), and study seasons (see org-study.ts).
 */
export async function generateOrg(db: Db, p: OrgParams, now: Date): Promise<Org> {
  const rnd = seededRandom(p.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const weighted = (weights: number[]) => {
    let r = rnd() * weights.reduce((a, b) => a + b, 0);
    for (const [i, w] of weights.entries()) if ((r -= w) < 0) return i;
    return weights.length - 1;
  };
  const t = now.getTime();
  const start = t - p.months * 30 * DAY_MS;
  const passwordHash = await hashPassword(ORG_PASSWORD);
  const rows: Record<string, number> = {};
  const count = (name: string, n: number) => (rows[name] = (rows[name] ?? 0) + n);

  return db.transaction(async (tx) => {
    const [manager] = await tx
      .insert(users)
      .values({ name: 'Bench Manager', email: 'manager@bench.test', role: 'manager', capacity: 4, passwordHash, createdAt: start })
      .returning({ id: users.id });
    const people = Array.from({ length: p.members }, (_, i) => ({
      name: `${pick(FAMILY)} ${pick(GIVEN)} ${i + 1}`,
      email: `member${i + 1}@bench.test`,
      role: 'member' as const,
      capacity: pick([6, 8, 10, 10, 10, 12]),
      passwordHash,
      createdAt: start,
    }));
    const memberIds: number[] = [];
    for (let i = 0; i < people.length; i += 400) {
      const ids = await tx.insert(users).values(people.slice(i, i + 400)).returning({ id: users.id });
      memberIds.push(...ids.map((r) => r.id));
    }
    count('users', p.members + 1);

    const categoryIds = await tx
      .insert(categories)
      .values(CATEGORIES.map((name, position) => ({ name, position })))
      .returning({ id: categories.id });
    const areaRows = Array.from({ length: p.areas }, (_, i) => ({
      name: AREA_NAMES[i % AREA_NAMES.length] + (i >= AREA_NAMES.length ? ` ${Math.floor(i / AREA_NAMES.length) + 1}` : ''),
      categoryId: categoryIds[Math.min(CATEGORIES.length - 1, Math.floor((i % AREA_NAMES.length) / 9))].id,
      description: `Bench area ${i + 1}.`,
      targetLevel: int(3, 4),
      minExperts: int(1, 3),
      position: i,
    }));
    const areaIds = (await tx.insert(areas).values(areaRows).returning({ id: areas.id })).map((r) => r.id);
    count('areas', p.areas);

    // Ratings and their history: each cell is created once and edited 0–3 times since `start`.
    const ratingRows: Array<typeof ratings.$inferInsert> = [];
    const history: Array<typeof ratingHistory.$inferInsert> = [];
    const ratingVersions = new Map<string, number>();
    for (const userId of memberIds) {
      const neverRated = rnd() < 0.03;
      for (const areaId of areaIds) {
        if (neverRated || rnd() < 0.05) continue;
        let at = start + Math.floor(rnd() * (t - start) * 0.6);
        let level = weighted([15, 20, 25, 22, 12, 6]);
        let interest = weighted([20, 35, 30, 15]);
        const evidence = rnd() < 0.3 ? `https://git.example/team/repo/pull/${int(1, 9999)}` : '';
        const key = { userId, areaId };
        const add = (field: (typeof ratingHistory.$inferInsert)['field'], oldValue: unknown, newValue: unknown, by = userId) =>
          history.push({ ...key, changedBy: by, changedAt: at, field, oldValue: oldValue === null ? null : String(oldValue), newValue: newValue === null ? null : String(newValue) });
        add('selfLevel', null, level);
        add('interest', null, interest);
        if (evidence) add('evidence', '', evidence);
        let version = 1;
        let managerLevel: number | null = null;
        for (let e = weighted([35, 35, 20, 10]); e > 0; e--) {
          at += Math.floor(rnd() * (t - at) * 0.5);
          version++;
          if (rnd() < 0.3) {
            const calibrated = Math.max(0, Math.min(5, level + pick([-1, 0, 1])));
            add('managerLevel', managerLevel, calibrated, manager.id);
            managerLevel = calibrated;
          } else if (rnd() < 0.7) {
            const next = Math.min(5, level + 1);
            if (next === level) add('confirmed', null, null);
            else add('selfLevel', level, next);
            level = next;
          } else {
            const next = (interest + 1) % 4;
            add('interest', interest, next);
            interest = next;
          }
        }
        ratingRows.push({ ...key, selfLevel: level, interest, evidence, managerLevel, managerNote: managerLevel !== null && rnd() < 0.2 ? 'Calibrated in review.' : '', confirmedAt: at, updatedAt: at, version });
        ratingVersions.set(`${userId}:${areaId}`, version);
      }
    }
    await insertAll(tx, ratings, ratingRows);
    await insertAll(tx, ratingHistory, history);
    count('ratings', ratingRows.length);
    count('rating_history', history.length);

    // Work: one current cycle; most items open, some already planned or done.
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const [cycle] = await tx
      .insert(workCycles)
      .values({ name: 'Bench cycle', startDate: day(t - 30 * DAY_MS), endDate: day(t + 60 * DAY_MS), createdAt: t - 30 * DAY_MS })
      .returning({ id: workCycles.id });
    const itemRows = Array.from({ length: p.items }, (_, i) => {
      const status = pick(['open', 'open', 'open', 'planned', 'in_progress', 'done'] as const);
      return {
        title: `${pick(['Evaluate', 'Ship', 'Prototype', 'Harden', 'Study'])} ${pick(AREA_NAMES)} #${i + 1}`,
        kind: pick(['research', 'service'] as const),
        feeds: pick(['', 'live-chat assistant', 'model studio', 'care-call service']),
        effort: int(1, 8),
        priority: pick(['high', 'normal', 'normal', 'low'] as const),
        status,
        cycleId: cycle.id,
        ownerId: status === 'open' ? null : pick(memberIds),
        createdAt: start + Math.floor(rnd() * (t - start)),
        updatedAt: t - int(0, 30) * DAY_MS,
      };
    });
    const itemIds = itemRows.length ? (await tx.insert(workItems).values(itemRows).returning({ id: workItems.id })).map((r) => r.id) : [];
    const requirements = itemIds.flatMap((itemId) =>
      [...areaIds]
        .sort(() => rnd() - 0.5)
        .slice(0, int(1, 3))
        .map((areaId) => ({ itemId, areaId, minLevel: int(2, 4) })),
    );
    await insertAll(tx, workItemAreas, requirements);
    count('work_items', itemIds.length);
    count('work_item_areas', requirements.length);

    // Deals with partner teams, each partner with one partner user.
    const partnerCount = p.deals ? Math.max(2, Math.ceil(p.deals / 8)) : 0;
    const partnerIds = partnerCount
      ? (await tx
          .insert(partners)
          .values(Array.from({ length: partnerCount }, (_, i) => ({ name: `Partner team ${i + 1}`, lead: `Lead ${i + 1}`, services: pick(['live-chat assistant', 'model studio', 'care-call service']), createdAt: start })))
          .returning({ id: partners.id })).map((r) => r.id)
      : [];
    const partnerUserIds = partnerIds.length
      ? (await tx
          .insert(users)
          .values(partnerIds.map((partnerId, i) => ({ name: `Partner ${i + 1}`, email: `partner${i + 1}@bench.test`, role: 'partner' as const, partnerId, passwordHash, createdAt: start })))
          .returning({ id: users.id })).map((r) => r.id)
      : [];
    count('partners', partnerIds.length);
    count('users', partnerUserIds.length);
    const dealIds: Org['dealIds'] = [];
    let keyPersonId = memberIds[0];
    let keyPersonFound = false;
    for (let d = 0; d < p.deals; d++) {
      const createdAt = start + Math.floor(rnd() * (t - start));
      const ownerId = pick(memberIds);
      const [deal] = await tx
        .insert(deals)
        .values({
          partnerId: pick(partnerIds),
          title: `Deal ${d + 1}: ${pick(AREA_NAMES)} for ${pick(['chat', 'studio', 'care calls'])}`,
          summary: 'Generated by the benchmark.',
          ownerId,
          status: pick(['proposed', 'negotiating', 'agreed', 'in_delivery', 'delivered', 'closed', 'dropped'] as const),
          neededBy: day(t + int(-30, 120) * DAY_MS),
          committedDate: rnd() < 0.6 ? day(t + int(-30, 150) * DAY_MS) : null,
          ourGiveValue: int(1, 5),
          ourGetValue: int(1, 5),
          createdAt,
          createdBy: ownerId,
          updatedAt: createdAt,
        })
        .returning({ id: deals.id, partnerId: deals.partnerId, status: deals.status });
      dealIds.push({ id: deal.id, partnerId: deal.partnerId });
      const items = await tx
        .insert(dealItems)
        .values(
          Array.from({ length: int(2, 5) }, (_, position) => {
            const side = position === 0 ? ('give' as const) : position === 1 ? ('get' as const) : pick(['give', 'get'] as const);
            return { dealId: deal.id, side, description: `${side} item ${position + 1}`, areaId: side === 'give' ? pick(areaIds) : null, effort: side === 'give' ? int(1, 4) : 0, position };
          }),
        )
        .returning({ id: dealItems.id, side: dealItems.side });
      const gives = items.filter((i) => i.side === 'give');
      const committed = gives.map((i) => ({ itemId: i.id, userId: pick(memberIds) }));
      await insertAll(tx, dealItemMembers, committed);
      if (!keyPersonFound && committed.length && deal.status !== 'closed' && deal.status !== 'dropped') [keyPersonId, keyPersonFound] = [committed[0].userId, true];
      const events: Array<typeof dealEvents.$inferInsert> = [{ dealId: deal.id, actorId: ownerId, at: createdAt, kind: 'created' }];
      for (let c = int(0, 4); c > 0; c--) events.push({ dealId: deal.id, actorId: pick([ownerId, manager.id, ...partnerUserIds]), at: createdAt + int(1, 60) * DAY_MS, kind: 'comment', body: 'Looks realistic.' });
      await tx.insert(dealEvents).values(events);
      count('deals', 1);
      count('deal_items', items.length);
      count('deal_item_members', gives.length);
      count('deal_events', events.length);
    }

    const study = await generateStudy(tx, { managerId: manager.id, memberIds, areaIds, rnd, now: t, insertAll: (table, rows) => insertAll(tx, table, rows) });
    count('study_seasons', study.seasonIds.length);

    return { managerId: manager.id, memberIds, areaIds, partnerIds, partnerUserIds, cycleId: cycle.id, dealIds, keyPersonId, ratingVersions, study, rows };
  });
}

/** Signs people in without the login form (so a benchmark never trips the sign-in rate limit): a cookie value per user. */
export async function insertSessions(db: Db, userIds: number[], now: Date): Promise<string[]> {
  const tokens = userIds.map(() => newToken());
  const t = now.getTime();
  if (userIds.length) {
    await insertAll(db, sessions, userIds.map((userId, i) => ({ tokenHash: hashToken(tokens[i]), userId, createdAt: t, expiresAt: t + SESSION_TTL_MS })));
  }
  return tokens;
}
