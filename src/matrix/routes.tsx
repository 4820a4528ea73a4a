// The skill matrix page, its htmx filter, and CSV export/import.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

export const matrixRoutes = new Hono<AppEnv>();
