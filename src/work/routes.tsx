// Work items, planning cycles, the work-split planner and the research/service balance.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

export const workRoutes = new Hono<AppEnv>();
