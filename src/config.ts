// Reads the environment once and says clearly what is wrong with it.
import { z } from 'zod';
import { LOCALES } from './domain.ts';

const databaseUrl = z
  .string()
  .trim()
  .min(1)
  .refine((u) => /^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/.test(u), {
    message: 'must start with file:, libsql://, https:// or wss:// (e.g. file:data/pairwise.db)',
  });

/** `TRUST_PROXY`: off (default), on (= one proxy), or how many reverse proxies stand in front of the app. */
const trustProxy = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => /^(false|off|no|0|true|on|yes|[1-9])$/.test(v), { message: 'must be false (default), true, or the number of proxies in front of the app (1–9)' })
  .transform((v) => (/^(false|off|no|0)$/.test(v) ? 0 : /^[1-9]$/.test(v) ? Number(v) : 1));

/** `TIME_ZONE`: an IANA zone the runtime knows; session times are wall-clock times there (calendar feeds name it). */
const timeZone = z
  .string()
  .trim()
  .refine((tz) => tz === 'UTC' || Intl.supportedValuesOf('timeZone').includes(tz), { message: 'must be an IANA time zone such as Asia/Seoul, Europe/Berlin or UTC' });

/** `PASSWORD_LOGIN`: on (default) or off. */
const onOff = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => /^(on|off|true|false|yes|no|1|0)$/.test(v), { message: 'must be on or off' })
  .transform((v) => /^(on|true|yes|1)$/.test(v));

/** `OIDC_ALLOWED_DOMAINS`: e-mail domains, comma-separated, compared in lower case. */
const domainList = z
  .string()
  .transform((v) => v.split(',').map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean))
  .refine((ds) => ds.every((d) => /^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)), { message: 'must be e-mail domains separated by commas, e.g. company.com,lab.company.com' });

/** A host on this machine: the only place single sign-on may talk plain http (tests, a provider in development). */
export const isLoopback = (url: URL) => url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\./.test(url.hostname);

/** An in-memory database lives in one process, and an embedded replica keeps its sync state per connection. */
const oneProcessOnly = (env: { DATABASE_URL: string; DATABASE_SYNC_URL?: string }) =>
  /^file::memory:|[?&]mode=memory\b/.test(env.DATABASE_URL) ? 'an in-memory database' : env.DATABASE_SYNC_URL ? 'an embedded replica (DATABASE_SYNC_URL)' : null;

