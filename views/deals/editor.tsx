// The deal editor: proposing a deal, editing it before agreement, or counter-proposing (items and dates).
import type { Deal, DealItem } from '../../src/deals/queries.ts';
import type { FieldErrors, FormValues } from '../../src/http/forms.ts';
import { ErrorSummary, Field, Select, TextArea, VersionInput } from '../components.tsx';
import { t } from '../i18n/index.ts';
import { sideHeading, type Perspective } from './parts.tsx';

type Option = { id: number; name: string };
export type EditorMode = 'create' | 'edit' | 'counter';
export type EditorForm = { values?: FormValues; arrays?: Record<string, string[]>; errors?: FieldErrors };
/** How many blank rows each side offers for new items. */
export const NEW_ROWS = { create: { give: 3, get: 2 }, edit: { give: 2, get: 2 }, counter: { give: 1, get: 1 } } as const;

/** The form field prefix of an item row: existing items by id, new rows by side and index. */
export const itemPrefix = (item: { id: number } | { side: 'give' | 'get'; index: number }) => ('id' in item ? `i${item.id}_` : `${item.side}${item.index}_`);

export function DealEditor(p: {
  mode: EditorMode;
  action: string;
  who: Perspective;
  deal?: Deal;
  partners: Option[];
  team: Option[];
  areas: Option[];
  form?: EditorForm;
}) {
  const d = p.deal;
  const v = p.form?.values;
  const e = p.form?.errors;
  const team = p.who === 'team';
  const rows = NEW_ROWS[p.mode];
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
        {team && (
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
        const existing = d?.items.filter((i) => i.side === side) ?? [];
        return (
          <fieldset class={`card items-editor side-${side}`}>
            <legend>{sideHeading(side, p.who)}</legend>
            <p class="hint muted">{t(`deals.editor.hint.${p.who}.${side}`)}</p>
            {existing.map((item) => (
              <ItemRow prefix={itemPrefix(item)} side={side} item={item} who={p.who} team={p.team} areas={p.areas} form={p.form} />
            ))}
            {Array.from({ length: rows[side] }, (_, index) => (
              <ItemRow prefix={itemPrefix({ side, index })} side={side} who={p.who} team={p.team} areas={p.areas} form={p.form} fresh />
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

function ItemRow(p: { prefix: string; side: 'give' | 'get'; item?: DealItem; who: Perspective; team: Option[]; areas: Option[]; form?: EditorForm; fresh?: boolean }) {
  const v = p.form?.values;
  const e = p.form?.errors;
  const name = (f: string) => `${p.prefix}${f}`;
  const membersName = name('members');
  const submitted = Boolean(v && Object.keys(v).length);
  const selected = new Set(submitted ? (p.form?.arrays?.[membersName] ?? []) : (p.item?.members.map((m) => String(m.id)) ?? []));
  const membersError = e?.[membersName];
  const teamFields = p.who === 'team' && p.side === 'give';
  const rowErrors = Object.keys(e ?? {}).some((k) => k.startsWith(p.prefix));
  return (
    <div class={`item-row${p.fresh ? ' fresh' : ''}${rowErrors ? ' has-row-error' : ''}`}>
      <div class="row item-fields">
        <Field name={name('description')} label={t(p.fresh ? `deals.editor.new.${p.side}` : 'deals.field.description')} value={p.item?.description} values={v} errors={e} />
        <Field name={name('dueDate')} type="date" label={t('deals.field.dueDate')} value={p.item?.dueDate} values={v} errors={e} />
      </div>
      {teamFields && (
        <div class="row">
          <Select name={name('areaId')} label={t('deals.field.area')} value={p.item?.areaId} values={v} errors={e} blank={t('deals.editor.noArea')} options={p.areas.map((a) => ({ value: a.id, label: a.name }))} />
          <Field name={name('effort')} type="number" min={0} max={100} label={t('deals.field.effort')} value={p.item?.effort || (p.fresh ? '' : 0)} values={v} errors={e} />
        </div>
      )}
      {teamFields && (
        <div class={membersError ? 'field has-error' : 'field'}>
          <label for={`f-${membersName}`}>{t('deals.field.members')}</label>
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
          <small id={`f-${membersName}-msg`} class={membersError ? 'error' : 'hint'}>
            {membersError ?? t('deals.editor.membersHint')}
          </small>
        </div>
      )}
      {p.item && (
        <label class="remove">
          <input type="checkbox" name={name('remove')} value="1" checked={v?.[name('remove')] === '1'} /> {t('deals.editor.remove')}
        </label>
      )}
    </div>
  );
}
