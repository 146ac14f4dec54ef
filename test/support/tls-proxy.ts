import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface TlsProxy {
  /** The https origin to point a remote at instead of the server's (certificate: test/support/tls/cert.pem, self-signed, for 127.0.0.1). */
  url: string;
  /** Connections clients opened to it so far (a refused certificate ends each in its handshake). */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A TLS-terminating proxy in front of a plain-http server (the sandbox), as a self-hosted Kazoo
 * behind nginx with a self-signed or company certificate would be. Requests and answers pass as they are.
 */
export async function startTlsProxy(target: string): Promise<TlsProxy> {
  const origin = new URL(target);
  const dir = new URL('./tls/', import.meta.url);
  const server = createServer({ key: readFileSync(new URL('key.pem', dir)), cert: readFileSync(new URL('cert.pem', dir)) }, (req, res) => {
    const upstream = httpRequest({ host: origin.hostname, port: origin.port, method: req.method, path: req.url, headers: { ...req.headers, host: origin.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  let connections = 0;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
