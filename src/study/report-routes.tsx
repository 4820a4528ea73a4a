// Study: the season report.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

export const reportRoutes = new Hono<AppEnv>();
