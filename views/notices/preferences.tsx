// The profile's "Reminders and notices" section: one group of radio buttons per kind of message.
import type { FieldErrors, FormValues, NoticeChannel, NoticeKind } from '../../src/domain.ts';
import { ErrorSummary } from '../components.tsx';
import { t } from '../i18n/index.ts';

export type PreferencesProps = {
  /** Each kind with the channels it may use, in the order shown. */
  kinds: Array<{ kind: NoticeKind; channels: readonly NoticeChannel[] }>;
  chosen: Record<NoticeKind, NoticeChannel>;
  version: number;
  /** Which channels this server can deliver over. */
  configured: { email: boolean; messenger: boolean };
  values?: FormValues;
  errors?: FieldErrors;
};

export function NoticePreferences(p: PreferencesProps) {
  const none = !p.configured.email && !p.configured.messenger;
  return (
    <section class="notice-prefs" aria-labelledby="notice-prefs-title">
      <h2 id="notice-prefs-title">{t('notices.prefs.title')}</h2>
      <p>{t('notices.prefs.intro')}</p>
      {none ? (
        <p class="hint">{t('notices.prefs.notConfigured')}</p>
      ) : (
        <>
          {!p.configured.email && <p class="hint">{t('notices.prefs.emailOff')}</p>}
          {!p.configured.messenger && <p class="hint">{t('notices.prefs.messengerOff')}</p>}
        </>
      )}
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/profile/notices" class="stack">
        <input type="hidden" name="version" value={String(p.version)} />
        {p.kinds.map(({ kind, channels }) => {
          const current = p.values?.[kind] ?? p.chosen[kind];
          const error = p.errors?.[kind];
          return (
            <fieldset class={error ? 'has-error' : undefined} aria-describedby={error ? `np-${kind}-msg` : undefined}>
              <legend>{t(`notices.prefs.kind.${kind}`)}</legend>
              <div class="radio-row">
                {channels.map((channel) => (
                  <label>
                    <input type="radio" name={kind} value={channel} checked={current === channel} /> {t(`notices.prefs.channel.${channel}`)}
                  </label>
                ))}
              </div>
              {error && (
                <small id={`np-${kind}-msg`} class="error">
                  {error}
                </small>
              )}
            </fieldset>
          );
        })}
        <button type="submit">{t('notices.prefs.save')}</button>
      </form>
    </section>
  );
}
