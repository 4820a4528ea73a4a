// One HTTP request at a time, timed, with the bytes as sent on the wire and as decoded (no automatic decompression).
import { Agent, request } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { SESSION_COOKIE } from '../src/auth/sessions.ts';

/** What a browser sends: the benchmark's wire sizes are what a browser would download. */
export const BROWSER_ENCODINGS = 'gzip, br';

export const cookie = (token: string) => `${SESSION_COOKIE}=${token}`;

export type Got = { status: number; ms: number; headers: Record<string, string | string[] | undefined>; wireBytes: number; rawBytes: number; encoding: string | null; body: Buffer };

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

function decode(body: Buffer, encoding: string | null): Buffer {
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === 'br') return brotliDecompressSync(body);
  if (encoding === 'deflate') return inflateSync(body);
  return body;
}

type SendOptions = { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number };

/**
 * Sends one request on a kept-alive connection; `ms` runs from sending to the last byte. A connection
 * the server closed while idle (its keep-alive timeout, e.g. during a load run) fails with ECONNRESET
 * on reuse: that request is sent once more on a new connection.
 */
export async function send(url: string, opts: SendOptions = {}): Promise<Got> {
  try {
    return await sendOnce(url, opts);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ECONNRESET' && (err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
    return sendOnce(url, opts);
  }
}

function sendOnce(url: string, opts: SendOptions): Promise<Got> {
  return new Promise((ok, fail) => {
    const started = performance.now();
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent, timeout: opts.timeoutMs ?? 120_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('error', fail);
      res.on('end', () => {
        const ms = performance.now() - started;
        const wire = Buffer.concat(chunks);
        const encoding = (res.headers['content-encoding'] as string | undefined) ?? null;
        const body = decode(wire, encoding);
        ok({ status: res.statusCode ?? 0, ms, headers: res.headers, wireBytes: wire.length, rawBytes: body.length, encoding, body });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', fail);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export const median = (xs: number[]) => quantile(xs, 0.5);

/** Nearest-rank quantile (with few samples the p99 is the slowest one). */
export function quantile(xs: number[], q: number): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
