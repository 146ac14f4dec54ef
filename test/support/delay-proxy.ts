import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the proxy is holding: it reached the proxy and has not been passed on yet. */
export interface HeldRequest {
  method: string;
  path: string;
  receivedAt: number;
  /** Pass it on to the server now (the client may have given up long ago); resolves once the server answered. */
  release(): Promise<void>;
  /** Never pass it on (the server never sees it). */
  drop(): void;
}

export interface DelayProxy {
  /** Origin to point a remote at instead of the server's. */
  url: string;
  /** Every request the proxy received, in order, with when. */
  seen: { method: string; path: string; at: number }[];
  /** Resolves with the next held request (holding starts with {@link holdNext}). */
  held(): Promise<HeldRequest>;
  /** Hold the next request matching `match` (method and path) until the test releases or drops it. */
  holdNext(match: (method: string, path: string) => boolean): void;
  /** Answer the next request matching `match` itself, never passing it on, as a proxy with the server away would. */
  answerNext(match: (method: string, path: string) => boolean, status: number, body: string): void;
  close(): Promise<void>;
}

/**
 * A small HTTP proxy in front of the sandbox that can hold one request as a slow network or a
 * stalled load balancer would: the client times out, and the request reaches the server later
 * (or never). Everything else passes straight through.
 */
export async function startDelayProxy(target: string): Promise<DelayProxy> {
  const origin = new URL(target).origin;
  const seen: DelayProxy['seen'] = [];
  let match: ((method: string, path: string) => boolean) | null = null;
  let answer: { match: (method: string, path: string) => boolean; status: number; body: string } | null = null;
  const waiting: ((h: HeldRequest) => void)[] = [];
  const heldQueue: HeldRequest[] = [];

  const forward = async (req: IncomingMessage, body: Buffer, res: ServerResponse | null): Promise<void> => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && !['host', 'connection', 'content-length', 'transfer-encoding'].includes(k)) headers.set(k, v);
    }
    const answer = await fetch(`${origin}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, body: body.length > 0 ? new Uint8Array(body) : null });
    const data = Buffer.from(await answer.arrayBuffer());
    // A client that gave up has closed its socket: the answer goes nowhere, as on a real network.
    if (!res || res.destroyed || res.writableEnded) return;
    const out: Record<string, string> = {};
    answer.headers.forEach((v, k) => {
      if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(k)) out[k] = v;
    });
    res.writeHead(answer.status, out);
    res.end(data);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      seen.push({ method, path, at: Date.now() });
      if (answer?.match(method, path)) {
        res.writeHead(answer.status, { 'content-type': 'text/html' });
        res.end(answer.body);
        answer = null;
        return;
      }
      if (match?.(method, path)) {
        match = null;
        const held: HeldRequest = {
          method,
          path,
          receivedAt: Date.now(),
          release: () => forward(req, body, res),
          drop: () => res.destroy(),
        };
        const next = waiting.shift();
        if (next) next(held);
        else heldQueue.push(held);
        return;
      }
      forward(req, body, res).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    held: () => {
      const ready = heldQueue.shift();
      return ready ? Promise.resolve(ready) : new Promise<HeldRequest>((resolve) => waiting.push(resolve));
    },
    holdNext: (m) => {
      match = m;
    },
    answerNext: (m, status, body) => {
      answer = { match: m, status, body };
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
