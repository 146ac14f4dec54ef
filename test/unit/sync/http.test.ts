import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, Server as HttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { RemoteError } from '../../../src/main/sync/errors';
import { requestBytes, requestJson, type HttpRequest } from '../../../src/main/sync/http';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Which connection it came on (1 = the first the server accepted). */
  connection: number;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A local server answering with `answer`, and every request it read, in order. */
async function serve(answer: (req: Seen, res: ServerResponse, n: number) => void, server: Server | HttpsServer = createServer()): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  let connections = 0;
  // Over TLS, requests come on the TLS socket, not the TCP one 'connection' announces.
  server.on(server instanceof HttpsServer ? 'secureConnection' : 'connection', (socket: Socket) => {
    connections += 1;
    (socket as { n?: number }).n = connections;
  });
  const onRequest: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString(), connection: (req.socket as { n?: number }).n ?? 0 };
      seen.push(s);
      answer(s, res, seen.length);
    });
  };
  server.on('request', onRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  }));
  const { port } = server.address() as AddressInfo;
  return { url: `${server instanceof HttpsServer ? 'https' : 'http'}://127.0.0.1:${port}`, seen };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const readError = (status: number, body: unknown): { message: string } => ({ message: typeof body === 'object' && body && 'message' in body ? String(body.message) : `HTTP ${status}` });

async function fails(p: Promise<unknown>): Promise<RemoteError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof RemoteError) return err;
    throw err;
  }
  throw new Error('expected a RemoteError');
}

const get = (url: string, extra: Partial<HttpRequest> = {}) => requestJson({ method: 'GET', url, headers: { 'x-api-token': 'tok' }, ...extra }, readError);

