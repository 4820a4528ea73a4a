// Load runs with autocannon and their summary: latencies, throughput, errors by status.
import autocannon, { type Options, type Result } from 'autocannon';

export type Load = { p50: number | null; p99: number | null; max: number | null; rps: number; requests: number; errors: number; status: Record<string, number> };

/**
 * The figures of one autocannon run; `errors` counts socket errors, timeouts and every unexpected
 * status. Latencies are null when no request completed within the run (the page is slower than the run).
 */
export function summarise(r: Result, expected: (status: number) => boolean = (s) => s >= 200 && s < 300): Load {
  const status = Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, { count }]) => [code, count]));
  const unexpected = Object.entries(status).reduce((n, [code, count]) => n + (expected(Number(code)) ? 0 : count), 0);
  const done = r.requests.total > 0;
  return {
    p50: done ? r.latency.p50 : null,
    p99: done ? r.latency.p99 : null,
    max: done ? r.latency.max : null,
    rps: r.requests.total / Math.max(r.duration, 0.001),
    requests: r.requests.total,
    errors: r.errors + r.timeouts + unexpected,
    status,
  };
}

/** `connections` clients asking for one URL as fast as it answers, for `duration` seconds. */
export async function load(url: string, opts: { connections: number; duration: number; headers?: Record<string, string> }): Promise<Load> {
  return summarise(await autocannon({ url, connections: opts.connections, duration: opts.duration, headers: opts.headers, timeout: 30 }));
}

export async function run(options: Options): Promise<Result> {
  return autocannon({ timeout: 30, ...options });
}
