import { z } from 'zod';
import type { AccountStore } from '../store/accounts';
import { carrierTick, type CarrierDeps } from '../clock/carrier';
import { FaultConfigSchema, type FaultEngine } from './faults';
import { header, json, parseJsonBody, type Reply, type RequestCtx } from './reply';
import type { RequestLog } from './requestLog';
import type { Router } from './router';
import type { ServerClock } from '../util/time';

export interface AdminDeps {
  adminToken: string;
  accounts: AccountStore;
  faults: FaultEngine;
  log: RequestLog;
  clock: ServerClock;
  carrier: CarrierDeps;
}

const TickSchema = z
  .object({ ids: z.array(z.string()).optional(), outcome: z.enum(['advance', 'reject']).optional() })
  .strict();
const AdvanceSchema = z.object({ ms: z.number().int().min(0) }).strict();
const IssueSchema = z.object({ accountId: z.string().optional() }).strict();
const AsIsSchema = z.object({ port_state: z.string().min(1).optional(), set: z.record(z.string(), z.unknown()).optional() }).strict();

/** Wrap an admin handler: only the sandbox's main token may call it; the JSON body is parsed. */
export function adminGuard(adminToken: string) {
  return (handler: (ctx: RequestCtx, body: unknown) => Reply) =>
    (ctx: RequestCtx): Reply => {
      const bearer = (header(ctx.headers, 'authorization') ?? '').replace(/^Bearer\s+/i, '');
      const token = header(ctx.headers, 'x-auth-token') ?? bearer;
      if (token !== adminToken) return json(401, { error: 'unauthorized', message: 'admin calls need the main token' });
      ctx.caller.token = token;
      const body = parseJsonBody(ctx.body);
      if (body instanceof Error) return json(400, { error: 'bad_request', message: 'malformed JSON' });
      return handler(ctx, body ?? {});
    };
}

/** Test/trainer controls under /__admin; only the sandbox's main token may call them, faults never apply. */
export function registerAdminRoutes(router: Router, deps: AdminDeps): void {
  const guard = adminGuard(deps.adminToken);
  const invalid = (err: z.ZodError): Reply =>
    json(400, { error: 'bad_request', message: err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });

  router.add('GET', '/faults', guard(() => json(200, deps.faults.snapshot())));
  router.add(
    'POST',
    '/faults',
    guard((_ctx, body) => {
      const parsed = FaultConfigSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      deps.faults.set(parsed.data, deps.clock.now());
      return json(200, deps.faults.snapshot());
    }),
  );
  router.add(
    'POST',
    '/reset-faults',
    guard(() => {
      deps.faults.set({}, deps.clock.now());
      return json(200, deps.faults.snapshot());
    }),
  );
  router.add(
    'GET',
    '/log',
    guard((ctx) => json(200, { data: deps.log.since(Number(ctx.url.searchParams.get('since') ?? '0')) })),
  );
  router.add(
    'DELETE',
    '/log',
    guard(() => {
      deps.log.clear();
      return json(200, { data: [] });
    }),
  );
  router.add(
    'POST',
    '/clock/tick',
    guard((_ctx, body) => {
      const parsed = TickSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      return json(200, { moved: carrierTick(deps.carrier, parsed.data) });
    }),
  );
  router.add(
    'POST',
    '/time/advance',
    guard((_ctx, body) => {
      const parsed = AdvanceSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      deps.clock.advance(parsed.data.ms);
      return json(200, { now: new Date(deps.clock.now()).toISOString() });
    }),
  );
  router.add(
    'POST',
    '/tokens',
    guard((_ctx, body) => {
      const parsed = IssueSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      const root = deps.accounts.all().find((a) => a.parentId === null);
      const accountId = parsed.data.accountId ?? root?.id ?? '';
      if (!deps.accounts.get(accountId)) return json(404, { error: 'not_found', message: `no account ${accountId}` });
      return json(201, { token: deps.accounts.issueToken(accountId, deps.clock.now()), accountId });
    }),
  );
  router.add('POST', '/tokens/expire', guard(() => json(200, { expired: deps.accounts.expireAll() })));
  router.add(
    'POST',
    '/kazoo/port_requests/:id/as-is',
    guard((ctx, body) => {
      const parsed = AsIsSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      const rec = deps.carrier.kazooStore.get(ctx.params.id ?? '');
      if (!rec) return json(404, { error: 'not_found', message: 'no such port request' });
      const next = deps.carrier.kazoo.storeAsIs(rec, { ...(parsed.data.port_state ? { portState: parsed.data.port_state } : {}), ...(parsed.data.set ? { set: parsed.data.set } : {}) });
      return json(200, deps.carrier.kazoo.view(next));
    }),
  );
}
