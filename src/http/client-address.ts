// The address a request comes from: the socket's peer, or what our own reverse proxies say when trusted.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * With `trustedProxies` = n > 0, each trusted proxy appends the address it saw to X-Forwarded-For, so
 * the n-th entry from the right is the client; everything left of it was written by the client and is
 * not believed. With 0 the header is ignored entirely.
 */
export function clientAddress(c: Context, trustedProxies: number): string {
  if (trustedProxies > 0) {
    const hops = (c.req.header('X-Forwarded-For') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const client = hops[hops.length - trustedProxies];
    if (client && client.length <= 100) return client;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}
