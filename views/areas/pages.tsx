// Focus areas: the list by category, the add/edit form with its optional rubric.
import type { FieldErrors, FormValues } from '../../src/http/forms.ts';
import type { AreaWithCategory } from '../../src/areas/queries.ts';
import { parseRubric } from '../../src/areas/queries.ts';
import { EmptyState, ErrorSummary, Field, Select, TextArea } from '../components.tsx';
import { t } from '../i18n/index.ts';

type Category = { id: number; name: string };
type FormProps = { values?: FormValues; errors?: FieldErrors };

export function AreaForm(p: FormProps & { action: string; area?: AreaWithCategory; categories: Category[]; submit: string }) {
  const rubric = parseRubric(p.area?.rubric ?? null);
  return (
    <form method="post" action={p.action} class="stack card">
      <ErrorSummary errors={p.errors} />
      {p.area && <input type="hidden" name="version" value={String(p.area.version)} />}
      <Field name="name" label={t('common.name')} value={p.area?.name} values={p.values} errors={p.errors} required />
      <div class="row">
        <Select name="categoryId" label={t('areas.category')} value={p.area?.categoryId} values={p.values} errors={p.errors} blank={t('areas.noCategory')} options={p.categories.map((c) => ({ value: c.id, label: c.name }))} />
        <Field name="newCategory" label={t('areas.newCategory')} values={p.values} errors={p.errors} />
      </div>
      <TextArea name="description" label={t('areas.description')} value={p.area?.description} values={p.values} errors={p.errors} />
      <div class="row">
        <Field name="targetLevel" type="number" min={0} max={5} label={t('areas.target')} value={p.area?.targetLevel ?? 3} values={p.values} errors={p.errors} required />
        <Field name="minExperts" type="number" min={0} max={50} label={t('areas.minExperts')} value={p.area?.minExperts ?? 2} values={p.values} errors={p.errors} required />
      </div>
      <fieldset>
        <legend>{t('areas.rubric')}</legend>
        {[0, 1, 2, 3, 4, 5].map((level) => (
          <Field name={`rubric${level}`} label={`${t('areas.rubricLevel', { level })} (${t(`level.${level}`)})`} value={rubric?.[level] ?? ''} values={p.values} errors={p.errors} />
        ))}
      </fieldset>
      <button type="submit">{p.submit}</button>
    </form>
  );
}

export function AreasPage(p: FormProps & { areas: AreaWithCategory[]; archived: AreaWithCategory[]; categories: Category[]; manager: boolean }) {
  const groups = new Map<string, AreaWithCategory[]>();
  for (const a of p.areas) {
    const key = a.categoryName ?? t('areas.noCategory');
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  return (
    <section>
      <h1>{t('areas.title')}</h1>
      {p.areas.length === 0 && <EmptyState>{t('areas.empty')}</EmptyState>}
      {[...groups].map(([category, list]) => (
        <section class="group">
          <h2>{category}</h2>
          <div class="table-wrap" role="region" tabindex={0} aria-label={category}>
            <table class="list">
              <thead>
                <tr>
                  <th scope="col">{t('common.name')}</th>
                  <th scope="col">{t('areas.description')}</th>
                  <th scope="col" class="num">{t('areas.target')}</th>
                  <th scope="col" class="num">{t('areas.minExperts')}</th>
                  {p.manager && <th scope="col">{t('common.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {list.map((a, i) => (
                  <tr>
                    <th scope="row">{a.name}</th>
                    <td>
                      {a.description}
                      {parseRubric(a.rubric) && (
                        <details>
                          <summary>{t('areas.rubric')}</summary>
                          <ol start={0} class="rubric">
                            {parseRubric(a.rubric)!.map((r, level) => (
                              <li>{r || t(`level.${level}`)}</li>
                            ))}
                          </ol>
                        </details>
                      )}
                    </td>
                    <td class="num">{a.targetLevel}</td>
                    <td class="num">{a.minExperts}</td>
                    {p.manager && (
                      <td class="actions">
                        <a href={`/areas/${a.id}/edit`} aria-label={t('areas.edit', { name: a.name })}>
                          {t('common.edit')}
                        </a>
                        <form method="post" action={`/areas/${a.id}/move`}>
                          <input type="hidden" name="direction" value="up" />
                          <button type="submit" class="link" disabled={i === 0} aria-label={t('areas.moveUp', { name: a.name })}>
                            ↑
                          </button>
                        </form>
                        <form method="post" action={`/areas/${a.id}/move`}>
                          <input type="hidden" name="direction" value="down" />
                          <button type="submit" class="link" disabled={i === list.length - 1} aria-label={t('areas.moveDown', { name: a.name })}>
                            ↓
                          </button>
                        </form>
                        <form method="post" action={`/areas/${a.id}/archive`}>
                          <input type="hidden" name="version" value={String(a.version)} />
                          <input type="hidden" name="archived" value="1" />
                          <button type="submit" class="link">
                            {t('areas.archive')}
                          </button>
                        </form>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {p.manager && p.archived.length > 0 && (
        <section class="group">
          <h2>{t('areas.archived')}</h2>
          <ul class="plain">
            {p.archived.map((a) => (
              <li>
                {a.name}{' '}
                <form method="post" action={`/areas/${a.id}/archive`} class="inline">
                  <input type="hidden" name="version" value={String(a.version)} />
                  <input type="hidden" name="archived" value="0" />
                  <button type="submit" class="link">
                    {t('areas.unarchive')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      )}
      {p.manager && (
        <>
          <h2 id="add">{t('areas.add')}</h2>
          <AreaForm action="/areas" categories={p.categories} values={p.values} errors={p.errors} submit={t('areas.add')} />
        </>
      )}
    </section>
  );
}
