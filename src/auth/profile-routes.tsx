// The profile page as every /profile route answers it: the person's own fields, the password form, then the API tokens and the notice preferences.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldErrors, FormValues } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { page } from '../http/render.tsx';
import { getUser } from '../members/queries.ts';
import { ApiTokensSection } from '../../views/auth/api-tokens.tsx';
import { ProfilePage } from '../../views/auth/pages.tsx';
import { t } from '../../views/i18n/index.ts';
import { activeTokens, MAX_ACTIVE_TOKENS } from './api-tokens.ts';
import { preferencesSection } from '../notices/preferences-routes.tsx';

type Form = { values?: FormValues; errors?: FieldErrors };

/** A rejected form keeps its values and messages; a token just made is shown in this answer only. */
export type ProfileParts = { profile?: Form; password?: Form; tokens?: { form?: Form; created?: { name: string; token: string } }; notices?: Form; status?: ContentfulStatusCode };

export async function profilePage(c: Context<AppEnv>, parts: ProfileParts = {}) {
  const id = c.get('user')!.id;
  const [me, tokens, notices] = await Promise.all([getUser(c.get('db'), id), activeTokens(c.get('db'), id), preferencesSection(c, parts.notices)]);
  return page(
    c,
    t('members.profile'),
    <ProfilePage user={me!} profile={parts.profile} password={parts.password} passwordLogin={c.get('passwordLogin')}>
      <ApiTokensSection tokens={tokens} max={MAX_ACTIVE_TOKENS} created={parts.tokens?.created} form={parts.tokens?.form} docsUrl="/api/v1/openapi.json" />
      {notices}
    </ProfilePage>,
    { current: '/profile', status: parts.status },
  );
}
