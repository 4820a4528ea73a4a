// The in-app notices list (/notices, mark read) and the profile's notice preferences (POST /profile/notices).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { NOTICE_KINDS, type FieldErrors, type FormValues, type NoticeChannel, type NoticeKind } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { field, idParam, parseForm } from '../http/forms.ts';
import { notFound, page, redirectAfterPost } from '../http/render.tsx';
import { profilePage } from '../auth/profile-routes.tsx';
import { t } from '../../views/i18n/index.ts';
import { NoticesPage } from '../../views/notices/list.tsx';
import { kindsFor } from './preferences-routes.tsx';
import { CHANNELS_OF, preferencesOf, savePreferences } from './preferences.ts';
import { markRead, noticesOf, NOTICES_SHOWN, ownsNotice } from './queries.ts';

type C = Context<AppEnv>;

const preferencesSchema = z.object({
  version: field.version(),
  ...(Object.fromEntries(NOTICE_KINDS.map((k) => [k, field.choice(CHANNELS_OF[k] as [NoticeChannel, ...NoticeChannel[]]).optional()])) as Record<NoticeKind, z.ZodOptional<z.ZodEnum<Record<NoticeChannel, NoticeChannel>>>>),
});

const profileWith = (c: C, form: { values?: FormValues; errors?: FieldErrors }, status: 409 | 422) => profilePage(c, { notices: form, status });

export const noticeRoutes = new Hono<AppEnv>()
  .get('/notices', async (c) => {
    const list = await noticesOf(c.get('db'), c.get('user')!.id);
    return page(c, t('notices.title'), <NoticesPage notices={list} locale={c.get('locale')} now={c.get('now')()} limit={NOTICES_SHOWN} />, { current: '/notices' });
  })
  .post('/notices/read', async (c) => {
    await markRead(c.get('db'), c.get('user')!.id, null, c.get('now')());
    return redirectAfterPost(c, '/notices', { kind: 'ok', text: t('notices.marked') });
  })
  .post('/notices/:id/read', async (c) => {
    const id = idParam(c.req.param('id'));
    const me = c.get('user')!.id;
    if (!id || !(await ownsNotice(c.get('db'), me, id))) return notFound(c);
    await markRead(c.get('db'), me, id, c.get('now')());
    return redirectAfterPost(c, '/notices', { kind: 'ok', text: t('notices.marked') });
  })
  .post('/profile/notices', async (c) => {
    const me = c.get('user')!;
    const form = await parseForm(c, preferencesSchema);
    if (!form.ok) return profileWith(c, form, 422);
    const current = await preferencesOf(c.get('db'), me.id);
    // Kinds this person is not offered keep what they had; an offered kind left out is an error.
    const offered = kindsFor(me.role);
    const missing = offered.filter((k) => !form.data[k]);
    if (missing.length) return profileWith(c, { values: form.values, errors: Object.fromEntries(missing.map((k) => [k, t('errors.required')])) }, 422);
    const channels = { ...current.channels, ...Object.fromEntries(offered.map((k) => [k, form.data[k]!])) };
    if (!(await savePreferences(c.get('db'), me.id, form.data.version, channels))) return profileWith(c, { errors: { _form: t('notices.prefs.conflict') } }, 409);
    return redirectAfterPost(c, '/profile', { kind: 'ok', text: t('notices.prefs.saved') });
  });
