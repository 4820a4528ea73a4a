// Study: the schedule planner, edits and publishing.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

export const scheduleRoutes = new Hono<AppEnv>();
