import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local port nothing listens on: one opened and closed again, so connecting to it is refused
 * at once and no request can leave (an offline server, without waiting for a timeout).
 */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
