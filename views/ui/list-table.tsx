// The list table of every page: a scrolling region around a `table.list` with one header row.
import type { Child } from 'hono/jsx';

/** A header cell; `num` right-aligns a column of numbers. A falsy entry is left out (a column only some viewers see). */
export type Column = { label: Child; num?: boolean };

/**
 * The region scrolls sideways on narrow screens, so it is focusable (keyboards can scroll it) and named:
 * by `label`, or by `labelledBy`, the id of a heading that names the table too.
 */
type RegionName = { label: string; labelledBy?: never } | { labelledBy: string; label?: never };

export function ListTable(
  p: RegionName & {
    columns: Array<Column | false | null | undefined>;
    /** More classes after `list`. */
    class?: string;
    /** A caption for screen readers. */
    caption?: string;
    /** The body rows (`<tr>` each). */
    children: Child;
    /** Shown below the table, inside the scrolling region (e.g. "… and 12 more"). */
    after?: Child;
  },
) {
  return (
    <div class="table-wrap" role="region" tabindex={0} aria-label={p.label} aria-labelledby={p.labelledBy}>
      <table class={p.class ? `list ${p.class}` : 'list'} aria-labelledby={p.labelledBy}>
        {p.caption !== undefined && <caption class="sr">{p.caption}</caption>}
        <thead>
          <tr>
            {p.columns.map(
              (col) =>
                col && (
                  <th scope="col" class={col.num ? 'num' : undefined}>
                    {col.label}
                  </th>
                ),
            )}
          </tr>
        </thead>
        <tbody>{p.children}</tbody>
      </table>
      {p.after}
    </div>
  );
}
