import type { AddressInfo } from 'node:net';
import { AccountStore } from './store/accounts';
import { getMeta, openDb, setMeta } from './store/db';
import { KazooPortStore } from './store/kazooPorts';
import { TelnyxObjectStore } from './store/telnyxObjects';
import { registerAdminRoutes } from './http/admin';
import { Authenticator } from './http/auth';
import { FaultEngine, type FaultConfig } from './http/faults';
import { RequestLog, type LogEntry } from './http/requestLog';
import { Router } from './http/router';
import { createSandboxServer } from './http/server';
import { json } from './http/reply';
import { kazooFailure } from './kazoo/envelope';
import { KazooPorts, type KazooVersion } from './kazoo/ports';
import { registerKazooRoutes } from './kazoo/routes';
import { telnyxFailure } from './telnyx/errors';
import { portalUserOf } from './telnyx/auth';
import { registerTelnyxPortalRoutes } from './telnyx/portal';
import { registerTelnyxRoutes } from './telnyx/routes';
import { TelnyxPorting } from './telnyx/service';
import { carrierTick, type CarrierDeps } from './clock/carrier';
import { ensureAccounts } from './accounts';
import { seedDemo } from './seed/demo';
import { newToken } from './util/ids';
import { createServerClock } from './util/time';

export type { FaultConfig } from './http/faults';
export type { LogEntry } from './http/requestLog';
export type { KazooVersion } from './kazoo/ports';

const fullName = (u: { firstName: string; lastName: string } | undefined): string => (u ? `${u.firstName} ${u.lastName}` : '');

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  dataDir: string;
  /** Main token (root account); reused from the data dir when omitted. */
  token?: string;
  seed?: 'demo' | 'none';
  /** Run the carrier clock every `intervalMs`. */
  clock?: { intervalMs: number };
  faults?: FaultConfig;
  /** Seed for ids, demo data, faults and the carrier clock (default 4242). */
  randomSeed?: number;
  /** Base time source (tests); the admin endpoint can shift it further. */
  now?: () => number;
  /** Receives one entry per request (the CLI prints them). */
  onRequest?: (entry: LogEntry) => void;
  /** Which Kazoo the Crossbar API plays: '4.3' (default; tag 4.3.99) or '4.2' (4.0–4.2; tag 4.2.48). */
  kazooVersion?: KazooVersion;
  /** Kazoo's `allow_port_transition_from_submitted_to_scheduled` system setting (default off). */
  allowSubmittedToScheduled?: boolean;
}

export interface SandboxHandle {
  /** Server root; Kazoo clients append /v2/accounts/... */
  kazooUrl: string;
  /** Telnyx root as a client configures it; porting operations live under /origination/porting/... */
  telnyxUrl: string;
  /** Telnyx v1 `x-api-user` of the root account (sent with `token`) and of the first sub-account (with `subToken`). */
  telnyxUser: string;
  subTelnyxUser: string;
  adminUrl: string;
  /** Main token: root account, both families, admin. */
  token: string;
  /** Token of the first sub-account, for account-scoping tests: not the port authority of any request. */
  subToken: string;
  kazooVersion: KazooVersion;
  /** Full names of the users the two tokens act as (what Kazoo 4.3 writes as a comment's author). */
  users: { root: string; sub: string };
  accounts: { root: { id: string; name: string }; subs: { id: string; name: string; parentId: string }[] };
  close(): Promise<void>;
}

