// Pairing rounds, the pair history they form, remembered weights and study circles: reads and version-checked writes.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { pairingGroupMembers, pairingGroups, pairingRounds, settings, studyCircleMembers, studyCircles, users } from '../db/schema/index.ts';
import { listAreas, type AreaWithCategory } from '../areas/queries.ts';
import { matrixModel, type MatrixModel } from '../matrix/model.ts';
import { effectiveLevel } from '../planning/skills.ts';
import {
  DEFAULT_WEIGHTS,
  pairKey,
  type IdPair,
  type OddMode,
  type PairHistory,
  type Person,
  type Reason,
  type ScoredGroup,
  type Weights,
} from '../planning/pairing/index.ts';

/** Display names by person id and by area id. */
export type Names = { people: ReadonlyMap<number, string>; areas: ReadonlyMap<number, string> };

export const WEIGHTS_KEY = 'pairing.weights';

// ── The team as the planner sees it ─────────────────────────────────────────────────────────────────────

/** What the planner needs of a person: who they are, how pickers name them, whether they are present by default. */
export type TeamUser = { id: number; name: string; email: string; role: 'manager' | 'member' };
export type PlanningData = { users: TeamUser[]; people: Person[]; areas: AreaWithCategory[] };

/**
 * Active managers and members (by name) with their effective levels and interests, and the non-archived
 * areas: from the matrix model this process keeps up to date (`src/matrix/model.ts`), so a view of
 * /pairings does not read the 24,000 ratings of a 1,000-person organisation again.
 */
export async function planningData(db: Db): Promise<PlanningData> {
  const model = await matrixModel(db);
  // The same object while the model is the same (callers only read it; pages keep what they derive from it).
  const kept = planned.get(model);
  if (kept) return kept;
  const people = model.team.map(({ id, name }) => {
    const levels: Record<number, number> = {};
    const interests: Record<number, number> = {};
    const mine = model.byUser.get(id);
    if (mine)
      for (const area of model.areas) {
        const r = mine.get(area.id);
        if (!r) continue;
        levels[area.id] = effectiveLevel(r) ?? 0;
        interests[area.id] = r.interest ?? 0;
      }
    return { id, name, levels, interests };
  });
  const data = { users: model.team.map(({ id, name, email, role }) => ({ id, name, email, role })), people, areas: model.areas };
  planned.set(model, data);
  return data;
}
const planned = new WeakMap<MatrixModel, PlanningData>();

/** Names of everyone who may appear in a round or reason, archived areas and inactive people included (people as one JSON array, which JSON.parse reads faster than row objects). */
export async function loadNames(db: DbOrTx): Promise<Names> {
  const [[people], areas] = await Promise.all([
    db.all<{ list: string }>(sql`select json_group_array(json_array(${users.id}, ${users.name})) as list from ${users} where ${users.role} in ('manager','member')`),
    listAreas(db, { includeArchived: true }),
  ]);
  return { people: new Map(JSON.parse(people?.list ?? '[]') as Array<[number, string]>), areas: new Map(areas.map((a) => [a.id, a.name])) };
}

// ── Remembered weights ──────────────────────────────────────────────────────────────────────────────────

/** The last weights a manager proposed with; version 0 = never saved (the defaults). */
export async function loadWeights(db: DbOrTx): Promise<{ weights: Weights; version: number }> {
  const [row] = await db.select().from(settings).where(eq(settings.key, WEIGHTS_KEY));
  if (!row) return { weights: DEFAULT_WEIGHTS, version: 0 };
  try {
    const v = JSON.parse(row.value) as Partial<Weights>;
    const num = (x: unknown, d: number) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : d);
    return {
      weights: {
        mentoring: num(v.mentoring, DEFAULT_WEIGHTS.mentoring),
        rotation: num(v.rotation, DEFAULT_WEIGHTS.rotation),
        coverage: num(v.coverage, DEFAULT_WEIGHTS.coverage),
        trackRecord: num(v.trackRecord, DEFAULT_WEIGHTS.trackRecord!),
      },
      version: row.version,
    };
  } catch {
    return { weights: DEFAULT_WEIGHTS, version: row.version };
  }
}

export const sameWeights = (a: Weights, b: Weights) =>
  a.mentoring === b.mentoring && a.rotation === b.rotation && a.coverage === b.coverage && (a.trackRecord ?? 0) === (b.trackRecord ?? 0);

