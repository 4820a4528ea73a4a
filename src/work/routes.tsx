// The work feature under /work: the item list, items, planning cycles and the work-split planner.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { cycleRoutes } from './cycle-routes.tsx';
import { itemRoutes } from './item-routes.tsx';
import { listRoutes } from './list-routes.tsx';
import { planRoutes } from './plan-routes.tsx';

export const workRoutes = new Hono<AppEnv>().route('/', listRoutes).route('/', itemRoutes).route('/', cycleRoutes).route('/', planRoutes);
