// `npm run bench`: generates organisations, measures the real server under load and the planners, prints and saves the figures.
import { cpus, freemem, release, totalmem } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { openDatabase } from '../src/db/client.ts';
import { SESSION_COOKIE } from '../src/auth/sessions.ts';
import { DEFAULT_ORG, generateOrg, insertSessions, type Org, type OrgParams } from './org.ts';
import { ROOT, startServer, type ServerChild } from './server-process.ts';

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '50,200,1000' },
    areas: { type: 'string', default: String(DEFAULT_ORG.areas) },
    months: { type: 'string', default: String(DEFAULT_ORG.months) },
    items: { type: 'string', default: String(DEFAULT_ORG.items) },
    deals: { type: 'string', default: String(DEFAULT_ORG.deals) },
    seed: { type: 'string', default: String(DEFAULT_ORG.seed) },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    'edit-members': { type: 'string', default: '200' },
    out: { type: 'string', default: join(ROOT, 'bench/results.json') },
  },
});
const sizes = args.members.split(',').map(Number);
const base: Omit<OrgParams, 'members'> = { areas: Number(args.areas), months: Number(args.months), items: Number(args.items), deals: Number(args.deals), seed: Number(args.seed) };
const duration = Number(args.duration);
const connections = Number(args.connections);
const editSize = sizes.includes(Number(args['edit-members'])) ? Number(args['edit-members']) : sizes[0];

type Load = { p50: number | null; p99: number | null; rps: number; requests: number; errors: number; status: Record<string, number> };
type Unavailable = { available: false; reason: string };

/**
 * The figures of one autocannon run; `errors` counts socket errors, timeouts and every unexpected
 * status. Latencies are null when no request completed within the run (the page is slower than the run).
 */
function summarise(r: Result, expected: (status: number) => boolean = (s) => s >= 200 && s < 300): Load {
  const status = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, { count }]) => [code, count]));
  const unexpected = Object.entries(status).reduce((n, [code, count]) => n + (expected(Number(code)) ? 0 : count), 0);
  const done = r.requests.total > 0;
  return { p50: done ? r.latency.p50 : null, p99: done ? r.latency.p99 : null, rps: r.requests.average, requests: r.requests.total, errors: r.errors + r.timeouts + unexpected, status };
}

const cookie = (token: string) => `${SESSION_COOKIE}=${token}`;

async function load(url: string, headers: Record<string, string> = {}): Promise<Result> {
  return autocannon({ url, connections, duration, headers, timeout: 30 });
}

/**
 * htmx cell edits: each connection is one member editing their own cells in turn, with the version it
 * last saw, so no two requests race for one cell; a 409 would still be counted apart from errors.
 */
async function editLoad(server: ServerChild, org: Org, tokens: string[]): Promise<(Load & { conflicts: number; saved: number }) | Unavailable> {
  const cellsOf = new Map<number, Array<{ userId: number; areaId: number; version: number }>>();
  const cells = (userId: number) => {
    if (!cellsOf.has(userId)) cellsOf.set(userId, org.areaIds.filter((a) => org.ratingVersions.has(`${userId}:${a}`)).map((areaId) => ({ userId, areaId, version: org.ratingVersions.get(`${userId}:${areaId}`)! })));
    return cellsOf.get(userId)!;
  };
  const body = (cell: { version: number }, n: number) => new URLSearchParams({ selfLevel: String(n % 6), interest: String(n % 4), evidence: `bench edit ${n}`, version: String(cell.version) }).toString();
  const headers = (token: string) => ({ cookie: cookie(token), origin: server.url, 'hx-request': 'true', 'content-type': 'application/x-www-form-urlencoded' });

  // One probe: the route may not exist yet.
  const probeCell = cells(org.memberIds[0])[0];
  const probe = await fetch(`${server.url}/members/${probeCell.userId}/ratings/${probeCell.areaId}`, { method: 'POST', headers: headers(tokens[0]), body: body(probeCell, 1) });
  if (probe.status !== 200) return { available: false, reason: `POST /members/:id/ratings/:areaId → ${probe.status}` };
  probeCell.version++;

  let conflicts = 0;
  let saved = 0;
  let next = 0;
  const result = await autocannon({
    url: server.url,
    connections,
    duration,
    timeout: 30,
    setupClient: (client) => {
      const me = next++ % tokens.length;
      const mine = cells(org.memberIds[me]);
      let n = 0;
      const current = () => mine[n % mine.length];
      client.setRequests([
        {
          method: 'POST',
          headers: headers(tokens[me]),
          setupRequest: (req) => ({ ...req, path: `/members/${current().userId}/ratings/${current().areaId}`, body: body(current(), n) }),
          onResponse: (status) => {
            if (status === 200) {
              current().version++;
              saved++;
            } else if (status === 409) {
              // Someone else saved this cell: read its version again, as the page would, before the next visit.
              conflicts++;
              const cell = current();
              void fetch(`${server.url}/members/${cell.userId}/ratings/${cell.areaId}/edit`, { headers: headers(tokens[me]) })
                .then((r) => r.text())
                .then((page) => {
                  const seen = /name="version" value="(\d+)"/.exec(page);
                  if (seen) cell.version = Number(seen[1]);
                });
            }
            n++;
          },
        },
      ]);
    },
  });
  return { ...summarise(result, (s) => s === 200 || s === 409), conflicts, saved };
}

