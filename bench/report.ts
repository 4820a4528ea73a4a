// The benchmark's tables and its targets (issue 11), each PASS, FAIL or SKIP (not measured in this run).
import type { Load } from './load.ts';
import type { Mixed } from './mixed.ts';
import type { PageResult, Role } from './pages.ts';
import type { Planners } from './planners.ts';

export type SizeResult = {
  members: number;
  generateMs: number;
  generatedRows: Record<string, number>;
  healthz: { median: number | null; p99: number | null; load: Load | null };
  pages: PageResult[];
  sql: Array<{ role: Role; page: string; statements: number | null }> | null;
  /** The finished work plan /work/plan shows, made on a server of its own (its peak RSS is the solver's). */
  plan: { ms: number; status: number; peakRssKb: number | null } | null;
  mixed: Mixed[];
  /** The mix run first on the fresh server and not counted (its code compiled, its caches and SQLite's pages read in). */
  mixedWarmup: { connections: number; duration: number; rps: number; errors: number } | null;
  peakRssKb: number | null;
};

export type Target = { target: string; verdict: 'PASS' | 'FAIL' | 'SKIP'; value: string };

const fmt = (n: number | null | undefined, digits = 0) => (n !== null && n !== undefined && Number.isFinite(n) ? n.toFixed(digits) : '—');
const kB = (bytes: number) => (bytes >= 10_240 ? fmt(bytes / 1024) : fmt(bytes / 1024, 1));
const cols = (cells: Array<[string | number, number]>) => cells.map(([s, w], i) => (i < 2 ? String(s).padEnd(w) : String(s).padStart(w))).join(' ');
const isLoad = (l: PageResult['load']): l is Load => l !== null && 'p50' in l;
const key = (p: { role: Role; page: string }) => `${p.role} ${p.page}`;

const LIMITS = { page: 150, whatIf: 200, ownDashboard: 60, growth: 3, csvGrowth: 5.5, loadP99: 250, htmlKb: 500, mixedRps: 200, mixedP99: 500, mixedMax: 2000, rssMiB: 300, importLockMs: 1000 };

function pageTable(r: SizeResult, o: { connections: number; duration: number }): string[] {
  const hz = r.healthz.median;
  const lines = [
    `${r.members} members — /healthz one at a time: median ${fmt(hz, 1)} ms, p99 ${fmt(r.healthz.p99, 1)} ms` +
      (r.healthz.load ? `; ${o.connections} connections: p50 ${fmt(r.healthz.load.p50)} ms, p99 ${fmt(r.healthz.load.p99)} ms, ${fmt(r.healthz.load.rps)} req/s` : '') +
      (r.plan ? `; work plan made in ${fmt(r.plan.ms / 1000, 1)} s (${r.plan.status}; that server's peak RSS, its processes summed, ${fmt((r.plan.peakRssKb ?? 0) / 1024)} MiB)` : ''),
  ];
  if (r.pages.length === 0) return lines;
  const sql = new Map((r.sql ?? []).map((s) => [key(s), s.statements]));
  const w: number[] = [8, 18, 7, 7, 7, 7, 7, 7, 4, 8, 8, 5];
  lines.push(cols([['role', w[0]], ['page', w[1]], ['median', w[2]], ['p99', w[3]], ['×hz', w[4]], [`${o.connections}× p50`, w[5]], ['p99', w[6]], ['req/s', w[7]], ['err', w[8]], ['raw kB', w[9]], ['wire kB', w[10]], ['SQL', w[11]]]));
  for (const p of r.pages) {
    const l = p.load;
    const loadCells: Array<[string | number, number]> = isLoad(l)
      ? [[fmt(l.p50), w[5]], [fmt(l.p99), w[6]], [fmt(l.rps), w[7]], [l.errors, w[8]]]
      : [[l ? 'skipped' : '', w[5]], ['', w[6]], ['', w[7]], ['', w[8]]];
    const failed = p.fresh.errors ? ` (${p.fresh.errors} × status ${p.fresh.status})` : '';
    lines.push(
      cols([
        [p.role, w[0]],
        [p.page, w[1]],
        [fmt(p.fresh.median), w[2]],
        [fmt(p.fresh.p99), w[3]],
        [p.fresh.median !== null && hz ? fmt(p.fresh.median / hz) : '—', w[4]],
        ...loadCells,
        [kB(p.fresh.rawBytes), w[9]],
        [kB(p.fresh.wireBytes), w[10]],
        [fmt(sql.get(key(p))), w[11]],
      ]) + failed,
    );
  }
  return lines;
}

