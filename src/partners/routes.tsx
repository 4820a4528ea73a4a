// Partner teams, their ledger, and partner user invitations.
import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';

export const partnerRoutes = new Hono<AppEnv>();
