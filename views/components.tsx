// Small pieces many pages use: an error summary, the hidden version, a yes/no toggle, an empty state, the conflict view.
import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../src/domain.ts';
import { t } from './i18n/index.ts';

// The field family lives in views/ui/field.tsx; other features' views still import it from here.
export { Field, Select, TextArea } from './ui/field.tsx';

/** Shown at the top of a rejected form (role=alert so screen readers announce it). */
export function ErrorSummary(p: { errors?: FieldErrors }) {
  if (!p.errors || Object.keys(p.errors).length === 0) return null;
  const general = p.errors._form;
  return (
    <div class="error-summary" role="alert">
      <strong>{t('errors.title')}</strong>
      <p>{general ?? t('errors.fixBelow')}</p>
    </div>
  );
}

export const VersionInput = (p: { version: number }) => <input type="hidden" name="version" value={String(p.version)} />;

/** A one-button form that sets the yes/no field `name` of a versioned record to `to` (sent as 1 or 0). */
export function ToggleForm(p: { action: string; version: number; name: string; to: boolean; label: string; buttonClass: string; class?: string }) {
  return (
    <form method="post" action={p.action} class={p.class}>
      <VersionInput version={p.version} />
      <input type="hidden" name={p.name} value={p.to ? '1' : '0'} />
      <button type="submit" class={p.buttonClass}>
        {p.label}
      </button>
    </form>
  );
}

export function EmptyState(p: { children: Child }) {
  return <p class="empty">{p.children}</p>;
}

/** Two versions of a record side by side, for the 409 page. */
export function ConflictView(p: { yours: Array<[string, string]>; current: Array<[string, string]>; backHref: string }) {
  return (
    <section class="conflict" role="alert">
      <h2>{t('errors.conflict')}</h2>
      <p>{t('errors.conflictText')}</p>
      <div class="conflict-grid">
        {(
          [
            ['errors.conflictYours', p.yours],
            ['errors.conflictCurrent', p.current],
          ] as const
        ).map(([title, rows]) => (
          <div>
            <h3>{t(title)}</h3>
            <dl>
              {rows.map(([k, v]) => (
                <>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </>
              ))}
            </dl>
          </div>
        ))}
      </div>
      <p>
        <a href={p.backHref}>{t('common.back')}</a>
      </p>
    </section>
  );
}