function growthTable(sizes: SizeResult[]): string[] {
  const withPages = sizes.filter((s) => s.pages.length || s.sql);
  if (withPages.length < 2) return [];
  const names = [...new Map(withPages.flatMap((s) => [...s.pages, ...(s.sql ?? [])]).map((p) => [key(p), p])).values()];
  const w = [8, 18, ...withPages.map(() => 7), 9, 18];
  const lines = [
    'growth: fresh median (ms) by members, t(largest)/t(200), SQL statements by members',
    cols([['role', w[0]], ['page', w[1]], ...withPages.map((s, i): [string, number] => [String(s.members), w[2 + i]]), ['ratio', w[2 + withPages.length]], ['SQL', w[3 + withPages.length]]]),
  ];
  for (const n of names) {
    const at = withPages.map((s) => s.pages.find((p) => key(p) === key(n))?.fresh.median ?? null);
    const counts = withPages.map((s) => s.sql?.find((p) => key(p) === key(n))?.statements ?? null);
    const g = growthOf(sizes, n);
    lines.push(cols([[n.role, w[0]], [n.page, w[1]], ...at.map((t, i): [string, number] => [fmt(t), w[2 + i]]), [fmt(g, 2), w[2 + withPages.length]], [counts.map((c) => fmt(c)).join('/'), w[3 + withPages.length]]]));
  }
  return lines;
}

const fresh = (s: SizeResult | undefined, p: { role: Role; page: string }) => s?.pages.find((x) => key(x) === key(p))?.fresh.median ?? null;

/** t(1000)/t(200), or t(largest)/t(200) when 1000 was not measured. */
function growthOf(sizes: SizeResult[], p: { role: Role; page: string }): number | null {
  const small = sizes.find((s) => s.members === 200);
  const large = sizes.find((s) => s.members === 1000) ?? sizes.filter((s) => s.members > 200).at(-1);
  const a = fresh(small, p);
  const b = fresh(large, p);
  return a !== null && b !== null ? b / Math.max(a, 0.001) : null;
}

/** One target over many pages: PASS when every page passes; the value lists the ones that do not. */
function overPages(target: string, rows: Array<{ name: string; ok: boolean | null; value: string }>): Target {
  const measured = rows.filter((r) => r.ok !== null);
  if (measured.length === 0) return { target, verdict: 'SKIP', value: 'not measured in this run' };
  const failing = measured.filter((r) => !r.ok);
  const shown = failing.slice(0, 8).map((r) => `${r.name} ${r.value}`);
  return {
    target,
    verdict: failing.length ? 'FAIL' : 'PASS',
    value: failing.length ? `${failing.length} of ${measured.length} over: ${shown.join('; ')}${failing.length > shown.length ? '; …' : ''}` : `all ${measured.length} pages`,
  };
}

