// Small pieces of the work pages: tags, requirement lists, the research/service bar, the status cell, the flag list.
import type { WorkStatus } from '../../src/domain.ts';
import { formatDate, keyFor, t } from '../i18n/index.ts';
import { describeFlag, flagFixes, type WorkFlag } from './flags.ts';

/** Effort points by kind; `researchShare` is research / total in [0, 1], null without any effort. */
export type Share = { research: number; service: number; total: number; researchShare: number | null };

export type RequirementRef = { areaId: number; minLevel: number };

/** A work item as the pages show it, with the status moves the viewer may make (the route decides them). */
export type ShownItem = {
  id: number;
  title: string;
  kind: string;
  priority: string;
  effort: number;
  dueDate: string | null;
  feeds: string;
  cycleId: number | null;
  status: WorkStatus;
  version: number;
  ownerId: number | null;
  ownerName: string | null;
  buddyName: string | null;
  requirements: readonly RequirementRef[];
  moves: WorkStatus[];
  /** Still ahead and past its due date. */
  late: boolean;
};

export const kindLabel = (kind: string) => t(keyFor('work.kind.', kind));
export const statusLabel = (status: string) => t(keyFor('work.status.', status));
export const priorityLabel = (priority: string) => t(keyFor('work.priority.', priority));

const STATUS_TONE: Record<string, string> = { open: '', planned: 'ok', in_progress: 'warn', done: 'ok', dropped: '' };

export function StatusTag(p: { status: string }) {
  return <span class={`tag wk-status-${p.status} ${STATUS_TONE[p.status] ?? ''}`.trim()}>{statusLabel(p.status)}</span>;
}

export function KindTag(p: { kind: string }) {
  return <span class={`tag wk-kind-${p.kind}`}>{kindLabel(p.kind)}</span>;
}

export function PriorityTag(p: { priority: string }) {
  return p.priority === 'normal' ? null : <span class={`tag wk-priority-${p.priority} ${p.priority === 'high' ? 'bad' : ''}`.trim()}>{priorityLabel(p.priority)}</span>;
}

export function Requirements(p: { requirements: readonly RequirementRef[]; areaNames: Readonly<Record<number, string>> }) {
  if (p.requirements.length === 0) return <span class="muted">{t('work.items.noRequirements')}</span>;
  return (
    <ul class="wk-reqs">
      {p.requirements.map((r) => (
        <li>{t('work.requirement', { area: p.areaNames[r.areaId] ?? t('work.items.archivedArea'), level: r.minLevel })}</li>
      ))}
    </ul>
  );
}

/** The due date, marked in words and colour when the item is late. */
export function DueDate(p: { item: Pick<ShownItem, 'dueDate' | 'late'> }) {
  if (p.item.dueDate === null) return <>{t('common.none')}</>;
  const date = formatDate(Date.parse(p.item.dueDate));
  return p.item.late ? <span class="tag bad wk-late">{t('work.items.late', { date })}</span> : <>{date}</>;
}

const pct = (x: number) => Math.round(x * 100);

/** Research vs service as a two-part bar (colour) with the numbers in words (text); the SVG is decoration. */
export function ShareBar(p: { share: Share; label?: string }) {
  const { share } = p;
  if (share.researchShare === null) return <p class="wk-share wk-empty-share muted">{p.label ? `${p.label}: ` : ''}{t('work.balance.noEffort')}</p>;
  const research = pct(share.researchShare);
  return (
    <div class="wk-share">
      <svg class="wk-share-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect class="wk-share-research" x="0" y="0" width={String(research)} height="10" />
        <rect class="wk-share-service" x={String(research)} y="0" width={String(100 - research)} height="10" />
      </svg>
      <p class="wk-share-text">
        {p.label && <strong>{p.label}: </strong>}
        {t('work.balance.split', { research, service: 100 - research, researchPoints: share.research, servicePoints: share.service })}
      </p>
    </div>
  );
}

export function ShareLegend() {
  return (
    <p class="wk-share-legend">
      <span class="wk-swatch wk-share-research" aria-hidden="true"></span> {t('work.kind.research')}
      <span class="wk-swatch wk-share-service" aria-hidden="true"></span> {t('work.kind.service')}
    </p>
  );
}

export type StatusCellItem = { id: number; status: WorkStatus; version: number };

/**
 * An item's status with the moves the viewer may make: one small form per move, so it works
 * without JavaScript; with htmx the cell swaps itself. `back` is where a plain form returns to.
 */
export function StatusCell(p: { item: StatusCellItem; moves: WorkStatus[]; back: string; error?: string }) {
  const id = `status-${p.item.id}`;
  return (
    <td id={id} class="wk-status-cell" data-label={t('work.field.status')}>
      <StatusTag status={p.item.status} />
      {p.moves.length > 0 && (
        <span class="wk-moves">
          {p.moves.map((to) => (
            <form method="post" action={`/work/items/${p.item.id}/status`} hx-post={`/work/items/${p.item.id}/status`} hx-target={`#${id}`} hx-swap="outerHTML" class="inline">
              <input type="hidden" name="version" value={String(p.item.version)} />
              <input type="hidden" name="status" value={to} />
              <input type="hidden" name="back" value={p.back} />
              <button type="submit" class="wk-small secondary">
                {t(keyFor(`work.move.${p.item.status}.`, to))}
              </button>
            </form>
          ))}
        </span>
      )}
      {p.error && (
        <small class="error" role="alert">
          {p.error}
        </small>
      )}
    </td>
  );
}

/** The trap flags, each with its explanation and the links that fix it. */
export function FlagList(p: { flags: readonly WorkFlag[]; manager: boolean }) {
  if (p.flags.length === 0) return <p class="muted">{t('work.flags.none')}</p>;
  return (
    <ul class="wk-flags">
      {p.flags.map((flag) => (
        <li class={`wk-flag wk-flag-${flag.code}`}>
          <span class={`tag ${flag.code === 'serviceOnImmatureTech' ? 'bad' : 'warn'}`}>{t(`work.flags.${flag.code}`)}</span>{' '}
          <a href={`/work/items/${flag.itemId}`}>{flag.title}</a>
          <p>{describeFlag(flag, t)}</p>
          {p.manager && (
            <p class="wk-fixes">
              {flagFixes(flag).map((fix) => (
                <a class="wk-fix" href={fix.href}>
                  {t(fix.key)}
                </a>
              ))}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
