// The profile's notices section as the profile page includes it: the kinds offered to this person, their choices.
import type { Context } from 'hono';
import { NOTICE_KINDS, type FieldErrors, type FormValues, type NoticeKind } from '../domain.ts';
import type { AppEnv } from '../env.ts';
import { NoticePreferences } from '../../views/notices/preferences.tsx';
import { CHANNELS_OF, preferencesOf } from './preferences.ts';

type C = Context<AppEnv>;

/** Which kinds a person is offered: the deal review is a manager's, and partners hear only about their invitation. */
export const kindsFor = (role: string): NoticeKind[] =>
  role === 'partner' ? ['invitation'] : NOTICE_KINDS.filter((k) => k !== 'dealReview' || role === 'manager');

/** The profile page's notices section (the profile route includes it; a rejected save re-renders it with the form). */
export async function preferencesSection(c: C, form?: { values?: FormValues; errors?: FieldErrors }) {
  const me = c.get('user')!;
  const prefs = await preferencesOf(c.get('db'), me.id);
  return (
    <NoticePreferences
      kinds={kindsFor(me.role).map((kind) => ({ kind, channels: CHANNELS_OF[kind] }))}
      chosen={prefs.channels}
      version={prefs.version}
      configured={{ email: c.get('notices').email, messenger: c.get('notices').messenger }}
      values={form?.values}
      errors={form?.errors}
    />
  );
}

