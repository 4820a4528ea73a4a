// The sender inside the app process: on a timer it claims a few due outbox rows with a lease, delivers them
// and marks each sent only while it still holds the lease; failures retry with exponential backoff.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { NoticeKind } from '../domain.ts';
import type { OutboxPayload } from './outbox.ts';

/** One claimed message as the delivery function gets it. */
export type Claimed = { id: number; kind: NoticeKind; channel: 'email' | 'messenger'; payload: OutboxPayload; attempts: number };
/** Delivers one message or throws (the error's message is kept as `last_error`). */
export type Deliver = (m: Claimed) => Promise<void>;

export const SENDER = {
  /** Rows claimed per round: small, so one slow channel holds few messages and other processes get the rest. */
  batch: 10,
  /** Longer than any delivery may take (the channels time out at a third of it), so a live sender never loses its lease (NOTICE_LEASE_SECONDS). */
  leaseMs: 120_000,
  /** Backoff: 30 s, 1 min, 2 min, … at most an hour; after this many attempts the message is failed. */
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  maxAttempts: 8,
  intervalMs: 5_000,
};

export const backoffMs = (attempts: number) => Math.min(SENDER.baseDelayMs * 2 ** Math.max(0, attempts - 1), SENDER.maxDelayMs);

type Row = { id: number; kind: NoticeKind; channel: 'email' | 'messenger'; payload: string; attempts: number };

/**
 * Claims up to `batch` due rows for `owner`: one UPDATE, so two processes never claim the same row at once.
 * A read first: an idle process takes no write lock every round (an UPDATE takes it even when nothing matches).
 */
export async function claim(db: Db, owner: string, now: Date, leaseMs = SENDER.leaseMs, batch = SENDER.batch): Promise<Claimed[]> {
  const t = now.getTime();
  const due = await db.all<{ id: number }>(sql`
    select id from outbox where status = 'pending' and next_attempt_at <= ${t} and (lease_until is null or lease_until < ${t}) limit 1`);
  if (due.length === 0) return [];
  const rows = await db.all<Row>(sql`
    update outbox set lease_owner = ${owner}, lease_until = ${t + leaseMs}
    where id in (
      select id from outbox
      where status = 'pending' and next_attempt_at <= ${t} and (lease_until is null or lease_until < ${t})
      order by next_attempt_at, id limit ${batch}
    )
    returning id, kind, channel, payload, attempts`);
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as OutboxPayload }));
}

/** Marks a claimed row sent, once: only the lease holder's update of a pending row counts. A sent invitation forgets its link. */
async function markSent(db: Db, id: number, owner: string, now: Date): Promise<boolean> {
  const done = await db.all<{ id: number }>(sql`
    update outbox set status = 'sent', sent_at = ${now.getTime()}, attempts = attempts + 1, lease_until = null, last_error = null,
      payload = case when kind = 'invitation' then json_set(payload, '$.message.link', null) else payload end
    where id = ${id} and lease_owner = ${owner} and status = 'pending'
    returning id`);
  return done.length === 1;
}

async function markFailed(db: Db, m: Claimed, owner: string, now: Date, error: string): Promise<void> {
  const attempts = m.attempts + 1;
  const status = attempts >= SENDER.maxAttempts ? 'failed' : 'pending';
  await db.run(sql`
    update outbox set attempts = ${attempts}, status = ${status}, last_error = ${error.slice(0, 500)},
      next_attempt_at = ${now.getTime() + backoffMs(attempts)}, lease_owner = null, lease_until = null
    where id = ${m.id} and lease_owner = ${owner} and status = 'pending'`);
}

export type Sender = {
  /** One round: claim, deliver, mark. Resolves with how many were sent. */
  tick: () => Promise<number>;
  /** Stops the timer and waits for a round in flight. */
  stop: () => Promise<void>;
  owner: string;
};

/**
 * Starts a sender. With `intervalMs: 0` it never runs by itself (tests call tick()). Rounds never overlap;
 * a round awaits its I/O, so requests are served meanwhile.
 */
export function startSender(opts: { db: Db; deliver: Deliver; now?: () => Date; intervalMs?: number; leaseMs?: number; owner?: string; log?: (line: string) => void }): Sender {
  const { db, deliver, now = () => new Date(), intervalMs = SENDER.intervalMs, leaseMs = SENDER.leaseMs, log = (l) => console.error(l) } = opts;
  const owner = opts.owner ?? `${process.pid}-${randomBytes(4).toString('hex')}`;
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  async function round(): Promise<number> {
    let sent = 0;
    for (const m of await claim(db, owner, now(), leaseMs)) {
      try {
        await deliver(m);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        await markFailed(db, m, owner, now(), why);
        if (m.attempts + 1 >= SENDER.maxAttempts) log(`Notice ${m.id} (${m.kind} by ${m.channel}) failed for good after ${m.attempts + 1} attempts: ${why}`);
        continue;
      }
      if (await markSent(db, m.id, owner, now())) sent++;
    }
    return sent;
  }
  const tick = () => (running ??= round().finally(() => (running = null)));
  const schedule = (first = false) => {
    if (stopped || intervalMs <= 0) return;
    // The first round soon after start-up (what a restart left waiting goes out at once), then every interval.
    timer = setTimeout(() => {
      tick()
        .catch((err: Error) => log(`The notice sender's round failed: ${err.message}`))
        .finally(() => schedule());
    }, first ? Math.min(intervalMs, 1_000) : intervalMs);
    timer.unref();
  };
  schedule(true);
  return {
    owner,
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
