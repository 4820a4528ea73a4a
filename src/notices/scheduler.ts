// Scheduled messages from inside the app process: the Monday digest of stale ratings, reminders of deal items
// due within 7 days or late, and study sessions a few days ahead. A job runs once per period across every
// process: its `scheduled_runs` row is inserted in the transaction that enqueues that period's messages.
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { scheduledRuns } from '../db/schema/index.ts';
import { DAY_MS, isoDay, STALE_AFTER_DAYS } from '../domain.ts';
import { enqueue, linkTo, type NoticeSettings } from './outbox.ts';

export const SCHEDULE = {
  /** Local hour (TIME_ZONE) from which the day's reminders and Monday's digest go out. */
  digestHour: 9,
  reminderHour: 8,
  /** Deal items due within this many days are reminded of (once), late ones once more. */
  dueWithinDays: 7,
  /** Presenters and reviewers hear of their session this many days ahead (and again if it moves). */
  studyDaysAhead: 3,
  intervalMs: 60_000,
};

type JobContext = { tx: DbOrTx; settings: NoticeSettings; now: Date; today: string; period: string };
type Job = { name: string; period: (today: string, hour: number) => string | null; run: (j: JobContext) => Promise<number> };

const plusDays = (day: string, n: number) => isoDay(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);
/** Monday of the week `day` is in. */
const mondayOf = (day: string) => plusDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