type MatrixRow = {
  members: number;
  areas: number;
  generatedRows: Record<string, number>;
  generateMs: number;
  healthz: Load;
  /** `singleMs`: median of three requests one at a time, before the load run. */
  matrix: (Load & { bytes: number; singleMs: number }) | Unavailable;
  /** /matrix median ÷ /healthz median, and /healthz req/s ÷ /matrix req/s. */
  vsHealthz: { p50: number; rps: number } | null;
  peakRssKb: number | null;
};

async function measureOrg(members: number): Promise<{ row: MatrixRow; edit?: Awaited<ReturnType<typeof editLoad>> }> {
  const dir = mkdtempSync(join(tmpdir(), 'pairwise-bench-'));
  const url = `file:${join(dir, 'bench.db')}`;
  const servers: ServerChild[] = [];
  const serve = async () => {
    const server = await startServer({ databaseUrl: url });
    servers.push(server);
    return server;
  };
  try {
    const db = await openDatabase({ url });
    const now = new Date();
    const started = performance.now();
    const org = await generateOrg(db, { ...base, members }, now);
    const generateMs = performance.now() - started;
    const [managerToken, ...memberTokens] = await insertSessions(db, [org.managerId, ...org.memberIds.slice(0, connections)], now);
    db.$client.close();

    process.stdout.write(`  ${members} members (${fmt(generateMs / 1000)} s to generate): /healthz`);
    let server = await serve();
    const healthz = summarise(await load(`${server.url}/healthz`));
    // Three requests one after another first: the page's own cost without queueing (and whether it exists).
    const single: number[] = [];
    let probe: { status: number; bytes: number } = { status: 0, bytes: 0 };
    for (let i = 0; i < 3 && probe.status !== 404; i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/matrix`, { headers: { cookie: cookie(managerToken) }, redirect: 'manual' });
      probe = { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
      single.push(performance.now() - t0);
    }
    let matrix: MatrixRow['matrix'] = { available: false, reason: `GET /matrix → ${probe.status}` };
    if (probe.status === 200) {
      process.stdout.write(', /matrix');
      const singleMs = single.sort((a, b) => a - b)[1];
      matrix = { ...summarise(await load(`${server.url}/matrix`, { cookie: cookie(managerToken) })), bytes: probe.bytes, singleMs };
    }
    let edit: Awaited<ReturnType<typeof editLoad>> | undefined;
    if (members === editSize) {
      // A fresh server: requests still queued from the /matrix run must not delay the edits.
      await server.stop('SIGKILL');
      process.stdout.write(', cell edits');
      server = await serve();
      edit = await editLoad(server, org, memberTokens);
    }
    process.stdout.write('\n');
    const vsHealthz = 'p50' in matrix && matrix.p50 !== null && healthz.p50 !== null ? { p50: matrix.p50 / Math.max(healthz.p50, 0.001), rps: healthz.rps / Math.max(matrix.rps, 0.001) } : null;
    for (const s of servers) await s.stop('SIGKILL');
    const peakRssKb = Math.max(0, ...servers.map((s) => s.peakRssKb() ?? 0)) || null;
    return { row: { members, areas: base.areas, generatedRows: org.rows, generateMs, healthz, matrix, vsHealthz, peakRssKb }, edit };
  } finally {
    for (const s of servers) await s.stop('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Imports a planner's benchmark module, or says why it is not there. */
async function optional<T>(path: string, run: (mod: Record<string, unknown>) => Promise<T> | T): Promise<T | Unavailable> {
  try {
    return await run(await import(path));
  } catch (err) {
    return { available: false, reason: (err as Error).message.split('\n')[0] };
  }
}

type Target = { target: string; value: string; pass: boolean };

const fmt = (n: number | null, digits = 1) => (n !== null && Number.isFinite(n) ? n.toFixed(digits) : '—');
const pad = (s: string | number, n: number) => String(s).padStart(n);

async function main() {
  const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), freeGiB: Math.round(freemem() / 2 ** 30), node: process.version, kernel: release() };
  console.log(`Pairwise benchmark — ${new Date().toISOString()} — ${machine.cpus} × ${machine.model}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  console.log(`org: members ${sizes.join('/')} × ${base.areas} areas, ${base.months} months of history, ${base.items} work items, ${base.deals} deals, seed ${base.seed}; load: ${connections} connections × ${duration} s\n`);

  const rows: MatrixRow[] = [];
  let edit: Awaited<ReturnType<typeof editLoad>> | undefined;
  for (const members of sizes) {
    const measured = await measureOrg(members);
    rows.push(measured.row);
    edit ??= measured.edit;
  }

  console.log('  planners: pairing');
  const pairing = await optional('./pairing-bench.ts', (m) => (m.benchPairing as (sizes: number[], seed: number) => Array<{ people: number; medianMs: number }>)([60, 300], base.seed));
  const pairingWorst = await optional('./pairing-bench.ts', (m) =>
    (m.benchPairingWorst as (size: number, seed: number) => Array<{ case: string; people: number; medianMs: number; maxMs: number; exact: boolean }>)(301, base.seed),
  );
  console.log('  planners: work split');
  const workSplit = await optional('./work-split-bench.ts', (m) =>
    (m.benchWorkSplit as (cases: Array<{ members: number; items: number }>, seed: number) => Promise<Array<{ members: number; items: number; medianMs: number; status: string; gap: number | null; objective: number; greedy: number; placed: number; greedyPlaced: number }>>)(
      [{ members: 12, items: 40 }, { members: 40, items: 150 }],
      base.seed,
    ),
  );

  // The table for people.
  console.log(`\n/matrix and /healthz (${connections} connections, ${duration} s each; latency in ms)`);
  console.log(`${pad('members', 8)} ${pad('route', 9)} ${pad('median', 7)} ${pad('p99', 7)} ${pad('req/s', 8)} ${pad('errors', 7)} ${pad('bytes', 9)} ${pad('×healthz', 9)}`);
  for (const r of rows) {
    console.log(`${pad(r.members, 8)} ${pad('/healthz', 9)} ${pad(fmt(r.healthz.p50), 7)} ${pad(fmt(r.healthz.p99), 7)} ${pad(fmt(r.healthz.rps, 0), 8)} ${pad(r.healthz.errors, 7)} ${pad('', 9)} ${pad('1', 9)}`);
    if ('p50' in r.matrix && r.matrix.p50 === null) console.log(`${pad('', 8)} ${pad('/matrix', 9)} no response within ${duration} s (${r.matrix.bytes} bytes per page)`);
    else if ('p50' in r.matrix) {
      console.log(`${pad('', 8)} ${pad('/matrix', 9)} ${pad(fmt(r.matrix.p50), 7)} ${pad(fmt(r.matrix.p99), 7)} ${pad(fmt(r.matrix.rps, 0), 8)} ${pad(r.matrix.errors, 7)} ${pad(r.matrix.bytes, 9)} ${pad(fmt(r.vsHealthz!.p50), 9)}`);
    } else console.log(`${pad('', 8)} ${pad('/matrix', 9)} not available: ${r.matrix.reason}`);
  }
  const matrixAt = (n: number) => rows.find((r) => r.members === n)?.matrix;
  const m200 = matrixAt(200);
  const m1000 = matrixAt(1000);
  // Loaded medians when both runs completed requests; otherwise the one-at-a-time times, and the table says which.
  const both = m200 && m1000 && 'p50' in m200 && 'p50' in m1000 ? [m200, m1000] : null;
  const loaded = both && both[0].p50 !== null && both[1].p50 !== null;
  const growth = both ? (loaded ? both[1].p50! / Math.max(both[0].p50!, 0.001) : both[1].singleMs / Math.max(both[0].singleMs, 0.001)) : null;
  const growthBasis = both ? (loaded ? 'median under load' : 'single request, no load') : null;
  console.log(`/matrix one request at a time: ${rows.map((r) => `${r.members}: ${'singleMs' in r.matrix ? `${fmt(r.matrix.singleMs, 0)} ms` : '—'}`).join(', ')}`);
  console.log(`growth t(1000)/t(200): ${growth === null ? 'not available' : `${fmt(growth, 2)} (${growthBasis})`} (linear ≈ 5)`);

  console.log(`\nhtmx rating cell edit on the ${editSize}-member org (${connections} connections, ${duration} s)`);
  if (!edit || 'available' in edit) console.log(`  not available: ${edit?.reason ?? 'not measured'}`);
  else console.log(`  median ${fmt(edit.p50)} ms · p99 ${fmt(edit.p99)} ms · ${fmt(edit.rps, 0)} req/s · ${edit.saved} saved · ${edit.conflicts} conflicts (409) · ${edit.errors} errors`);

  console.log('\npairing proposal (whole proposal: scoring + matching + reasons)');
  if ('available' in pairing) console.log(`  not available: ${pairing.reason}`);
  else for (const p of pairing) console.log(`  ${pad(p.people, 4)} people: median ${fmt(p.medianMs)} ms`);
  if (!('available' in pairingWorst))
    for (const p of pairingWorst) console.log(`  ${p.people} people, ${p.case}: median ${fmt(p.medianMs)} ms, max ${fmt(p.maxMs)} ms${p.exact ? '' : ' (time limit: best found)'}`);

  console.log('\nwork split (MIP, HiGHS) vs greedy');
  if ('available' in workSplit) console.log(`  not available: ${workSplit.reason}`);
  else
    for (const w of workSplit)
      console.log(
        `  ${w.members} × ${w.items}: median ${fmt(w.medianMs, 0)} ms, ${w.status}${w.gap ? `, gap ${fmt(w.gap * 100, 2)}%` : ''} · MIP total ${fmt(w.objective, 2)} (${w.placed} placed) · greedy ${fmt(w.greedy, 2)} (${w.greedyPlaced} placed)`,
      );

  const peak = Math.max(0, ...rows.map((r) => r.peakRssKb ?? 0));
  console.log(`\npeak RSS of the server: ${peak ? `${fmt(peak / 1024, 0)} MiB` : 'not measurable here'} (${rows.map((r) => `${r.members}: ${fmt((r.peakRssKb ?? 0) / 1024, 0)} MiB`).join(', ')})`);

  const targets: Target[] = [];
  if (m200 && 'p99' in m200) targets.push({ target: '/matrix at 200 members: p99 < 100 ms, zero errors', value: `p99 ${fmt(m200.p99)} ms, ${m200.errors} errors`, pass: m200.p99 !== null && m200.p99 < 100 && m200.errors === 0 });
  else targets.push({ target: '/matrix at 200 members: p99 < 100 ms, zero errors', value: 'not available', pass: false });
  targets.push({ target: '/matrix growth t(1000)/t(200) ≤ 6', value: growth === null ? 'not available' : `${fmt(growth, 2)} (${growthBasis})`, pass: growth !== null && growth <= 6 });
  if (!('available' in pairing)) {
    for (const [people, limit] of [[60, 100], [300, 1500]] as const) {
      const p = pairing.find((x) => x.people === people);
      if (p) targets.push({ target: `pairing ${people} people < ${limit} ms`, value: `${fmt(p.medianMs)} ms`, pass: p.medianMs < limit });
    }
  }
  if (!('available' in pairingWorst)) {
    const worst = Math.max(...pairingWorst.map((p) => p.maxMs));
    targets.push({ target: 'pairing, contrived forbids at 301 people < 1500 ms', value: `max ${fmt(worst)} ms`, pass: worst < 1500 });
  }
  if (!('available' in workSplit)) {
    const small = workSplit.find((w) => w.members === 12);
    const big = workSplit.find((w) => w.members === 40);
    if (small) targets.push({ target: 'work split 12×40 optimal in < 1 s', value: `${fmt(small.medianMs, 0)} ms, ${small.status}`, pass: small.status === 'optimal' && small.medianMs < 1000 });
    if (big) targets.push({ target: 'work split 40×150 < 5 s or gap < 1%', value: `${fmt(big.medianMs, 0)} ms, ${big.status}${big.gap ? ` gap ${fmt(big.gap * 100, 2)}%` : ''}`, pass: big.medianMs < 5000 || (big.gap ?? 1) < 0.01 });
  }
  if (edit && !('available' in edit)) targets.push({ target: 'cell edits under load: zero errors', value: `${edit.errors} errors, p99 ${fmt(edit.p99)} ms`, pass: edit.errors === 0 && edit.requests > 0 });

  console.log('\ntargets');
  for (const t of targets) console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.target} — ${t.value}`);

  const out = resolve(args.out);
  writeFileSync(
    out,
    JSON.stringify({ date: new Date().toISOString(), machine, org: { ...base, members: sizes }, load: { connections, durationSec: duration }, matrix: rows, growthRatio: growth, growthBasis, edit: edit ?? null, pairing, pairingWorst, workSplit, peakRssKb: peak || null, targets }, null, 2) + '\n',
  );
  console.log(`\nfigures written to ${out}`);
}

await main().catch((err) => {
  console.error('benchmark failed:', err);
});
process.exit(0);
