// Focus areas: the list by category, the add/edit form with its optional rubric.
import type { FieldErrors, FormValues } from '../../src/domain.ts';
import { EmptyState, ErrorSummary, VersionInput } from '../components.tsx';
import { keyFor, t } from '../i18n/index.ts';
import { Field, Select, TextArea } from '../ui/field.tsx';
import { ListTable } from '../ui/list-table.tsx';

type Category = { id: number; name: string };
type FormProps = { values?: FormValues; errors?: FieldErrors };
/** An area as the page shows it; `rubric` is its six level names, or null. */
export type AreaRow = {
  id: number;
  name: string;
  description: string;
  categoryId: number | null;
  categoryName: string | null;
  targetLevel: number;
  minExperts: number;
  rubric: string[] | null;
  version: number;
};

export function AreaForm(p: FormProps & { action: string; area?: AreaRow; categories: Category[]; submit: string }) {
  const rubric = p.area?.rubric;
  return (
    <form method="post" action={p.action} class="stack card">
      <ErrorSummary errors={p.errors} />
      {p.area && <VersionInput version={p.area.version} />}
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
          <Field name={`rubric${level}`} label={`${t('areas.rubricLevel', { level })} (${t(keyFor('level.', level))})`} value={rubric?.[level] ?? ''} values={p.values} errors={p.errors} />
        ))}
      </fieldset>
      <button type="submit">{p.submit}</button>
    </form>
  );
}

function MoveButton(p: { area: AreaRow; direction: 'up' | 'down'; disabled: boolean }) {
  return (
    <form method="post" action={`/areas/${p.area.id}/move`}>
      <input type="hidden" name="direction" value={p.direction} />
      <button type="submit" class="link" disabled={p.disabled} aria-label={t(p.direction === 'up' ? 'areas.moveUp' : 'areas.moveDown', { name: p.area.name })}>
        {p.direction === 'up' ? '↑' : '↓'}
      </button>
    </form>
  );
}

/** Archives an active area (in its row) or restores an archived one (inline in the archived list). */
function ArchiveButton(p: { area: AreaRow; archive: boolean }) {
  return (
    <form method="post" action={`/areas/${p.area.id}/archive`} class={p.archive ? undefined : 'inline'}>
      <VersionInput version={p.area.version} />
      <input type="hidden" name="archived" value={p.archive ? '1' : '0'} />
      <button type="submit" class="link">
        {t(p.archive ? 'areas.archive' : 'areas.unarchive')}
      </button>
    </form>
  );
}

export function AreasPage(p: FormProps & { areas: AreaRow[]; archived: AreaRow[]; categories: Category[]; manager: boolean }) {
  const groups = new Map<string, AreaRow[]>();
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
          <ListTable
            label={category}
            columns={[
              { label: t('common.name') },
              { label: t('areas.description') },
              { label: t('areas.target'), num: true },
              { label: t('areas.minExperts'), num: true },
              p.manager && { label: t('common.actions') },
            ]}
          >
            {list.map((a, i) => (
              <tr>
                <th scope="row">{a.name}</th>
                <td>
                  {a.description}
                  {a.rubric && (
                    <details>
                      <summary>{t('areas.rubric')}</summary>
                      <ol start={0} class="rubric">
                        {a.rubric.map((r, level) => (
                          <li>{r || t(keyFor('level.', level))}</li>
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
                    <MoveButton area={a} direction="up" disabled={i === 0} />
                    <MoveButton area={a} direction="down" disabled={i === list.length - 1} />
                    <ArchiveButton area={a} archive />
                  </td>
                )}
              </tr>
            ))}
          </ListTable>
        </section>
      ))}
      {p.manager && p.archived.length > 0 && (
        <section class="group">
          <h2>{t('areas.archived')}</h2>
          <ul class="plain">
            {p.archived.map((a) => (
              <li>
                {a.name}{' '}
                <ArchiveButton area={a} archive={false} />
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