/** Stores weights read at `version`; false when someone saved other weights meanwhile. */
async function saveWeights(tx: DbOrTx, weights: Weights, version: number): Promise<boolean> {
  const value = JSON.stringify(weights);
  if (version === 0) {
    const rows = await tx.insert(settings).values({ key: WEIGHTS_KEY, value }).onConflictDoNothing().returning();
    return rows.length === 1;
  }
  const rows = await tx
    .update(settings)
    .set({ value, version: sql`${settings.version} + 1` })
    .where(and(eq(settings.key, WEIGHTS_KEY), eq(settings.version, version)))
    .returning();
  return rows.length === 1;
}

// ── Rounds ──────────────────────────────────────────────────────────────────────────────────────────────

/** The planner's inputs, kept with the round (the form is pre-filled from the latest draft). */
export type RoundSettings = {
  presentIds: number[];
  /** Empty = every non-archived area. */
  areaIds: number[];
  weights: Weights;
  odd: OddMode;
  locks: IdPair[];
  forbids: IdPair[];
  /** Set when the planner stopped at its time limit: no round of these settings scores more than this. */
  boundUnits?: number;
};

export type MemberRole = 'mentor' | 'learner' | 'peer' | 'solo';
export type RoundGroup = {
  id: number;
  position: number;
  kind: ScoredGroup['role'];
  areaId: number | null;
  scoreUnits: number;
  reason: Reason;
  locked: boolean;
  members: Array<{ userId: number; role: MemberRole }>;
};
export type Round = Omit<typeof pairingRounds.$inferSelect, 'settings'> & { settings: RoundSettings; groups: RoundGroup[] };

/** Member roles of a scored group: the mentor, the learners they mentor, everyone else a peer. */
export function memberRoles(g: ScoredGroup): Array<{ userId: number; role: MemberRole }> {
  const roleOf = (id: number): MemberRole =>
    g.role === 'solo' ? 'solo' : id === g.mentorId ? 'mentor' : g.learnerIds.includes(id) ? 'learner' : 'peer';
  // Mentor first, then learners, then peers, so a group always reads "mentor → learners".
  const order: Record<MemberRole, number> = { mentor: 0, learner: 1, peer: 2, solo: 3 };
  return g.memberIds.map((id) => ({ userId: id, role: roleOf(id) })).sort((a, b) => order[a.role] - order[b.role]);
}

/** Inserts a round's groups and their members in two statements. */
async function insertGroups(tx: DbOrTx, roundId: number, groups: Array<ScoredGroup & { locked: boolean }>) {
  if (groups.length === 0) return;
  const rows = await tx
    .insert(pairingGroups)
    .values(groups.map((g, i) => ({ roundId, position: i, kind: g.role, areaId: g.areaId, scoreUnits: g.units, reason: JSON.stringify(g.reason), locked: g.locked })))
    .returning({ id: pairingGroups.id, position: pairingGroups.position });
  const idAt = new Map(rows.map((r) => [r.position, r.id]));
  await tx
    .insert(pairingGroupMembers)
    .values(groups.flatMap((g, i) => memberRoles(g).map((m) => ({ groupId: idAt.get(i)!, roundId, userId: m.userId, role: m.role }))));
}

export type NewDraft = { settings: RoundSettings; groups: Array<ScoredGroup & { locked: boolean }>; weightsVersion: number; createdBy: number; now: Date };

/**
 * Stores a proposal as the new draft round (one transaction): remembers the weights if they changed (at the
 * version the manager read them) and retires any open draft as 'discarded'. 'weights-conflict' = another
 * manager saved other weights meanwhile; nothing is written then.
 */
export async function createDraftRound(db: Db, d: NewDraft): Promise<{ ok: true; roundId: number } | { ok: false; current: Weights }> {
  return db.transaction(
    async (tx) => {
      const stored = await loadWeights(tx);
      if (!sameWeights(stored.weights, d.settings.weights) || stored.version === 0) {
        if (!(await saveWeights(tx, d.settings.weights, d.weightsVersion))) return { ok: false as const, current: stored.weights };
      }
      await tx
        .update(pairingRounds)
        .set({ status: 'discarded', version: sql`${pairingRounds.version} + 1` })
        .where(eq(pairingRounds.status, 'draft'));
      const [round] = await tx
        .insert(pairingRounds)
        .values({ status: 'draft', settings: JSON.stringify(d.settings), createdBy: d.createdBy, createdAt: d.now.getTime() })
        .returning({ id: pairingRounds.id });
      await insertGroups(tx, round.id, d.groups);
      return { ok: true as const, roundId: round.id };
    },
    { behavior: 'immediate' },
  );
}

