// Previous / next page links of the work pages' lists, kept with their filter; htmx swaps the list in place where asked.
import { t } from '../i18n/index.ts';

export type Slice = { page: number; pages: number; from: number; to: number; total: number };

export function Pager(p: { slice: Slice; prev: string; next: string; label: string; prevText: string; nextText: string; target?: string }) {
  if (p.slice.pages <= 1) return null;
  const link = (href: string, rel: 'prev' | 'next', text: string) =>
    p.target ? (
      <a rel={rel} href={href} hx-get={href} hx-target={p.target} hx-swap="outerHTML">
        {text}
      </a>
    ) : (
      <a rel={rel} href={href}>
        {text}
      </a>
    );
  return (
    <nav class="mx-pager" aria-label={p.label}>
      {p.slice.page > 1 ? link(p.prev, 'prev', p.prevText) : <span class="muted">{p.prevText}</span>}
      <span>{t('matrix.pageOf', { page: p.slice.page, pages: p.slice.pages })}</span>
      {p.slice.page < p.slice.pages ? link(p.next, 'next', p.nextText) : <span class="muted">{p.nextText}</span>}
    </nav>
  );
}
