// Study: seasons, participants, away dates, papers and votes.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

export const seasonRoutes = new Hono<AppEnv>();
