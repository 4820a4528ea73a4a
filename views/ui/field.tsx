// Labelled form controls (input, textarea, select), each with the user's last value and its message, on one frame.
import type { Child } from 'hono/jsx';
import type { FieldErrors, FormValues } from '../../src/domain.ts';

export type FieldProps = {
  name: string;
  label: string;
  /** What the user sent (a rejected form re-rendered): wins over `value`. */
  values?: FormValues;
  errors?: FieldErrors;
  /** The stored value. */
  value?: string | number | null;
  hint?: string;
  id?: string;
};

/** The parts every control shares: its id, its error, the value to show and the ARIA tying the message to it. */
function control(p: FieldProps) {
  const id = p.id ?? `f-${p.name}`;
  const error = p.errors?.[p.name];
  const value = p.values?.[p.name] ?? (p.value === null || p.value === undefined ? '' : String(p.value));
  const aria = { 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': error || p.hint ? `${id}-msg` : undefined };
  return { id, error, value, aria };
}

/** The label, the control and its error (or hint) below it; for a control none of the fields below fits. */
export function FieldFrame(p: { id: string; label: string; error?: string; hint?: string; children: Child }) {
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={p.id}>{p.label}</label>
      {p.children}
      {(p.error || p.hint) && (
        <small id={`${p.id}-msg`} class={p.error ? 'error' : 'hint'}>
          {p.error ?? p.hint}
        </small>
      )}
    </div>
  );
}

export function Field(p: FieldProps & { type?: string; required?: boolean; min?: number; max?: number; autocomplete?: string }) {
  const { id, error, value, aria } = control(p);
  return (
    <FieldFrame id={id} label={p.label} error={error} hint={p.hint}>
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.type === 'password' ? undefined : value}
        required={p.required}
        min={p.min}
        max={p.max}
        autocomplete={p.autocomplete}
        {...aria}
      />
    </FieldFrame>
  );
}

export function TextArea(p: FieldProps & { rows?: number }) {
  const { id, error, value, aria } = control(p);
  return (
    <FieldFrame id={id} label={p.label} error={error} hint={p.hint}>
      <textarea id={id} name={p.name} rows={p.rows ?? 3} {...aria}>
        {value}
      </textarea>
    </FieldFrame>
  );
}

export function Select(p: FieldProps & { options: Array<{ value: string | number; label: string }>; blank?: string }) {
  const { id, error, value, aria } = control(p);
  return (
    <FieldFrame id={id} label={p.label} error={error} hint={p.hint}>
      <select id={id} name={p.name} {...aria}>
        {p.blank !== undefined && <option value="">{p.blank}</option>}
        {p.options.map((o) => (
          <option value={String(o.value)} selected={String(o.value) === value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