/** `SMTP_URL`: where e-mail goes, as nodemailer reads it (smtp://user:pass@host:587, smtps://… for TLS from the start). */
const smtpUrl = z
  .string()
  .trim()
  .refine((u) => /^smtps?:\/\/[^/?#\s]+/.test(u) && URL.canParse(u), { message: 'must be an smtp:// or smtps:// address such as smtp://user:password@mail.example.com:587' });

/** `MAIL_FROM`: the sender of e-mail, `address` or `Name <address>`. */
const mailFrom = z
  .string()
  .trim()
  .refine((v) => /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(v), { message: 'must be an e-mail address, optionally with a name: Pairwise <pairwise@example.com>' });

const schema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: databaseUrl.default('file:data/pairwise.db'),
    DATABASE_AUTH_TOKEN: z.string().optional(),
    DATABASE_SYNC_URL: databaseUrl.optional(),
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PUBLIC_ORIGIN: z.url().optional(),
    TRUST_PROXY: trustProxy.default(0),
    DEFAULT_LOCALE: z.enum(LOCALES).default('en'),
    TIME_ZONE: timeZone.default('Asia/Seoul'),
    SMTP_URL: smtpUrl.optional(),
    MAIL_FROM: mailFrom.optional(),
    WEBHOOK_URL: z.url({ protocol: /^https?$/, message: 'must be the http(s):// address of the messenger\'s incoming webhook' }).optional(),
    WEBHOOK_KIND: z.enum(['slack', 'jandi'], { message: 'must be slack or jandi (the format of the incoming webhook)' }).default('slack'),
    NOTICE_LEASE_SECONDS: z.coerce.number({ message: 'must be a whole number of seconds (3–3600)' }).int({ message: 'must be a whole number of seconds (3–3600)' }).min(3, { message: 'must be at least 3' }).max(3600, { message: 'must be at most 3600' }).default(120),
    NOTICE_POLL_SECONDS: z.coerce.number({ message: 'must be a whole number of seconds (1–60)' }).int({ message: 'must be a whole number of seconds (1–60)' }).min(1, { message: 'must be at least 1' }).max(60, { message: 'must be at most 60' }).default(5),
    WEB_CONCURRENCY: z.coerce.number({ message: 'must be a whole number of processes (1–32)' }).int({ message: 'must be a whole number of processes (1–32)' }).min(1, { message: 'must be at least 1' }).max(32, { message: 'must be at most 32' })
      // One by default: a team's instance needs no more, and each process costs its own memory and start-up
      // (README: several web processes); an organisation-wide instance sets its cores, at most 4.
      .default(1),
    OIDC_ISSUER: z.url({ message: "must be the provider's issuer URL, e.g. https://sso.example.com/realms/company" }).optional(),
    OIDC_CLIENT_ID: z.string().trim().min(1).max(200).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).max(1000).optional(),
    OIDC_REDIRECT_URI: z.url({ message: 'must be the full address of the callback, e.g. https://pairwise.example.com/auth/oidc/callback' }).optional(),
    OIDC_SCOPES: z
      .string()
      .trim()
      .refine((v) => v.split(/\s+/).includes('openid'), { message: 'must be space-separated scopes including openid (default "openid email profile")' })
      .optional(),
    OIDC_ALLOWED_DOMAINS: domainList.optional(),
    OIDC_MANAGER_GROUP: z.string().trim().min(1).max(200).optional(),
    OIDC_GROUPS_CLAIM: z.string().trim().min(1).max(200).optional(),
    OIDC_PROVIDER_NAME: z.string().trim().min(1).max(60, { message: 'must be at most 60 characters (it is shown on the sign-in button)' }).optional(),
    PASSWORD_LOGIN: onOff.default(true),
    /** Requests per API token per minute, per web process (README, Design: the API). */
    API_RATE_LIMIT: z.coerce.number({ message: 'must be a whole number of requests per minute (1–100000)' }).int({ message: 'must be a whole number of requests per minute (1–100000)' }).min(1, { message: 'must be at least 1' }).max(100_000, { message: 'must be at most 100000' }).default(120),
  })
  .superRefine((env, ctx) => {
    const single = oneProcessOnly(env);
    if (single && env.WEB_CONCURRENCY > 1) {
      ctx.addIssue({ code: 'custom', path: ['WEB_CONCURRENCY'], message: `must be 1 with ${single}: it lives in one process` });
    }
    const remote = !env.DATABASE_URL.startsWith('file:');
    if (remote && !env.DATABASE_AUTH_TOKEN && env.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_AUTH_TOKEN'],
        message: 'is required in production when DATABASE_URL points at a libSQL server',
      });
    }
    if (env.SMTP_URL && !env.MAIL_FROM) {
      ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'is required with SMTP_URL: the address e-mail is sent from (Pairwise <pairwise@example.com>)' });
    }
    if (env.DATABASE_SYNC_URL && remote) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_SYNC_URL'],
        message: 'needs DATABASE_URL to be a local file: (the embedded replica)',
      });
    }
    checkSingleSignOn(env, ctx);
  });

const SSO_CORE = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
const SSO_EXTRA = ['OIDC_REDIRECT_URI', 'OIDC_SCOPES', 'OIDC_ALLOWED_DOMAINS', 'OIDC_MANAGER_GROUP', 'OIDC_GROUPS_CLAIM', 'OIDC_PROVIDER_NAME'] as const;
type SsoEnv = Partial<Record<(typeof SSO_CORE)[number] | (typeof SSO_EXTRA)[number] | 'PUBLIC_ORIGIN', unknown>> & { NODE_ENV: string; PASSWORD_LOGIN: boolean };

