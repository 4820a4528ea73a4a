// Private calendar feeds under /calendar: a person's season sessions as an .ics file, reached by a revocable token.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

export const calendarRoutes = new Hono<AppEnv>();
