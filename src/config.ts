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

/** An in-memory database lives in one process, and an embedded replica keeps its sync state per connection. */
const oneProcessOnly = (env: { DATABASE_URL: string; DATABASE_SYNC_URL?: string }) =>
  /^file::memory:|[?&]mode=memory\b/.test(env.DATABASE_URL) ? 'an in-memory database' : env.DATABASE_SYNC_URL ? 'an embedded replica (DATABASE_SYNC_URL)' : null;

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
    WEB_CONCURRENCY: z.coerce.number({ message: 'must be a whole number of processes (1–32)' }).int({ message: 'must be a whole number of processes (1–32)' }).min(1, { message: 'must be at least 1' }).max(32, { message: 'must be at most 32' })
      // One by default: a team's instance needs no more, and each process costs its own memory and start-up
      // (README: several web processes); an organisation-wide instance sets its cores, at most 4.
      .default(1),
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
    if (env.DATABASE_SYNC_URL && remote) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_SYNC_URL'],
        message: 'needs DATABASE_URL to be a local file: (the embedded replica)',
      });
    }
  });

export type Config = z.infer<typeof schema>;

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
