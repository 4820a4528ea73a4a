// This feature's section of the dashboard (/): gathers my current pair, my circles and, for managers, the round and draft in one line.
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { currentRoundSummary, draftGroupCount, groupOf, namesOf } from './dashboard-queries.ts';
import { openCircles } from './queries.ts';

/** Reads the viewer's own group and circles and the round's totals, never the whole round (constant in team size). */
export async function pairingsDashboard(c: Context<AppEnv>) {
  const db = c.get('db');
  const user = c.get('user')!;
  const manager = user.role === 'manager';
  const [round, circles, draftGroups] = await Promise.all([currentRoundSummary(db), openCircles(db), manager ? draftGroupCount(db) : null]);
  const myGroup = round ? await groupOf(db, round.id, user.id) : null;
  const myCircles = circles.filter((circle) => circle.leaderId === user.id || circle.learnerIds.includes(user.id));
  const shown = [...(myGroup?.members.map((m) => m.userId) ?? []), ...myCircles.flatMap((circle) => [circle.leaderId, ...circle.learnerIds])];
  return { manager, userId: user.id, round, myGroup, draftGroups, myCircles, names: await namesOf(db, shown) };
}