function targets(sizes: SizeResult[], planners: Planners): Target[] {
  const at = (n: number) => sizes.find((s) => s.members === n);
  const t: Target[] = [];
  const big = at(1000);
  const bigPages = big?.pages ?? [];
  t.push(overPages(`every page ≤ ${LIMITS.page} ms median fresh at 1,000 members`, bigPages.filter((p) => !p.ownDashboard && !p.whatIf && p.limitMs === undefined).map((p) => ({ name: key(p), ok: p.fresh.median === null ? false : p.fresh.median <= LIMITS.page, value: `${fmt(p.fresh.median)} ms` }))));
  t.push(overPages(`a what-if (if this person left) ≤ ${LIMITS.whatIf} ms median fresh at 1,000 members`, bigPages.filter((p) => p.whatIf).map((p) => ({ name: key(p), ok: p.fresh.median === null ? false : p.fresh.median <= LIMITS.whatIf, value: `${fmt(p.fresh.median)} ms` }))));
  for (const p of bigPages.filter((x) => x.limitMs !== undefined))
    t.push(overPages(`${p.page} (${p.role}) ≤ ${p.limitMs} ms median fresh at 1,000 members`, [{ name: key(p), ok: p.fresh.median === null ? false : p.fresh.median <= p.limitMs!, value: `${fmt(p.fresh.median)} ms` }]));
  t.push(overPages(`a member's or partner's own dashboard ≤ ${LIMITS.ownDashboard} ms at 1,000`, bigPages.filter((p) => p.ownDashboard).map((p) => ({ name: key(p), ok: p.fresh.median === null ? false : p.fresh.median <= LIMITS.ownDashboard, value: `${fmt(p.fresh.median)} ms` }))));
  const names = [...new Map(sizes.flatMap((s) => s.pages).map((p) => [key(p), p])).values()];
  const growthMeasured = at(200) && sizes.some((s) => s.members > 200 && s.pages.length);
  t.push(
    overPages(
      `growth t(1000)/t(200) ≤ ${LIMITS.growth} (the CSV ≤ ${LIMITS.csvGrowth})`,
      growthMeasured ? names.map((p) => { const g = growthOf(sizes, p); return { name: key(p), ok: g === null ? null : g <= (p.csv ? LIMITS.csvGrowth : LIMITS.growth), value: fmt(g, 2) }; }) : [],
    ),
  );
  t.push(
    overPages(
      `${'16'} connections at 200 members: every page p99 ≤ ${LIMITS.loadP99} ms, zero errors`,
      (at(200)?.pages ?? []).filter((p) => p.load !== null).map((p) => (isLoad(p.load) ? { name: key(p), ok: p.load.p99 !== null && p.load.p99 <= LIMITS.loadP99 && p.load.errors === 0, value: `p99 ${fmt(p.load.p99)} ms, ${p.load.errors} errors` } : { name: key(p), ok: false, value: p.load!.skipped })),
    ),
  );
  t.push(overPages('every page answers 200', sizes.flatMap((s) => s.pages.map((p) => ({ name: `${s.members}: ${key(p)}`, ok: p.fresh.errors === 0, value: `status ${p.fresh.status}` })))));
  t.push(overPages(`no HTML response over ${LIMITS.htmlKb} kB raw`, sizes.flatMap((s) => s.pages.filter((p) => p.fresh.contentType.includes('html')).map((p) => ({ name: `${s.members}: ${key(p)}`, ok: p.fresh.rawBytes <= LIMITS.htmlKb * 1024, value: `${kB(p.fresh.rawBytes)} kB` })))));
  const counted = sizes.filter((s) => s.sql);
  t.push(
    overPages(
      'SQL statements per page constant in team size',
      counted.length < 2 ? [] : counted[0].sql!.map((p) => { const counts = counted.map((s) => s.sql!.find((x) => key(x) === key(p))?.statements ?? null); return { name: key(p), ok: counts.every((c) => c !== null && c === counts[0]), value: counts.map((c) => fmt(c)).join('/') }; }),
    ),
  );
  const mixed = sizes.flatMap((s) => s.mixed);
  const m16 = mixed.find((m) => m.connections === 16);
  const m64 = mixed.find((m) => m.connections === 64);
  t.push(
    m16
      ? { target: `mixed traffic × 16: ≥ ${LIMITS.mixedRps} req/s, p99 ≤ ${LIMITS.mixedP99} ms, zero errors`, verdict: m16.rps >= LIMITS.mixedRps && m16.p99 !== null && m16.p99 <= LIMITS.mixedP99 && m16.errors === 0 ? 'PASS' : 'FAIL', value: `${fmt(m16.rps)} req/s, p99 ${fmt(m16.p99)} ms, ${m16.errors} errors` }
      : { target: 'mixed traffic × 16', verdict: 'SKIP', value: 'not measured' },
  );
  t.push(
    m64
      ? { target: `mixed traffic × 64: no request waits over ${LIMITS.mixedMax} ms, zero errors`, verdict: m64.max !== null && m64.max <= LIMITS.mixedMax && m64.errors === 0 ? 'PASS' : 'FAIL', value: `max ${fmt(m64.max)} ms, p99 ${fmt(m64.p99)} ms, ${fmt(m64.rps)} req/s, ${m64.errors} errors` }
      : { target: 'mixed traffic × 64', verdict: 'SKIP', value: 'not measured' },
  );
  t.push(
    big?.peakRssKb
      ? { target: `server peak RSS ≤ ${LIMITS.rssMiB} MiB at 1,000 members`, verdict: big.peakRssKb / 1024 <= LIMITS.rssMiB ? 'PASS' : 'FAIL', value: `${fmt(big.peakRssKb / 1024)} MiB` }
      : { target: `server peak RSS ≤ ${LIMITS.rssMiB} MiB at 1,000 members`, verdict: 'SKIP', value: 'not measured' },
  );
  const imp = planners.import;
  t.push(
    imp
      ? { target: `import: the apply holds the write lock ≤ 1 s at 1,000 × 24`, verdict: imp.members < 1000 ? 'SKIP' : imp.lockMs <= LIMITS.importLockMs ? 'PASS' : 'FAIL', value: `${fmt(imp.lockMs)} ms at ${imp.members} × ${imp.areas}` }
      : { target: 'import write lock', verdict: 'SKIP', value: 'not measured' },
  );
  for (const [people, limit] of [[60, 100], [300, 1500]] as const) {
    const p = planners.pairing?.find((x) => x.people === people);
    if (p) t.push({ target: `pairing proposal, ${people} people < ${limit} ms`, verdict: p.medianMs < limit ? 'PASS' : 'FAIL', value: `${fmt(p.medianMs, 1)} ms` });
  }
  if (planners.pairingWorst?.length) {
    const worst = Math.max(...planners.pairingWorst.map((p) => p.maxMs));
    t.push({ target: 'pairing, contrived forbids at 301 people < 1500 ms', verdict: worst < 1500 ? 'PASS' : 'FAIL', value: `max ${fmt(worst)} ms` });
  }
  const small = planners.workSplit?.find((w) => w.members === 12);
  const large = planners.workSplit?.find((w) => w.members === 40);
  if (small) t.push({ target: 'work split 12 × 40 optimal in < 1 s', verdict: small.status === 'optimal' && small.medianMs < 1000 ? 'PASS' : 'FAIL', value: `${fmt(small.medianMs)} ms, ${small.status}` });
  const schedule = planners.studySchedule;
  if (schedule) t.push({ target: 'study schedule 40 people × 60 papers × 24 sessions optimal in ≤ 1 s', verdict: schedule.status === 'optimal' && schedule.medianMs <= 1000 ? 'PASS' : 'FAIL', value: `${fmt(schedule.medianMs)} ms, ${schedule.status}` });
  if (large) t.push({ target: 'work split 40 × 150 < 5 s or gap < 1 %', verdict: large.medianMs < 5000 || large.gap < 0.01 ? 'PASS' : 'FAIL', value: `${fmt(large.medianMs)} ms, ${large.status}, gap ${fmt(large.gap * 100, 2)} %` });
  return t;
}

