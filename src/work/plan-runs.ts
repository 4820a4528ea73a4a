// Work-split planner runs: the planner input from the database, runs stored in plan_runs, solving off the request thread, accepting.
import { createHash, randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { planRuns, users, workItems } from '../db/schema/index.ts';
import { buddyShare, explainUnplaced, type PinError, type WorkItem, type WorkMember, type WorkSplitInput, type WorkSplitProgress, type WorkSplitResult } from '../planning/work-split/index.ts';
import { planWorkSplitInWorker } from '../planning/work-split-runner.ts';
import { committedEffortByMember } from '../deals/queries.ts';
import { capacityOverrides, listItems, teamWithLevels, teamWithoutLevels, type Cycle, type ItemWithDetails, type PlanMember } from './queries.ts';

/** The solver's time limit; past it the page shows the best plan found and its proven gap. */
export const PLAN_TIME_LIMIT_SEC = 10;
/** A run with no result this long after its time limit was lost (the instance stopped): it shows as failed. */
const LOST_AFTER_MS = 60_000;
/** How often a solving run's owner says it is alive, and how long a silence means its process is gone. */
const HEARTBEAT_EVERY_MS = 1_000;
const HEARTBEAT_STALE_MS = 8_000;
/** This process, as written on the runs it solves: a restart (same pid or not) is another instance. */
const INSTANCE = `${process.pid}-${randomUUID().slice(0, 8)}`;
/** The runs this process is solving right now, each with the promise that settles when it is recorded. */
const solving = new Map<number, Promise<void>>();
/** The error of a run marked failed because its process was gone. */
export const LOST_RUN = 'lost';
/** Progress reports are written at most this often. */
const PROGRESS_EVERY_MS = 250;

export type PlanRun = typeof planRuns.$inferSelect;

export interface MemberBudget {
  /** The cycle's capacity (the profile's unless set for this cycle). */
  capacity: number;
  /** Points committed to partner deals in the cycle. */
  deals: number;
  /** Points of work already planned, in progress or done in the cycle (as owner, or a buddy's share). */
  planned: number;
}

export interface PlanningData {
  cycle: Cycle;
  /** Active members (not managers): the people the planner gives work to. */
  members: PlanMember[];
  budgets: Map<number, MemberBudget>;
  /** Open items of the cycle. */
  items: ItemWithDetails[];
  /** Version of every item of the cycle, to tell whether a plan's items changed since. */
  versions: Map<number, number>;
  areaNames: Record<number, string>;
}

/**
 * `levels: false` leaves the members' levels and interests empty: the page shows the plan without them
 * (qualified people come from SQL, see qualified.ts); only a new run needs every rating.
 */
export async function planningData(db: Db, cycle: Cycle, opts: { levels: boolean } = { levels: true }): Promise<PlanningData> {
  const [{ members: team, areaNames }, overrides, deals, cycleItems] = await Promise.all([
    opts.levels ? teamWithLevels(db) : teamWithoutLevels(db),
    capacityOverrides(db, cycle.id),
    committedEffortByMember(db, { from: cycle.startDate, to: cycle.endDate }),
    listItems(db, { cycleId: cycle.id }),
  ]);
  const members = team.filter((m) => m.role === 'member');
  const planned = new Map<number, number>();
  const charge = (id: number | null, points: number) => id !== null && planned.set(id, (planned.get(id) ?? 0) + points);
  for (const item of cycleItems) {
    if (item.status !== 'planned' && item.status !== 'in_progress' && item.status !== 'done') continue;
    charge(item.ownerId, item.effort);
    charge(item.buddyId, buddyShare(item));
  }
  const budgets = new Map(members.map((m) => [m.id, { capacity: overrides.get(m.id) ?? m.capacity, deals: deals.get(m.id) ?? 0, planned: planned.get(m.id) ?? 0 }]));
  return { cycle, members, budgets, items: cycleItems.filter((i) => i.status === 'open'), versions: new Map(cycleItems.map((i) => [i.id, i.version])), areaNames };
}

export interface PlanRequest {
  /** Item id → member id. */
  pins: Record<number, number>;
  exclusions: Array<{ itemId: number; memberId: number }>;
  buddies: boolean;
}

/** What the planner sees: free points after deals and work already planned; requirements on archived areas dropped. */
export function plannerInput(data: PlanningData, request: PlanRequest): WorkSplitInput {
  const members: WorkMember[] = data.members.map((m) => {
    const b = data.budgets.get(m.id)!;
    const committed = b.deals + b.planned;
    return { id: m.id, name: m.name, capacity: b.capacity - committed, committed, levels: m.levels, interests: m.interests };
  });
  const items: WorkItem[] = data.items.map((i) => ({
    id: i.id,
    title: i.title,
    effort: i.effort,
    priority: i.priority,
    requirements: i.requirements.filter((r) => r.areaId in data.areaNames),
  }));
  return { members, items, pins: request.pins, exclusions: request.exclusions, buddies: request.buddies, areaNames: data.areaNames };
}

/** The pins the plan could not keep, explained by the planner's own rules (pinned over capacity, unqualified, excluded). */
export function pinProblems(input: WorkSplitInput): Array<{ itemId: number; why: PinError }> {
  return explainUnplaced(input, { assignments: [] }).filter((u): u is { itemId: number; why: PinError } => u.why.code.startsWith('pin'));
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export type ItemVersions = Array<[itemId: number, version: number]>;

/**
 * Starts a run, or returns the run that already answers exactly this input (same members,
 * levels, capacities, items and item versions, pins and exclusions) if it is running or done
 * and not yet accepted. The solve runs in a worker thread; progress and result go to plan_runs.
 */
export async function startPlanRun(
  db: Db,
  opts: { cycleId: number; input: WorkSplitInput; itemVersions: ItemVersions; userId: number; now: () => Date },
): Promise<PlanRun> {
  const inputHash = hashOf({ input: opts.input, itemVersions: opts.itemVersions, timeLimitSec: PLAN_TIME_LIMIT_SEC });
  await failLostRuns(db, opts.cycleId, opts.now());
  const [same] = await db
    .select()
    .from(planRuns)
    .where(and(eq(planRuns.cycleId, opts.cycleId), eq(planRuns.inputHash, inputHash)))
    .orderBy(desc(planRuns.id))
    .limit(1);
  if (same && same.acceptedAt === null && (same.status === 'done' || same.status === 'running')) return same;
  const [run] = await db
    .insert(planRuns)
    .values({
      cycleId: opts.cycleId,
      status: 'running',
      inputHash,
      input: JSON.stringify(opts.input),
      itemVersions: JSON.stringify(opts.itemVersions),
      timeLimitSec: PLAN_TIME_LIMIT_SEC,
      progress: JSON.stringify({ phase: 'started' } satisfies WorkSplitProgress),
      createdBy: opts.userId,
      createdAt: opts.now().getTime(),
      ownerInstance: INSTANCE,
      heartbeatAt: Date.now(),
    })
    .returning();
  const solved = solveRun(db, run.id, opts.input, opts.now);
  solving.set(run.id, solved);
  void solved.finally(() => solving.delete(run.id));
  return run;
}

async function solveRun(db: Db, runId: number, input: WorkSplitInput, now: () => Date): Promise<void> {
  const running = and(eq(planRuns.id, runId), eq(planRuns.status, 'running'));
  let lastWrite = 0;
  const onProgress = (progress: WorkSplitProgress) => {
    const at = performance.now();
    if (progress.phase === 'progress' && at - lastWrite < PROGRESS_EVERY_MS) return;
    lastWrite = at;
    db.update(planRuns).set({ progress: JSON.stringify(progress), heartbeatAt: Date.now() }).where(running).catch(() => {});
  };
  const heartbeat = setInterval(() => {
    db.update(planRuns).set({ heartbeatAt: Date.now() }).where(running).catch(() => {});
  }, HEARTBEAT_EVERY_MS);
  heartbeat.unref();
  try {
    const result = await planWorkSplitInWorker(input, { timeLimitSec: PLAN_TIME_LIMIT_SEC, onProgress });
    await db.update(planRuns).set({ status: 'done', result: JSON.stringify(result), finishedAt: now().getTime() }).where(running);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db
      .update(planRuns)
      .set({ status: 'failed', error: message.slice(0, 500), finishedAt: now().getTime() })
      .where(running)
      .catch((e) => console.error(`plan run ${runId}: ${message}; could not record it: ${e}`));
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * Resolves once every run this process is solving has recorded its result (or failure), or after
 * `timeoutMs`: a process stopping gracefully finishes its runs rather than leaving them to be found lost.
 */
export async function runsSettled(timeoutMs: number): Promise<void> {
  if (solving.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled([...solving.values()]), new Promise((ok) => (timer = setTimeout(ok, timeoutMs)))]);
  clearTimeout(timer);
}

/**
 * A run still marked running whose process is gone: this process owns it but is not solving it (the
 * process restarted), or its owner has been silent too long (another instance died), or it predates
 * heartbeats and is well past its time limit.
 */
export function isLost(run: PlanRun, now: Date): boolean {
  if (run.status !== 'running') return false;
  if (run.ownerInstance === INSTANCE) return !solving.has(run.id);
  if (run.heartbeatAt !== null) return Date.now() - run.heartbeatAt > HEARTBEAT_STALE_MS;
  return now.getTime() - run.createdAt > run.timeLimitSec * 1000 + LOST_AFTER_MS;
}

/** Marks the cycle's lost runs failed, so nothing waits for them and the same request solves anew. */
async function failLostRuns(db: Db, cycleId: number, now: Date): Promise<void> {
  const candidates = await db
    .select()
    .from(planRuns)
    .where(and(eq(planRuns.cycleId, cycleId), eq(planRuns.status, 'running')));
  const lost = candidates.filter((run) => isLost(run, now)).map((run) => run.id);
  if (lost.length === 0) return;
  await db
    .update(planRuns)
    .set({ status: 'failed', error: LOST_RUN, finishedAt: now.getTime() })
    .where(and(inArray(planRuns.id, lost), eq(planRuns.status, 'running')));
}


export async function getRun(db: Db, id: number): Promise<PlanRun | null> {
  const [row] = await db.select().from(planRuns).where(eq(planRuns.id, id));
  return row ?? null;
}

export async function latestRun(db: Db, cycleId: number): Promise<PlanRun | null> {
  const [row] = await db.select().from(planRuns).where(eq(planRuns.cycleId, cycleId)).orderBy(desc(planRuns.id)).limit(1);
  return row ?? null;
}

/** Waits for a run to finish, reading the database (the run may be solving in another instance). */
export async function waitForRun(db: Db, id: number, now: () => Date): Promise<PlanRun | null> {
  for (;;) {
    const run = await getRun(db, id);
    if (!run || run.status !== 'running' || isLost(run, now())) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A finished run, parsed. */
export interface RunView {
  run: PlanRun;
  input: WorkSplitInput;
  itemVersions: ItemVersions;
  progress: WorkSplitProgress | null;
  result: WorkSplitResult | null;
}

/**
 * Finished runs, parsed: a done run's input, versions and result never change, and parsing them costs
 * milliseconds at 1,000 people on every /work/plan view. Keyed by id and checked against the stored text
 * (a string comparison, far cheaper than parsing), so a run of another database never answers; a few
 * entries, as only the latest runs are looked at.
 */
const PARSED_RUNS = 4;
const parsedRuns = new Map<number, { input: string; result: string; view: Omit<RunView, 'run'> }>();

/** A run parsed; callers share a finished run's parsed parts and must not change them. */
export function viewOf(run: PlanRun): RunView {
  const finished = run.status === 'done' && run.result !== null;
  const hit = finished ? parsedRuns.get(run.id) : undefined;
  if (hit && hit.input === run.input && hit.result === run.result) return { run, ...hit.view };
  const view = {
    input: JSON.parse(run.input) as WorkSplitInput,
    itemVersions: JSON.parse(run.itemVersions) as ItemVersions,
    progress: run.progress ? (JSON.parse(run.progress) as WorkSplitProgress) : null,
    result: run.result ? (JSON.parse(run.result) as WorkSplitResult) : null,
  };
  if (finished) {
    parsedRuns.delete(run.id);
    parsedRuns.set(run.id, { input: run.input, result: run.result!, view });
    if (parsedRuns.size > PARSED_RUNS) parsedRuns.delete(parsedRuns.keys().next().value!);
  }
  return { run, ...view };
}

/** The hash the accept form carries: the items' versions as the plan saw them. */
export const versionsHash = (itemVersions: ItemVersions) => hashOf(itemVersions);

export type StaleItem = { itemId: number; title: string; plannedVersion: number; currentVersion: number | null; status: string | null };
export type StalePerson = { memberId: number; name: string };

export type AcceptOutcome =
  | { ok: true; planned: number }
  | { ok: false; code: 'notDone' }
  | { ok: false; code: 'changed'; items: StaleItem[]; people: StalePerson[]; alreadyAccepted: boolean };

/**
 * Accepts a finished run: each placed item becomes 'planned' with its owner and buddy, in one
 * transaction. Refused with nothing written if the posted hash is not the run's, if any planned
 * item changed since planning (its version moved), if an owner or buddy is no longer active, or
 * if the run was accepted already.
 */
export async function acceptRun(db: Db, runId: number, postedHash: string, userId: number, now: Date): Promise<AcceptOutcome> {
  return db.transaction(
    async (tx) => {
      const [run] = await tx.select().from(planRuns).where(eq(planRuns.id, runId));
      if (!run || run.status !== 'done' || !run.result) return { ok: false, code: 'notDone' } as const;
      const view = viewOf(run);
      const result = view.result!;
      const planned = new Map(view.itemVersions);
      const ids = [...planned.keys()];
      const current = ids.length > 0 ? await tx.select({ id: workItems.id, version: workItems.version, status: workItems.status }).from(workItems).where(inArray(workItems.id, ids)) : [];
      const currentById = new Map(current.map((c) => [c.id, c]));
      const titles = new Map(view.input.items.map((i) => [i.id, i.title]));
      const items: StaleItem[] = ids
        .filter((id) => currentById.get(id)?.version !== planned.get(id))
        .map((id) => ({ itemId: id, title: titles.get(id) ?? `#${id}`, plannedVersion: planned.get(id)!, currentVersion: currentById.get(id)?.version ?? null, status: currentById.get(id)?.status ?? null }));
      const peopleIds = [...new Set(result.assignments.flatMap((a) => (a.buddyId === null ? [a.ownerId] : [a.ownerId, a.buddyId])))];
      const active = peopleIds.length > 0 ? await tx.select({ id: users.id }).from(users).where(and(inArray(users.id, peopleIds), eq(users.active, true))) : [];
      const activeIds = new Set(active.map((a) => a.id));
      const names = new Map(view.input.members.map((m) => [m.id, m.name]));
      const people = peopleIds.filter((id) => !activeIds.has(id)).map((id) => ({ memberId: id, name: names.get(id) ?? `#${id}` }));
      const alreadyAccepted = run.acceptedAt !== null;
      if (postedHash !== versionsHash(view.itemVersions) || items.length > 0 || people.length > 0 || alreadyAccepted) {
        return { ok: false, code: 'changed', items, people, alreadyAccepted } as const;
      }
      for (const a of result.assignments) {
        const [row] = await tx
          .update(workItems)
          .set({ status: 'planned', ownerId: a.ownerId, buddyId: a.buddyId, updatedAt: now.getTime(), version: planned.get(a.itemId)! + 1 })
          .where(and(eq(workItems.id, a.itemId), eq(workItems.version, planned.get(a.itemId)!)))
          .returning({ id: workItems.id });
        if (!row) throw new Error(`work item ${a.itemId} changed during acceptance`);
      }
      await tx.update(planRuns).set({ acceptedBy: userId, acceptedAt: now.getTime() }).where(eq(planRuns.id, runId));
      return { ok: true, planned: result.assignments.length } as const;
    },
    { behavior: 'immediate' },
  );
}
