// /work/plan: the work-split planner: progress while it solves, the proposal with reasons, pins and exclusions, accept.
import { EmptyState } from '../components.tsx';
import { t } from '../i18n/index.ts';
import { PriorityTag, Requirements, type RequirementRef } from './parts.tsx';
import { describeReason, describeUnplaced } from './reasons.ts';
import { marginText, points, RunFailed, RunProgress, RunResult, type MemberBudget, type RunState } from './run.tsx';

type Cycle = { id: number; name: string };
type PlanItem = { id: number; title: string; effort: number; priority: string; requirements: readonly RequirementRef[] };

export type PlanFormState = {
  pins: Record<number, number>;
  exclusions: Array<{ itemId: number; memberId: number }>;
  buddies: boolean;
  /** Item id → what is wrong with its pin or exclusion. */
  itemErrors?: Record<number, string>;
  /** A problem with the whole request (e.g. nobody has capacity). */
  formError?: string;
};

export type PlanMember = { id: number; name: string; budget: MemberBudget };

function CyclePicker(p: { cycles: Cycle[]; cycle: Cycle }) {
  return (
    <form method="get" action="/work/plan" class="inline wk-cycle-picker">
      <label for="plan-cycle">{t('work.field.cycle')}</label>{' '}
      <select id="plan-cycle" name="cycle">
        {p.cycles.map((c) => (
          <option value={String(c.id)} selected={c.id === p.cycle.id}>
            {c.name}
          </option>
        ))}
      </select>{' '}
      <button type="submit" class="secondary wk-small">
        {t('work.plan.show')}
      </button>
    </form>
  );
}

