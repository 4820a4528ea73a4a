// /profile/tokens: making a personal access token of the API (shown once, in the answer) and revoking one.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { field, idParam, parseForm } from '../http/forms.ts';
import { notFound, redirectAfterPost } from '../http/render.tsx';
import { t } from '../../views/i18n/index.ts';
import { createApiToken, MAX_ACTIVE_TOKENS, revokeApiToken, TOKEN_NAME_MAX } from './api-tokens.ts';
import { profilePage } from './profile-routes.tsx';

const tokenSchema = z.object({ name: field.text(TOKEN_NAME_MAX) });

export const apiTokenRoutes = new Hono<AppEnv>()
  .post('/profile/tokens', async (c) => {
    const form = await parseForm(c, tokenSchema);
    if (!form.ok) return profilePage(c, { tokens: { form }, status: 422 });
    const made = await createApiToken(c.get('db'), c.get('user')!.id, form.data.name, c.get('now')());
    if (!made.ok) return profilePage(c, { tokens: { form: { values: form.values, errors: { name: t('profile.tokens.full', { max: MAX_ACTIVE_TOKENS }) } } }, status: 422 });
    // The token travels in this page only: never in a redirect, a flash cookie or the database.
    return profilePage(c, { tokens: { created: { name: form.data.name, token: made.token } } });
  })
  .post('/profile/tokens/:id/revoke', async (c) => {
    await parseForm(c, z.object({}));
    const id = idParam(c.req.param('id'));
    const revoked = id !== null && (await revokeApiToken(c.get('db'), c.get('user')!.id, id, c.get('now')()));
    if (!revoked) return notFound(c);
    return redirectAfterPost(c, '/profile#api-tokens', { kind: 'ok', text: t('profile.tokens.revoked') });
  });
