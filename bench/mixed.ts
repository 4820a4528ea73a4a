// The mix a team makes at once (issue 11): members reading their pages, editing their rating cells and commenting on deals.
import type { Request } from 'autocannon';
import { run } from './load.ts';
import { summarise, type Load } from './load.ts';
import { BROWSER_ENCODINGS, cookie } from './http.ts';
import type { Org } from './org.ts';
import { cellsOf, editBody, editHeaders, editPath, refreshVersion } from './writer.ts';

/** `unanswered`: requests still waiting when the run ended; `max` counts their wait so far too. */
export type Mixed = Load & {
  connections: number;
  duration: number;
  edits: number;
  comments: number;
  conflicts: number;
  unanswered: number;
  /** Per kind of request (dashboard, matrix, …): answered count, median, p99 and the longest wait in ms. */
  kinds: Record<string, { n: number; p50: number; p99: number; max: number }>;
};

/**
 * Each connection is one member (its own session) going round: /, /matrix, their profile, /work,
 * /deals, a rating-cell edit (htmx), /matrix again, a deal comment — 6 reads to 2 writes. A member
 * edits only their own cells with the version they last saw, so a 409 means a real race (counted
 * apart, and the version read again as the page would).
 */
export async function mixedTraffic(serverUrl: string, org: Org, tokens: Array<{ id: number; token: string }>, connections: number, duration: number): Promise<Mixed> {
  let next = 0;
  let edits = 0;
  let comments = 0;
  let conflicts = 0;
  const deals = org.dealIds;
  /** When each connection sent the request it still waits for (autocannon's latencies count only answered ones). */
  const waiting = new Map<number, number>();
  const latencies = new Map<string, number[]>();
  const took = (kind: string, conn: number) => {
    const at = waiting.get(conn);
    if (at === undefined) return;
    waiting.delete(conn);
    latencies.set(kind, [...(latencies.get(kind) ?? []), performance.now() - at]);
  };
  const result = await run({
    url: serverUrl,
    connections,
    duration,
    setupClient: (client) => {
      const conn = next++;
      const me = tokens[conn % tokens.length];
      const cells = cellsOf(org, me.id);
      const read = { cookie: cookie(me.token), 'accept-encoding': BROWSER_ENCODINGS };
      let n = 0;
      const cell = () => cells[n % cells.length];
      const get = (kind: string, path: string): Request => ({ method: 'GET', path, headers: read, setupRequest: (req) => sent(req), onResponse: () => took(kind, conn) });
      const sent = (req: Request) => (waiting.set(conn, performance.now()), req);
      const requests: Request[] = [get('dashboard', '/'), get('matrix', '/matrix'), get('profile', `/members/${me.id}`), get('work', '/work'), get('deals', '/deals')];
      if (cells.length)
        requests.push({
          method: 'POST',
          headers: editHeaders(serverUrl, me.token),
          setupRequest: (req) => sent({ ...req, path: editPath(cell()), body: editBody(cell(), n) }),
          onResponse: (status) => {
            took('edit', conn);
            if (status === 200) {
              cell().version++;
              edits++;
            } else if (status === 409) {
              conflicts++;
              // The refresh may outlive the run and find the server stopped: that is no failure.
              refreshVersion(serverUrl, me.token, cell()).catch(() => undefined);
            }
            n++;
          },
        });
      requests.push(get('matrix', '/matrix'));
      if (deals.length)
        requests.push({
          method: 'POST',
          headers: { cookie: cookie(me.token), origin: serverUrl, 'content-type': 'application/x-www-form-urlencoded' },
          setupRequest: (req) => sent({ ...req, path: `/deals/${deals[(me.id + comments) % deals.length].id}/comments`, body: new URLSearchParams({ body: `Bench comment ${comments}` }).toString() }),
          onResponse: (status) => {
            took('comment', conn);
            if (status === 303) comments++;
          },
        });
      client.setRequests(requests);
    },
  });
  const ended = performance.now();
  const summary = summarise(result, (s) => (s >= 200 && s < 300) || s === 303 || s === 409);
  const longest = Math.max(0, ...[...waiting.values()].map((at) => ended - at));
  const max = waiting.size ? Math.max(summary.max ?? 0, longest) : summary.max;
  const kinds = Object.fromEntries(
    [...latencies].map(([kind, ms]) => {
      const sorted = [...ms].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      return [kind, { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1)! }];
    }),
  );
  return { ...summary, max, connections, duration, edits, comments, conflicts, unanswered: waiting.size, kinds };
}
