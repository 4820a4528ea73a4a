// Setup, sign-in, set-password and profile forms.
import type { Child } from 'hono/jsx';
import { MIN_PASSWORD_LENGTH, type FieldErrors, type FormValues } from '../../src/domain.ts';
import { ErrorSummary } from '../components.tsx';
import { LANGUAGE_NAMES, LOCALES, t } from '../i18n/index.ts';
import { Field, Select } from '../ui/field.tsx';
import { SsoButton, type SsoLink } from './oidc-pages.tsx';

type FormProps = { values?: FormValues; errors?: FieldErrors };

const PasswordFields = (p: FormProps) => (
  <>
    <Field name="password" type="password" label={t('password.new')} errors={p.errors} required autocomplete="new-password" hint={t('password.hint', { min: MIN_PASSWORD_LENGTH })} />
    <Field name="password2" type="password" label={t('password.repeat')} errors={p.errors} required autocomplete="new-password" />
  </>
);

/** How people sign in here: with single sign-on (`sso`), with passwords (`passwordLogin`, default on), or both. */
type SignInWays = { sso?: SsoLink; passwordLogin?: boolean };

export function SetupForm(p: FormProps & SignInWays) {
  const passwords = p.passwordLogin !== false;
  return (
    <section class="narrow">
      <h1>{t('setup.title')}</h1>
      {passwords ? <p>{t('setup.intro')}</p> : <p>{t('sso.setupOnly')}</p>}
      {!passwords && p.sso && <SsoButton {...p.sso} />}
      {passwords && (
        <>
          <ErrorSummary errors={p.errors} />
          <form method="post" action="/setup" class="stack">
            <Field name="name" label={t('common.name')} values={p.values} errors={p.errors} required autocomplete="name" />
            <Field name="email" type="email" label={t('common.email')} values={p.values} errors={p.errors} required autocomplete="email" />
            <PasswordFields errors={p.errors} />
            <button type="submit">{t('setup.submit')}</button>
          </form>
        </>
      )}
      {passwords && p.sso && (
        <>
          <p class="sso-hint">{t('sso.setupHint')}</p>
          <SsoButton {...p.sso} />
        </>
      )}
    </section>
  );
}

export function LoginForm(p: FormProps & SignInWays & { next?: string; message?: string }) {
  const passwords = p.passwordLogin !== false;
  return (
    <section class="narrow">
      <h1>{t('login.title')}</h1>
      {p.message && (
        <p class="error-summary" role="alert">
          {p.message}
        </p>
      )}
      {p.sso && <SsoButton {...p.sso} />}
      {p.sso && passwords && <p class="sso-or">{t('sso.orPassword')}</p>}
      {passwords && (
        <form method="post" action="/login" class="stack">
          <input type="hidden" name="next" value={p.next ?? '/'} />
          <Field name="email" type="email" label={t('common.email')} values={p.values} errors={p.errors} required autocomplete="username" />
          <Field name="password" type="password" label={t('login.password')} errors={p.errors} required autocomplete="current-password" />
          <button type="submit">{t('login.submit')}</button>
        </form>
      )}
    </section>
  );
}

export function SetPasswordForm(p: FormProps & { token: string; name: string }) {
  return (
    <section class="narrow">
      <h1>{t('password.title')}</h1>
      <p>{p.name}</p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={`/password/${p.token}`} class="stack">
        <PasswordFields errors={p.errors} />
        <button type="submit">{t('password.submit')}</button>
      </form>
    </section>
  );
}

/** Managers edit e-mails (their own here, others' on /members); everyone else sees theirs read-only. */
function EmailLine(p: { email: string; errors?: FieldErrors }) {
  const error = p.errors?.email;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <span class="label">{t('common.email')}</span>
      <p id="f-email" aria-describedby="f-email-msg">
        {p.email}
      </p>
      <small id="f-email-msg" class={error ? 'error' : 'hint'}>
        {error ?? t('profile.emailHint')}
      </small>
    </div>
  );
}

export function ProfilePage(p: {
  user: { name: string; email: string; locale: string; version: number; role: string };
  profile?: FormProps;
  password?: FormProps;
  /** false: passwords are off here, so there is none to change. */
  passwordLogin?: boolean;
  /** The sections other features add below the password (the API tokens, the notice preferences). */
  children?: Child;
}) {
  return (
    <section class="narrow">
      <h1>{t('members.profile')}</h1>
      <ErrorSummary errors={p.profile?.errors} />
      <form method="post" action="/profile" class="stack">
        <input type="hidden" name="version" value={String(p.user.version)} />
        <Field name="name" label={t('common.name')} value={p.user.name} values={p.profile?.values} errors={p.profile?.errors} required />
        {p.user.role === 'manager' ? (
          <Field name="email" type="email" label={t('common.email')} value={p.user.email} values={p.profile?.values} errors={p.profile?.errors} required />
        ) : (
          <EmailLine email={p.user.email} errors={p.profile?.errors} />
        )}
        <Select name="locale" label={t('members.locale')} value={p.user.locale} values={p.profile?.values} errors={p.profile?.errors} blank={t('members.localeAuto')} options={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))} />
        <button type="submit">{t('common.save')}</button>
      </form>
      {p.passwordLogin === false ? (
        <p>{t('sso.passwordsOffProfile')}</p>
      ) : (
        <>
          <h2>{t('password.change')}</h2>
          <ErrorSummary errors={p.password?.errors} />
          <form method="post" action="/profile/password" class="stack">
            <Field name="current" type="password" label={t('password.current')} errors={p.password?.errors} required autocomplete="current-password" />
            <PasswordFields errors={p.password?.errors} />
            <button type="submit">{t('password.change')}</button>
          </form>
        </>
      )}
      {p.children}
    </section>
  );
}
