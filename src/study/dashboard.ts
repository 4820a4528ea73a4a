// This feature's section of the dashboard (/): the viewer's next sessions to present or review, in one statement.
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { upcomingRoles } from './session-queries.ts';
import { teamToday } from './time-zone.ts';

/** How many upcoming roles the dashboard lists. */
const SHOWN = 3;

export async function studyDashboard(c: Context<AppEnv>) {
  return { roles: await upcomingRoles(c.get('db'), c.get('user')!.id, teamToday(c), SHOWN) };
}
