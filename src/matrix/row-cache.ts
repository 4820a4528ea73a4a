// Drawn matrix rows (encoded, as the page sends them), kept while a member's ratings in the matrix model are the same object.
//
// The model (model.ts) copies on write: a rating edit replaces the map of that one member, so every other
// member's map stays the same object and the row drawn from it can be reused; a reloaded model has new maps
// and draws everything again. A row also depends on the clock (stale marks), so rows are kept for the hour,
// as the page cache keeps whole pages (page-cache.ts): a mark may appear up to an hour late. What else a row
// shows — the viewer's language, whether it is the viewer's own, whether it is editable, the name, the
// columns — is the variant key. Rows are held weakly by their ratings map: they go with the model.

/** Variants per member and hour (a manager and the member in both languages, a few column choices). */
const MAX_VARIANTS = 8;

type Kept = { hour: number; rows: Map<string, Uint8Array> };
const kept = new WeakMap<object, Kept>();

/** The row kept for `ratings` (the member's map in the model) and `variant` in `hour` (`hourOf` of page-cache.ts), else `draw()`n and kept. */
export function keptRow(ratings: object | undefined, hour: number, variant: string, draw: () => Uint8Array): Uint8Array {
  if (!ratings) return draw();
  let mine = kept.get(ratings);
  if (!mine || mine.hour !== hour) kept.set(ratings, (mine = { hour, rows: new Map() }));
  let row = mine.rows.get(variant);
  if (row === undefined) {
    row = draw();
    if (mine.rows.size >= MAX_VARIANTS) mine.rows.delete(mine.rows.keys().next().value!);
    mine.rows.set(variant, row);
  }
  return row;
}
