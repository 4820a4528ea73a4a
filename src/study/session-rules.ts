// Who may do what on a session page, and when: materials, attendance marks and evidence (codes; the routes put them in words).
import type { CurrentUser } from '../domain.ts';
import type { AttendanceStatus, Attendee, SessionDetail } from './session-queries.ts';

/** The session's presenter or reviewer role of a person, or null. */
export function roleIn(session: Pick<SessionDetail, 'presenter' | 'reviewer'>, userId: number): 'presenter' | 'reviewer' | null {
  if (session.presenter?.id === userId) return 'presenter';
  if (session.reviewer?.id === userId) return 'reviewer';
  return null;
}

/** Materials and notes are the presenter's, the reviewer's and the manager's to edit. */
export const editsMaterials = (viewer: Pick<CurrentUser, 'id' | 'role'>, session: Pick<SessionDetail, 'presenter' | 'reviewer'>) =>
  viewer.role === 'manager' || roleIn(session, viewer.id) !== null;

/** Whether the session day has come (in the app's time zone): `today` and `day` are both 'YYYY-MM-DD'. */
export const hasBegun = (day: string, today: string) => day <= today;

export type MarkProblem = 'notYours' | 'managerOnly' | 'notParticipant' | 'tooEarly' | 'tooLate';

/**
 * Why a mark may not be set, or null. A participant marks only themself: "came" from the session day on, "excused"
 * ("I can't come") only before it; "missed" and marks for others are the manager's. Nobody marks "came" or "missed"
 * before the day: they are facts of a session that has happened. A person who left the season cannot be marked.
 */
export function markProblem(viewer: Pick<CurrentUser, 'id' | 'role'>, userId: number, people: Attendee[], status: AttendanceStatus, day: string, today: string): MarkProblem | null {
  const manager = viewer.role === 'manager';
  const target = people.find((p) => p.id === userId);
  if (!manager && userId !== viewer.id) return 'notYours';
  if (!manager && status === 'missed') return 'managerOnly';
  if (!target || target.left) return 'notParticipant';
  if (status !== 'excused' && !hasBegun(day, today)) return 'tooEarly';
  if (status === 'excused' && !manager && hasBegun(day, today)) return 'tooLate';
  return null;
}

/** The marks a participant may set on themself today: [] when they are not a participant (or left). */
export function ownMarks(viewerId: number, people: Attendee[], day: string, today: string): Array<'came' | 'excused'> {
  const me = people.find((p) => p.id === viewerId && !p.left);
  if (!me) return [];
  const allowed = hasBegun(day, today) ? 'came' : 'excused';
  return me.status === allowed ? [] : [allowed];
}

/** A materials link: https only (no javascript:, data: or plain http), with a host and no spaces. */
export function isHttpsLink(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}
