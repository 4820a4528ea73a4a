// This feature's section of the dashboard (/): gathers my current pair, my circles and, for managers, the round and draft.
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { currentDraft, currentRound, loadNames, openCircles } from './queries.ts';

export async function pairingsDashboard(c: Context<AppEnv>) {
  const { db } = c.var;
  const user = c.var.user!;
  const manager = user.role === 'manager';
  const [round, circles, names, draft] = await Promise.all([currentRound(db), openCircles(db), loadNames(db), manager ? currentDraft(db) : null]);
  return {
    manager,
    userId: user.id,
    round,
    inRound: round?.groups.some((g) => g.members.some((m) => m.userId === user.id)) ?? false,
    draftGroups: draft?.groups.length ?? null,
    myCircles: circles.filter((circle) => circle.leaderId === user.id || circle.learnerIds.includes(user.id)),
    names,
  };
}
