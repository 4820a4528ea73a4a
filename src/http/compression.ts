// Responses compressed where they are written to the socket, not inside the app.
//
// The app answers with a string or bytes; @hono/node-server writes those straight to the socket. Compressing
// inside the app (Hono's `compress()`) turned every page into a web stream first: the string was converted
// and copied into a Response body, piped through a CompressionStream and read back chunk by chunk — at 16
// connections about a sixth of the server's time went into that plumbing. Here the finished body is taken
// as it is handed to `end()`, compressed in one call on libuv's thread pool (off the JavaScript thread) and
// written with its length. A streamed answer (`write()` before `end()`) goes out as it is. README, Design:
// compression.
import type { IncomingMessage, OutgoingHttpHeaders, RequestListener, ServerResponse } from 'node:http';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** Smaller bodies are sent as they are: the headers would cost more than compressing saves (Hono's threshold too). */
export const MIN_COMPRESS_BYTES = 1024;

/** Brotli quality 4: faster than gzip's default level and about a third smaller on our pages. */
const BROTLI_QUALITY = 4;

const COMPRESSIBLE = /^\s*(?:text\/(?!event-stream)[^;\s]+|application\/(?:json|javascript|xml|[^;\s]+\+(?:json|xml))|image\/svg\+xml)\s*(?:;|$)/i;

export type Encoding = 'br' | 'gzip';

/** An encoding named in Accept-Encoding without `q=0`. */
const taken = (enc: string) => new RegExp(`(?:^|,)\\s*${enc}\\s*(?:;\\s*q=(?!0(?:\\.0*)?\\s*(?:,|$))[\\d.]+\\s*)?(?:,|$)`, 'i');
const TAKES_BR = taken('br');
const TAKES_GZIP = taken('gzip');

/** Brotli, then gzip, when the client takes them (`q=0` refuses one). */
export function encodingFor(accept: string | undefined): Encoding | null {
  if (!accept) return null;
  return TAKES_BR.test(accept) ? 'br' : TAKES_GZIP.test(accept) ? 'gzip' : null;
}

/** The header's value whatever the case of its name (node-server writes `Content-Length` and lower-case names). */
function header(headers: OutgoingHttpHeaders, name: string): OutgoingHttpHeaders[string] {
  for (const key in headers) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}

function compressible(status: number, headers: OutgoingHttpHeaders): boolean {
  if (status < 200 || status === 204 || status === 206 || status === 304) return false;
  if (header(headers, 'content-encoding') !== undefined) return false;
  if (/no-transform/i.test(String(header(headers, 'cache-control') ?? ''))) return false;
  return COMPRESSIBLE.test(String(header(headers, 'content-type') ?? ''));
}

/** The headers of the compressed answer: its encoding and length, and Vary extended by Accept-Encoding. */
function compressedHeaders(headers: OutgoingHttpHeaders, encoding: Encoding, length: number): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  let vary = '';
  for (const key in headers) {
    const lower = key.toLowerCase();
    if (lower === 'content-length') continue;
    if (lower === 'vary') vary = String(headers[key]);
    else out[key] = headers[key];
  }
  out['content-encoding'] = encoding;
  out['content-length'] = length;
  out['vary'] = /accept-encoding|\*/i.test(vary) ? vary : vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding';
  return out;
}

function compress(body: Buffer, encoding: Encoding, done: (err: Error | null, out: Buffer) => void): void {
  if (encoding === 'br') {
    brotliCompress(body, { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }, done);
  } else {
    gzip(body, done);
  }
}

type WriteHead = ServerResponse['writeHead'];
type End = ServerResponse['end'];
type Write = ServerResponse['write'];

/**
 * Holds back the head of a compressible answer until its body arrives at `end()`, then writes both
 * compressed. The methods are own properties of this one response; removing them restores Node's.
 */
function compressOnEnd(res: ServerResponse, encoding: Encoding): void {
  const { writeHead, write, end } = res;
  let held: { status: number; headers: OutgoingHttpHeaders } | null = null;
  const restore = () => {
    delete (res as Partial<ServerResponse>).writeHead;
    delete (res as Partial<ServerResponse>).write;
    delete (res as Partial<ServerResponse>).end;
  };
  const release = () => {
    restore();
    if (held) writeHead.call(res, held.status, held.headers);
    held = null;
  };
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    // Called again while a head is held: Node's flushHeaders() (a streamed answer) writing its implicit head.
    if (held) {
      release();
      return res;
    }
    const headers = rest.length === 1 && typeof rest[0] === 'object' && rest[0] !== null && !Array.isArray(rest[0]) ? (rest[0] as OutgoingHttpHeaders) : null;
    if (!headers || !compressible(status, headers)) {
      restore();
      return (writeHead as (...a: unknown[]) => ServerResponse).call(res, status, ...rest);
    }
    held = { status, headers };
    return res;
  } as WriteHead;
  res.write = function (this: ServerResponse, ...args: unknown[]) {
    release();
    return (write as (...a: unknown[]) => boolean).apply(res, args);
  } as Write;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    const [body] = args;
    const bytes = typeof body === 'string' ? Buffer.from(body) : body instanceof Uint8Array ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : null;
    if (!held || !bytes || bytes.length < MIN_COMPRESS_BYTES || args.length > 1) {
      release();
      return (end as (...a: unknown[]) => ServerResponse).apply(res, args);
    }
    const { status, headers } = held;
    held = null;
    restore();
    compress(bytes, encoding, (err, out) => {
      if (err) {
        writeHead.call(res, status, headers);
        res.end(bytes);
        return;
      }
      writeHead.call(res, status, compressedHeaders(headers, encoding, out.length));
      res.end(out);
    });
    return res;
  } as End;
}

/** Wraps a Node request listener so that answers the client can take compressed are sent compressed. */
export function compressing(listener: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const encoding = req.method === 'HEAD' ? null : encodingFor(req.headers['accept-encoding']);
    if (encoding) compressOnEnd(res, encoding);
    listener(req, res);
  };
}
