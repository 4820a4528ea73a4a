// Small pieces every form uses: labelled fields with their error, an error summary, hidden version.
import type { Child } from 'hono/jsx';
import type { FieldErrors, FormValues } from '../src/http/forms.ts';
import { t } from './i18n/index.ts';

type FieldProps = {
  name: string;
  label: string;
  values?: FormValues;
  errors?: FieldErrors;
  type?: string;
  value?: string | number | null;
  hint?: string;
  required?: boolean;
  min?: number;
  max?: number;
  autocomplete?: string;
  id?: string;
};

const fieldId = (p: { id?: string; name: string }) => p.id ?? `f-${p.name}`;

/** A labelled input; the user's last value wins over the stored one so a rejected form keeps what was typed. */
export function Field(p: FieldProps) {
  const id = fieldId(p);
  const error = p.errors?.[p.name];
  const value = p.values?.[p.name] ?? (p.value === null || p.value === undefined ? '' : String(p.value));
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{p.label}</label>
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.type === 'password' ? undefined : value}
        required={p.required}
        min={p.min}
        max={p.max}
        autocomplete={p.autocomplete}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error || p.hint ? `${id}-msg` : undefined}
      />
      {(error || p.hint) && (
        <small id={`${id}-msg`} class={error ? 'error' : 'hint'}>
          {error ?? p.hint}
        </small>
      )}
    </div>
  );
}

export function TextArea(p: FieldProps & { rows?: number }) {
  const id = fieldId(p);
  const error = p.errors?.[p.name];
  const value = p.values?.[p.name] ?? (p.value === null || p.value === undefined ? '' : String(p.value));
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{p.label}</label>
      <textarea id={id} name={p.name} rows={p.rows ?? 3} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-msg` : undefined}>
        {value}
      </textarea>
      {error && (
        <small id={`${id}-msg`} class="error">
          {error}
        </small>
      )}
    </div>
  );
}

export function Select(
  p: FieldProps & { options: Array<{ value: string | number; label: string }>; blank?: string },
) {
  const id = fieldId(p);
  const error = p.errors?.[p.name];
  const value = p.values?.[p.name] ?? (p.value === null || p.value === undefined ? '' : String(p.value));
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{p.label}</label>
      <select id={id} name={p.name} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-msg` : undefined}>
        {p.blank !== undefined && <option value="">{p.blank}</option>}
        {p.options.map((o) => (
          <option value={String(o.value)} selected={String(o.value) === value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <small id={`${id}-msg`} class="error">
          {error}
        </small>
      )}
    </div>
  );
}

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
