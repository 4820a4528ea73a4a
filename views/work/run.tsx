// A planner run on /work/plan: progress while it solves, then the proposal's status, totals, unplaced items, loads and accept.
import { ConflictView } from '../components.tsx';
import { formatDateTime, keyFor, t } from '../i18n/index.ts';
import { Pager, type Slice } from './pager.tsx';
import { describeUnplaced, type AssignmentReason, type UnplacedWhy } from './reasons.ts';

/** How the owner clears the item's minimums, in words: the tightest one counts. */
export function marginText(a: { margin?: number | null; reason: AssignmentReason }): string | null {
  if (a.margin === undefined || a.margin === null) return null;
  const every = a.reason.requirements.length > 1;
  if (a.margin === 0) return t(every ? 'work.plan.meetsEvery' : 'work.plan.meets');
  return t(every ? 'work.plan.aboveEvery' : 'work.plan.above', { levels: a.margin });
}

export const points = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const value = (n: number) => n.toFixed(1);
const percent = (x: number) => `${(x * 100).toFixed(x < 0.01 && x > 0 ? 2 : 1)}%`;

export type MemberBudget = { capacity: number; deals: number; planned: number };

type Progress =
  | { phase: 'started' }
  | { phase: 'building' }
  | { phase: 'solving'; columns: number; rows: number }
  | { phase: 'progress'; objective: number | null; bound: number | null; gap: number | null; seconds: number }
  | { phase: 'done'; seconds: number };

export type ShownAssignment = { itemId: number; ownerId: number; buddyId: number | null; margin?: number | null; reason: AssignmentReason };

/** A stored run as the page shows it: the run row, what it planned, its progress and result (parsed by the route). */
export type RunState = {
  run: { id: number; status: string; timeLimitSec: number; createdAt: number; acceptedAt: number | null; error: string | null };
  input: {
    items: ReadonlyArray<{ id: number; title: string; effort: number }>;
    members: ReadonlyArray<{ id: number; name: string }>;
    pins?: Readonly<Record<number, number>>;
    exclusions?: ReadonlyArray<{ itemId: number; memberId: number }>;
    buddies: boolean;
  };
  progress: Progress | null;
  result: {
    status: 'optimal' | 'time_limit' | 'infeasible_pins';
    seconds: number;
    gap: number | null;
    objective: number;
    assignments: ShownAssignment[];
    unplaced: Array<{ itemId: number; why: UnplacedWhy }>;
    loads: Array<{ memberId: number; used: number; capacity: number; committed: number }>;
    /** `rule` is missing on runs stored before there were several rules (they used the first). */
    greedy: { objective: number; assignments: readonly unknown[]; rule?: string };
  } | null;
  lost: boolean;
  staleItems: number;
  acceptedByName: string | null;
};

function progressText(progress: Progress | null): string {
  if (!progress || progress.phase === 'started' || progress.phase === 'building') return t('work.plan.progress.building');
  if (progress.phase === 'solving') return t('work.plan.progress.solving', { columns: progress.columns, rows: progress.rows });
  if (progress.phase === 'done') return t('work.plan.progress.finishing');
  if (progress.objective === null) return t('work.plan.progress.searching', { seconds: progress.seconds.toFixed(1) });
  return t('work.plan.progress.best', {
    objective: value(progress.objective),
    bound: progress.bound === null ? t('common.none') : value(progress.bound),
    gap: progress.gap === null ? t('common.none') : percent(progress.gap),
    seconds: progress.seconds.toFixed(1),
  });
}

/** Shown while the run solves; with htmx it polls itself until the run is done, then the page reloads with the result. */
export function RunProgress(p: { run: RunState; pageUrl: string }) {
  const { run, progress } = p.run;
  const seconds = progress?.phase === 'progress' ? progress.seconds : progress?.phase === 'done' ? progress.seconds : null;
  return (
    <section id="plan-run" class="card wk-plan-progress" hx-get={`/work/plan/runs/${run.id}/progress`} hx-trigger="load delay:600ms" hx-swap="outerHTML" aria-live="polite">
      <h2>
        <span class="spinner" aria-hidden="true"></span> {t('work.plan.running')}
      </h2>
      <progress max={String(run.timeLimitSec)} value={seconds === null ? undefined : String(Math.min(seconds, run.timeLimitSec))} aria-label={t('work.plan.progressLabel')}></progress>
      <p>{progressText(progress)}</p>
      <p class="muted">
        {t('work.plan.runningHint', { seconds: run.timeLimitSec })} <a href={p.pageUrl}>{t('work.plan.refresh')}</a>
      </p>
    </section>
  );
}