/** The pins-and-exclusions form; each row also shows what the current proposal does with the item. */
export function PlanForm(p: { cycle: Cycle; items: PlanItem[]; members: PlanMember[]; areaNames: Record<number, string>; state: PlanFormState; run: RunState | null }) {
  const result = p.run?.result ?? null;
  const choices = new Map((result?.assignments ?? []).map((a) => [a.itemId, a]));
  const unplaced = new Map((result?.unplaced ?? []).map((u) => [u.itemId, u]));
  const names = new Map(p.members.map((m) => [m.id, m.name]));
  const hasErrors = Boolean(p.state.formError) || Object.keys(p.state.itemErrors ?? {}).length > 0;
  return (
    <form id="plan-form" method="post" action="/work/plan" hx-post="/work/plan" hx-swap="outerHTML" class="stack wk-plan-form">
      <input type="hidden" name="cycle" value={String(p.cycle.id)} />
      {hasErrors && (
        <div class="error-summary" role="alert">
          <strong>{t('work.plan.notStarted')}</strong>
          <p>{p.state.formError ?? t('work.plan.fixPins')}</p>
        </div>
      )}
      <p class="wk-plan-submit">
        <label>
          <input type="checkbox" name="buddies" value="1" checked={p.state.buddies} /> {t('work.plan.buddies')}
        </label>
        <button type="submit">{p.run ? t('work.plan.replan') : t('work.plan.plan')}</button>
      </p>
      <div class="table-wrap" role="region" tabindex={0} aria-labelledby="plan-items-title">
        <table class="list wk-plan-items" aria-labelledby="plan-items-title">
          <thead>
            <tr>
              <th scope="col">{t('work.field.title')}</th>
              <th scope="col">{t('work.plan.proposal')}</th>
              <th scope="col">{t('work.plan.pin')}</th>
              <th scope="col">{t('work.plan.exclude')}</th>
            </tr>
          </thead>
          <tbody>
            {p.items.map((item) => {
              const choice = choices.get(item.id);
              const left = unplaced.get(item.id);
              const error = p.state.itemErrors?.[item.id];
              const excluded = p.state.exclusions.filter((e) => e.itemId === item.id);
              return (
                <tr class={error ? 'has-error' : undefined} id={`plan-item-${item.id}`}>
                  <td class="wk-plan-item">
                    <strong>{item.title}</strong>
                    <div class="wk-item-meta">
                      <span class="tag">{t('work.plan.points', { points: item.effort })}</span>
                      <PriorityTag priority={item.priority} />
                    </div>
                    <Requirements requirements={item.requirements} areaNames={p.areaNames} />
                  </td>
                  <td class="wk-proposal" data-label={t('work.plan.proposal')}>
                    {choice ? (
                      <>
                        <strong class="wk-owner">{names.get(choice.ownerId) ?? choice.reason.owner.name}</strong>
                        {choice.buddyId !== null && <span class="wk-buddy"> {t('work.plan.withBuddy', { name: names.get(choice.buddyId) ?? choice.reason.buddy?.name ?? '' })}</span>}
                        {marginText(choice) && <span class="tag wk-fit">{marginText(choice)}</span>}
                        <small class="wk-reason">{describeReason(choice.reason, t)}</small>
                      </>
                    ) : left ? (
                      <span class="wk-unplaced-why">
                        <span class="tag bad">{t('work.plan.notPlaced')}</span> {describeUnplaced(left.why, t)}
                      </span>
                    ) : (
                      <span class="muted">{t('common.none')}</span>
                    )}
                  </td>
                  <td data-label={t('work.plan.pin')}>
                    <label class="wk-sr" for={`pin-${item.id}`}>
                      {t('work.plan.pinLabel', { title: item.title })}
                    </label>
                    <select id={`pin-${item.id}`} name="pin" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `pin-msg-${item.id}` : undefined}>
                      <option value="">{t('work.plan.noPin')}</option>
                      {p.members.map((m) => (
                        <option value={`${item.id}:${m.id}`} selected={p.state.pins[item.id] === m.id}>
                          {m.name}
                        </option>
                      ))}
                    </select>
                    {error && (
                      <small id={`pin-msg-${item.id}`} class="error">
                        {error}
                      </small>
                    )}
                  </td>
                  <td data-label={t('work.plan.exclude')}>
                    {excluded.map((e) => (
                      <label class="wk-excluded">
                        <input type="checkbox" name="exclude" value={`${item.id}:${e.memberId}`} checked /> {t('work.plan.notPerson', { name: names.get(e.memberId) ?? `#${e.memberId}` })}
                      </label>
                    ))}
                    <label class="wk-sr" for={`exclude-${item.id}`}>
                      {t('work.plan.excludeLabel', { title: item.title })}
                    </label>
                    <select id={`exclude-${item.id}`} name="exclude">
                      <option value="">{t('work.plan.noExclusion')}</option>
                      {p.members
                        .filter((m) => !excluded.some((e) => e.memberId === m.id))
                        .map((m) => (
                          <option value={`${item.id}:${m.id}`}>{m.name}</option>
                        ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="wk-plan-submit">
        <button type="submit">{p.run ? t('work.plan.replan') : t('work.plan.plan')}</button>
      </p>
    </form>
  );
}

export function PlanPage(p: {
  cycles: Cycle[];
  cycle: Cycle;
  items: PlanItem[];
  members: PlanMember[];
  areaNames: Record<number, string>;
  run: RunState | null;
  hash: string;
  state: PlanFormState;
  pageUrl: string;
}) {
  const free = p.members.reduce((sum, m) => sum + Math.max(0, m.budget.capacity - m.budget.deals - m.budget.planned), 0);
  const effort = p.items.reduce((sum, i) => sum + i.effort, 0);
  const budgets = new Map(p.members.map((m) => [m.id, m.budget]));
  return (
    <section class="wk-plan">
      <p class="wk-crumbs">
        <a href="/work">{t('work.title')}</a>
      </p>
      <div class="wk-page-head">
        <h1>{t('work.plan.title', { cycle: p.cycle.name })}</h1>
        <CyclePicker cycles={p.cycles} cycle={p.cycle} />
      </div>
      <p class="wk-plan-summary">
        {t('work.plan.summary', { members: p.members.length, free: points(free), items: p.items.length, effort })}{' '}
        <a href={`/work/cycles/${p.cycle.id}#capacities`}>{t('work.plan.editCapacities')}</a>
      </p>
      {p.run === null ? null : p.run.run.status === 'running' && !p.run.lost ? (
        <RunProgress run={p.run} pageUrl={p.pageUrl} />
      ) : p.run.result ? (
        <RunResult run={p.run} hash={p.hash} cycleId={p.cycle.id} budgets={budgets} />
      ) : (
        <RunFailed run={p.run} />
      )}
      <h2 id="plan-items-title">{t('work.plan.itemsTitle', { count: p.items.length })}</h2>
      {p.items.length === 0 ? (
        <EmptyState>{t('work.plan.noItems')}</EmptyState>
      ) : (
        <>
          <p class="muted">{t('work.plan.formHint')}</p>
          <PlanForm cycle={p.cycle} items={p.items} members={p.members} areaNames={p.areaNames} state={p.state} run={p.run} />
        </>
      )}
    </section>
  );
}

/** /work/plan before any cycle exists. */
export function NoCyclesPage() {
  return (
    <section>
      <h1>{t('work.plan.titleNoCycle')}</h1>
      <p class="empty">
        {t('work.plan.noCycles')} <a href="/work/cycles#add">{t('work.cycle.add')}</a>
      </p>
    </section>
  );
}
