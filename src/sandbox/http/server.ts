import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody } from './body';
import type { FaultDecision, FaultEngine } from './faults';
import type { RequestLog, LogEntry } from './requestLog';
import type { Reply, RequestCtx } from './reply';
import type { Router } from './router';

/** How each family words its error answers (for faults, 404s and crashes). */
export interface Family {
  name: 'kazoo' | 'telnyx' | 'admin';
  prefix: string;
  router: Router;
  /** Build an error answer in the family's shape. */
  error(status: number, message: string, headers?: Record<string, string>): Reply;
  /** Admin calls are never subject to faults. */
  faultable: boolean;
}

export interface ServerDeps {
  families: Family[];
  faults: FaultEngine;
  log: RequestLog;
  now: () => number;
  logLine?: (entry: LogEntry) => void;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The HTTP server: routes to a family, applies faults, writes (or sabotages) the answer, logs it. */
export function createSandboxServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    handle(deps, req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: '500', message: err instanceof Error ? err.message : String(err) }));
      } else res.destroy();
    });
  });
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = Date.now();
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const family = deps.families.find((f) => url.pathname.startsWith(f.prefix));
  const { body, tooLarge } = await readBody(req);
  const ctx: RequestCtx = { method, url, params: {}, headers: req.headers, body, bodyTooLarge: tooLarge, caller: {} };
  const decision: FaultDecision =
    family?.faultable === true ? deps.faults.decide(MUTATING.has(method)) : { latencyMs: 0 };
  if (decision.latencyMs > 0) await sleep(decision.latencyMs);

  let reply: Reply;
  let fault: string | null = null;
  if (!family) {
    reply = { status: 404, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"error":"not found"}') };
  } else if (decision.early?.kind === 'rate-limit') {
    fault = 'rate-limit';
    const secs = decision.early.retryAfterSeconds;
    reply = family.error(429, 'too many requests', { 'retry-after': String(secs) });
  } else if (decision.early?.kind === 'server-error') {
    fault = `server-error-${decision.early.status}`;
    reply = family.error(decision.early.status, decision.early.status === 503 ? 'service unavailable' : 'internal server error');
  } else {
    const match = family.router.match(method, url.pathname.slice(family.prefix.length) || '/');
    if (match.kind === 'found') {
      ctx.params = match.params;
      reply = await match.handler(ctx);
    } else if (match.kind === 'method-not-allowed') reply = family.error(405, 'method not allowed');
    else reply = family.error(404, 'not found');
  }
  if (tooLarge) reply.headers.connection = 'close';

  let outcome: LogEntry['outcome'] = 'answered';
  if (decision.late === 'lost') {
    fault = 'lost-response';
    outcome = 'lost';
    req.socket.destroy();
  } else if (decision.late === 'reset-headers' || decision.late === 'reset-body') {
    fault = decision.late;
    outcome = 'reset';
    res.writeHead(reply.status, { ...reply.headers, 'content-length': String(reply.body.length) });
    if (decision.late === 'reset-body') res.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)));
    else res.flushHeaders();
    await sleep(5);
    req.socket.destroy();
  } else {
    res.writeHead(reply.status, { ...reply.headers, 'content-length': String(reply.body.length) });
    res.end(reply.body);
  }
  const entry: Omit<LogEntry, 'seq'> = {
    time: new Date(deps.now()).toISOString(),
    method,
    path: url.pathname + url.search,
    family: family?.name ?? 'other',
    status: reply.status,
    outcome,
    fault,
    token: ctx.caller.token ?? null,
    accountId: ctx.caller.accountId ?? null,
    durationMs: Date.now() - started,
  };
  deps.log.add(entry);
  deps.logLine?.({ seq: 0, ...entry });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
