// `npm run bench`: generates organisations, measures every page of the real server, the mixed traffic, the import and the planners; prints and saves the figures.
import { cpus, freemem, release, totalmem, tmpdir } from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { DEFAULT_ORG, generateOrg, insertSessions, type OrgParams } from './org.ts';
import { ROOT, startServer, type ServerChild } from './server-process.ts';
import { cookie, median, quantile, send } from './http.ts';
import { load, type Load } from './load.ts';
import { measurePages, pageCases, type Viewers } from './pages.ts';
import { countStatements } from './sql-count.ts';
import { mixedTraffic } from './mixed.ts';
import { cellsOf, ratingWriter } from './writer.ts';
import { runPlanners, type Planners } from './planners.ts';
import { report, type SizeResult } from './report.ts';

/** How the benchmark stops its servers: at once, unless they are being profiled (a profile is written on a clean exit). */
const STOP: NodeJS.Signals = process.env.PAIRWISE_SERVER_NODE_ARGS ? 'SIGTERM' : 'SIGKILL';

const SECTIONS = ['pages', 'sql', 'mixed', 'import', 'planners'] as const;
type Section = (typeof SECTIONS)[number];

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    members: { type: 'string' },
    only: { type: 'string', default: SECTIONS.join(',') },
    areas: { type: 'string', default: String(DEFAULT_ORG.areas) },
    months: { type: 'string', default: String(DEFAULT_ORG.months) },
    items: { type: 'string', default: String(DEFAULT_ORG.items) },
    deals: { type: 'string', default: String(DEFAULT_ORG.deals) },
    seed: { type: 'string', default: String(DEFAULT_ORG.seed) },
    duration: { type: 'string' },
    samples: { type: 'string' },
    connections: { type: 'string', default: '16' },
    'mixed-members': { type: 'string', default: '200' },
    'mixed-duration': { type: 'string' },
    /** Seconds of the mix run first on the fresh server and not counted (0: none). */
    'mixed-warmup': { type: 'string' },
    /** Web processes of each server (WEB_CONCURRENCY); default: what `npm start` runs on this machine. */
    processes: { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'bench/results.json') },
    /** Only these pages (names as in the table, comma-separated, e.g. `/growth/risk,/growth/risk/:id`). */
    pages: { type: 'string' },
  },
});
const quick = args.quick;
const sizes = (args.members ?? (quick ? '200' : '50,200,1000')).split(',').map(Number);
const only = new Set(args.only.split(',').map((s) => s.trim()) as Section[]);
for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section ${s} (one of ${SECTIONS.join(', ')})`);
const base: Omit<OrgParams, 'members'> = { areas: Number(args.areas), months: Number(args.months), items: Number(args.items), deals: Number(args.deals), seed: Number(args.seed) };
const opts = {
  /** Seconds of each page's load run. */
  duration: Number(args.duration ?? (quick ? 1 : 3)),
  samples: Number(args.samples ?? (quick ? 5 : 20)),
  connections: Number(args.connections),
  mixedSize: sizes.includes(Number(args['mixed-members'])) ? Number(args['mixed-members']) : sizes[Math.min(1, sizes.length - 1)],
  mixedDuration: Number(args['mixed-duration'] ?? (quick ? 5 : 30)),
  mixedWarmup: Number(args['mixed-warmup'] ?? (quick ? 2 : 5)),
  mixedConnections: [16, 64],
  processes: loadConfig({ WEB_CONCURRENCY: args.processes ?? process.env.WEB_CONCURRENCY }).WEB_CONCURRENCY,
};

/** /healthz one request at a time and under load: the baseline of the same run. */
async function healthz(url: string, samples: number): Promise<{ median: number | null; p99: number | null; load: Load | null }> {
  const times: number[] = [];
  await send(`${url}/healthz`);
  for (let i = 0; i < Math.max(samples, 20); i++) times.push((await send(`${url}/healthz`)).ms);
  const loaded = only.has('pages') ? await load(`${url}/healthz`, { connections: opts.connections, duration: opts.duration }) : null;
  return { median: median(times), p99: quantile(times, 0.99), load: loaded };
}

/** Waits until the server has worked off what a load run left queued (a health check answers quickly again). */
async function drained(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) if ((await send(`${url}/healthz`)).ms < 50) return;
}

/** A finished work-split plan for /work/plan, made as the manager makes one (a plain form post waits for the result). */
async function finishedPlan(url: string, token: string, cycleId: number): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const res = await send(`${url}/work/plan`, {
    method: 'POST',
    headers: { cookie: cookie(token), origin: url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ cycle: String(cycleId), buddies: '1' }).toString(),
  });
  return { ms: performance.now() - started, status: res.status };
}

async function measureSize(members: number): Promise<SizeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pairwise-bench-'));
  const url = `file:${join(dir, 'bench.db')}`;
  const servers: ServerChild[] = [];
  const serve = async () => {
    const server = await startServer({ databaseUrl: url, processes: opts.processes });
    servers.push(server);
    return server;
  };
  const say = (s: string) => process.stdout.write(s);
  try {
    const db = await openDatabase({ url });
    const now = new Date();
    const started = performance.now();
    const org = await generateOrg(db, { ...base, members }, now);
    const generateMs = performance.now() - started;
    const rated = org.memberIds.filter((id) => cellsOf(org, id).length > 0);
    const viewerId = rated[0];
    const writerId = rated[rated.length - 1];
    const mixedIds = rated.slice(0, Math.max(...opts.mixedConnections));
    const [manager, member, partner, writer, ...mixedTokens] = await insertSessions(db, [org.managerId, viewerId, org.partnerUserIds[0], writerId, ...mixedIds], now);
    db.$client.close();
    const viewers: Viewers = { manager: { id: org.managerId, token: manager }, member: { id: viewerId, token: member }, partner: { id: org.partnerUserIds[0], token: partner, partnerId: org.partnerIds[0] } };
    say(`  ${members} members (${(generateMs / 1000).toFixed(1)} s to generate):`);

    let plan: SizeResult['plan'] = null;
    if (only.has('pages') || only.has('sql')) {
      // On a server of its own: the solver's memory is the planner's, not the pages' (its peak is reported apart).
      say(' a work plan,');
      const planner = await startServer({ databaseUrl: url, processes: opts.processes });
      plan = { ...(await finishedPlan(planner.url, manager, org.cycleId)), peakRssKb: null };
      await planner.stop(STOP);
      plan.peakRssKb = planner.peakRssKb();
    }
    say(' /healthz');
    let server = await serve();
    const write = ratingWriter(server.url, org, writerId, writer);
    const result: SizeResult = { members, generateMs, generatedRows: org.rows, healthz: await healthz(server.url, opts.samples), pages: [], sql: null, plan, mixed: [], mixedWarmup: null, peakRssKb: null };
    const wanted = args.pages?.split(',').map((s) => s.trim());
    const cases = pageCases(org, viewers).filter((c) => !wanted || wanted.includes(c.page));
    if (only.has('pages')) {
      let role = '';
      result.pages = await measurePages(
        cases,
        viewers,
        { serverUrl: server.url, write, samples: opts.samples, budgetMs: 8_000, connections: opts.connections, duration: opts.duration, loadLimitMs: 2000, withLoad: true },
        (c) => {
          if (c.role !== role) say(`\n    ${(role = c.role)}:`);
          say(` ${c.page}`);
        },
      );
    }
    if (only.has('sql')) {
      say('\n    SQL statements');
      const counts = await countStatements(url, cases, viewers, write);
      result.sql = cases.map((c) => ({ role: c.role, page: c.page, statements: counts.get(c) ?? null }));
    }
    if (only.has('mixed') && members === opts.mixedSize) {
      // A fresh server: nothing queued or cached from the page runs.
      await server.stop(STOP);
      server = await serve();
      const tokens = mixedIds.map((id, i) => ({ id, token: mixedTokens[i] }));
      // A server that has just started runs its first seconds at about half speed (code not yet compiled, caches
      // and SQLite's pages not yet read in); the targets are about the steady state, so the mix runs once first.
      if (opts.mixedWarmup > 0) {
        say(`\n    mixed traffic warm-up × 16 (${opts.mixedWarmup} s, not counted)`);
        const warm = await mixedTraffic(server.url, org, tokens, 16, opts.mixedWarmup);
        result.mixedWarmup = { connections: 16, duration: opts.mixedWarmup, rps: warm.rps, errors: warm.errors };
        await drained(server.url);
      }
      for (const connections of opts.mixedConnections) {
        say(`\n    mixed traffic × ${connections}`);
        result.mixed.push(await mixedTraffic(server.url, org, tokens, connections, opts.mixedDuration));
        await drained(server.url);
      }
    }
    say('\n');
    for (const s of servers) await s.stop(STOP);
    result.peakRssKb = Math.max(0, ...servers.map((s) => s.peakRssKb() ?? 0)) || null;
    return result;
  } finally {
    for (const s of servers) await s.stop(STOP);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const began = performance.now();
  const machine = { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), freeGiB: Math.round(freemem() / 2 ** 30), node: process.version, kernel: release() };
  const header = `Pairwise benchmark — ${new Date().toISOString()} — ${machine.cpus} × ${machine.model}, ${machine.memoryGiB} GiB, Node ${machine.node}`;
  console.log(header);
  console.log(
    `org: members ${sizes.join('/')} × ${base.areas} areas, ${base.months} months of history, ${base.items} work items, ${base.deals} deals, seed ${base.seed}; ` +
      `${opts.processes} web process${opts.processes === 1 ? '' : 'es'} per server; pages: ${opts.samples} fresh requests, ${opts.connections} connections × ${opts.duration} s; mixed: ${opts.mixedSize} members, ${opts.mixedConnections.join(' and ')} connections × ${opts.mixedDuration} s; sections: ${[...only].join(', ')}\n`,
  );
  const results: SizeResult[] = [];
  const failures: string[] = [];
  if (only.has('pages') || only.has('sql') || only.has('mixed'))
    for (const members of sizes) {
      // One size failing (a crashed server, say) still leaves the others' figures.
      try {
        results.push(await measureSize(members));
      } catch (err) {
        console.error(`\n  ${members} members: ${(err as Error).stack ?? err}`);
        failures.push(`${members} members: ${(err as Error).message}`);
      }
    }
  const planners: Planners = await runPlanners({ import: only.has('import'), planners: only.has('planners'), importMembers: sizes.includes(1000) ? 1000 : Math.max(...sizes), seed: base.seed, say: (s) => process.stdout.write(s) });
  const runSeconds = (performance.now() - began) / 1000;
  const { text, targets } = report(results, planners, { connections: opts.connections, duration: opts.duration, mixedSize: opts.mixedSize, runSeconds });
  console.log(text);
  const out = resolve(args.out);
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine, org: { ...base, members: sizes }, options: { ...opts, sections: [...only] }, runSeconds, failures, sizes: results, planners, targets, table: text }, null, 2) + '\n');
  console.log(`figures written to ${out}`);
}

await main().catch((err) => {
  console.error('benchmark failed:', err);
});
process.exit(0);