function StatusLine(p: { run: RunState }) {
  const result = p.run.result!;
  if (result.status === 'optimal') return <p class="wk-plan-status"><span class="tag ok">{t('work.plan.status.optimal')}</span> {t('work.plan.status.optimalText', { seconds: result.seconds.toFixed(2) })}</p>;
  if (result.status === 'time_limit') {
    return (
      <p class="wk-plan-status">
        <span class="tag warn">{t('work.plan.status.timeLimit')}</span>{' '}
        {result.gap === null ? t('work.plan.status.noGap', { seconds: p.run.run.timeLimitSec }) : t('work.plan.status.gap', { gap: percent(result.gap), seconds: p.run.run.timeLimitSec })}
      </p>
    );
  }
  return <p class="wk-plan-status"><span class="tag bad">{t('work.plan.status.pins')}</span> {t('work.plan.status.pinsText')}</p>;
}

function Compare(p: { run: RunState }) {
  const result = p.run.result!;
  const total = p.run.input.items.length;
  const diff = result.objective - result.greedy.objective;
  const rule = t(keyFor('work.plan.rule.', result.greedy.rule ?? 'priorityFit'));
  return (
    <div class="wk-compare" role="group" aria-label={t('work.plan.compare')}>
      <div class="wk-stat wk-optimal">
        <span class="wk-stat-label">{t('work.plan.optimalTotal')}</span>
        <span class="wk-stat-value">{value(result.objective)}</span>
        <span class="muted">{t('work.plan.placed', { placed: result.assignments.length, total })}</span>
      </div>
      <div class="wk-stat wk-greedy">
        <span class="wk-stat-label">{t('work.plan.greedyTotal')}</span>
        <span class="wk-stat-value">{value(result.greedy.objective)}</span>
        <span class="muted">{t('work.plan.placed', { placed: result.greedy.assignments.length, total })}</span>
        <span class="muted wk-greedy-rule">{t('work.plan.greedyRule', { rule })}</span>
      </div>
      <p class="wk-compare-note">
        {diff > 1e-6
          ? t('work.plan.better', { diff: value(diff), pct: percent(diff / Math.max(1, Math.abs(result.greedy.objective))), rule })
          : t('work.plan.same')}{' '}
        <span class="muted">{t('work.plan.rulesHint')}</span> <span class="muted">{t('work.plan.valueHint')}</span>
      </p>
    </div>
  );
}

function AcceptForm(p: { run: RunState; hash: string; cycleId: number }) {
  const { run } = p.run;
  if (run.acceptedAt !== null) {
    return (
      <p class="flash flash-ok wk-accepted">
        {t('work.plan.acceptedOn', { when: formatDateTime(run.acceptedAt), name: p.run.acceptedByName ?? t('common.none') })}{' '}
        <a href={`/work?cycle=${p.cycleId}`}>{t('work.plan.seeItems')}</a>
      </p>
    );
  }
  if (p.run.staleItems > 0) return <p class="flash flash-error">{t('work.plan.stale', { count: p.run.staleItems })}</p>;
  const count = p.run.result!.assignments.length;
  if (count === 0) return null;
  return (
    <form method="post" action={`/work/plan/runs/${run.id}/accept`} class="wk-accept-form">
      <input type="hidden" name="hash" value={p.hash} />
      <button type="submit">{t('work.plan.accept', { count })}</button>
      <span class="muted">{t('work.plan.acceptHint')}</span>
    </form>
  );
}

function committedText(b: MemberBudget): string {
  const parts = [b.deals > 0 ? t('work.plan.committedDeals', { points: points(b.deals) }) : '', b.planned > 0 ? t('work.plan.committedPlanned', { points: points(b.planned) }) : ''];
  return t('work.plan.committed', { parts: parts.filter(Boolean).join(t('work.list.separator')) });
}

/** One page of the members' loads, in name order; the budget is what was committed before this plan. */
export type MembersPage = { rows: Array<{ id: number; name: string; budget: MemberBudget | null }>; slice: Slice; prev: string; next: string };

