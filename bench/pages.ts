// Every main page for each role: one request at a time after a write (fresh) and under concurrent load; bytes raw and on the wire.
import { load, type Load } from './load.ts';
import { BROWSER_ENCODINGS, cookie, median, quantile, send, type Got } from './http.ts';
import type { Org } from './org.ts';

export type Role = 'manager' | 'member' | 'partner';
/** `cached`: measured without a write before each request (what a cache can answer). `people`: shows a page of people (the growth target). */
/** `whatIf`: one person's what-if (its own target, ≤ 200 ms, instead of the page target). */
/** `limitMs`: the page's own fresh-median target at 1,000 members instead of every page's (the team over time: 300 ms). */
export type PageCase = { role: Role; page: string; path: string; cached?: boolean; csv?: boolean; ownDashboard?: boolean; whatIf?: boolean; limitMs?: number };

/** Who views the pages: the manager, one member (their own profile) and one partner (their team's deal). */
export type Viewers = { manager: { id: number; token: string }; member: { id: number; token: string }; partner: { id: number; token: string; partnerId: number } };

export function pageCases(org: Org, viewers: Viewers): PageCase[] {
  const colleague = org.memberIds.find((id) => id !== viewers.member.id)!;
  const deal = org.dealIds.find((d) => d.partnerId === viewers.partner.partnerId) ?? org.dealIds[0];
  // The matrix as of a day a year back (a past view read from the rating history).
  const yearBack = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const team = (role: Role, own: number): PageCase[] => [
    { role, page: '/', path: '/', ownDashboard: role !== 'manager' },
    { role, page: '/matrix', path: '/matrix' },
    { role, page: '/matrix?asOf', path: `/matrix?asOf=${yearBack}` },
    { role, page: '/matrix (cached)', path: '/matrix', cached: true },
    { role, page: '/matrix.csv', path: '/matrix.csv', csv: true },
    { role, page: '/members', path: '/members' },
    { role, page: '/members/:id', path: `/members/${own}` },
    { role, page: '/areas', path: '/areas' },
    { role, page: '/pairings', path: '/pairings' },
    { role, page: '/pairings/history', path: '/pairings/history' },
    { role, page: '/work', path: '/work' },
    ...(role === 'manager' ? [{ role, page: '/work/plan', path: '/work/plan' }] : []),
    ...(role === 'manager'
      ? [
          { role, page: '/growth/risk', path: '/growth/risk' },
          { role, page: '/growth/risk/:id', path: `/growth/risk/${org.keyPersonId}`, whatIf: true },
        ]
      : []),
    { role, page: '/deals', path: '/deals' },
    ...(deal ? [{ role, page: '/deals/:id', path: `/deals/${deal.id}` }] : []),
    { role, page: '/partners', path: '/partners' },
    ...(deal ? [{ role, page: '/partners/:id', path: `/partners/${deal.partnerId}` }] : []),
    ...study(role),
    ...(role === 'manager' ? [{ role, page: '/growth', path: '/growth', limitMs: 300 }] : []),
    { role, page: '/members/:id/growth', path: `/members/${own}/growth` },
  ];
  // The running season, one of its held sessions, and the report of the last finished season.
  const running = org.study.seasonIds[org.study.seasonIds.length - 1];
  const finished = org.study.seasonIds[org.study.seasonIds.length - 2];
  const study = (role: Role): PageCase[] => [
    { role, page: '/study', path: '/study' },
    { role, page: '/study/seasons/:id', path: `/study/seasons/${running}` },
    { role, page: '/study/sessions/:id', path: `/study/sessions/${org.study.sessionId}` },
    { role, page: '/study/seasons/:id/report', path: `/study/seasons/${finished}/report` },
  ];
  return [
    ...team('manager', colleague),
    ...team('member', viewers.member.id),
    { role: 'partner', page: '/', path: '/', ownDashboard: true },
    { role: 'partner', page: '/deals', path: '/deals' },
    ...(deal ? [{ role: 'partner' as const, page: '/deals/:id', path: `/deals/${deal.id}` }] : []),
  ];
}

export type Fresh = { samples: number; median: number | null; p99: number | null; status: number; rawBytes: number; wireBytes: number; contentType: string; errors: number };
export type PageResult = PageCase & { fresh: Fresh; load: Load | { skipped: string } | null };

export type PageOptions = {
  serverUrl: string;
  /** Makes a write that every page cache sees; awaited before each fresh request. */
  write: () => Promise<void>;
  samples: number;
  /** Fresh sampling of one page stops after this many ms (a slow page still gets 3 samples). */
  budgetMs: number;
  connections: number;
  duration: number;
  /** A page whose fresh median is slower than this is not loaded (it would only queue). */
  loadLimitMs: number;
  withLoad: boolean;
};

const tokenOf = (viewers: Viewers, role: Role) => viewers[role].token;

async function fresh(c: PageCase, token: string, o: PageOptions): Promise<Fresh> {
  const headers = { cookie: cookie(token), 'accept-encoding': BROWSER_ENCODINGS };
  const url = `${o.serverUrl}${c.path}`;
  await send(url, { headers }).catch(() => null); // warm: code paths compiled, the cache filled for the cached case
  const times: number[] = [];
  let last: Got | null = null;
  let errors = 0;
  const started = performance.now();
  for (let i = 0; i < o.samples && (i < 3 || performance.now() - started < o.budgetMs); i++) {
    if (!c.cached && !(await o.write().then(() => true, () => false))) {
      errors++;
      continue;
    }
    const got = await send(url, { headers }).catch(() => null);
    if (!got || got.status !== 200) {
      errors++;
      if (got) last = got;
      continue;
    }
    times.push(got.ms);
    last = got;
  }
  return {
    samples: times.length,
    median: median(times),
    p99: quantile(times, 0.99),
    status: last?.status ?? 0,
    rawBytes: last?.rawBytes ?? 0,
    wireBytes: last?.wireBytes ?? 0,
    contentType: String(last?.headers['content-type'] ?? ''),
    errors,
  };
}

/** Measures each page: fresh one at a time, then (for pages fast enough) `connections` at once. */
export async function measurePages(cases: PageCase[], viewers: Viewers, o: PageOptions, progress: (c: PageCase) => void): Promise<PageResult[]> {
  const out: PageResult[] = [];
  for (const c of cases) {
    progress(c);
    const token = tokenOf(viewers, c.role);
    const f = await fresh(c, token, o);
    let measured: PageResult['load'] = null;
    // Under load nothing writes, so a cached page is served from its cache: the "after a write" twin is not loaded.
    const hasCachedTwin = !c.cached && cases.some((x) => x.cached && x.role === c.role && x.path === c.path);
    if (o.withLoad && !hasCachedTwin) {
      if (f.median === null || f.median > o.loadLimitMs) measured = { skipped: `fresh median over ${o.loadLimitMs} ms` };
      else measured = await load(`${o.serverUrl}${c.path}`, { connections: o.connections, duration: o.duration, headers: { cookie: cookie(token), 'accept-encoding': BROWSER_ENCODINGS } });
    }
    out.push({ ...c, fresh: f, load: measured });
  }
  return out;
}
