import { createHash } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { rootCertificates } from 'node:tls';
import { promisify } from 'node:util';
import { brotliDecompress, constants as zlib, gunzip, inflate, inflateRaw, type BrotliOptions, type ZlibOptions } from 'node:zlib';
import { CONNECT_TIMEOUT, RemoteError, kindOfStatus, networkError, parseRetryAfter, type RemoteErrorKind } from './errors';
import { parseJsonInTurns } from './json-in-turns';
import { Turns } from './turns';

/** An answer's headers by name, in any case. */
export interface HttpHeaders {
  get(name: string): string | null;
}

export interface HttpResponse {
  status: number;
  headers: HttpHeaders;
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
  /** PEM certificates trusted beside Node's own list (the remote's private authority), redirects included. */
  trustedCa?: readonly string[];
}

/** How long PortDesk waits for a JSON answer unless the remote's config says otherwise. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Answers longer than this (bytes) are decoded and parsed between turns of the event loop: a large listing is no single block. */
const PARSE_IN_TURNS_FROM = 256 * 1024;

/** How long a new connection (TCP, then TLS) may take: undici's default, which fetch used before. */
const CONNECT_TIMEOUT_MS = 10_000;
/** fetch's limit ("redirect count exceeded"). */
const MAX_REDIRECTS = 20;
/** An idle keep-alive socket is closed after this, or sooner when the server's Keep-Alive hint says so (undici's default). */
const IDLE_SOCKET_MS = 4_000;

/**
 * node:http with keep-alive sockets rather than fetch: a large Telnyx pull makes 20,000 small
 * GETs, and fetch's machinery (streams, Request/Response/Headers objects, the signal) cost about
 * four times the CPU and garbage of a plain request (docs/sync.md). Everything fetch did that
 * PortDesk relies on is kept: redirects, compressed answers, its timeout error.
 */
const HTTP_AGENT = new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
const PUBLIC_HTTPS_AGENT = new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS });

/**
 * One keep-alive agent per distinct set of trusted certificates (by a hash of them): a socket
 * checked against one remote's authority is never reused for another's requests, and public
 * servers still verify (Node's roots come first). A set is usually one remote's, so the map holds
 * a few agents; the array a remote's config hands every request is looked up without hashing.
 */
const TRUSTING_AGENTS = new Map<string, HttpsAgent>();
const AGENT_OF_CONFIG = new WeakMap<readonly string[], HttpsAgent>();

function httpsAgent(trustedCa: readonly string[] | undefined): HttpsAgent {
  if (!trustedCa || trustedCa.length === 0) return PUBLIC_HTTPS_AGENT;
  let agent = AGENT_OF_CONFIG.get(trustedCa);
  if (agent) return agent;
  const key = createHash('sha256').update(trustedCa.join('\n')).digest('hex');
  agent = TRUSTING_AGENTS.get(key);
  if (!agent) {
    agent = new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS, ca: [...rootCertificates, ...trustedCa] });
    TRUSTING_AGENTS.set(key, agent);
  }
  AGENT_OF_CONFIG.set(trustedCa, agent);
  return agent;
}

/** What fetch sent besides the caller's headers (and its accept-encoding, see exchange): servers and proxies see the same requests as before. */
const FETCH_HEADERS = { 'user-agent': 'node' };

/** Turns a non-2xx answer into a typed error; each adapter knows its family's error body. */
export type ErrorReader = (status: number, body: unknown) => { message: string; serverMessage?: string; charges?: number; kind?: RemoteErrorKind };

interface Answer {
  status: number;
  headers: HttpHeaders;
  data: Buffer;
}

interface Sending {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Uint8Array | null;
  maxBytes: number | undefined;
  /** For an https URL (the first or one redirected to). */
  httpsAgent: HttpsAgent;
}

/**
 * One request with a timeout; the answer's bytes. A GET is retried once at once: a keep-alive
 * socket the server closed while idle fails the first request on it, which says nothing about
 * the network. Writes are never resent here.
 */
