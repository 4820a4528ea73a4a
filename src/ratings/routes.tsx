// A member's stat card and the rating cell editor (inline via htmx, or a plain form).
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

export const ratingRoutes = new Hono<AppEnv>();
