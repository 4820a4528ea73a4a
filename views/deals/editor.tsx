// The deal editor: proposing a deal, editing it before agreement, or counter-proposing (items and dates).
import type { DealSide, FieldErrors, FormValues, Perspective } from '../../src/domain.ts';
import { ErrorSummary, VersionInput } from '../components.tsx';
import { t } from '../i18n/index.ts';
import { Field, FieldFrame, Select, TextArea } from '../ui/field.tsx';
import { sideHeading } from './parts.tsx';
import { viewerSide } from './sides.ts';
import type { DealItemView, DealView } from './types.ts';

type Option = { id: number; name: string };
type EditorForm = { values?: FormValues; arrays?: Record<string, string[]>; errors?: FieldErrors };
/** One item row of the form: an existing item, or a blank row for a new one (`prefix` names its fields). */
type EditorRow = { prefix: string; side: DealSide; existing?: DealItemView };

export function DealEditor(p: {
  mode: 'create' | 'edit' | 'counter';
  action: string;
  who: Perspective;
  /** What this viewer may change besides items and dates: the deal's own fields, and who works on a give. */
  rights: { deal: boolean; staffing: boolean };
  deal?: DealView;
  rows: EditorRow[];
  partners: Option[];
  team: Option[];
  areas: Option[];
  form?: EditorForm;
}) {
  const d = p.deal;
  const v = p.form?.values;
  const e = p.form?.errors;
  return (
    <form method="post" action={p.action} class="stack deal-editor">
      <ErrorSummary errors={e} />
      {d && <VersionInput version={d.version} />}
      {p.mode === 'counter' && (
        <div class="notice">
          <p>{t(d && (d.status === 'agreed' || d.status === 'in_delivery') ? 'deals.editor.counterAfterAgreement' : 'deals.editor.counterIntro')}</p>
          <TextArea name="note" label={t('deals.editor.note')} values={v} errors={e} rows={2} />
        </div>
      )}
      <fieldset class="card">
        <legend>{t('deals.editor.deal')}</legend>
        {p.rights.deal && (
          <>
            <Field name="title" label={t('deals.field.title')} value={d?.title} values={v} errors={e} required hint={t('deals.editor.titleHint')} />
            <div class="row">
              <Select name="partnerId" label={t('deals.field.partner')} value={d?.partnerId} values={v} errors={e} blank={t('deals.editor.pick')} options={p.partners.map((x) => ({ value: x.id, label: x.name }))} />
              <Select name="ownerId" label={t('deals.field.owner')} value={d?.ownerId} values={v} errors={e} blank={t('deals.editor.pick')} options={p.team.map((x) => ({ value: x.id, label: x.name }))} />
            </div>
            <TextArea name="summary" label={t('deals.field.summary')} value={d?.summary} values={v} errors={e} rows={3} />
          </>
        )}
        <div class="row">
          <Field name="neededBy" type="date" label={t('deals.field.neededBy')} value={d?.neededBy} values={v} errors={e} hint={t('deals.editor.neededByHint')} />
          <Field name="committedDate" type="date" label={t('deals.field.committedDate')} value={d?.committedDate} values={v} errors={e} hint={t('deals.editor.committedHint')} />
        </div>
      </fieldset>
      {(['give', 'get'] as const).map((side) => {
        return (
          <fieldset class={`card items-editor side-${side}`}>
            <legend>{sideHeading(side, p.who)}</legend>
            <p class="hint muted">{t(`deals.editor.hint.${p.who}.${side}`)}</p>
            {p.rows
              .filter((r) => r.side === side)
              .map((r) => (
                <ItemRow prefix={r.prefix} side={side} who={p.who} item={r.existing} staffing={p.rights.staffing} team={p.team} areas={p.areas} form={p.form} fresh={!r.existing} />
              ))}
          </fieldset>
        );
      })}
      <div class="form-actions">
        <button type="submit">{t(`deals.editor.submit.${p.mode}`)}</button>
        <a href={d ? `/deals/${d.id}` : '/deals'}>{t('common.cancel')}</a>
      </div>
    </form>
  );
}

function ItemRow(p: { prefix: string; side: DealSide; who: Perspective; item?: DealItemView; staffing: boolean; team: Option[]; areas: Option[]; form?: EditorForm; fresh?: boolean }) {
  const v = p.form?.values;
  const e = p.form?.errors;
  const name = (f: string) => `${p.prefix}${f}`;
  const membersName = name('members');
  const submitted = Boolean(v && Object.keys(v).length);
  const selected = new Set(submitted ? (p.form?.arrays?.[membersName] ?? []) : (p.item?.members.map((m) => String(m.id)) ?? []));
  const membersError = e?.[membersName];
  const teamFields = p.staffing && p.side === 'give';
  const rowErrors = Object.keys(e ?? {}).some((k) => k.startsWith(p.prefix));
  return (
    <div class={`item-row${p.fresh ? ' fresh' : ''}${rowErrors ? ' has-row-error' : ''}`}>
      <div class="row item-fields">
        <Field name={name('description')} label={t(p.fresh ? `deals.editor.new.${viewerSide(p.side, p.who)}` : 'deals.field.description')} value={p.item?.description} values={v} errors={e} />
        <Field name={name('dueDate')} type="date" label={t('deals.field.dueDate')} value={p.item?.dueDate} values={v} errors={e} />
      </div>
      {teamFields && (
        <div class="row">
          <Select name={name('areaId')} label={t('deals.field.area')} value={p.item?.areaId} values={v} errors={e} blank={t('deals.editor.noArea')} options={p.areas.map((a) => ({ value: a.id, label: a.name }))} />
          <Field name={name('effort')} type="number" min={0} max={100} label={t('deals.field.effort')} value={p.item?.effort || (p.fresh ? '' : 0)} values={v} errors={e} />
        </div>
      )}
      {teamFields && (
        <FieldFrame id={`f-${membersName}`} label={t('deals.field.members')} error={membersError} hint={t('deals.editor.membersHint')}>
          <select
            id={`f-${membersName}`}
            name={membersName}
            multiple
            size={4}
            aria-invalid={membersError ? 'true' : undefined}
            aria-describedby={`f-${membersName}-msg`}
          >
            {p.team.map((m) => (
              <option value={String(m.id)} selected={selected.has(String(m.id))}>
                {m.name}
              </option>
            ))}
          </select>
        </FieldFrame>
      )}
      {p.item && (
        <label class="remove">
          <input type="checkbox" name={name('remove')} value="1" checked={v?.[name('remove')] === '1'} /> {t('deals.editor.remove')}
        </label>
      )}
    </div>
  );
}
