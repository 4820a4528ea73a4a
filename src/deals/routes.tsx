// Deals with partner teams: board, one deal, timeline, counter-proposals.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

export const dealRoutes = new Hono<AppEnv>();
