import { RemoteError, kindOfStatus, networkError, parseRetryAfter, type RemoteErrorKind } from './errors';

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
  timeoutMs?: number;
}

/** Turns a non-2xx answer into a typed error; each adapter knows its family's error body. */
export type ErrorReader = (status: number, body: unknown) => { message: string; serverMessage?: string; charges?: number; kind?: RemoteErrorKind };

/**
 * One JSON request with a timeout. Network faults, timeouts and unreadable bodies become
 * transient {@link RemoteError}s; non-2xx answers are classified by status with the message the
 * adapter's reader extracts from the body.
 */
export async function requestJson(req: HttpRequest, readError: ErrorReader): Promise<HttpResponse> {
  let res: Response | undefined;
  let text = '';
  // A GET is retried once at once: a keep-alive socket the server closed while idle fails the
  // first request on it, which says nothing about the network. Writes are never resent here.
  for (let attempt = 0; res === undefined; attempt += 1) {
    try {
      const r = await fetch(req.url, {
        method: req.method,
        headers: { accept: 'application/json', ...(req.json !== undefined ? { 'content-type': 'application/json' } : {}), ...req.headers },
        body: req.json !== undefined ? JSON.stringify(req.json) : null,
        signal: AbortSignal.timeout(req.timeoutMs ?? 30_000),
      });
      text = await r.text();
      res = r;
    } catch (err) {
      if (req.method !== 'GET' || attempt >= 1) throw networkError(err);
    }
  }
  let body: unknown = undefined;
  if (text.length > 0) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      if (res.ok) throw new RemoteError({ kind: 'transient', status: res.status, message: `Unreadable answer from ${new URL(req.url).host} (not JSON)` });
      body = text;
    }
  }
  if (res.status >= 200 && res.status < 300) return { status: res.status, headers: res.headers, body };
  const info = readError(res.status, body);
  throw new RemoteError({
    kind: info.kind ?? kindOfStatus(res.status),
    status: res.status,
    message: info.message,
    ...(info.serverMessage !== undefined ? { serverMessage: info.serverMessage } : {}),
    ...(info.charges !== undefined ? { charges: info.charges } : {}),
    ...(res.status === 429 ? { retryAfterMs: parseRetryAfter(res.headers.get('retry-after')) ?? 1000 } : {}),
  });
}
