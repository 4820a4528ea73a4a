// Static assets under content-hashed URLs: read, hashed and compressed once at start-up, served with an immutable lifetime.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { encodingFor } from './compression.ts';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

type Asset = { body: Buffer; type: string; gzip: Buffer; br: Buffer };

/** Our CSS, JS and icon, and htmx from node_modules (no CDN). */
const FILES: Record<string, { path: string; type: string }> = {
  'app.css': { path: join(here, '../../views/static/app.css'), type: 'text/css; charset=utf-8' },
  'app.js': { path: join(here, '../../views/static/app.js'), type: 'text/javascript; charset=utf-8' },
  'htmx.js': { path: require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript; charset=utf-8' },
  'favicon.svg': { path: join(here, '../../views/static/favicon.svg'), type: 'image/svg+xml' },
};

const ASSETS = new Map<string, Asset>();
/** Plain name → its URL with the content hash, e.g. app.css → /static/app.3f9a1c2b7d4e.css. */
export const ASSET_URLS: Record<string, string> = {};
/** Hashed file name → plain name. */
const HASHED = new Map<string, string>();

for (const [name, { path, type }] of Object.entries(FILES)) {
  const body = readFileSync(path);
  ASSETS.set(name, { body, type, gzip: gzipSync(body, { level: 9 }), br: brotliCompressSync(body) });
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = name.lastIndexOf('.');
  const hashed = `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
  HASHED.set(hashed, name);
  ASSET_URLS[name] = `/static/${hashed}`;
}

/**
 * GET /static/<file>. A hashed URL never changes content, so it is cached for a year; the plain name
 * still answers (bookmarks, old pages) with a short lifetime; a hash that is not the current one is 404:
 * its content is gone, and a page that asks for it is itself out of date (a reload fetches the new URLs).
 */
export function serveStatic(c: Context) {
  const requested = c.req.path.slice('/static/'.length);
  const name = HASHED.get(requested) ?? requested;
  const asset = ASSETS.get(name);
  if (!asset) return c.text('Not found', 404);
  c.header('Cache-Control', HASHED.has(requested) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
  c.header('Vary', 'Accept-Encoding');
  const encoding = encodingFor(c.req.header('Accept-Encoding'));
  if (encoding) c.header('Content-Encoding', encoding);
  const body = encoding === 'br' ? asset.br : encoding === 'gzip' ? asset.gzip : asset.body;
  return c.body(new Uint8Array(body), 200, { 'Content-Type': asset.type });
}