function MembersTable(p: { run: RunState; members: MembersPage }) {
  const result = p.run.result!;
  const items = new Map(p.run.input.items.map((i) => [i.id, i]));
  const loads = new Map(result.loads.map((l) => [l.memberId, l]));
  return (
    <div class="table-wrap" role="region" tabindex={0} aria-labelledby="plan-members-title">
      <table class="list wk-plan-members" aria-labelledby="plan-members-title">
        <thead>
          <tr>
            <th scope="col">{t('common.name')}</th>
            <th scope="col">{t('work.plan.load')}</th>
            <th scope="col">{t('work.plan.owns')}</th>
            <th scope="col">{t('work.plan.buddyFor')}</th>
          </tr>
        </thead>
        <tbody>
          {p.members.rows.map((m) => {
            const load = loads.get(m.id);
            const used = (load?.committed ?? 0) + (load?.used ?? 0);
            const budget = (load?.capacity ?? 0) + (load?.committed ?? 0);
            const owned = result.assignments.filter((a) => a.ownerId === m.id);
            const buddying = result.assignments.filter((a) => a.buddyId === m.id);
            const before = m.budget;
            return (
              <tr>
                <th scope="row">{m.name}</th>
                <td class="wk-load" data-label={t('work.plan.load')}>
                  {/* Green up to capacity; over it the meter turns red (above `high`, away from `optimum`). */}
                  <meter
                    min={0}
                    max={Math.max(budget, used, 1)}
                    low={used > budget ? budget / 2 : undefined}
                    high={used > budget ? budget : undefined}
                    optimum={used > budget ? 0 : undefined}
                    value={used}
                    aria-label={t('work.plan.loadOf', { name: m.name })}
                  ></meter>
                  <span class={used > budget ? 'wk-load-text wk-over' : 'wk-load-text'}>{t('work.plan.loadText', { used: points(used), budget: points(budget) })}</span>
                  {before && (before.deals > 0 || before.planned > 0) && <small class="muted">{committedText(before)}</small>}
                </td>
                <td data-label={t('work.plan.owns')}>
                  {owned.length === 0 ? (
                    <span class="muted">{t('common.none')}</span>
                  ) : (
                    <ul class="plain wk-compact">
                      {owned.map((a) => (
                        <li>{`${items.get(a.itemId)?.title ?? `#${a.itemId}`} (${items.get(a.itemId)?.effort ?? '?'})`}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td data-label={t('work.plan.buddyFor')}>
                  {buddying.length === 0 ? (
                    <span class="muted">{t('common.none')}</span>
                  ) : (
                    <ul class="plain wk-compact">
                      {buddying.map((a) => (
                        <li>{items.get(a.itemId)?.title ?? `#${a.itemId}`}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The unplaced items listed in the result; the list's "not placed" filter shows them all. */
const UNPLACED_SHOWN = 10;

export function RunResult(p: { run: RunState; hash: string; cycleId: number; members: MembersPage; unplacedHref: string }) {
  const result = p.run.result!;
  const titles = new Map(p.run.input.items.map((i) => [i.id, i.title]));
  return (
    <section id="plan-run" class="card wk-plan-result" aria-labelledby="plan-result-title">
      <h2 id="plan-result-title">{t('work.plan.resultTitle', { when: formatDateTime(p.run.run.createdAt) })}</h2>
      <StatusLine run={p.run} />
      <Compare run={p.run} />
      <AcceptForm run={p.run} hash={p.hash} cycleId={p.cycleId} />
      {result.unplaced.length > 0 && (
        <div class="wk-unplaced" role="region" aria-labelledby="unplaced-title">
          <h3 id="unplaced-title">{t('work.plan.unplaced', { count: result.unplaced.length })}</h3>
          <ul>
            {result.unplaced.slice(0, UNPLACED_SHOWN).map((u) => (
              <li>
                <strong>{titles.get(u.itemId) ?? `#${u.itemId}`}</strong>: {describeUnplaced(u.why, t)}
              </li>
            ))}
          </ul>
          {result.unplaced.length > UNPLACED_SHOWN && (
            <p>
              <a href={p.unplacedHref}>{t('work.plan.unplacedAll', { count: result.unplaced.length })}</a>
            </p>
          )}
        </div>
      )}
      <h3 id="plan-members-title">{t('work.plan.members')}</h3>
      {p.members.slice.pages > 1 && <p class="muted">{t('work.plan.membersRange', { from: p.members.slice.from, to: p.members.slice.to, count: p.members.slice.total })}</p>}
      <MembersTable run={p.run} members={p.members} />
      <Pager slice={p.members.slice} prev={p.members.prev} next={p.members.next} label={t('work.plan.memberPages')} prevText={t('work.plan.prevMembers', { size: 50 })} nextText={t('work.plan.nextMembers', { size: 50 })} />
    </section>
  );
}

export function RunFailed(p: { run: RunState }) {
  return (
    <section id="plan-run" class="card error-summary" role="alert">
      <h2>{t('work.plan.failed')}</h2>
      <p>{p.run.lost ? t('work.plan.lost') : t('work.plan.failedText', { error: p.run.run.error ?? '' })}</p>
    </section>
  );
}

/** Accepting a run that has not finished (or failed). */
export function RunNotDone(p: { back: string }) {
  return (
    <section class="error-summary" role="alert">
      <p>{t('work.plan.error.notDone')}</p>
      <p>
        <a href={p.back}>{t('common.back')}</a>
      </p>
    </section>
  );
}

/** Accepting a run whose items or people changed since it was planned (or that was accepted already). */
export function AcceptConflict(p: { alreadyAccepted: boolean; yours: Array<[string, string]>; current: Array<[string, string]>; backHref: string }) {
  return (
    <section>
      <h1>{t('work.plan.conflict.title')}</h1>
      <p>{p.alreadyAccepted ? t('work.plan.conflict.alreadyAccepted') : t('work.plan.conflict.text')}</p>
      <ConflictView yours={p.yours} current={p.current} backHref={p.backHref} />
    </section>
  );
}
