// The matrix page: filter form, legend, the heatmap table with its coverage footer, export/import.
import { raw } from 'hono/html';
import { EmptyState } from '../components.tsx';
import { formatDay, keyFor, t } from '../i18n/index.ts';
import { matrixCellHtml, type CellWords, type MatrixCellRating } from '../ratings/cell.tsx';
import { escapeHtml } from '../ui/escape.ts';
import { FieldFrame, Select } from '../ui/field.tsx';
import { FilterForm } from '../ui/filter-form.tsx';

export type MatrixArea = { id: number; name: string; categoryId: number | null; categoryName: string | null; archivedAt: number | null; targetLevel: number; minExperts: number };
export type MatrixFilterShown = { asOf?: string | null; q: string; categoryId: number | null; conditions: Array<{ areaId: number; min: number }>; growAreaId: number | null; sort: 'name' | number };
/** One member's row of the shown page, as `matrixRowHtml` draws it; `cells` line up with the columns. */
export type MatrixRow = { id: number; name: string; you: boolean; editable: boolean; cells: Array<MatrixCellRating | undefined> };
export type AreaCoverage = { experts: number; risk: string; best: number | null; median: number | null; gapBest: number | null; gapMedian: number | null; growing: number };

/**
 * Where the body rows go in what `MatrixPage` and `MatrixResults` draw: the route puts the rows' bytes there,
 * so a page of several hundred kB is not joined and encoded again on every view. No data can write this
 * comment: names and texts are escaped.
 */
export const MATRIX_ROWS_SLOT = '<!--matrix-rows-->';

export type MatrixProps = {
  manager: boolean;
  /** The past day shown ('YYYY-MM-DD', levels at its end from history, nothing editable), or null for today. */
  past: string | null;
  /** Today in the team's time zone: the latest day the date field offers. */
  today: string;
  filter: MatrixFilterShown;
  /** Every active area (for the filter's choices). */
  areas: MatrixArea[];
  /** The columns: the areas of the chosen category, or all. */
  columns: MatrixArea[];
  /**
   * How many body rows the shown page has (after filter and sort over the whole team). The rows themselves are
   * drawn by `matrixRowHtml` and put where `MATRIX_ROWS_SLOT` stands, by the route, which keeps them encoded
   * between views.
   */
  rowCount: number;
  /** Which page of the matching members is shown (`total` = how many match) and how many a page holds. */
  slice: { page: number; pages: number; from: number; to: number; total: number; size: number };
  teamSize: number;
  coverage: Map<number, AreaCoverage>;
  /** Addresses of this filter: this page, sorted by name or by a column (area id), the neighbouring pages. */
  links: { here: string; byName: string; byArea: Map<number, string>; prev: string; next: string };
};

const LEVELS = [0, 1, 2, 3, 4, 5];

export function MatrixPage(p: MatrixProps) {
  const { manager } = p;
  if (p.areas.length === 0) {
    return (
      <section>
        <h1>{t('matrix.title')}</h1>
        <EmptyState>
          {t('matrix.noAreas')} {manager && <a href="/areas">{t('matrix.addAreas')}</a>}
        </EmptyState>
      </section>
    );
  }
  return (
    <section class="matrix-page">
      <div class="page-head">
        <h1>{t('matrix.title')}</h1>
        <div class="actions-bar">
          {!p.past && (
            <a class="button secondary" href="/matrix.csv" download="pairwise-matrix.csv">
              {t('matrix.export')}
            </a>
          )}
        </div>
      </div>
      {/* Folded on phones so the matrix starts on the first screen; unfolded while a filter hides rows. app.css keeps it open on wide screens. */}
      <details class="mx-filter-toggle" open={filtering(p.filter) ? true : undefined}>
        <summary>{t('matrix.filterToggle')}</summary>
        <MatrixFilterForm {...p} />
      </details>
      <Legend />
      <MatrixResults {...p} />
      {p.teamSize <= 1 && manager && (
        <EmptyState>
          {t('matrix.onlyYou')} <a href="/members#add">{t('matrix.addMembers')}</a>
        </EmptyState>
      )}
      {manager && !p.past && <ImportForm />}
    </section>
  );
}

