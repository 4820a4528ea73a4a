// The types every handler shares: what travels on the Hono context.
import type { Db } from './db/client.ts';

export type Role = 'manager' | 'member' | 'partner';

export type CurrentUser = {
  id: number;
  name: string;
  email: string;
  role: Role;
  partnerId: number | null;
  locale: string;
};

export type AppEnv = {
  Variables: {
    db: Db;
    /** The clock: tests fix it, production uses the wall clock. */
    now: () => Date;
    user: CurrentUser | null;
    locale: string;
  };
};
