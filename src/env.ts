// The types every handler shares: what travels on the Hono context.
import type { Db } from './db/client.ts';

import type { CurrentUser } from './domain.ts';

export type { CurrentUser, Role } from './domain.ts';

export type AppEnv = {
  Variables: {
    db: Db;
    /** The clock: tests fix it, production uses the wall clock. */
    now: () => Date;
    user: CurrentUser | null;
    locale: string;
    /** Where the request comes from (see src/http/client-address.ts), for sign-in limits. */
    clientAddress: string;
  };
};