export function ImportForm(p: { error?: string }) {
  return (
    <details class="card mx-import" open={p.error ? true : undefined}>
      <summary>{t('matrix.import')}</summary>
      <form method="post" action="/matrix/import" enctype="multipart/form-data" class="stack">
        <p class="muted">{t('matrix.importHelp')}</p>
        <FieldFrame id="import-file" label={t('matrix.importFile')} error={p.error}>
          <input id="import-file" type="file" name="file" accept=".csv,text/csv" required aria-describedby={p.error ? 'import-file-msg' : undefined} />
        </FieldFrame>
        <button type="submit">{t('matrix.importPreview')}</button>
      </form>
    </details>
  );
}

const filtering = (f: MatrixFilterShown) => Boolean(f.asOf) || f.q !== '' || f.categoryId !== null || f.growAreaId !== null || f.conditions.length > 0;

function MatrixFilterForm(p: MatrixProps) {
  const areaOptions = p.areas.map((a) => ({ value: a.id, label: a.name }));
  const categories = [...new Map(p.areas.filter((a) => a.categoryId !== null).map((a) => [a.categoryId!, a.categoryName ?? ''])).entries()];
  const slots = Math.max(3, p.filter.conditions.length + 1);
  return (
    <FilterForm
      action="/matrix"
      results="matrix-results"
      search={{ id: 'f-q', label: t('matrix.text'), value: p.filter.q }}
      fields={
        <>
        <Select id="f-category" name="category" label={t('matrix.category')} value={p.filter.categoryId} options={categories.map(([id, name]) => ({ value: id, label: name }))} blank={t('matrix.allCategories')} />
        <Select id="f-grow" name="grow" label={t('matrix.interestFilter')} value={p.filter.growAreaId} options={areaOptions} blank={t('matrix.anyArea')} />
 <FieldFrame id="f-asof" label={t('matrix.asOf')} hint={t('matrix.asOfHint')}>
          <input id="f-asof" type="date" name="asOf" value={p.past ?? ''} max={p.today} aria-describedby="f-asof-msg" />
        </FieldFrame>
        <Select id="f-sort" name="sort" label={t('matrix.sort')} value={p.filter.sort} options={[{ value: 'name', label: t('matrix.sortName') }, ...areaOptions.map((o) => ({ ...o, label: t('matrix.sortArea', { area: o.label }) }))]} />
        </>
      }
    >
      <fieldset class="mx-conditions">
        <legend>{t('matrix.conditions')}</legend>
        <p class="muted small">{t('matrix.conditionsHint')}</p>
        <div class="mx-condition-list">
          {Array.from({ length: slots }, (_, i) => {
            const c = p.filter.conditions[i];
            return (
              <div class="mx-condition">
                <label class="sr" for={`f-ca-${i}`}>
                  {t('matrix.conditionArea', { n: i + 1 })}
                </label>
                <select id={`f-ca-${i}`} name="ca">
                  <option value="">{t('matrix.anyArea')}</option>
                  {areaOptions.map((o) => (
                    <option value={String(o.value)} selected={c?.areaId === o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
                <span aria-hidden="true">≥</span>
                <label class="sr" for={`f-cl-${i}`}>
                  {t('matrix.conditionLevel', { n: i + 1 })}
                </label>
                <select id={`f-cl-${i}`} name="cl">
                  {LEVELS.slice(1).map((l) => (
                    <option value={String(l)} selected={(c?.min ?? 3) === l}>
                      {l}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </div>
      </fieldset>
    </FilterForm>
  );
}

export function Legend() {
  return (
    <div class="mx-legend" role="group" aria-labelledby="legend-title">
      <strong id="legend-title">{t('matrix.legend')}</strong>
      <ul>
        {LEVELS.map((l) => (
          <li>
            <span class={`mx-swatch l${l}`} aria-hidden="true">
              {l}
            </span>
            {t(keyFor('level.', l))}
          </li>
        ))}
        <li>
          <span class="mx-swatch unrated" aria-hidden="true">
            –
          </span>
          {t('matrix.legendUnrated')}
        </li>
        <li>
          <span class="mx-mark-sample" aria-hidden="true">≠</span>
          {t('matrix.legendDisagree')}
        </li>
        <li>
          <span class="mx-mark-sample" aria-hidden="true">↑</span>
          {t('matrix.legendInterest')}
        </li>
        <li>
          <span class="mx-mark-sample" aria-hidden="true">↻</span>
          {t('matrix.legendStale')}
        </li>
      </ul>
    </div>
  );
}

/** An area name that may wrap after a slash ("retriever/classifier") instead of mid-word. */
function BreakableName(p: { name: string }) {
  const parts = p.name.split('/');
  return (
    <>
      {parts.map((part, i) => (
        <>
          {part}
          {i < parts.length - 1 && (
            <>
              /<wbr />
            </>
          )}
        </>
      ))}
    </>
  );
}

/** Consecutive areas of the same category, for the grouped header. */
function groups(columns: MatrixArea[]) {
  const out: Array<{ name: string; areas: MatrixArea[] }> = [];
  for (const a of columns) {
    const name = a.categoryName ?? t('areas.noCategory');
    const last = out.at(-1);
    if (last && last.name === name) last.areas.push(a);
    else out.push({ name, areas: [a] });
  }
  return out;
}

/**
 * One body row as a string: a page has up to a page size × areas cells, so rows are written directly rather
 * than as one component per cell (the cell markup itself lives once, in `matrixCellHtml`). `words` from
 * `cellWords()`, once per page.
 */
export function matrixRowHtml(m: MatrixRow, columns: MatrixArea[], words: CellWords): string {
  let out = `<tr><th scope="row" class="name-col"><a href="/members/${m.id}" hx-boost="false">${escapeHtml(m.name)}</a>${m.you ? `<span class="tag">${words.you}</span>` : ''}</th>`;
  columns.forEach((a, i) => {
    out += matrixCellHtml(m.id, a.id, m.cells[i], m.editable && a.archivedAt === null, words);
  });
  return out + '</tr>';
}

/** Previous / next page, kept with the filter; htmx swaps the results in place, plain links work without JS. */
function Pager(p: Pick<MatrixProps, 'slice' | 'links'>) {
  const { page, pages, size } = p.slice;
  if (pages <= 1) return null;
  const link = (href: string, rel: 'prev' | 'next', label: string) => (
    <a rel={rel} href={href} hx-get={href} hx-target="#matrix-results" hx-swap="outerHTML">
      {label}
    </a>
  );
  return (
    <nav class="mx-pager" aria-label={t('matrix.pages')}>
      {page > 1 ? link(p.links.prev, 'prev', t('matrix.prevPage', { size })) : <span class="muted">{t('matrix.prevPage', { size })}</span>}
      <span>{t('matrix.pageOf', { page, pages })}</span>
      {page < pages ? link(p.links.next, 'next', t('matrix.nextPage', { size })) : <span class="muted">{t('matrix.nextPage', { size })}</span>}
    </nav>
  );
}

/**
 * The swappable region: row count, the table and its footer, the pager (what the htmx filter returns).
 * Inline editing is delegated to the table body: its links are boosted into their own cell
 * (`hx-boost:inherited`, htmx 4 inheritance is explicit) and carry the matrix view and the way back
 * (`hx-vals:inherited`); without JS the same links open the edit page, which returns to the Referer.
 */
export function MatrixResults(p: MatrixProps) {
  const back = p.links.here;
  const grouped = groups(p.columns);
  const delegated = {
    'hx-boost:inherited': "target:'closest td' swap:outerHTML push:false",
    'hx-vals:inherited': JSON.stringify({ view: 'matrix', back }),
  };
  return (
    <div id="matrix-results">
      {p.past && (
        <p class="mx-past" role="note">
          <strong>{t('matrix.pastBanner', { date: formatDay(Date.parse(`${p.past}T00:00:00Z`)) })}</strong> <a href="/matrix">{t('matrix.pastBack')}</a>
        </p>
      )}
      <p class="muted mx-count" role="status">
        {t('matrix.count', { shown: p.slice.total, total: p.teamSize })}
        {p.slice.pages > 1 && ` · ${t('matrix.range', { from: p.slice.from, to: p.slice.to, count: p.slice.total })}`}
      </p>
      {p.rowCount === 0 && (
        <EmptyState>
          {t('matrix.noRows')} <a href="/matrix">{t('matrix.resetFilter')}</a>
        </EmptyState>
      )}
      <div class="table-wrap matrix-wrap" role="region" tabindex={0} aria-label={t('matrix.title')}>
        <table class="matrix">
          <caption class="sr">{t('matrix.caption')}</caption>
          <colgroup>
            <col class="name-col" />
          </colgroup>
          {grouped.map((g) => (
            <colgroup span={g.areas.length}></colgroup>
          ))}
          <thead>
            <tr>
              <th scope="col" rowspan={2} class="name-col" aria-sort={p.filter.sort === 'name' ? 'ascending' : undefined}>
                <a href={p.links.byName}>{t('matrix.member')}</a>
              </th>
              {grouped.map((g) => (
                <th scope="colgroup" colspan={g.areas.length} class="group-head">
                  {g.name}
                </th>
              ))}
            </tr>
            <tr>
              {p.columns.map((a) => (
                <th scope="col" class="area-head" aria-sort={p.filter.sort === a.id ? 'descending' : undefined}>
                  <a href={p.links.byArea.get(a.id)} title={t('matrix.sortArea', { area: a.name })}>
                    <BreakableName name={a.name} />
                  </a>
                  {p.filter.sort === a.id && <span aria-hidden="true"> ▼</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody id="matrix-rows" {...delegated}>
            {raw(MATRIX_ROWS_SLOT)}
          </tbody>
          <tfoot>
            {COVERAGE_ROWS.map((kind) => (
              <tr class={`cov-${kind}`}>
                <th scope="row" class="name-col">
                  {t(`matrix.cov.${kind}`)}
                </th>
                {p.columns.map((a) => (
                  <CoverageCell area={a} coverage={p.coverage.get(a.id)!} kind={kind} />
                ))}
              </tr>
            ))}
          </tfoot>
        </table>
      </div>
      <Pager slice={p.slice} links={p.links} />
    </div>
  );
}

export const COVERAGE_ROWS = ['experts', 'risk', 'gap', 'growing'] as const;
type CoverageKind = (typeof COVERAGE_ROWS)[number];

const signed = (gap: number | null) => (gap === null ? t('common.none') : gap <= 0 ? '0' : `−${Number.isInteger(gap) ? gap : gap.toFixed(1)}`);

/** One footer cell; `oob` marks it for an out-of-band swap after an inline edit. */
export function CoverageCell(p: { area: { id: number; targetLevel: number; minExperts: number }; coverage: AreaCoverage; kind: CoverageKind; oob?: boolean }) {
  const c = p.coverage;
  const id = `cov-${p.area.id}-${p.kind}`;
  const oob = p.oob ? { 'hx-swap-oob': 'true' } : {};
  switch (p.kind) {
    case 'experts':
      return (
        <td id={id} class="num-cell" {...oob}>
          {c.experts}
        </td>
      );
    case 'risk':
      return (
        <td id={id} class={`risk risk-${c.risk}`} {...oob}>
          {t(keyFor('matrix.risk.', c.risk), { min: p.area.minExperts })}
        </td>
      );
    case 'gap':
      return (
        <td
          id={id}
          class={`num-cell${(c.gapMedian ?? 0) > 0 ? ' below' : ''}`}
          title={t('matrix.gapTitle', { target: p.area.targetLevel, best: c.best ?? '–', median: c.median ?? '–' })}
          {...oob}
        >
          {signed(c.gapBest)} / {signed(c.gapMedian)}
          <span class="sr"> ({t('matrix.gapTitle', { target: p.area.targetLevel, best: c.best ?? '–', median: c.median ?? '–' })})</span>
        </td>
      );
    case 'growing':
      return (
        <td id={id} class="num-cell" {...oob}>
          {c.growing}
        </td>
      );
  }
}
