// The types every handler shares: what travels on the Hono context.
import type { OidcSettings } from './config.ts';
import type { Db } from './db/client.ts';
import type { CurrentUser, Locale, NoticeSettings } from './domain.ts';

export type AppEnv = {
  Variables: {
    db: Db;
    /** The clock: tests fix it, production uses the wall clock. */
    now: () => Date;
    user: CurrentUser | null;
    /** The language of the answer (src/lang/middleware.ts, then the profile in loadSession). */
    locale: Locale;
    /** Where the request comes from (see src/http/client-address.ts), for sign-in limits. */
    clientAddress: string;
    /** The IANA zone session times are given in (TIME_ZONE): "today" for a session and the calendar feed's TZID. */
    timeZone: string;
    /** PUBLIC_ORIGIN when set: links that leave the app (calendar feeds) use it instead of the request's origin. */
    publicOrigin: string | undefined;
    /** Single sign-on when configured (OIDC_*), else null; src/auth/oidc-client.ts talks to the provider. */
    oidc: OidcSettings | null;
    /** PASSWORD_LOGIN: false only with single sign-on; then no password is asked for or set anywhere. */
    passwordLogin: boolean;
    /** Which channels can deliver notices (SMTP_URL, WEBHOOK_URL) and the language of people who saved none. */
    notices: NoticeSettings;
  };
};
