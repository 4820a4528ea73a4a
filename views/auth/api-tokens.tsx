// The profile's API tokens section: what a token is for, the new one shown once with a copy button, the list with revoke buttons, the form.
import type { FieldErrors, FormValues } from '../../src/domain.ts';
import { EmptyState, ErrorSummary } from '../components.tsx';
import { formatDate, formatRelative, t } from '../i18n/index.ts';
import { Field } from '../ui/field.tsx';
import { ListTable } from '../ui/list-table.tsx';

export type ApiTokenRow = { id: number; name: string; prefix: string; createdAt: number; lastUsedAt: number | null };

export type ApiTokensProps = {
  tokens: ApiTokenRow[];
  /** How many working tokens a person may hold. */
  max: number;
  /** The token just made: only in the answer that made it. */
  created?: { name: string; token: string };
  form?: { values?: FormValues; errors?: FieldErrors };
  docsUrl: string;
};

/** The token just made, selectable in a read-only field; the copy button appears with JavaScript. */
function NewToken(p: { name: string; token: string }) {
  return (
    <div class="flash flash-ok" role="status">
      <p>{t('profile.tokens.made', { name: p.name })}</p>
      <label for="new-token">{t('profile.tokens.newLabel')}</label>
      <div class="pf-copy">
        <input id="new-token" type="text" readonly value={p.token} class="copy" autocomplete="off" spellcheck={false} />
        <button type="button" class="secondary" data-copy="new-token" data-copied={t('profile.tokens.copied')} hidden>
          {t('profile.tokens.copy')}
        </button>
      </div>
    </div>
  );
}

/** The sentence with the header as code and the document as a link, wherever each language puts them. */
function HowToSend(p: { docsUrl: string }) {
  const [HEADER, DOC] = ['\u0001', '\u0002'];
  const parts = t('profile.tokens.how', { header: HEADER, doc: DOC }).split(/([\u0001\u0002])/);
  return (
    <p>
      {parts.map((part) =>
        part === HEADER ? <code>Authorization: Bearer pw_…</code> : part === DOC ? <a href={p.docsUrl}>{t('profile.tokens.docLink')}</a> : part,
      )}
    </p>
  );
}

export function ApiTokensSection(p: ApiTokensProps) {
  const full = p.tokens.length >= p.max;
  return (
    <section id="api-tokens" class="pf-tokens" aria-labelledby="api-tokens-title">
      <h2 id="api-tokens-title">{t('profile.tokens.title')}</h2>
      <p>{t('profile.tokens.intro')}</p>
      <HowToSend docsUrl={p.docsUrl} />
      {p.created && <NewToken {...p.created} />}
      {p.tokens.length === 0 ? (
        <EmptyState>{t('profile.tokens.none')}</EmptyState>
      ) : (
        <ListTable
          label={t('profile.tokens.table')}
          class="st-cards"
          columns={[{ label: t('profile.tokens.col.name') }, { label: t('profile.tokens.col.token') }, { label: t('profile.tokens.col.created') }, { label: t('profile.tokens.col.lastUsed') }, { label: t('common.actions') }]}
        >
          {p.tokens.map((k) => (
            <tr>
              <td data-label={t('profile.tokens.col.name')}>{k.name}</td>
              <td data-label={t('profile.tokens.col.token')}>
                <code>{k.prefix}…</code>
              </td>
              <td data-label={t('profile.tokens.col.created')}>{formatDate(k.createdAt)}</td>
              <td data-label={t('profile.tokens.col.lastUsed')}>{k.lastUsedAt === null ? t('profile.tokens.never') : formatRelative(k.lastUsedAt)}</td>
              <td>
                <form method="post" action={`/profile/tokens/${k.id}/revoke`}>
                  <button type="submit" class="secondary" aria-label={t('profile.tokens.revokeLabel', { name: k.name })}>
                    {t('profile.tokens.revoke')}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      {full ? (
        <p class="card">{t('profile.tokens.full', { max: p.max })}</p>
      ) : (
        <form method="post" action="/profile/tokens#api-tokens" class="stack">
          <ErrorSummary errors={p.form?.errors} />
          <Field name="name" id="f-token-name" label={t('profile.tokens.name')} hint={t('profile.tokens.nameHint')} values={p.form?.values} errors={p.form?.errors} required autocomplete="off" />
          <button type="submit">{t('profile.tokens.make')}</button>
        </form>
      )}
    </section>
  );
}
