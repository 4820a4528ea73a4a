// Previous / next page links of the pairings' paginated lists: plain links without JS, swapped in place by htmx when a target is given.
import { t } from '../i18n/index.ts';

export type PageSliceView = { page: number; pages: number; from: number; to: number; total: number; size: number };

export function Pager(p: { slice: PageSliceView; prev: string; next: string; label: string; target?: string }) {
  const { page, pages } = p.slice;
  if (pages <= 1) return null;
  const hx = (href: string) => (p.target ? { 'hx-get': href, 'hx-target': p.target, 'hx-swap': 'outerHTML' } : {});
  const prev = t('pairings.pager.prev');
  const next = t('pairings.pager.next');
  return (
    <nav class="mx-pager" aria-label={p.label}>
      {page > 1 ? (
        <a rel="prev" href={p.prev} {...hx(p.prev)}>
          {prev}
        </a>
      ) : (
        <span class="muted">{prev}</span>
      )}
      <span>{t('pairings.pager.pageOf', { page, pages })}</span>
      {page < pages ? (
        <a rel="next" href={p.next} {...hx(p.next)}>
          {next}
        </a>
      ) : (
        <span class="muted">{next}</span>
      )}
    </nav>
  );
}
