// The dashboard: risks, stale ratings, my work, my pairings, deals needing attention.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { page } from '../http/render.tsx';
import { t } from '../../views/i18n/index.ts';

export const dashboardRoutes = new Hono<AppEnv>().get('/', (c) => page(c, t('dashboard.title'), <h1>{t('dashboard.hello', { name: c.var.user!.name })}</h1>, { current: '/' }));