/** Single sign-on is all or nothing, speaks https to anything but this machine, and needs a callback address. */
function checkSingleSignOn(env: SsoEnv, ctx: z.RefinementCtx) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const given = [...SSO_CORE, ...SSO_EXTRA].filter((k) => env[k] !== undefined);
  if (given.length === 0) {
    if (!env.PASSWORD_LOGIN) issue('PASSWORD_LOGIN', 'can be off only with single sign-on configured (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET): otherwise nobody could sign in');
    return;
  }
  const missing = SSO_CORE.filter((k) => env[k] === undefined);
  for (const k of missing) issue(k, `is needed for single sign-on (${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set): OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together`);
  if (missing.length > 0 && !env.PASSWORD_LOGIN) issue('PASSWORD_LOGIN', 'can be off only with single sign-on configured (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET): otherwise nobody could sign in');
  const production = env.NODE_ENV === 'production';
  const plainOk = (url: URL) => url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url) && !production);
  const httpsOnly = production ? 'must use https://' : 'must use https:// (http:// only for localhost or 127.0.0.1, and never in production)';
  // A value that is no URL has its own message already (the field's); these checks need a URL.
  const url = (v: unknown) => (typeof v === 'string' && URL.canParse(v) ? new URL(v) : null);
  const issuer = url(env.OIDC_ISSUER);
  if (issuer) {
    if (!plainOk(issuer)) issue('OIDC_ISSUER', httpsOnly);
    if (issuer.search || issuer.hash) issue('OIDC_ISSUER', 'must be the issuer URL itself, without ?query or #fragment');
  }
  const redirect = url(env.OIDC_REDIRECT_URI);
  if (env.OIDC_REDIRECT_URI !== undefined) {
    if (!redirect) return;
    if (!plainOk(redirect)) issue('OIDC_REDIRECT_URI', httpsOnly);
    if (redirect.pathname !== CALLBACK_PATH || redirect.search || redirect.hash) issue('OIDC_REDIRECT_URI', `must end in ${CALLBACK_PATH} (Pairwise's callback), e.g. https://pairwise.example.com${CALLBACK_PATH}`);
  } else if (env.PUBLIC_ORIGIN === undefined) {
    issue('OIDC_REDIRECT_URI', `is needed for single sign-on: set it to https://<your Pairwise>${CALLBACK_PATH}, or set PUBLIC_ORIGIN and it becomes PUBLIC_ORIGIN${CALLBACK_PATH}`);
  } else if (url(env.PUBLIC_ORIGIN) && !plainOk(url(env.PUBLIC_ORIGIN)!)) {
    issue('PUBLIC_ORIGIN', `${httpsOnly}: single sign-on returns to PUBLIC_ORIGIN${CALLBACK_PATH}`);
  }
}

export type Config = z.infer<typeof schema>;

/** Where the provider sends people back to; the route of the same path is in src/auth/oidc-routes.tsx. */
export const CALLBACK_PATH = '/auth/oidc/callback';

/** Single sign-on as the app uses it: every setting resolved, defaults filled in. */
export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string;
  /** Lower-case e-mail domains whose people become members at their first sign-in. */
  allowedDomains: string[];
  managerGroup: string | null;
  groupsClaim: string;
  /** The provider's name on the sign-in button; null: "your company account". */
  providerName: string | null;
};

/** The single sign-on settings of a checked configuration, or null when it is not configured. */
export function oidcSettings(config: Config): OidcSettings | null {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: config.OIDC_ISSUER,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    redirectUri: config.OIDC_REDIRECT_URI ?? new URL(CALLBACK_PATH, config.PUBLIC_ORIGIN).href,
    scopes: config.OIDC_SCOPES ?? 'openid email profile',
    allowedDomains: config.OIDC_ALLOWED_DOMAINS ?? [],
    managerGroup: config.OIDC_MANAGER_GROUP ?? null,
    groupsClaim: config.OIDC_GROUPS_CLAIM ?? 'groups',
    providerName: config.OIDC_PROVIDER_NAME ?? null,
  };
}

/** A database URL fit for logs and error messages: no credentials, no query (libSQL accepts `?authToken=`). */
export const displayUrl = (url: string) => url.replace(/[?#].*$/, '').replace(/\/\/[^/@]*@/, '//');

export class ConfigError extends Error {}

/** Parses `env` (default: process.env); throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