async function send(req: HttpRequest, accept: string): Promise<Answer> {
  assertHeaderValues(req.headers);
  const body = req.bytes ? req.bytes.data : req.json !== undefined ? Buffer.from(JSON.stringify(req.json)) : null;
  const contentType = req.bytes ? req.bytes.contentType : req.json !== undefined ? 'application/json' : undefined;
  const headers = { ...FETCH_HEADERS, accept, ...(contentType ? { 'content-type': contentType } : {}), ...req.headers };
  for (let attempt = 0; ; attempt += 1) {
    const deadline = new Deadline(req.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
    try {
      return await following({ method: req.method, url: new URL(req.url), headers, body, maxBytes: req.maxBytes, httpsAgent: httpsAgent(req.trustedCa) }, deadline);
    } catch (err) {
      if (err instanceof RemoteError) throw err;
      if (req.method !== 'GET' || attempt >= 1) throw networkError(err);
    } finally {
      deadline.clear();
    }
  }
}

/** fetch's redirect rules: up to 20 hops; a 303, or a 301/302 to a POST, goes on as a GET without its body. */
async function following(first: Sending, deadline: Deadline): Promise<Answer> {
  let sending = first;
  for (let hops = 0; ; hops += 1) {
    let answer: Answer;
    try {
      answer = await exchange(sending, deadline);
    } catch (err) {
      // A redirect means the first request left: no failure after it may read as "nothing was sent" (its code).
      if (hops === 0 || err instanceof RemoteError) throw err;
      throw new Error(`after a redirect to ${sending.url.host}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const location = REDIRECTS.has(answer.status) ? answer.headers.get('location') : null;
    if (location === null) return answer;
    if (hops >= MAX_REDIRECTS) throw new Error('redirect count exceeded');
    const url = new URL(location, sending.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('URL scheme must be a HTTP(S) scheme');
    const asGet = answer.status === 303 ? sending.method !== 'GET' : (answer.status === 301 || answer.status === 302) && sending.method === 'POST';
    sending = asGet ? { ...sending, url, method: 'GET', body: null, headers: withoutBodyHeaders(sending.headers) } : { ...sending, url };
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  const out = { ...headers };
  for (const name of ['content-type', 'content-encoding', 'content-language', 'content-location']) delete out[name];
  return out;
}

/**
 * The timer of one attempt, redirects and body included: whatever is in flight when it fires
 * fails with the error fetch gave on `AbortSignal.timeout`. A timer of our own rather than a
 * signal, which costs 10-50 µs more a request.
 */
class Deadline {
  private readonly timer: NodeJS.Timeout;
  private expired: Error | null = null;
  private onExpiry: ((err: Error) => void) | null = null;

  constructor(ms: number) {
    this.timer = setTimeout(() => {
      this.expired = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      this.onExpiry?.(this.expired);
    }, ms);
  }

  /** What to stop when the time is up: the exchange in flight, or at once if it is up already (between redirects). */
  watch(onExpiry: (err: Error) => void): void {
    this.onExpiry = onExpiry;
    if (this.expired) onExpiry(this.expired);
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}

/** A new connection that was not made in time: nothing of the request left (errors.ts sorts it by its code). */
function connectTimeout(url: URL): Error {
  return Object.assign(new Error(`connect timeout (${url.host})`), { code: CONNECT_TIMEOUT });
}

/** One request and its whole answer, decoded; the deadline or the size cap stops it where it is. */
function exchange(sending: Sending, deadline: Deadline): Promise<Answer> {
  const { url, maxBytes } = sending;
  return new Promise<Answer>((resolve, reject) => {
    const tls = url.protocol === 'https:';
    let res: IncomingMessage | undefined;
    let connecting: NodeJS.Timeout | undefined;
    let settled = false;
    const settle = (err: Error | null, answer?: Answer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connecting);
      if (err) {
        req.destroy(err);
        res?.destroy();
        reject(err);
      } else resolve(answer as Answer);
    };
    const headers = {
      // fetch's choice: brotli over TLS only.
      'accept-encoding': tls ? 'br, gzip, deflate' : 'gzip, deflate',
      ...sending.headers,
      ...(sending.body ? { 'content-length': String(sending.body.byteLength) } : {}),
    };
    const req: ClientRequest = (tls ? httpsRequest : httpRequest)(url, { method: sending.method, headers, agent: tls ? sending.httpsAgent : HTTP_AGENT });
    // Until a socket is connected (TCP, then TLS for https) nothing of the request has left: a
    // timeout then says so, whichever timer fires.
    let connected = false;
    deadline.watch((err) => settle(connected ? err : connectTimeout(url)));
    req.on('error', (err) => settle(err));
    req.on('socket', (socket: Socket) => {
      // A reused keep-alive socket is connected already; a new one gets undici's connect timeout.
      connected = !socket.connecting;
      if (connected) return;
      connecting = setTimeout(() => settle(connectTimeout(url)), CONNECT_TIMEOUT_MS);
      socket.once(tls ? 'secureConnect' : 'connect', () => {
        connected = true;
        clearTimeout(connecting);
      });
    });
    req.on('response', (answer: IncomingMessage) => {
      res = answer;
      const encoding = answer.headers['content-encoding'];
      // The cap is on the file as decoded (decode's own); a compressed file is never twice its size.
      const rawCap = maxBytes === undefined ? Infinity : encoding ? 2 * maxBytes : maxBytes;
      const chunks: Buffer[] = [];
      let size = 0;
      answer.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > rawCap) settle(tooLarge(url, maxBytes ?? 0));
        else chunks.push(chunk);
      });
      answer.on('error', (err) => settle(err));
      answer.on('close', () => {
        if (!answer.complete) settle(Object.assign(new Error('the connection closed before the whole answer came'), { code: 'ECONNRESET' }));
      });
      answer.on('end', () => {
        decode(Buffer.concat(chunks, size), encoding, maxBytes).then(
          (data) => settle(null, { status: answer.statusCode ?? 0, headers: headersOf(answer.headers), data }),
          (err: unknown) => settle(isTooLarge(err) ? tooLarge(url, maxBytes ?? 0) : err instanceof Error ? err : new Error(String(err))),
        );
      });
    });
    req.end(sending.body ?? undefined);
  });
}

function headersOf(headers: IncomingHttpHeaders): HttpHeaders {
  return {
    get: (name) => {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

function tooLarge(url: URL, maxBytes: number): RemoteError {
  return new RemoteError({ kind: 'permanent', status: 0, message: `The file from ${url.host} is over the ${maxBytes}-byte limit` });
}

const isTooLarge = (err: unknown): boolean => err instanceof RangeError && (err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';

const gunzipAsync = promisify<Buffer, ZlibOptions, Buffer>(gunzip);
const inflateAsync = promisify<Buffer, ZlibOptions, Buffer>(inflate);
const inflateRawAsync = promisify<Buffer, ZlibOptions, Buffer>(inflateRaw);
const brotliAsync = promisify<Buffer, BrotliOptions, Buffer>(brotliDecompress);

/**
 * An answer's bytes as fetch gave them: a gzip, deflate (zlib-wrapped or raw) or brotli coding is
 * undone, last applied first, a truncated stream read as far as it goes; any other coding leaves
 * the bytes as they came. Off the event loop (zlib's thread pool), capped at `maxBytes` decoded.
 */
async function decode(data: Buffer, encoding: string | undefined, maxBytes: number | undefined): Promise<Buffer> {
  if (!encoding || data.length === 0) return data;
  const codings = encoding.toLowerCase().split(',').map((c) => c.trim());
  if (!codings.every((c) => CODINGS.has(c))) return data;
  const cap = maxBytes !== undefined ? { maxOutputLength: maxBytes } : {};
  const zlibOpts: ZlibOptions = { flush: zlib.Z_SYNC_FLUSH, finishFlush: zlib.Z_SYNC_FLUSH, ...cap };
  let out = data;
  for (const coding of codings.reverse()) {
    if (coding === 'gzip' || coding === 'x-gzip') out = await gunzipAsync(out, zlibOpts);
    // A zlib header's first byte names method 8 (deflate) in its low bits; servers also send raw deflate.
    else if (coding === 'deflate') out = await (((out[0] ?? 0) & 0x0f) === 0x08 ? inflateAsync(out, zlibOpts) : inflateRawAsync(out, zlibOpts));
    else if (coding === 'br') out = await brotliAsync(out, { flush: zlib.BROTLI_OPERATION_FLUSH, finishFlush: zlib.BROTLI_OPERATION_FLUSH, ...cap });
  }
  return out;
}

const CODINGS = new Set(['gzip', 'x-gzip', 'deflate', 'br', 'identity']);

/** Header values HTTP allows: visible ASCII, space, tab and obs-text; never CR, LF or NUL. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Refuse a header value HTTP cannot carry (a token stored before tokens were validated) before
 * the client sees it: an HTTP client's own error may quote the value, i.e. the token. Names only, never values.
 */
function assertHeaderValues(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_VALUE.test(value)) {
      throw new RemoteError({ kind: 'auth', status: 0, message: `The ${name} header holds characters HTTP cannot send (the stored token is damaged); enter the token again` });
    }
  }
}

/** A non-2xx answer as a typed error carrying the server's message. */
function failure(res: Answer, readError: ErrorReader): RemoteError {
  const text = res.data.toString('utf8');
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
  const res = await send(req, 'application/json');
  if (res.status < 200 || res.status >= 300) throw failure(res, readError);
  let body: unknown = undefined;
  if (res.data.length > 0) {
    try {
      body = res.data.length > PARSE_IN_TURNS_FROM ? await decodeJsonInTurns(res.data) : (JSON.parse(res.data.toString('utf8')) as unknown);
    } catch {
      throw new RemoteError({ kind: 'transient', status: res.status, message: `Unreadable answer from ${new URL(req.url).host} (not JSON)` });
    }
  }
  return { status: res.status, headers: res.headers, body };
}

/**
 * A large answer's JSON, decoded and parsed in slices of their own: the turn that received its
 * last bytes also joined them (a 5 MB Kazoo listing: ~25 ms), and decoding then parsing in that
 * same turn held the event loop ~90 ms, the longest block of a 10,000-port pull.
 */
async function decodeJsonInTurns(data: Buffer): Promise<unknown> {
  const turns = new Turns();
  await turns.nextAfterIo();
  return parseJsonInTurns(data.toString('utf8'), turns);
}

/** One request whose answer is a file (an attachment download), refused once it passes `maxBytes`. */
export async function requestBytes(req: HttpRequest, readError: ErrorReader): Promise<Uint8Array> {
  const res = await send(req, '*/*');
  if (res.status < 200 || res.status >= 300) throw failure(res, readError);
  return new Uint8Array(res.data.buffer, res.data.byteOffset, res.data.length);
}
