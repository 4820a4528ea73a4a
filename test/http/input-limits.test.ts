// Input limits: body sizes before parsing, echoed values capped, invalid UTF-8 refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { areas } from '../../src/db/schema/index.ts';
import { aTeam, Client, freshWorld, ORIGIN, signedIn, type World } from '../helpers.ts';

let w: World;
beforeEach(async () => {
  w = await freshWorld();
  await aTeam(w.db);
});
afterEach(() => w.cleanup());

/** A body of `total` bytes produced on demand, counting how much the app actually read. */
function countingBody(total: number) {
  const chunk = new TextEncoder().encode('email=' + 'a'.repeat(64 * 1024 - 6));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(ctrl) {
      if (sent >= total) return ctrl.close();
      sent += chunk.length;
      ctrl.enqueue(chunk);
    },
  });
  return { stream, read: () => sent };
}

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}, cookie = '') =>
  w.app.request(ORIGIN + path, {
    method: 'POST',
    headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}), ...headers },
    body,
    duplex: 'half',
  } as RequestInit);

describe('body size limits', () => {
  it('refuses a 60 MB anonymous sign-in with 413 without reading it whole', async () => {
    const body = countingBody(60 * 1024 * 1024);
    const res = await post('/login', body.stream);
    expect(res.status).toBe(413);
    const html = await res.text();
    expect(html).toContain('too large');
    expect(body.read()).toBeLessThan(1024 * 1024);
    // A declared length over the limit is refused before a byte is read.
    const declared = countingBody(60 * 1024 * 1024);
    const res2 = await post('/login', declared.stream, { 'Content-Length': String(60 * 1024 * 1024) });
    expect(res2.status).toBe(413);
    expect(declared.read()).toBeLessThanOrEqual(64 * 1024);
  });

  it('refuses a 12 MB comment with 413 and never echoes more than a field’s maximum back', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const huge = await post('/areas', new URLSearchParams({ name: 'x'.repeat(12 * 1024 * 1024) }), {}, m.cookie);
    expect(huge.status).toBe(413);
    expect((await huge.text()).length).toBeLessThan(20_000);
    // Within the limit but over the field's maximum (80): the 422 page keeps at most 80 characters of it.
    const long = await m.post('/areas', { name: 'y'.repeat(50_000), targetLevel: '3', minExperts: '2' });
    expect(long.status).toBe(422);
    const html = await long.text();
    expect(html).toContain('y'.repeat(80));
    expect(html).not.toContain('y'.repeat(81));
    expect(await w.db.select().from(areas)).toHaveLength(2);
  });

  it('re-renders a form posted with prototype-named fields without tripping over them', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const res = await post('/areas', 'name=&__proto__=x&constructor=y&toString=z', {}, m.cookie);
    expect(res.status).toBe(422);
  });

  it('keeps the large limit on the CSV import routes only', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const data = new FormData();
    data.append('file', new File(['name,email\n' + 'x'.repeat(200_000)], 'big.csv', { type: 'text/csv' }));
    const upload = await m.request('/matrix/import', { method: 'POST', body: data });
    expect(upload.status).not.toBe(413);
    const confirm = await m.post('/matrix/import/confirm', { stamp: 'f'.repeat(64), changes: '['.repeat(300_000) });
    expect(confirm.status).not.toBe(413);
    const elsewhere = await m.post('/areas', { name: 'z', description: 'd'.repeat(200_000), targetLevel: '3', minExperts: '2' });
    expect(elsewhere.status).toBe(413);
  });
});

describe('invalid UTF-8', () => {
  const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

  it('refuses percent-encoded and raw invalid UTF-8 in a form with 400 and stores nothing', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    for (const body of [
      'name=%FF%FEbad&targetLevel=3&minExperts=2',
      'name=caf%C3&targetLevel=3&minExperts=2',
      'name=%ED%A0%80&targetLevel=3&minExperts=2', // an encoded surrogate
      bytes('name=', [0xc3, 0x28], '&targetLevel=3&minExperts=2'),
      bytes('name=ok&targetLevel=3&minExperts=2&', [0xff], '=x'),
    ]) {
      const res = await post('/areas', body, {}, m.cookie);
      expect(res.status, String(body)).toBe(400);
      expect(await res.text()).toContain('not valid UTF-8');
    }
    expect(await w.db.select().from(areas)).toHaveLength(2);
  });

  it('refuses invalid UTF-8 in a multipart text field, but leaves files to their route', async () => {
    const m = await signedIn(w.app, 'manager@team.test');
    const multipart = (name: Buffer) =>
      bytes('--b\r\nContent-Disposition: form-data; name="name"\r\n\r\n', [...name], '\r\n--b\r\nContent-Disposition: form-data; name="targetLevel"\r\n\r\n3\r\n--b\r\nContent-Disposition: form-data; name="minExperts"\r\n\r\n2\r\n--b--\r\n');
    const bad = await post('/areas', multipart(Buffer.from([0x41, 0xff, 0x42])), { 'Content-Type': 'multipart/form-data; boundary=b' }, m.cookie);
    expect(bad.status).toBe(400);
    const good = await post('/areas', multipart(Buffer.from('대화 생성')), { 'Content-Type': 'multipart/form-data; boundary=b' }, m.cookie);
    expect(good.status).toBe(303);
    const latin1 = new FormData();
    latin1.append('file', new File([Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xe9])], 'latin1.csv', { type: 'text/csv' }));
    const csv = await m.request('/matrix/import', { method: 'POST', body: latin1 });
    expect(csv.status).toBe(422);
    expect(await csv.text()).toContain('not UTF-8');
  });

  it('accepts Hangul, emoji and encoded plus signs', async () => {
    const m = await new Client(w.app).login('manager@team.test');
    const res = await post('/areas', `name=${encodeURIComponent('대화 생성 😀 a+b')}+x&targetLevel=3&minExperts=2`, {}, m.cookie);
    expect(res.status).toBe(303);
    expect((await w.db.select().from(areas)).map((a) => a.name)).toContain('대화 생성 😀 a+b x');
  });
});
