// This feature's section of the dashboard (/), for the signed-in user.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../env.ts';

export async function pairingsDashboard(_c: Context<AppEnv>): Promise<Child> {
  return null;
}
