// One work item: the manager's create/edit form (with repeatable requirement rows) and the read view.
import { WORK_KINDS, WORK_PRIORITIES, WORK_STATUSES, type CurrentUser, type FieldErrors, type FormValues } from '../../src/domain.ts';
import { ErrorSummary, Field, Select, TextArea, VersionInput } from '../components.tsx';
import { keyFor, t } from '../i18n/index.ts';
import type { WorkFlag } from './flags.ts';
import { DueDate, FlagList, KindTag, PriorityTag, Requirements, StatusCell, type ShownItem } from './parts.tsx';

export type RequirementRowValues = { area: string; level: string };
type Option = { id: number; name: string };
type DealOption = { id: number; title: string; partnerName: string };
type Cycle = { id: number; name: string };

/** The stored item the edit form starts from. */
export type EditedItem = {
  id: number;
  version: number;
  title: string;
  description: string;
  kind: string;
  priority: string;
  effort: number;
  feeds: string;
  dealId: number | null;
  cycleId: number | null;
  dueDate: string | null;
  status: string;
  ownerId: number | null;
  buddyId: number | null;
};

/** Rows offered below the filled ones, so a form without JavaScript can add requirements. */
export const EMPTY_REQUIREMENT_ROWS = 3;

export function RequirementRow(p: { index: number; row: RequirementRowValues; areas: Option[] }) {
  const areaId = `req-area-${p.index}`;
  const levelId = `req-level-${p.index}`;
  return (
    <li class="wk-req-row">
      <div class="field">
        <label for={areaId}>{t('work.field.area')}</label>
        <select id={areaId} name="reqArea">
          <option value="">{t('work.req.noArea')}</option>
          {p.areas.map((a) => (
            <option value={String(a.id)} selected={String(a.id) === p.row.area}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={levelId}>{t('work.field.minLevel')}</label>
        <select id={levelId} name="reqLevel">
          <option value="">{t('common.none')}</option>
          {[0, 1, 2, 3, 4, 5].map((l) => (
            <option value={String(l)} selected={String(l) === p.row.level}>
              {`≥ ${l} · ${t(keyFor('level.', l))}`}
            </option>
          ))}
        </select>
      </div>
    </li>
  );
}

/**
 * Without JavaScript it submits the form with `more`, which re-renders it with more empty rows
 * (nothing saved); with htmx it fetches one row and replaces itself to count on.
 */
export function MoreRowsButton(p: { next: number; oob?: boolean }) {
  return (
    <button
      type="submit"
      id="req-more"
      name="more"
      value="1"
      class="secondary wk-small"
      formnovalidate
      hx-get={`/work/requirement-row?index=${p.next}`}
      hx-target="#req-rows"
      hx-swap="beforeend"
      hx-swap-oob={p.oob ? 'true' : undefined}
    >
      {t('work.req.more')}
    </button>
  );
}

export function ItemForm(p: {
  action: string;
  item?: EditedItem;
  values?: FormValues;
  errors?: FieldErrors;
  rows: RequirementRowValues[];
  cycles: Cycle[];
  areas: Option[];
  people: Option[];
  deals: DealOption[];
  submit: string;
}) {
  const item = p.item;
  const common = { values: p.values, errors: p.errors };
  const personOptions = p.people.map((m) => ({ value: m.id, label: m.name }));
  const reqError = p.errors?.requirements;
  return (
    <form method="post" action={p.action} class="stack card wk-item-form">
      {/* Enter in a field saves: the first submit button is the form's default, so it must not be "more rows". */}
      <button type="submit" class="wk-sr" tabindex={-1} aria-hidden="true">
        {p.submit}
      </button>
      <ErrorSummary errors={p.errors} />
      {item && <VersionInput version={item.version} />}
      <Field name="title" label={t('work.field.title')} value={item?.title} required {...common} />
      <TextArea name="description" label={t('work.field.description')} value={item?.description} rows={4} {...common} />
      <div class="row">
        <Select name="kind" label={t('work.field.kind')} value={item?.kind ?? 'research'} options={WORK_KINDS.map((k) => ({ value: k, label: t(`work.kind.${k}`) }))} {...common} />
        <Select name="priority" label={t('work.field.priority')} value={item?.priority ?? 'normal'} options={WORK_PRIORITIES.map((v) => ({ value: v, label: t(`work.priority.${v}`) }))} {...common} />
        <Field name="effort" type="number" min={1} max={1000} label={t('work.field.effort')} value={item?.effort} hint={t('work.field.effortHint')} required {...common} />
      </div>
      <fieldset id="customer">
        <legend>{t('work.field.customer')}</legend>
        <p class="hint muted">{t('work.field.customerHint')}</p>
        <div class="row">
          <Field name="feeds" label={t('work.field.feeds')} value={item?.feeds} hint={t('work.field.feedsHint')} {...common} />
          {p.deals.length > 0 ? (
            <Select name="dealId" label={t('work.field.deal')} value={item?.dealId} blank={t('work.field.noDeal')} options={p.deals.map((d) => ({ value: d.id, label: `${d.title} · ${d.partnerName}` }))} {...common} />
          ) : (
            <p class="muted">{t('work.field.noDeals')}</p>
          )}
        </div>
      </fieldset>
      <div class="row">
        <Select name="cycleId" label={t('work.field.cycle')} value={item?.cycleId} blank={t('work.cycle.none')} options={p.cycles.map((c) => ({ value: c.id, label: c.name }))} {...common} />
        <Field name="dueDate" type="date" label={t('work.field.dueDate')} value={item?.dueDate} hint={t('work.field.dueDateHint')} {...common} />
        <Select name="status" label={t('work.field.status')} value={item?.status ?? 'open'} options={WORK_STATUSES.map((s) => ({ value: s, label: t(`work.status.${s}`) }))} {...common} />
      </div>
      <div class="row">
        <Select name="ownerId" label={t('work.field.owner')} value={item?.ownerId} blank={t('work.items.unowned')} options={personOptions} {...common} />
        <Select name="buddyId" label={t('work.field.buddy')} value={item?.buddyId} blank={t('work.field.noBuddy')} options={personOptions} {...common} />
      </div>
      <fieldset id="requirements" class={reqError ? 'has-error' : undefined} aria-describedby={reqError ? 'requirements-msg' : 'requirements-hint'}>
        <legend>{t('work.field.requirements')}</legend>
        <p id="requirements-hint" class="hint muted">
          {t('work.req.hint')}
        </p>
        {reqError && (
          <p id="requirements-msg" class="wk-error-text" role="alert">
            {reqError}
          </p>
        )}
        <ol id="req-rows" class="wk-req-rows">
          {p.rows.map((row, index) => (
            <RequirementRow index={index} row={row} areas={p.areas} />
          ))}
        </ol>
        <MoreRowsButton next={p.rows.length} />
      </fieldset>
      <p class="wk-actions-row">
        <button type="submit">{p.submit}</button>
        <a href={item ? `/work/items/${item.id}` : '/work'}>{t('common.cancel')}</a>
      </p>
    </form>
  );
}

export function ItemFormPage(p: { title: string; form: Parameters<typeof ItemForm>[0] }) {
  return (
    <section class="wk-narrow-wide">
      <p class="wk-crumbs">
        <a href="/work">{t('work.title')}</a>
      </p>
      <h1>{p.title}</h1>
      <ItemForm {...p.form} />
    </section>
  );
}

export function ItemView(p: { item: ShownItem & { description: string; dealId: number | null }; user: CurrentUser; cycle: Cycle | null; areaNames: Record<number, string>; deal: DealOption | null; flags: readonly WorkFlag[] }) {
  const { item } = p;
  const manager = p.user.role === 'manager';
  const back = `/work/items/${item.id}`;
  return (
    <section class="wk-narrow-wide wk-item-view">
      <p class="wk-crumbs">
        <a href="/work">{t('work.title')}</a>
      </p>
      <h1>{item.title}</h1>
      <p class="wk-item-meta">
        <KindTag kind={item.kind} />
        <PriorityTag priority={item.priority} />
      </p>
      {item.description && <p class="wk-description">{item.description}</p>}
      <div class="card">
        <table class="list wk-kv">
          <tbody>
            <tr>
              <th scope="row">{t('work.field.status')}</th>
              <StatusCell item={item} moves={item.moves} back={back} />
            </tr>
            <tr>
              <th scope="row">{t('work.field.effort')}</th>
              <td>{item.effort}</td>
            </tr>
            <tr>
              <th scope="row">{t('work.field.cycle')}</th>
              <td>{p.cycle?.name ?? t('work.cycle.none')}</td>
            </tr>
            <tr>
              <th scope="row">{t('work.field.dueDate')}</th>
              <td>
                <DueDate item={item} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t('work.field.feeds')}</th>
              <td>{item.feeds || t('common.none')}</td>
            </tr>
            <tr>
              <th scope="row">{t('work.field.deal')}</th>
              <td>{p.deal ? <a href={`/deals/${p.deal.id}`}>{`${p.deal.title} · ${p.deal.partnerName}`}</a> : item.dealId ? `#${item.dealId}` : t('common.none')}</td>
            </tr>
            <tr>
              <th scope="row">{t('work.field.owner')}</th>
              <td>{item.ownerName ?? t('work.items.unowned')}</td>
            </tr>
            <tr>
              <th scope="row">{t('work.field.buddy')}</th>
              <td>{item.buddyName ?? t('common.none')}</td>
            </tr>
            <tr>
              <th scope="row">{t('work.field.requirements')}</th>
              <td>
                <Requirements requirements={item.requirements} areaNames={p.areaNames} />
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      {p.flags.length > 0 && (
        <section class="card">
          <h2>{t('work.flags.title')}</h2>
          <FlagList flags={p.flags} manager={manager} />
        </section>
      )}
      {manager && (
        <p>
          <a class="button" href={`/work/items/${item.id}/edit`}>
            {t('common.edit')}
          </a>
        </p>
      )}
    </section>
  );
}
