import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
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

describe('compression', () => {
  it('gzips pages when the client accepts it, and only then', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const plain = await m.request('/matrix');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const html = await plain.text();
    expect(html).toContain('<table class="matrix">');
    const zipped = await m.request('/matrix', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
    const body = await bytes(zipped);
    expect(body.length).toBeLessThan(Buffer.byteLength(html));
    expect(gunzipSync(body).toString()).toBe(html);
    const identity = await m.request('/matrix', { headers: { 'Accept-Encoding': 'identity' } });
    expect(identity.headers.get('content-encoding')).toBeNull();
  });

  it('gzips the CSV download and keeps it a download', async () => {
    await aRating(w.db, team.alice.id, team.embedding.id, { selfLevel: 3 });
    const m = await signedIn(w.app, 'manager@team.test');
    const plain = await bytes(await m.request('/matrix.csv'));
    const res = await m.request('/matrix.csv', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(await bytes(res)).equals(plain)).toBe(true);
  });

  it('leaves htmx partials and redirects working', async () => {
    const alice = await signedIn(w.app, 'alice@team.test');
    const path = `/members/${team.alice.id}/ratings/${team.embedding.id}/edit`;
    const plain = await (await alice.request(path, { htmx: true })).text();
    const res = await alice.request(path, { htmx: true, headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.status).toBe(200);
    const body = await bytes(res);
    expect(res.headers.get('content-encoding') === 'gzip' ? gunzipSync(body).toString() : body.toString()).toBe(plain);
    const redirect = await new Client(w.app).request('/matrix', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toContain('/login');
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