/** Rounds with their groups and members, in three queries. */
async function withGroups(db: DbOrTx, rounds: Array<typeof pairingRounds.$inferSelect>): Promise<Round[]> {
  if (rounds.length === 0) return [];
  const ids = rounds.map((r) => r.id);
  const [groups, members] = await Promise.all([
    db.select().from(pairingGroups).where(inArray(pairingGroups.roundId, ids)).orderBy(asc(pairingGroups.position), asc(pairingGroups.id)),
    db.select().from(pairingGroupMembers).where(inArray(pairingGroupMembers.roundId, ids)),
  ]);
  const order: Record<MemberRole, number> = { mentor: 0, learner: 1, peer: 2, solo: 3 };
  const membersOf = new Map<number, RoundGroup['members']>();
  for (const m of members) {
    const list = membersOf.get(m.groupId) ?? [];
    list.push({ userId: m.userId, role: m.role });
    membersOf.set(m.groupId, list);
  }
  for (const list of membersOf.values()) list.sort((a, b) => order[a.role] - order[b.role] || a.userId - b.userId);
  return rounds.map((r) => ({
    ...r,
    settings: JSON.parse(r.settings) as RoundSettings,
    groups: groups
      .filter((g) => g.roundId === r.id)
      .map((g) => ({
        id: g.id,
        position: g.position,
        kind: g.kind,
        areaId: g.areaId,
        scoreUnits: g.scoreUnits,
        reason: JSON.parse(g.reason) as Reason,
        locked: g.locked,
        members: membersOf.get(g.id) ?? [],
      })),
  }));
}

export async function getRound(db: DbOrTx, id: number): Promise<Round | null> {
  const rows = await db.select().from(pairingRounds).where(eq(pairingRounds.id, id));
  return (await withGroups(db, rows))[0] ?? null;
}

/** The open draft, if a manager has proposed and not accepted yet. */
export async function currentDraft(db: DbOrTx): Promise<Round | null> {
  const rows = await db.select().from(pairingRounds).where(eq(pairingRounds.status, 'draft')).orderBy(desc(pairingRounds.id)).limit(1);
  return (await withGroups(db, rows))[0] ?? null;
}

/** Accepted rounds, newest first (`limit` from `offset`); the first one is the current round. */
export async function acceptedRounds(db: DbOrTx, limit?: number, offset = 0): Promise<Round[]> {
  const q = db
    .select()
    .from(pairingRounds)
    .where(eq(pairingRounds.status, 'accepted'))
    .orderBy(desc(pairingRounds.acceptedAt), desc(pairingRounds.id));
  return withGroups(db, await (limit === undefined ? q : q.limit(limit).offset(offset)));
}

export async function currentRound(db: DbOrTx): Promise<Round | null> {
  return (await acceptedRounds(db, 1))[0] ?? null;
}

export const groupScore = (r: Round) => r.groups.reduce((sum, g) => sum + g.scoreUnits, 0);

/**
 * Who paired with whom in accepted rounds: count and the last acceptance date per pair (everyone in a trio
 * worked with both others). This is what the rotation goal and the history grid read.
 */
export async function pairHistory(db: DbOrTx): Promise<Map<string, { lastPaired: Date; count: number }>> {
  const rows = await db
    .select({ roundId: pairingGroupMembers.roundId, groupId: pairingGroupMembers.groupId, userId: pairingGroupMembers.userId, acceptedAt: pairingRounds.acceptedAt })
    .from(pairingGroupMembers)
    .innerJoin(pairingRounds, eq(pairingRounds.id, pairingGroupMembers.roundId))
    .where(eq(pairingRounds.status, 'accepted'));
  const groups = new Map<number, { at: number; ids: number[] }>();
  for (const r of rows) {
    const g = groups.get(r.groupId) ?? { at: r.acceptedAt ?? 0, ids: [] };
    g.ids.push(r.userId);
    groups.set(r.groupId, g);
  }
  const history = new Map<string, { lastPaired: Date; count: number }>();
  for (const { at, ids } of groups.values()) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const key = pairKey(ids[i], ids[j]);
        const seen = history.get(key);
        if (!seen) history.set(key, { lastPaired: new Date(at), count: 1 });
        else history.set(key, { lastPaired: new Date(Math.max(seen.lastPaired.getTime(), at)), count: seen.count + 1 });
      }
    }
  }
  return history satisfies PairHistory;
}

export type RoundChange = { ok: true; round: Round } | { ok: false; current: Round | null };

/**
 * Replaces two groups of a draft with their rescored versions, if the draft is still at `version`.
 * The caller computes the new groups; a stale version or a round no longer in draft writes nothing.
 */
