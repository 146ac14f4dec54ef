import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RemoteError } from '../../../src/main/sync/errors';
import { requestJson, type HttpRequest } from '../../../src/main/sync/http';
import { closedPort } from '../../support/closed-port';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function listen(onRequest: RequestListener): Promise<number> {
  const server: Server = createHttpServer(onRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

/** A TCP port that accepts connections and never says a word: a TLS handshake to it never ends. */
async function silentPort(): Promise<number> {
  const sockets: Socket[] = [];
  const server = createTcpServer((s) => sockets.push(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  }));
  return (server.address() as AddressInfo).port;
}

/** The error PortDesk's HTTP layer (the one both adapters use) gives for this request. */
async function failure(req: Partial<HttpRequest> & { url: string }): Promise<RemoteError> {
  try {
    await requestJson({ method: 'POST', headers: {}, json: {}, timeoutMs: 5_000, ...req }, (status) => ({ message: `HTTP ${status}` }));
  } catch (err) {
    if (err instanceof RemoteError) return err;
    throw err;
  }
  throw new Error('the request was expected to fail');
}

describe('network errors: did any of the request leave?', () => {
  it('a refused connection sent nothing', async () => {
    const err = await failure({ url: `http://127.0.0.1:${await closedPort()}/x` });
    expect(err).toMatchObject({ kind: 'transient', status: 0, notConnected: true });
    expect(err.message).toMatch(/ECONNREFUSED/);
  });

  it('a name that does not resolve sent nothing', async () => {
    const err = await failure({ url: 'http://portdesk-test.invalid/x' });
    expect(err).toMatchObject({ kind: 'transient', status: 0, notConnected: true });
    expect(err.message).toMatch(/ENOTFOUND|EAI_AGAIN/);
  });

  it('a TLS connection whose handshake never ends sent nothing: the timeout says so', async () => {
    const err = await failure({ url: `https://127.0.0.1:${await silentPort()}/x`, timeoutMs: 300 });
    expect(err).toMatchObject({ kind: 'transient', status: 0, notConnected: true });
    expect(err.message).toMatch(/connect timeout/);
  });

  it('a connection reset after the request was read may have been acted on', async () => {
    const port = await listen((req) => req.socket.destroy());
    const err = await failure({ url: `http://127.0.0.1:${port}/x` });
    expect(err).toMatchObject({ kind: 'transient', status: 0, notConnected: false });
  });

  it('a request read and never answered times out on our own timer, and may have been acted on', async () => {
    const port = await listen(() => undefined);
    const t0 = Date.now();
    const err = await failure({ url: `http://127.0.0.1:${port}/x`, timeoutMs: 200 });
    expect(err).toMatchObject({ kind: 'transient', status: 0, notConnected: false });
    expect(err.message).toBe('Network error (The operation was aborted due to timeout)');
    expect(Date.now() - t0).toBeLessThan(4_000);
  });
});
