// A member editing their own rating cells through the HTTP API: the write before each fresh request, and the cells the mixed traffic edits.
import type { Org } from './org.ts';
import { cookie, send } from './http.ts';

export type Cell = { userId: number; areaId: number; version: number };

/** The rated cells of one member, with the versions the generator wrote. */
export function cellsOf(org: Org, userId: number): Cell[] {
  return org.areaIds.filter((a) => org.ratingVersions.has(`${userId}:${a}`)).map((areaId) => ({ userId, areaId, version: org.ratingVersions.get(`${userId}:${areaId}`)! }));
}

export const editPath = (cell: Cell) => `/members/${cell.userId}/ratings/${cell.areaId}`;

/** The htmx cell form's fields; `n` varies the values so every save is a real change. */
export const editBody = (cell: Cell, n: number) => new URLSearchParams({ selfLevel: String(n % 6), interest: String(n % 4), evidence: `bench edit ${n}`, version: String(cell.version) }).toString();

export const editHeaders = (serverUrl: string, token: string) => ({ cookie: cookie(token), origin: serverUrl, 'hx-request': 'true', 'content-type': 'application/x-www-form-urlencoded' });

/** Reads a cell's current version from its edit form (after a 409: someone else saved it). */
export async function refreshVersion(serverUrl: string, token: string, cell: Cell): Promise<void> {
  const page = await send(`${serverUrl}${editPath(cell)}/edit`, { headers: { cookie: cookie(token), 'hx-request': 'true' } });
  const seen = /name="version" value="(\d+)"/.exec(page.body.toString());
  if (seen) cell.version = Number(seen[1]);
}

/**
 * Saves one rating edit and waits for it: every page cache keyed on the change counters is then out of
 * date, so the next request is rendered fresh.
 */
export function ratingWriter(serverUrl: string, org: Org, memberId: number, token: string) {
  const cells = cellsOf(org, memberId);
  if (cells.length === 0) throw new Error(`member ${memberId} has no ratings to edit`);
  let n = 0;
  return async function write(): Promise<void> {
    const cell = cells[n % cells.length];
    const res = await send(`${serverUrl}${editPath(cell)}`, { method: 'POST', headers: editHeaders(serverUrl, token), body: editBody(cell, ++n) });
    if (res.status === 200) cell.version++;
    else if (res.status === 409) await refreshVersion(serverUrl, token, cell);
    else throw new Error(`rating edit → ${res.status}`);
  };
}