export function report(sizes: SizeResult[], planners: Planners, o: { connections: number; duration: number; mixedSize: number; runSeconds: number }): { text: string; targets: Target[] } {
  const lines: string[] = [''];
  lines.push(`pages — fresh: one request at a time after a rating edit (ms); ${o.connections}×: ${o.connections} connections × ${o.duration} s; bytes of the last fresh response (wire: Accept-Encoding gzip, br); SQL: statements of one fresh request`);
  for (const s of sizes) lines.push('', ...pageTable(s, o));
  const g = growthTable(sizes);
  if (g.length) lines.push('', ...g);
  const mixed = sizes.flatMap((s) => s.mixed);
  if (mixed.length) {
    lines.push('', `mixed traffic on the ${o.mixedSize}-member organisation (/, /matrix ×2, own profile, /work, /deals, a rating-cell edit, a deal comment per round)`);
    for (const w of sizes.flatMap((s) => (s.mixedWarmup ? [s.mixedWarmup] : []))) lines.push(`  warm-up, not counted: ${w.connections} connections × ${w.duration} s, ${fmt(w.rps)} req/s, ${w.errors} errors`);
    for (const m of mixed) {
      lines.push(`  ${String(m.connections).padStart(2)} connections × ${m.duration} s: ${fmt(m.rps)} req/s · p50 ${fmt(m.p50)} ms · p99 ${fmt(m.p99)} ms · max ${fmt(m.max)} ms · ${m.errors} errors · ${m.edits} edits, ${m.comments} comments, ${m.conflicts} conflicts${m.unanswered ? ` · ${m.unanswered} still waiting at the end` : ''}`);
      lines.push(`     by kind (n · p50 · p99 · max ms): ${Object.entries(m.kinds ?? {}).map(([k, x]) => `${k} ${x.n} · ${fmt(x.p50)} · ${fmt(x.p99)} · ${fmt(x.max)}`).join('; ')}`);
    }
  }
  const p = planners;
  if (p.import) lines.push('', `CSV import of every cell, ${p.import.members} × ${p.import.areas} (${p.import.changes} changes): apply ${fmt(p.import.applyMs)} ms, write lock held ${fmt(p.import.lockMs)} ms`);
  if (p.pairing) {
    lines.push('', 'pairing proposal (scoring + matching + reasons)');
    for (const x of p.pairing) lines.push(`  ${x.people} people: median ${fmt(x.medianMs, 1)} ms`);
    for (const x of p.pairingWorst ?? []) lines.push(`  ${x.people} people, ${x.case}: median ${fmt(x.medianMs, 1)} ms, max ${fmt(x.maxMs, 1)} ms${x.exact ? '' : ' (time limit: best found)'}`);
  }
  if (p.workSplit) {
    lines.push('', 'work split (MIP, HiGHS) vs greedy');
    for (const w of p.workSplit) lines.push(`  ${w.members} × ${w.items}: median ${fmt(w.medianMs)} ms, ${w.status}${w.gap ? `, gap ${fmt(w.gap * 100, 2)} %` : ''} · MIP ${fmt(w.objective, 1)} (${w.placed} placed) · greedy ${fmt(w.greedy, 1)} (${w.greedyPlaced} placed)`);
  }
  if (p.studySchedule) {
    const x = p.studySchedule;
    lines.push('', 'study schedule (papers by weight, presenters and reviewers by a MIP, HiGHS)');
    lines.push(`  ${x.people} people × ${x.papers} papers × ${x.sessions} sessions: median ${fmt(x.medianMs)} ms of ${x.runs}, ${x.status}, ${x.unmet} unmet rules`);
  }
  if (sizes.length) lines.push('', `server peak RSS (pages and mixed traffic; the primary's and every worker's peak, summed): ${sizes.map((s) => `${s.members}: ${s.peakRssKb ? `${fmt(s.peakRssKb / 1024)} MiB` : '—'}`).join(', ')}`);
  const list = targets(sizes, planners);
  lines.push('', 'targets');
  for (const x of list) lines.push(`  ${x.verdict}  ${x.target} — ${x.value}`);
  lines.push('', `run time ${fmt(o.runSeconds / 60, 1)} min`);
  return { text: lines.join('\n'), targets: list };
}
