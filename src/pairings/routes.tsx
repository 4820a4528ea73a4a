// Pairings: the /pairings page, the planner, draft rounds, history and study circles, mounted under one sub-app.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { circleRoutes } from './routes/circles.tsx';
import { historyRoutes } from './routes/history.tsx';
import { pairingsPage } from './routes/page.tsx';
import { plannerRoutes } from './routes/planner.tsx';
import { roundRoutes } from './routes/rounds.tsx';

export const pairingRoutes = new Hono<AppEnv>()
  .get('/', (c) => pairingsPage(c))
  .route('/', plannerRoutes)
  .route('/', roundRoutes)
  .route('/', historyRoutes)
  .route('/', circleRoutes);