/** Today and the hour in the zone. */
export function localClock(zone: string, at: Date): { today: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { today: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

/** Each person's stale ratings (not confirmed for 180 days, active areas), in one message per person. */
const digest: Job = {
  name: 'digest',
  // From Monday 09:00 on, for the rest of the week (a server that was down on Monday morning catches up once).
  period: (today, hour) => (today === mondayOf(today) && hour < SCHEDULE.digestHour ? null : mondayOf(today)),
  async run({ tx, settings, now, period }) {
    const rows = await tx.all<{ userId: number; name: string; confirmedAt: number }>(sql`
      select r.user_id as userId, a.name as name, r.confirmed_at as confirmedAt
      from ratings r join areas a on a.id = r.area_id join users u on u.id = r.user_id
      where u.active = 1 and u.role != 'partner' and a.archived_at is null and r.confirmed_at < ${now.getTime() - STALE_AFTER_DAYS * DAY_MS}
      order by r.user_id, r.confirmed_at, a.name`);
    const byUser = new Map<number, typeof rows>();
    for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
    const link = linkTo(settings.publicOrigin ?? null, '/');
    for (const [userId, areas] of byUser) {
      await enqueue(tx, settings, userId, `digest:${period}:${userId}`, { kind: 'digest', params: { areas: areas.map((a) => ({ name: a.name, confirmedAt: a.confirmedAt })) }, link }, now);
    }
    return byUser.size;
  },
};

/** Give items someone is committed to, not done, due within 7 days (once) or late (once more). */
const dueItems: Job = {
  name: 'dueItems',
  period: (today, hour) => (hour < SCHEDULE.reminderHour ? null : today),
  async run({ tx, settings, now, today }) {
    const rows = await tx.all<{ itemId: number; item: string; due: string; dealId: number; deal: string; userId: number }>(sql`
      select i.id as itemId, i.description as item, i.due_date as due, d.id as dealId, d.title as deal, m.user_id as userId
      from deal_items i join deals d on d.id = i.deal_id join deal_item_members m on m.item_id = i.id join users u on u.id = m.user_id
      where i.side = 'give' and i.done = 0 and i.due_date is not null and i.due_date <= ${plusDays(today, SCHEDULE.dueWithinDays)}
        and d.status not in ('closed', 'dropped') and u.active = 1`);
    for (const r of rows) {
      const late = r.due < today;
      await enqueue(tx, settings, r.userId, `dueItem:${r.itemId}:${r.userId}:${r.due}:${late ? 'late' : 'soon'}`, { kind: 'dueItem', params: { deal: r.deal, item: r.item, due: r.due, late }, link: linkTo(settings.publicOrigin ?? null, `/deals/${r.dealId}`) }, now);
    }
    return rows.length;
  },
};

/** Presenters and reviewers of published sessions in the next few days. */
const studySessions: Job = {
  name: 'study',
  period: (today, hour) => (hour < SCHEDULE.reminderHour ? null : today),
  async run({ tx, settings, now, today }) {
    const rows = await tx.all<{ sessionId: number; day: string; time: string; season: string; paper: string | null; presenterId: number | null; reviewerId: number | null }>(sql`
      select s.id as sessionId, s.day as day, se.start_time as time, se.name as season, p.title as paper, s.presenter_id as presenterId, s.reviewer_id as reviewerId
      from study_sessions s join study_seasons se on se.id = s.season_id left join study_papers p on p.id = s.paper_id
      where se.schedule_status = 'published' and s.day >= ${today} and s.day <= ${plusDays(today, SCHEDULE.studyDaysAhead)}`);
    let n = 0;
    for (const r of rows) {
      const link = linkTo(settings.publicOrigin ?? null, `/study/sessions/${r.sessionId}`);
      for (const [role, userId] of [['presenter', r.presenterId], ['reviewer', r.reviewerId]] as const) {
        if (!userId) continue;
        await enqueue(tx, settings, userId, `study:${r.sessionId}:${userId}:${role}:${r.day}`, { kind: 'study', params: { role, day: r.day, time: r.time, season: r.season, paper: r.paper }, link }, now);
        n++;
      }
    }
    return n;
  },
};

export const JOBS: Job[] = [digest, dueItems, studySessions];

/**
 * Runs `job` for `period` unless some process already has: the claim row and the messages commit together,
 * so a crash in between leaves neither. Resolves true when this call ran it.
 */
export async function runOnce(db: Db, job: Job, period: string, owner: string, settings: NoticeSettings, now: Date, today: string): Promise<boolean> {
  const [done] = await db.select({ job: scheduledRuns.job }).from(scheduledRuns).where(and(eq(scheduledRuns.job, job.name), eq(scheduledRuns.period, period)));
  if (done) return false;
  return db.transaction(
    async (tx) => {
      const claimed = await tx.insert(scheduledRuns).values({ job: job.name, period, ranAt: now.getTime(), owner }).onConflictDoNothing().returning({ job: scheduledRuns.job });
      if (claimed.length === 0) return false;
      await job.run({ tx, settings, now, today, period });
      return true;
    },
    { behavior: 'immediate' },
  );
}

export type Scheduler = { tick: () => Promise<string[]>; stop: () => Promise<void> };

/** Starts the scheduler: every minute each job whose period is due runs once. `intervalMs: 0`: only tick() runs it. */
export function startScheduler(opts: { db: Db; settings: NoticeSettings; timeZone: string; now?: () => Date; intervalMs?: number; owner?: string; log?: (l: string) => void }): Scheduler {
  const { db, settings, timeZone, now = () => new Date(), intervalMs = SCHEDULE.intervalMs, log = (l) => console.error(l) } = opts;
  const owner = opts.owner ?? `${process.pid}-${randomBytes(4).toString('hex')}`;
  let running: Promise<string[]> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  async function round(): Promise<string[]> {
    const at = now();
    const { today, hour } = localClock(timeZone, at);
    const ran: string[] = [];
    for (const job of JOBS) {
      const period = job.period(today, hour);
      if (period && (await runOnce(db, job, period, owner, settings, at, today))) ran.push(`${job.name}:${period}`);
    }
    return ran;
  }
  const tick = () => (running ??= round().finally(() => (running = null)));
  const schedule = (first = false) => {
    if (stopped || intervalMs <= 0) return;
    // The first round soon after start-up (what a restart left waiting goes out at once), then every interval.
    timer = setTimeout(() => {
      tick()
        .catch((err: Error) => log(`The notice scheduler's round failed: ${err.message}`))
        .finally(() => schedule());
    }, first ? Math.min(intervalMs, 1_000) : intervalMs);
    timer.unref();
  };
  schedule(true);
  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
