// The manager's season form (create and edit): number, name, dates, cadence, skipped dates, focus areas, goal, votes.
import type { FieldErrors, FormValues } from '../../src/domain.ts';
import { ErrorSummary, Field, Select, TextArea, VersionInput } from '../components.tsx';
import { t } from '../i18n/index.ts';
import { weekdayName } from './parts.tsx';

export type SeasonFormProps = {
  action: string;
  /** The form's values as strings: the stored season, the defaults, or what the user sent. */
  values: FormValues;
  areaIds: string[];
  areas: Array<{ id: number; name: string }>;
  errors?: FieldErrors;
  version?: number;
  cancelHref: string;
  submit: string;
};

/** Checkboxes of focus areas in a fieldset, with its hint and its message (the season form and the paper form). */
export function AreaChoice(p: { name: string; legend: string; hint: string; areas: Array<{ id: number; name: string }>; chosen: string[]; error?: string }) {
  return (
    <fieldset id={`f-${p.name}`} class={p.error ? 'has-error' : undefined} aria-describedby={`f-${p.name}-msg`}>
      <legend>{p.legend}</legend>
      <small id={`f-${p.name}-msg`} class={p.error ? 'error' : 'hint'}>
        {p.error ?? p.hint}
      </small>
      <div class="chip-list">
        {p.areas.map((a) => (
          <label class="chip area">
            <input type="checkbox" name={p.name} value={String(a.id)} checked={p.chosen.includes(String(a.id))} />
            {a.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function SeasonForm(p: SeasonFormProps) {
  const common = { values: p.values, errors: p.errors };
  return (
    <form method="post" action={p.action} class="stack card st-form">
      <ErrorSummary errors={p.errors} />
      {p.version !== undefined && <VersionInput version={p.version} />}
      <div class="row">
        <Field name="number" type="number" min={1} label={t('study.season.field.number')} required {...common} />
        <Field name="name" label={t('study.season.field.name')} hint={t('study.season.field.nameHint')} required {...common} />
      </div>
      <div class="row">
        <Field name="startsOn" type="date" label={t('study.season.field.startsOn')} required {...common} />
        <Field name="endsOn" type="date" label={t('study.season.field.endsOn')} required {...common} />
      </div>
      <div class="row">
        <Select name="weekday" label={t('study.season.field.weekday')} options={[1, 2, 3, 4, 5, 6, 0].map((d) => ({ value: d, label: weekdayName(d) }))} {...common} />
        <Field name="startTime" label={t('study.season.field.startTime')} hint={t('study.season.field.startTimeHint')} required {...common} />
        <Field name="sessionMinutes" type="number" min={15} max={480} label={t('study.season.field.sessionMinutes')} required {...common} />
      </div>
      <TextArea name="skipDates" label={t('study.season.field.skipDates')} hint={t('study.season.field.skipDatesHint')} rows={3} {...common} />
      <AreaChoice name="areaIds" legend={t('study.season.field.areas')} hint={t('study.season.field.areasHint')} areas={p.areas} chosen={p.areaIds} error={p.errors?.areaIds} />
      <Field name="goal" label={t('study.season.field.goal')} hint={t('study.season.field.goalHint')} {...common} />
      <Field name="votesPerMember" type="number" min={1} max={20} label={t('study.season.field.votesPerMember')} required {...common} />
      <p class="st-actions">
        <button type="submit">{p.submit}</button> <a href={p.cancelHref}>{t('common.cancel')}</a>
      </p>
    </form>
  );
}

export function SeasonFormPage(p: { title: string; form: SeasonFormProps }) {
  return (
    <section class="st-page st-form-page">
      <p>
        <a href="/study">{t('study.list.title')}</a>
      </p>
      <h1>{p.title}</h1>
      <SeasonForm {...p.form} />
    </section>
  );
}
