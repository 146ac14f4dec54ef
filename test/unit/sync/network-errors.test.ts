import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { networkError, RemoteError } from '../../../src/main/sync/errors';
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

describe('a server certificate Node refuses', () => {
  const refused = (code: string, message: string) => networkError(Object.assign(new Error(message), { code }));

  it('says what is wrong with it and what to do, never a bare "network error", and that nothing was sent', () => {
    const expired = refused('CERT_HAS_EXPIRED', 'certificate has expired');
    expect(expired).toMatchObject({ kind: 'transient', notConnected: true });
    expect(expired.message).toBe("The server's certificate has expired (CERT_HAS_EXPIRED), so PortDesk did not connect and sent nothing. The server's administrator must renew it; PortDesk tries again meanwhile.");
    const name = refused('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames");
    expect(name.message).toContain("was issued for another name than the one in the connection's address (ERR_TLS_CERT_ALTNAME_INVALID)");
    expect(name.message).toContain("Check the server address in the connection's settings");
    const chain = refused('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain').message;
    expect(chain).toContain('self-signed, or from a private authority');
    // Points to what the specialist can do about a private authority: trust it on this connection.
    expect(chain).toContain('add the certificate of the authority that issued it to this connection (Settings, Connections, Certificate; or portdesk remote ca ID --ca-file FILE)');
    // Any other failure keeps Node's words.
    expect(refused('ECONNRESET', 'socket hang up')).toMatchObject({ message: 'Network error (socket hang up)', notConnected: false });
  });
});
