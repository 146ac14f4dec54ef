import { RemoteError, kindOfStatus, networkError, parseRetryAfter, type RemoteErrorKind } from './errors';
import { parseJsonInTurns } from './json-in-turns';

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface HttpRequest {
  method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  json?: unknown;
  /** A raw body (attachment bytes) instead of JSON. */
  bytes?: { data: Uint8Array; contentType: string };
  /** How long to wait for the answer (default {@link DEFAULT_REQUEST_TIMEOUT_MS}). */
  timeoutMs?: number;
  /** Largest answer accepted by {@link requestBytes}. */
  maxBytes?: number;
}

/** How long PortDesk waits for a JSON answer unless the remote's config says otherwise. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Answers longer than this (characters) are parsed between turns of the event loop: a large listing is no single block. */
const PARSE_IN_TURNS_FROM = 256 * 1024;

/** Turns a non-2xx answer into a typed error; each adapter knows its family's error body. */
export type ErrorReader = (status: number, body: unknown) => { message: string; serverMessage?: string; charges?: number; kind?: RemoteErrorKind };

/**
 * One request with a timeout; the answer's bytes. A GET is retried once at once: a keep-alive
 * socket the server closed while idle fails the first request on it, which says nothing about
 * the network. Writes are never resent here.
 */
async function send(req: HttpRequest, accept: string): Promise<{ res: Response; data: Buffer }> {
  assertHeaderValues(req.headers);
  // Copied into a fresh ArrayBuffer-backed view: fetch's typings refuse a view over a SharedArrayBuffer.
  const body = req.bytes ? new Uint8Array(req.bytes.data) : req.json !== undefined ? JSON.stringify(req.json) : null;
  const contentType = req.bytes ? req.bytes.contentType : req.json !== undefined ? 'application/json' : undefined;
  for (let attempt = 0; ; attempt += 1) {
    // A timer of our own rather than AbortSignal.timeout, which costs 10-50 µs more a request
    // (its weak timer): a large Telnyx pull makes 20,000 GETs. Same reason, same error.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), req.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    try {
      const res = await fetch(req.url, {
        method: req.method,
        headers: { accept, ...(contentType ? { 'content-type': contentType } : {}), ...req.headers },
        body,
        signal: timeout.signal,
      });
      return { res, data: Buffer.from(await res.arrayBuffer()) };
    } catch (err) {
      if (req.method !== 'GET' || attempt >= 1) throw networkError(err);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Header values HTTP allows: visible ASCII, space, tab and obs-text; never CR, LF or NUL. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Refuse a header value HTTP cannot carry (a token stored before tokens were validated) before
 * fetch sees it: fetch's own error would quote the value, i.e. the token. Names only, never values.
 */
function assertHeaderValues(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_VALUE.test(value)) {
      throw new RemoteError({ kind: 'auth', status: 0, message: `The ${name} header holds characters HTTP cannot send (the stored token is damaged); enter the token again` });
    }
  }
}

/** A non-2xx answer as a typed error carrying the server's message. */
function failure(res: Response, data: Buffer, readError: ErrorReader): RemoteError {
  const text = data.toString('utf8');
  let body: unknown = text;
  try {
    body = text.length > 0 ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    // Not JSON (a proxy's HTML page, a plain-text error): the reader gets the text.
  }
  const info = readError(res.status, body);
  return new RemoteError({
    kind: info.kind ?? kindOfStatus(res.status),
    status: res.status,
    message: info.message,
    ...(info.serverMessage !== undefined ? { serverMessage: info.serverMessage } : {}),
    ...(info.charges !== undefined ? { charges: info.charges } : {}),
    ...(res.status === 429 ? { retryAfterMs: parseRetryAfter(res.headers.get('retry-after')) ?? 1000 } : {}),
  });
}

/**
 * One JSON request. Network faults, timeouts and unreadable bodies become transient
 * {@link RemoteError}s; non-2xx answers are classified by status with the message the adapter's
 * reader extracts from the body.
 */
export async function requestJson(req: HttpRequest, readError: ErrorReader): Promise<HttpResponse> {
  const { res, data } = await send(req, 'application/json');
  if (res.status < 200 || res.status >= 300) throw failure(res, data, readError);
  let body: unknown = undefined;
  if (data.length > 0) {
    try {
      const text = data.toString('utf8');
      body = text.length > PARSE_IN_TURNS_FROM ? await parseJsonInTurns(text) : (JSON.parse(text) as unknown);
    } catch {
      throw new RemoteError({ kind: 'transient', status: res.status, message: `Unreadable answer from ${new URL(req.url).host} (not JSON)` });
    }
  }
  return { status: res.status, headers: res.headers, body };
}

/** One request whose answer is a file (an attachment download), refused above `maxBytes`. */
export async function requestBytes(req: HttpRequest, readError: ErrorReader): Promise<Uint8Array> {
  const { res, data } = await send(req, '*/*');
  if (res.status < 200 || res.status >= 300) throw failure(res, data, readError);
  if (req.maxBytes !== undefined && data.length > req.maxBytes) {
    throw new RemoteError({ kind: 'permanent', status: res.status, message: `The file from ${new URL(req.url).host} is ${data.length} bytes, over the ${req.maxBytes}-byte limit` });
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}