export async function replaceDraftGroups(
  db: Db,
  roundId: number,
  version: number,
  replaced: Array<{ groupId: number; group: ScoredGroup & { locked: boolean } }>,
): Promise<RoundChange> {
  return db.transaction(
    async (tx) => {
      const bumped = await tx
        .update(pairingRounds)
        .set({ version: sql`${pairingRounds.version} + 1` })
        .where(and(eq(pairingRounds.id, roundId), eq(pairingRounds.version, version), eq(pairingRounds.status, 'draft')))
        .returning({ id: pairingRounds.id });
      if (bumped.length === 0) return { ok: false as const, current: await getRound(tx, roundId) };
      // Remove before re-inserting: the swapped people move between these groups (one person per round).
      for (const { groupId } of replaced) await tx.delete(pairingGroupMembers).where(eq(pairingGroupMembers.groupId, groupId));
      for (const { groupId, group } of replaced) {
        await tx
          .update(pairingGroups)
          .set({ kind: group.role, areaId: group.areaId, scoreUnits: group.units, reason: JSON.stringify(group.reason), locked: group.locked })
          .where(eq(pairingGroups.id, groupId));
        await tx.insert(pairingGroupMembers).values(memberRoles(group).map((m) => ({ groupId, roundId, userId: m.userId, role: m.role })));
      }
      return { ok: true as const, round: (await getRound(tx, roundId))! };
    },
    { behavior: 'immediate' },
  );
}

/**
 * Accepts a draft at `version`: it becomes the current round; earlier accepted rounds stay as history.
 * `then` runs in the same transaction once it is accepted (the participants' notices).
 */
export async function acceptDraft(db: Db, roundId: number, version: number, note: string, userId: number, now: Date, then?: (tx: DbOrTx, round: Round) => Promise<void>): Promise<RoundChange> {
  return db.transaction(
    async (tx) => {
      const done = await tx
        .update(pairingRounds)
        .set({ status: 'accepted', note, acceptedBy: userId, acceptedAt: now.getTime(), version: sql`${pairingRounds.version} + 1` })
        .where(and(eq(pairingRounds.id, roundId), eq(pairingRounds.version, version), eq(pairingRounds.status, 'draft')))
        .returning({ id: pairingRounds.id });
      const round = await getRound(tx, roundId);
      if (done.length === 1) await then?.(tx, round!);
      return done.length === 1 ? { ok: true as const, round: round! } : { ok: false as const, current: round };
    },
    { behavior: 'immediate' },
  );
}

// ── Study circles ───────────────────────────────────────────────────────────────────────────────────────

export type Circle = typeof studyCircles.$inferSelect & { learnerIds: number[] };

/** Circles still running (not ended), oldest first. */
export async function openCircles(db: DbOrTx): Promise<Circle[]> {
  const circles = await db.select().from(studyCircles).where(isNull(studyCircles.endedAt)).orderBy(asc(studyCircles.acceptedAt), asc(studyCircles.id));
  if (circles.length === 0) return [];
  const members = await db
    .select()
    .from(studyCircleMembers)
    .where(inArray(studyCircleMembers.circleId, circles.map((c) => c.id)));
  return circles.map((c) => ({ ...c, learnerIds: members.filter((m) => m.circleId === c.id).map((m) => m.userId) }));
}

export type NewCircle = { areaId: number; leaderId: number; learnerIds: number[] };

/** Accepts a circle unless one is already running in that area ('running'). */
export async function acceptCircle(db: Db, c: NewCircle, userId: number, now: Date): Promise<{ ok: true; id: number } | { ok: false }> {
  return db.transaction(
    async (tx) => {
      const [running] = await tx
        .select({ id: studyCircles.id })
        .from(studyCircles)
        .where(and(eq(studyCircles.areaId, c.areaId), isNull(studyCircles.endedAt)));
      if (running) return { ok: false as const };
      const [row] = await tx
        .insert(studyCircles)
        .values({ areaId: c.areaId, leaderId: c.leaderId, acceptedBy: userId, acceptedAt: now.getTime() })
        .returning({ id: studyCircles.id });
      await tx.insert(studyCircleMembers).values(c.learnerIds.map((id) => ({ circleId: row.id, userId: id })));
      return { ok: true as const, id: row.id };
    },
    { behavior: 'immediate' },
  );
}

/** Ends a running circle read at `version`; false when it changed or ended meanwhile. */
export async function endCircle(db: Db, id: number, version: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(studyCircles)
    .set({ endedAt: now.getTime(), version: sql`${studyCircles.version} + 1` })
    .where(and(eq(studyCircles.id, id), eq(studyCircles.version, version), isNull(studyCircles.endedAt)))
    .returning({ id: studyCircles.id });
  return rows.length === 1;
}

export async function getCircle(db: DbOrTx, id: number) {
  const [row] = await db.select().from(studyCircles).where(eq(studyCircles.id, id));
  return row ?? null;
}