/** Start the porting API sandbox on 127.0.0.1. */
export async function startSandbox(options: SandboxOptions): Promise<SandboxHandle> {
  const seed = options.randomSeed ?? 4242;
  const db = openDb(options.dataDir);
  const clock = createServerClock(options.now);
  const accounts = new AccountStore(db);
  ensureAccounts(accounts, seed);
  const all = accounts.all();
  const root = all.find((a) => a.parentId === null);
  const firstSub = all.find((a) => a.parentId === root?.id);
  if (!root || !firstSub) throw new Error('sandbox account tree is incomplete');

  const rootUser = accounts.firstUserOf(root.id);
  const subUser = accounts.firstUserOf(firstSub.id);
  const mainToken = options.token ?? getMeta(db, 'admin_token') ?? newToken();
  if (getMeta(db, 'admin_token') !== mainToken || accounts.tokenInfo(mainToken)?.ownerId == null) {
    accounts.issueToken(root.id, clock.now(), mainToken, rootUser?.id ?? null);
    setMeta(db, 'admin_token', mainToken);
  }
  let subToken = getMeta(db, 'sub_token');
  if (!subToken || accounts.tokenInfo(subToken)?.ownerId == null) {
    subToken = accounts.issueToken(firstSub.id, clock.now(), subToken ?? undefined, subUser?.id ?? null);
    setMeta(db, 'sub_token', subToken);
  }
  const kazooVersion = options.kazooVersion ?? '4.3';

  const faults = new FaultEngine(seed);
  if (options.faults) faults.set(options.faults, clock.now());
  const log = new RequestLog();
  const auth = new Authenticator(accounts, faults, () => clock.now());
  const kazooStore = new KazooPortStore(db);
  const kazoo = new KazooPorts(kazooStore, accounts, () => clock.now(), {
    version: kazooVersion,
    allowSubmittedToScheduled: options.allowSubmittedToScheduled === true,
  });
  const telnyxStore = new TelnyxObjectStore(db);
  const telnyx = new TelnyxPorting(telnyxStore, () => clock.now());
  const carrier: CarrierDeps = { db, kazooStore, kazoo, telnyxStore, telnyx, now: () => clock.now(), seed };

  if (options.seed === 'demo' && getMeta(db, 'seeded') !== 'demo') {
    await seedDemo({ db, accounts, kazooStore, kazoo, telnyx, now: () => clock.now(), seed });
    setMeta(db, 'seeded', 'demo');
  }

  let baseUrl = '';
  const kazooRouter = new Router();
  registerKazooRoutes(kazooRouter, { db, accounts, store: kazooStore, ports: kazoo, auth, now: () => clock.now() });
  const telnyxRouter = new Router();
  registerTelnyxRoutes(telnyxRouter, { db, accounts, porting: telnyx, auth, baseUrl: () => `${baseUrl}/telnyx`, now: () => clock.now() });
  const adminRouter = new Router();
  registerAdminRoutes(adminRouter, { adminToken: mainToken, accounts, faults, log, clock, carrier });
  registerTelnyxPortalRoutes(adminRouter, { adminToken: mainToken, db, store: telnyxStore, porting: telnyx });

  const server = createSandboxServer({
    families: [
      { name: 'admin', prefix: '/__admin', router: adminRouter, faultable: false, error: (s, m, h) => json(s, { error: String(s), message: m }, h) },
      { name: 'telnyx', prefix: '/telnyx', router: telnyxRouter, faultable: true, error: (s, m, h) => telnyxFailure(s, m, undefined, h) },
      { name: 'kazoo', prefix: '/v2', router: kazooRouter, faultable: true, error: (s, m, h) => kazooFailure('', s, m, { message: m }, h) },
    ],
    faults,
    log,
    now: () => clock.now(),
    logLine: options.onRequest,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  const timer = options.clock
    ? setInterval(() => {
        carrierTick(carrier);
      }, options.clock.intervalMs)
    : undefined;

  return {
    kazooUrl: baseUrl,
    telnyxUrl: `${baseUrl}/telnyx`,
    telnyxUser: portalUserOf(root),
    subTelnyxUser: portalUserOf(firstSub),
    adminUrl: `${baseUrl}/__admin`,
    token: mainToken,
    subToken,
    kazooVersion,
    users: { root: fullName(rootUser), sub: fullName(subUser) },
    accounts: {
      root: { id: root.id, name: root.name },
      subs: all.filter((a) => a.parentId !== null).map((a) => ({ id: a.id, name: a.name, parentId: a.parentId ?? '' })),
    },
    async close() {
      if (timer) clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}
