// Study: session pages, attendance, materials and evidence.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

export const sessionRoutes = new Hono<AppEnv>();
