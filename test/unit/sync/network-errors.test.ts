import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { networkError } from '../../../src/main/sync/errors';
import { closedPort } from '../../support/closed-port';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(onRequest: RequestListener): Promise<number> {
  server = createServer(onRequest);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function failure(url: string): Promise<unknown> {
  try {
    await fetch(url, { method: 'POST', body: '{}', signal: AbortSignal.timeout(5_000) });
  } catch (err) {
    return err;
  }
  throw new Error('the request was expected to fail');
}

describe('network errors: did any of the request leave?', () => {
  it('a refused connection sent nothing', async () => {
    const err = networkError(await failure(`http://127.0.0.1:${await closedPort()}/x`));
    expect(err).toMatchObject({ kind: 'transient', status: 0, notConnected: true });
    expect(err.message).toMatch(/ECONNREFUSED/);
  });

  it('a connection reset after the request was read may have been acted on', async () => {
    const port = await listen((req) => req.socket.destroy());
    const err = networkError(await failure(`http://127.0.0.1:${port}/x`));
    expect(err).toMatchObject({ kind: 'transient', status: 0, notConnected: false });
  });
});
