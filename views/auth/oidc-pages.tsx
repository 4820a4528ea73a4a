// Single sign-on in pages: the "Sign in with …" button and the page of each refused or failed sign-in.
import { t, type MessageKey } from '../i18n/index.ts';

/** The start of a single sign-on (`/auth/oidc?next=…`) and the provider's name (null: "your company account"). */
export type SsoLink = { href: string; providerName: string | null };

export const ssoLabel = (p: SsoLink) => (p.providerName ? t('sso.signInWith', { provider: p.providerName }) : t('sso.signInWithCompany'));

/** A link, not a form: the CSP lets forms post only to Pairwise, and the way to the provider is a GET anyway. */
export function SsoButton(p: SsoLink) {
  return (
    <p class="sso-start">
      <a class="button sso-button" href={p.href}>
        {ssoLabel(p)}
      </a>
    </p>
  );
}

export type SsoProblemKind = 'noEmail' | 'unverified' | 'notInvited' | 'deactivated' | 'linkedElsewhere' | 'unreachable' | 'expired' | 'otherBrowser' | 'denied' | 'failed';

const WORDS: Record<SsoProblemKind, [MessageKey, MessageKey]> = {
  noEmail: ['sso.noEmail.title', 'sso.noEmail.text'],
  unverified: ['sso.unverified.title', 'sso.unverified.text'],
  notInvited: ['sso.notInvited.title', 'sso.notInvited.text'],
  deactivated: ['sso.deactivated.title', 'sso.deactivated.text'],
  linkedElsewhere: ['sso.linkedElsewhere.title', 'sso.linkedElsewhere.text'],
  unreachable: ['sso.unreachable.title', 'sso.unreachable.text'],
  expired: ['sso.expired.title', 'sso.expired.text'],
  otherBrowser: ['sso.otherBrowser.title', 'sso.otherBrowser.text'],
  denied: ['sso.denied.title', 'sso.denied.text'],
  failed: ['sso.failed.title', 'sso.failed.text'],
};

export const ssoProblemTitle = (kind: SsoProblemKind) => t(WORDS[kind][0]);

/** What went wrong, in words, and the ways on: start again, and sign in with a password where that exists. */
export function SsoProblem(p: { kind: SsoProblemKind; email?: string; sso: SsoLink; passwordLogin: boolean }) {
  const provider = p.sso.providerName ?? t('sso.companySignIn');
  return (
    <section class="narrow sso-problem">
      <h1>{ssoProblemTitle(p.kind)}</h1>
      <p class="error-summary" role="alert">
        {t(WORDS[p.kind][1], { email: p.email ?? '', provider })}
      </p>
      {p.kind === 'unreachable' && p.passwordLogin && <p>{t('sso.unreachable.password')}</p>}
      <p class="form-buttons">
        {p.kind !== 'deactivated' && (
          <a class="button" href={p.sso.href}>
            {t('sso.startAgain')}
          </a>
        )}
        <a href="/login">{p.passwordLogin ? t('sso.usePassword') : t('sso.backToLogin')}</a>
      </p>
    </section>
  );
}
