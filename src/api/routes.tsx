// /api/v1: the read-only JSON API (mounted in src/app.tsx), its parameter errors, and its OpenAPI document.
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { dealApi } from './deal-routes.tsx';
import { apiError } from './errors.ts';
import { peopleApi } from './people-routes.tsx';
import { MAX_LIMIT } from './schemas.ts';
import { skillsApi } from './skills-routes.tsx';
import { workApi } from './work-routes.tsx';

export const API_BASE = '/api/v1';
export const API_VERSION = '1.0.0';

/** "limit: must be a whole number from 1 to 200; unknown query parameter limt": every issue, named by its parameter. */
export function issuesText(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      if (i.code === 'unrecognized_keys') return i.keys.map((k) => `unknown parameter ${JSON.stringify(k)}`).join('; ');
      return i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message;
    })
    .join('; ');
}

const BEARER = 'bearerAuth';

export const apiRoutes = new OpenAPIHono<AppEnv>({
  // A parameter that fails its schema answers 400 with what is wrong, before the handler runs.
  defaultHook: (result, c) => (result.success ? undefined : apiError(c, 400, 'bad_request', issuesText(result.error))),
});

apiRoutes.openAPIRegistry.registerComponent('securitySchemes', BEARER, {
  type: 'http',
  scheme: 'bearer',
  description: 'A personal access token made on your profile page (`pw_…`), sent as `Authorization: Bearer <token>`. Cookies do not sign in to the API.',
});

apiRoutes.route('/', peopleApi).route('/', skillsApi).route('/', workApi).route('/', dealApi);

/** The document without its server address (the only part that depends on the request). */
const documentConfig = {
  openapi: '3.1.0',
  info: {
    title: 'Pairwise API',
    version: API_VERSION,
    description: [
      "Read-only JSON for the team's own tools. Every answer is what the token's owner may see on the pages: a member's token reads what the member reads, a partner's only their own team's deals (403 elsewhere), a manager's everything.",
      `Lists take \`limit\` (1–${MAX_LIMIT}, default 50) and \`offset\`; an answer's \`page.nextOffset\` is the next page's offset, null on the last.`,
      'Errors are `{ "error": { "code", "message" } }`. Each token may make a limited number of requests a minute (`API_RATE_LIMIT`, default 120, counted per app process); past that, 429 with Retry-After.',
    ].join('\n\n'),
  },
  security: [{ [BEARER]: [] }],
};

/** Generating the document takes tens of milliseconds and it changes only with the code: once per process. */
let generated: ReturnType<typeof apiRoutes.getOpenAPI31Document> | undefined;

/** The document: OpenAPI 3.1, generated from the same zod schemas that check every answer; public (it holds no data). */
apiRoutes.get('/openapi.json', (c) => {
  generated ??= apiRoutes.getOpenAPI31Document(documentConfig);
  return c.json({ ...generated, servers: [{ url: new URL(c.get('publicOrigin') ?? c.req.url).origin + API_BASE }] });
});