describe('http: requests over node:http keep what fetch did', () => {
  it('sends the headers fetch sent and reuses one keep-alive connection for requests in turn', async () => {
    const { url, seen } = await serve((_, res, n) => json(res, 200, { n }));
    for (let i = 1; i <= 5; i += 1) expect((await get(`${url}/x`)).body).toEqual({ n: i });
    expect(seen.map((s) => s.connection)).toEqual([1, 1, 1, 1, 1]);
    expect(seen[0]?.headers).toMatchObject({ accept: 'application/json', 'x-api-token': 'tok', 'user-agent': 'node', 'accept-encoding': 'gzip, deflate' });
  });

  it('sends a JSON body with its length, and a raw body with its own type', async () => {
    const { url, seen } = await serve((_, res) => json(res, 201, {}));
    await requestJson({ method: 'PUT', url: `${url}/j`, headers: {}, json: { a: 'é' } }, readError);
    await requestJson({ method: 'POST', url: `${url}/b`, headers: {}, bytes: { data: new Uint8Array([37, 80, 68, 70]), contentType: 'application/pdf' } }, readError);
    expect(seen[0]).toMatchObject({ method: 'PUT', body: '{"a":"é"}', headers: { 'content-type': 'application/json', 'content-length': '10' } });
    expect(seen[1]).toMatchObject({ method: 'POST', body: '%PDF', headers: { 'content-type': 'application/pdf', 'content-length': '4' } });
    expect(seen[0]?.headers['transfer-encoding']).toBeUndefined();
  });

  it('sorts answers by status: 429 with its Retry-After, 5xx transient, 401 auth, 404 not found, 400 permanent, with the server message', async () => {
    const answers: [number, Record<string, string>][] = [[429, { 'retry-after': '7' }], [503, {}], [401, {}], [404, {}], [400, {}]];
    const { url } = await serve((_, res, n) => json(res, answers[n - 1]?.[0] ?? 500, { message: `said ${n}` }, answers[n - 1]?.[1]));
    expect(await fails(get(url))).toMatchObject({ kind: 'transient', status: 429, retryAfterMs: 7000, message: 'said 1' });
    expect(await fails(get(url))).toMatchObject({ kind: 'transient', status: 503, message: 'said 2' });
    expect(await fails(get(url))).toMatchObject({ kind: 'auth', status: 401 });
    expect(await fails(get(url))).toMatchObject({ kind: 'not_found', status: 404 });
    expect(await fails(get(url))).toMatchObject({ kind: 'permanent', status: 400, message: 'said 5' });
  });

  it('a GET whose connection is reset is sent once more at once (a keep-alive socket closed while idle); a POST never', async () => {
    const { url, seen } = await serve((s, res, n) => (n === 1 || s.method === 'POST' ? res.socket?.destroy() : json(res, 200, { ok: true })));
    expect((await get(`${url}/g`)).body).toEqual({ ok: true });
    expect(seen.map((s) => s.method)).toEqual(['GET', 'GET']);
    expect(await fails(requestJson({ method: 'POST', url: `${url}/p`, headers: {}, json: {} }, readError))).toMatchObject({ kind: 'transient', status: 0, notConnected: false });
    expect(seen.map((s) => s.method)).toEqual(['GET', 'GET', 'POST']);
  });

  it('the timeout covers a body that stops halfway', async () => {
    const { url } = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"a":');
    });
    const err = await fails(get(url, { method: 'POST', timeoutMs: 200 }));
    expect(err).toMatchObject({ kind: 'transient', status: 0, notConnected: false, message: 'Network error (The operation was aborted due to timeout)' });
  });

  it('a 200 that is not JSON is a transient failure naming the host', async () => {
    const { url } = await serve((_, res) => res.end('<html>proxy</html>'));
    expect(await fails(get(url))).toMatchObject({ kind: 'transient', status: 200, message: expect.stringMatching(/^Unreadable answer from 127\.0\.0\.1:\d+ \(not JSON\)$/) });
  });

  it('follows redirects as fetch did: headers kept, a 303 as a GET without the body, a 307 with it, 20 hops at most', async () => {
    const { url, seen } = await serve((s, res) => {
      const hop = /^\/hop(\d+)/.exec(s.url);
      if (s.url === '/a') res.writeHead(302, { location: '/b' }).end();
      else if (s.url === '/post303') res.writeHead(303, { location: '/b' }).end();
      else if (s.url === '/post307') res.writeHead(307, { location: '/b' }).end();
      else if (hop) res.writeHead(302, { location: `/hop${Number(hop[1]) + 1}` }).end();
      else json(res, 200, { at: s.url, method: s.method, body: s.body });
    });
    expect((await get(`${url}/a`)).body).toEqual({ at: '/b', method: 'GET', body: '' });
    expect(seen[1]?.headers['x-api-token']).toBe('tok');
    expect((await requestJson({ method: 'POST', url: `${url}/post303`, headers: {}, json: { x: 1 } }, readError)).body).toEqual({ at: '/b', method: 'GET', body: '' });
    expect(seen[3]?.headers['content-type']).toBeUndefined();
    expect((await requestJson({ method: 'POST', url: `${url}/post307`, headers: {}, json: { x: 1 } }, readError)).body).toEqual({ at: '/b', method: 'POST', body: '{"x":1}' });
    expect(await fails(get(`${url}/hop0`))).toMatchObject({ kind: 'transient', status: 0, message: 'Network error (redirect count exceeded)' });
  });

  it('reads gzip, deflate (zlib and raw) and brotli answers as fetch did', async () => {
    const body = Buffer.from(JSON.stringify({ items: Array.from({ length: 50 }, (_, i) => ({ id: `r${i}` })) }));
    const codings: [string, Buffer][] = [['gzip', gzipSync(body)], ['deflate', deflateSync(body)], ['deflate', deflateRawSync(body)], ['br', brotliCompressSync(body)]];
    const { url } = await serve((_, res, n) => {
      const [coding, data] = codings[n - 1] ?? ['identity', body];
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding }).end(data);
    });
    for (let i = 0; i < codings.length; i += 1) expect((await get(url)).body).toEqual(JSON.parse(body.toString()));
  });

  it('refuses a file over maxBytes, compressed or not, and takes one at the limit', async () => {
    const file = Buffer.alloc(1000, 7);
    const { url } = await serve((s, res) => {
      if (s.url === '/gz') res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(file));
      else res.end(file);
    });
    const bytes = (path: string, maxBytes: number) => requestBytes({ method: 'GET', url: `${url}${path}`, headers: {}, maxBytes }, readError);
    expect((await bytes('/plain', 1000)).length).toBe(1000);
    expect((await bytes('/gz', 1000)).length).toBe(1000);
    expect(await fails(bytes('/plain', 999))).toMatchObject({ kind: 'permanent', message: expect.stringMatching(/over the 999-byte limit$/) });
    expect(await fails(bytes('/gz', 999))).toMatchObject({ kind: 'permanent', message: expect.stringMatching(/over the 999-byte limit$/) });
  });

  it('refuses a header value HTTP cannot carry before anything is sent, naming the header and never its value', async () => {
    const { url, seen } = await serve((_, res) => json(res, 200, {}));
    const err = await fails(requestJson({ method: 'GET', url, headers: { 'x-auth-token': 'SECRET-123\r\nX-Injected: yes' } }, readError));
    expect(err).toMatchObject({ kind: 'auth', status: 0 });
    expect(err.message).toContain('x-auth-token');
    expect(err.message).not.toContain('SECRET');
    expect(seen).toEqual([]);
  });

  const tlsDir = new URL('../../support/tls/', import.meta.url);
  const selfSigned = (): HttpsServer => createTlsServer({ key: readFileSync(new URL('key.pem', tlsDir)), cert: readFileSync(new URL('cert.pem', tlsDir)) });

  it('speaks TLS to an https URL and checks the certificate (a self-signed one is refused)', async () => {
    const { url, seen } = await serve((_, res) => json(res, 200, {}), selfSigned());
    expect(url).toMatch(/^https:/);
    const err = await fails(get(`${url}/x`));
    // Said in words to act on, and known to have sent nothing (a create is not held as perhaps landed).
    expect(err).toMatchObject({ kind: 'transient', status: 0, notConnected: true });
    expect(err.message).toBe(
      "The server's certificate is not from a certificate authority PortDesk trusts (it is self-signed, or from a private authority) (DEPTH_ZERO_SELF_SIGNED_CERT), so PortDesk did not connect and sent nothing. Ask the server's administrator for a certificate from a public certificate authority, or add the certificate of the authority that issued it to this connection (Settings, Connections, Certificate; or portdesk remote ca ID --ca-file FILE).",
    );
    expect(seen).toEqual([]);
  });

  it("trusts a remote's own certificate for that remote's requests only, on one keep-alive socket", async () => {
    const { url, seen } = await serve((_, res) => json(res, 200, { ok: true }), selfSigned());
    const trustedCa = [readFileSync(new URL('cert.pem', tlsDir), 'utf8')];
    expect((await requestJson({ method: 'GET', url: `${url}/a`, headers: {}, trustedCa }, readError)).body).toEqual({ ok: true });
    // A second config holding the same certificate (another remote on that server) shares the agent, hence the socket.
    expect((await requestBytes({ method: 'GET', url: `${url}/b`, headers: {}, trustedCa: [...trustedCa] }, readError)).length).toBeGreaterThan(0);
    expect(seen.map((s) => [s.url, s.connection])).toEqual([['/a', 1], ['/b', 1]]);
    // A request without it is still refused: the trust is the remote's, not the process's.
    expect((await fails(get(`${url}/c`))).message).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
    // Another private authority does not vouch for this server.
    const other = [readFileSync(new URL('other-ca.pem', tlsDir), 'utf8')];
    expect((await fails(requestJson({ method: 'GET', url: `${url}/d`, headers: {}, trustedCa: other }, readError))).message).toContain('(DEPTH_ZERO_SELF_SIGNED_CERT)');
    expect(seen).toHaveLength(2);
  });
});
