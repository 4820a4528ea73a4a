// The status flow of a work item: which moves exist, and which of them the item's owner may make.
import type { WorkStatus } from '../domain.ts';

/** `owner: true` marks a move the item's owner may make on their own; a manager may make every move. */
export const STATUS_FLOW: Readonly<Record<WorkStatus, ReadonlyArray<{ to: WorkStatus; owner: boolean }>>> = {
  open: [
    { to: 'planned', owner: false },
    { to: 'dropped', owner: false },
  ],
  planned: [
    { to: 'in_progress', owner: true },
    { to: 'open', owner: false },
    { to: 'dropped', owner: false },
  ],
  in_progress: [
    { to: 'done', owner: true },
    { to: 'planned', owner: true },
    { to: 'dropped', owner: false },
  ],
  done: [{ to: 'in_progress', owner: false }],
  dropped: [{ to: 'open', owner: false }],
};

export type Actor = 'manager' | 'owner' | 'viewer';

export function actorFor(user: { id: number; role: string }, item: { ownerId: number | null }): Actor {
  if (user.role === 'manager') return 'manager';
  return item.ownerId === user.id ? 'owner' : 'viewer';
}

/** The statuses this actor may move an item to from `status`. */
export function nextStatuses(status: WorkStatus, actor: Actor): WorkStatus[] {
  if (actor === 'viewer') return [];
  return STATUS_FLOW[status].filter((move) => actor === 'manager' || move.owner).map((move) => move.to);
}

/** Work someone is on the hook for has an owner. */
export const needsOwner = (status: WorkStatus) => status === 'planned' || status === 'in_progress' || status === 'done';

/** The moves to offer on an item: those the actor may make that the item can take (no owner, no planning). */
export function movesFor(item: { status: WorkStatus; ownerId: number | null }, actor: Actor): WorkStatus[] {
  return nextStatuses(item.status, actor).filter((to) => item.ownerId !== null || !needsOwner(to));
}

/** Work still ahead whose due date has passed (due today is not late yet). */
export function isLate(item: { status: WorkStatus; dueDate: string | null }, today: string): boolean {
  return item.dueDate !== null && item.dueDate < today && item.status !== 'done' && item.status !== 'dropped';
}

/** Items as a viewer sees them on a given day: the moves they may make on each, and whether it is late. */
export function shownItems<T extends { status: WorkStatus; ownerId: number | null; dueDate: string | null }>(
  user: { id: number; role: string },
  today: string,
  items: readonly T[],
): Array<T & { moves: WorkStatus[]; late: boolean }> {
  return items.map((item) => ({ ...item, moves: movesFor(item, actorFor(user, item)), late: isLate(item, today) }));
}
