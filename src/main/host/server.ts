import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Router } from '../rpc/router';
import type { ChangeBus } from '../services/changes';
import { resolveStaticPath, sendStatic } from './static-files';
import { contentSecurityPolicy } from '../shell/csp';

export interface HostOptions {
  router: Router;
  changes: ChangeBus;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
  /** Largest accepted RPC body; attachments travel base64-encoded, hence generous. */
  maxBodyBytes?: number;
}

export interface HostHandle {
  url: string;
  /** The URL to open: the token travels in the fragment, which browsers never send to servers. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  // The same policy as the Electron window, so the e2e tests exercise the production CSP.
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

function tokenMatches(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearer(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

class BodyTooLarge extends Error {}

/** The body, or BodyTooLarge as soon as it (or its declared length) passes `limit`. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.off('data', onData);
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Answer 413 and close: the rest of an oversized body is not worth reading. */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  res.setHeader('Connection', 'close');
  res.once('finish', () => req.destroy());
  sendJson(res, 413, { ok: false, error: { code: 'VALIDATION', message: `The request is larger than the ${Math.round(limit / (1024 * 1024))} MB limit` } });
}

/**
 * The headless host: the renderer build and the RPC router over HTTP + WebSocket, on 127.0.0.1
 * only. Every call needs the per-launch token; a browser Origin other than our own is refused
 * (a web page the user visits cannot drive the local API).
 */
export async function startHost(options: HostOptions): Promise<HostHandle> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
  let allowedHosts: ReadonlySet<string> = new Set();
  const originAllowed = (req: IncomingMessage) => {
    const given = req.headers.origin;
    return given === undefined || (given.startsWith('http://') && allowedHosts.has(given.slice(7)));
  };
  // DNS rebinding: a page on evil.example re-pointed at 127.0.0.1 still sends its own Host.
  const hostAllowed = (req: IncomingMessage) => allowedHosts.has((req.headers.host ?? '').toLowerCase());

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => sendJson(res, 500, { error: { code: 'INTERNAL', message: (err as Error).message } }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req)) return sendJson(res, 403, { error: { code: 'FORBIDDEN', message: 'Host not allowed' } });
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/rpc') {
      if (req.method !== 'POST') return sendJson(res, 405, { error: { code: 'VALIDATION', message: 'POST only' } });
      if (!originAllowed(req)) return sendJson(res, 403, { error: { code: 'FORBIDDEN', message: 'Origin not allowed' } });
      if (!tokenMatches(bearer(req), token)) return sendJson(res, 401, { error: { code: 'UNAUTHORIZED', message: 'Missing or wrong token' } });
      let payload: unknown;
      try {
        payload = JSON.parse(await readBody(req, maxBody));
      } catch (err) {
        if (err instanceof BodyTooLarge) return refuseTooLarge(req, res, maxBody);
        return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: `Bad request body: ${(err as Error).message}` } });
      }
      const { method, input } = (payload ?? {}) as { method?: unknown; input?: unknown };
      return sendJson(res, 200, await options.router.call(method, input));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: { code: 'VALIDATION', message: 'Method not allowed' } });
    const file = resolveStaticPath(options.staticDir, path) ?? resolveStaticPath(options.staticDir, '/index.html');
    if (!file) return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'Renderer not built: run npm run build' } });
    sendStatic(res, file, SECURITY_HEADERS);
  }

  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/events' || !hostAllowed(req) || !originAllowed(req) || !tokenMatches(url.searchParams.get('token') ?? undefined, token)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
    });
  });
  const unsubscribe = options.changes.subscribe((event) => {
    const text = JSON.stringify(event);
    for (const ws of sockets) ws.send(text);
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return {
    url: origin,
    openUrl: `${origin}/#token=${token}`,
    token,
    port,
    close: async () => {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
