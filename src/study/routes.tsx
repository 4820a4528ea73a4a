// Study seasons under /study: seasons and papers, the schedule, sessions and the season report, mounted under one sub-app.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { calendarPageRoutes } from './calendar-routes.tsx';
import { reportRoutes } from './report-routes.tsx';
import { scheduleRoutes } from './schedule-routes.tsx';
import { seasonRoutes } from './season-routes.tsx';
import { sessionRoutes } from './session-routes.tsx';

export const studyRoutes = new Hono<AppEnv>().route('/', seasonRoutes).route('/', scheduleRoutes).route('/', sessionRoutes).route('/', reportRoutes).route('/', calendarPageRoutes);
