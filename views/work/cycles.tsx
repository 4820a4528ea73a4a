// Planning cycles: the list with the create form, and one cycle's dates and per-member capacities.
import type { FieldErrors, FormValues } from '../../src/domain.ts';
import { EmptyState, ErrorSummary, Field, VersionInput } from '../components.tsx';
import { formatDate, t } from '../i18n/index.ts';

type FormState = { values?: FormValues; errors?: FieldErrors };
type Cycle = { id: number; name: string; startDate: string; endDate: string; version: number };

const span = (c: Cycle) => t('work.cycle.span', { start: formatDate(Date.parse(c.startDate)), end: formatDate(Date.parse(c.endDate)) });

export function CycleFields(p: { cycle?: Cycle; form?: FormState }) {
  const common = { values: p.form?.values, errors: p.form?.errors };
  return (
    <div class="row">
      <Field name="name" label={t('work.cycle.name')} value={p.cycle?.name} hint={t('work.cycle.nameHint')} required {...common} />
      <Field name="startDate" type="date" label={t('work.cycle.start')} value={p.cycle?.startDate} required {...common} />
      <Field name="endDate" type="date" label={t('work.cycle.end')} value={p.cycle?.endDate} required {...common} />
    </div>
  );
}

export function CyclesPage(p: { cycles: Array<Cycle & { items: number; current: boolean }>; manager: boolean; form?: FormState }) {
  return (
    <section>
      <p class="wk-crumbs">
        <a href="/work">{t('work.title')}</a>
      </p>
      <h1>{t('work.cycle.title')}</h1>
      {p.cycles.length === 0 ? (
        <EmptyState>{t('work.cycle.empty')}</EmptyState>
      ) : (
        <div class="table-wrap" role="region" tabindex={0} aria-label={t('work.cycle.title')}>
          <table class="list">
            <thead>
              <tr>
                <th scope="col">{t('work.cycle.name')}</th>
                <th scope="col">{t('work.cycle.dates')}</th>
                <th scope="col" class="num">
                  {t('work.cycle.items')}
                </th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {p.cycles.map((c) => (
                <tr>
                  <td>
                    {c.name}
                    {c.current && <span class="tag ok">{t('work.cycle.current')}</span>}
                  </td>
                  <td>{span(c)}</td>
                  <td class="num">{c.items}</td>
                  <td class="actions">
                    <a href={`/work?cycle=${c.id}`}>{t('work.cycle.showItems')}</a>
                    {p.manager && <a href={`/work/cycles/${c.id}`}>{t('work.cycle.edit')}</a>}
                    {p.manager && <a href={`/work/plan?cycle=${c.id}`}>{t('work.plan.open')}</a>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.manager && (
        <>
          <h2 id="add">{t('work.cycle.add')}</h2>
          <form method="post" action="/work/cycles" class="card stack">
            <ErrorSummary errors={p.form?.errors} />
            <CycleFields form={p.form} />
            <p>
              <button type="submit">{t('work.cycle.add')}</button>
            </p>
          </form>
        </>
      )}
    </section>
  );
}

export type CapacityRow = { id: number; name: string; profile: number; override: number | null };

export function CyclePage(p: { cycle: Cycle; members: CapacityRow[]; form?: FormState; capacityForm?: FormState }) {
  const c = p.cycle;
  return (
    <section class="wk-narrow-wide">
      <p class="wk-crumbs">
        <a href="/work">{t('work.title')}</a> › <a href="/work/cycles">{t('work.cycle.title')}</a>
      </p>
      <h1>{c.name}</h1>
      <form method="post" action={`/work/cycles/${c.id}`} class="card stack">
        <ErrorSummary errors={p.form?.errors} />
        <VersionInput version={c.version} />
        <CycleFields cycle={c} form={p.form} />
        <p>
          <button type="submit">{t('common.save')}</button>
        </p>
      </form>
      <h2 id="capacities">{t('work.cycle.capacities')}</h2>
      <p class="muted">{t('work.cycle.capacitiesHint')}</p>
      {p.members.length === 0 ? (
        <EmptyState>{t('work.cycle.noMembers')}</EmptyState>
      ) : (
        <form method="post" action={`/work/cycles/${c.id}/capacities`} class="stack">
          <ErrorSummary errors={p.capacityForm?.errors} />
          <VersionInput version={c.version} />
          <div class="table-wrap" role="region" tabindex={0} aria-labelledby="capacities">
            <table class="list wk-capacities">
              <thead>
                <tr>
                  <th scope="col">{t('common.name')}</th>
                  <th scope="col" class="num">
                    {t('work.cycle.profileCapacity')}
                  </th>
                  <th scope="col">{t('work.cycle.thisCycle')}</th>
                </tr>
              </thead>
              <tbody>
                {p.members.map((m) => {
                  const name = `cap${m.id}`;
                  const error = p.capacityForm?.errors?.[name];
                  const value = p.capacityForm?.values?.[name] ?? (m.override === null ? '' : String(m.override));
                  return (
                    <tr>
                      <th scope="row">
                        <label for={`f-${name}`}>{m.name}</label>
                      </th>
                      <td class="num">{m.profile}</td>
                      <td class={error ? 'has-error' : undefined}>
                        <input id={`f-${name}`} name={name} type="number" min={0} max={100} value={value} placeholder={String(m.profile)} class="wk-capacity-input" aria-invalid={error ? 'true' : undefined} />
                        {error && <small class="error">{error}</small>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p>
            <button type="submit">{t('work.cycle.saveCapacities')}</button>
          </p>
        </form>
      )}
    </section>
  );
}
