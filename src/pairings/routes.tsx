// Pairing planner, accepted rounds, history grid and study circles.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

export const pairingRoutes = new Hono<AppEnv>();
