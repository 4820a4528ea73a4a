// The filter form of a list page: a GET form whose URL is the filter, a name search first, the page's own
// fields after it, and Filter / Reset; with htmx it swaps the results region in place as the user types.
import type { Child } from 'hono/jsx';
import { t } from '../i18n/index.ts';
import { FieldFrame } from './field.tsx';

export function FilterForm(p: { action: string; results: string; search: { id: string; label: string; value: string }; fields: Child; children?: Child }) {
  return (
    <form method="get" action={p.action} class="card mx-filters" role="search" hx-get={p.action} hx-target={`#${p.results}`} hx-swap="outerHTML" hx-trigger="submit, input delay:350ms">
      <div class="row">
        <FieldFrame id={p.search.id} label={p.search.label}>
          <input id={p.search.id} type="search" name="q" value={p.search.value} autocomplete="off" />
        </FieldFrame>
        {p.fields}
      </div>
      {p.children}
      <div class="form-buttons">
        <button type="submit">{t('common.filter')}</button>
        <a href={p.action}>{t('common.reset')}</a>
      </div>
    </form>
  );
}
