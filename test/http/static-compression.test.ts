import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { compressing, MIN_COMPRESS_BYTES } from '../../src/http/compression.ts';
import { listen } from '../../src/http/listen.ts';
import { aRating, aTeam, Client, freshWorld, signedIn, type World } from '../helpers.ts';

let w: World;
let team: Awaited<ReturnType<typeof aTeam>>;
beforeEach(async () => {
  w = await freshWorld();
  team = await aTeam(w.db);
});
afterEach(() => w.cleanup());

const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());
/** The asset URLs the page's head links to. */
const assetUrls = (html: string) => [...html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1]);

/** A raw HTTP exchange with the real server (fetch would decode the body): status, headers, the bytes as sent. */
function raw(url: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url + path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The app behind the server of `npm start` (src/http/listen.ts) on a free port. */
async function served(app: { fetch: Parameters<typeof listen>[0] }) {
  const server = listen(app.fetch, 0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const decoded = (res: { headers: IncomingHttpHeaders; body: Buffer }) =>
  (res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.body) : res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.body) : res.body).toString();

describe('compression (where the server writes the answer)', () => {
  let server: Server;
  let url: string;
  let cookie: string;
  beforeEach(async () => {
    ({ server, url } = await served(w.app));
    cookie = (await signedIn(w.app, 'manager@team.test')).cookie;
  });
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  it('sends pages brotli or gzip compressed when the client takes it, and only then', async () => {
    const plain = await raw(url, '/matrix', { cookie });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const html = plain.body.toString();
    expect(html).toContain('<table class="matrix">');
    for (const [accept, encoding] of [['gzip, deflate, br', 'br'], ['gzip', 'gzip'], ['br;q=0, gzip', 'gzip'], ['identity', undefined], ['gzip;q=0', undefined]] as const) {
      const res = await raw(url, '/matrix', { cookie, 'accept-encoding': accept });
      expect(res.status, accept).toBe(200);
      expect(res.headers['content-encoding'], accept).toBe(encoding);
      expect(decoded(res), accept).toBe(html);
      if (!encoding) continue;
      expect(res.body.length).toBeLessThan(Buffer.byteLength(html) / 2);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      // The matrix's own Vary stays, extended by Accept-Encoding; the page's other headers are kept.
      expect(res.headers.vary).toMatch(/HX-Request/);
      expect(res.headers.vary).toMatch(/Accept-Encoding/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toBeTruthy();
    }
  });

  it('compresses every page however its route renders it (a view in the layout, a kept page, a partial)', async () => {
    // /members/:id and /work go through page() with a view, /matrix through its kept rows; the matrix's htmx
    // results are a partial sent with c.html(). A view's markup that reached the adapter as anything but one
    // string would be streamed, and a streamed answer goes out uncompressed.
    for (const [path, headers] of [[`/members/${team.alice.id}`, {}], ['/work', {}], ['/members', {}], ['/matrix?q=a', { 'hx-request': 'true' }]] as const) {
      const plain = await raw(url, path, { cookie, ...headers });
      expect(plain.status, path).toBe(200);
      expect(plain.body.length, path).toBeGreaterThanOrEqual(MIN_COMPRESS_BYTES);
      const res = await raw(url, path, { cookie, ...headers, 'accept-encoding': 'gzip, br' });
      expect(res.headers['content-encoding'], path).toBe('br');
      expect(Number(res.headers['content-length']), path).toBe(res.body.length);
      expect(decoded(res), path).toBe(plain.body.toString());
    }
  });

  it('compresses the CSV download and keeps it a download', async () => {
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 3 });
    const plain = await raw(url, '/matrix.csv', { cookie });
    const res = await raw(url, '/matrix.csv', { cookie, 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    if (plain.body.length >= MIN_COMPRESS_BYTES) expect(res.headers['content-encoding']).toBe('gzip');
    expect(decoded(res)).toBe(plain.body.toString());
  });

  it('leaves htmx partials, small answers, HEAD and redirects working', async () => {
    const alice = (await signedIn(w.app, 'alice@team.test')).cookie;
    const path = `/members/${team.alice.id}/ratings/${team.embedding.id}/edit`;
    const plain = await raw(url, path, { cookie: alice, 'hx-request': 'true' });
    const res = await raw(url, path, { cookie: alice, 'hx-request': 'true', 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(decoded(res)).toBe(plain.body.toString());
    const small = await raw(url, '/healthz', { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toEqual({ status: 'ok' });
    const head = await raw(url, '/matrix', { cookie, 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBeUndefined();
    expect(head.body.length).toBe(0);
    const redirect = await raw(url, '/matrix', { 'accept-encoding': 'gzip' });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.location).toContain('/login');
  });

  it('sends the precompressed static assets as they are (not compressed twice)', async () => {
    const css = assetUrls((await raw(url, '/', { cookie })).body.toString()).find((u) => u.endsWith('.css'))!;
    const plain = await raw(url, css);
    const br = await raw(url, css, { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(plain.body.toString());
  });
});

describe('compressing() on any Node listener', () => {
  const withListener = async (listener: RequestListener) => {
    const server = createServer(compressing(listener));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };

  it('sends a streamed answer as it is, with its head, and keeps a status message', async () => {
    const { server, url } = await withListener((req, res) => {
      if (req.url === '/stream') {
        res.writeHead(201, { 'content-type': 'text/plain', 'x-kept': 'yes' });
        res.flushHeaders();
        res.write('a'.repeat(5000));
        res.end('b');
      } else {
        res.writeHead(418, 'Short and stout', { 'content-type': 'text/plain' });
        res.end('c'.repeat(5000));
      }
    });
    try {
      const stream = await raw(url, '/stream', { 'accept-encoding': 'gzip' });
      expect(stream.status).toBe(201);
      expect(stream.headers['x-kept']).toBe('yes');
      expect(stream.headers['content-encoding']).toBeUndefined();
      expect(stream.body.toString()).toBe('a'.repeat(5000) + 'b');
      const teapot = await raw(url, '/teapot', { 'accept-encoding': 'gzip' });
      expect(teapot.status).toBe(418);
      expect(teapot.body.toString()).toBe('c'.repeat(5000));
    } finally {
      server.close();
    }
  });

  it('compresses only text-like types, never twice, and honours no-transform', async () => {
    const { server, url } = await withListener((req, res) => {
      const body = Buffer.from('x'.repeat(4000));
      const types: Record<string, Record<string, string>> = {
        '/json': { 'content-type': 'application/json' },
        '/svg': { 'content-type': 'image/svg+xml' },
        '/png': { 'content-type': 'image/png' },
        '/zipped': { 'content-type': 'text/plain', 'content-encoding': 'gzip' },
        '/no-transform': { 'content-type': 'text/plain', 'cache-control': 'no-transform' },
      };
      res.writeHead(200, types[req.url!]);
      res.end(req.url === '/zipped' ? gzipSync(body) : body);
    });
    try {
      const enc = async (path: string) => (await raw(url, path, { 'accept-encoding': 'gzip' })).headers['content-encoding'];
      expect(await enc('/json')).toBe('gzip');
      expect(await enc('/svg')).toBe('gzip');
      expect(await enc('/png')).toBeUndefined();
      expect(await enc('/no-transform')).toBeUndefined();
      const zipped = await raw(url, '/zipped', { 'accept-encoding': 'gzip' });
      expect(gunzipSync(zipped.body).toString()).toBe('x'.repeat(4000));
    } finally {
      server.close();
    }
  });
});

describe('static assets', () => {
  it('are linked under content-hashed URLs, cached for good and served precompressed', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const urls = assetUrls(await (await m.get('/')).text());
    expect(urls).toHaveLength(4);
    for (const url of urls) expect(url).toMatch(/^\/static\/(app|htmx|favicon)\.[0-9a-f]{12}\.(css|js|svg)$/);
    const css = urls.find((u) => u.endsWith('.css'))!;
    const plain = await new Client(w.app).get(css);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toMatch(/^text\/css/);
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const text = await plain.text();
    expect(text).toBe(await (await new Client(w.app).get('/static/app.css')).text());
    const br = await new Client(w.app).request(css, { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(await bytes(br)).toString()).toBe(text);
    const gz = await new Client(w.app).request(css, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(await bytes(gz)).toString()).toBe(text);
  });

  it('keep the favicon: hashed in the page, under its plain name, and /favicon.ico', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const icon = assetUrls(await (await m.get('/')).text()).find((u) => u.endsWith('.svg'))!;
    const hashed = await new Client(w.app).get(icon);
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('content-type')).toContain('image/svg+xml');
    expect(hashed.headers.get('cache-control')).toContain('immutable');
    expect(await hashed.text()).toContain('<svg');
    expect((await new Client(w.app).get('/static/favicon.svg')).status).toBe(200);
    const ico = await new Client(w.app).get('/favicon.ico');
    expect(ico.headers.get('location')).toBe('/static/favicon.svg');
  });

  it('answer an unknown or old hash with 404, and the plain name with a short lifetime', async () => {
    expect((await new Client(w.app).get('/static/app.000000000000.css')).status).toBe(404);
    expect((await new Client(w.app).get('/static/nothing.js')).status).toBe(404);
    const plain = await new Client(w.app).get('/static/app.js');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('cache-control')).toBe('public, max-age=3600');
  });
});
