import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type FaultConfig, type KazooVersion, type SandboxHandle } from '../../../src/sandbox/index';
import { createAppContext, type AppContext } from '../../../src/main/app-context';
import { SyncEngine } from '../../../src/main/sync/engine';
import { carrierOf } from '../../../src/sandbox/util/phone';
import { startDelayProxy, type DelayProxy } from '../../support/delay-proxy';

export interface Harness {
  sb: SandboxHandle;
  ctx: AppContext;
  /** The engine under test, with short backoff so fault tests finish quickly. */
  engine: SyncEngine;
  dir: string;
  remoteId: string;
  /** The delaying proxy the remote goes through, when started with `proxy: true`. */
  proxy: DelayProxy | null;
  admin(path: string, body?: unknown, method?: string): Promise<unknown>;
  faults(config: FaultConfig): Promise<void>;
  close(): Promise<void>;
}

/**
 * The Kazoo profile a harness gets unless the test names one: 4.3, or 4.2 with
 * `PORTDESK_KAZOO_PROFILE=4.2` (to run any file on 4.0-4.2 by hand; the suite runs a cheap subset on
 * 4.2 by naming it, {@link BOTH_PROFILES}).
 */
export const KAZOO_PROFILE: KazooVersion = process.env.PORTDESK_KAZOO_PROFILE === '4.2' ? '4.2' : '4.3';
/** Both Kazoo profiles, for the engine-level tests the suite runs on each. */
export const BOTH_PROFILES = ['4.3', '4.2'] as const;

/** A sandbox on a random loopback port and a PortDesk store with one remote pointing at it. */
export async function startHarness(kind: 'kazoo' | 'telnyx' = 'kazoo', opts: { dbPath?: string; dir?: string; kazooVersion?: KazooVersion; token?: 'root' | 'sub'; proxy?: boolean } = {}): Promise<Harness> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'pd-sync-'));
  const sb = await startSandbox({ dataDir: join(dir, 'sandbox'), port: 0, seed: 'none', kazooVersion: opts.kazooVersion ?? KAZOO_PROFILE });
  const asSub = opts.token === 'sub';
  const proxy = opts.proxy ? await startDelayProxy(sb.kazooUrl) : null;
  // The sandbox serves both families on one origin (Telnyx under /telnyx): the proxy stands in for it.
  const via = (url: string): string => (proxy ? url.replace(new URL(sb.kazooUrl).origin, proxy.url) : url);
  const ctx = createAppContext({ dbPath: opts.dbPath ?? join(dir, 'portdesk.db'), shell: 'cli', backgroundSync: false });
  const remote = ctx.remotes.add({
    kind,
    url: via(kind === 'kazoo' ? `${sb.kazooUrl}/v2/` : sb.telnyxUrl),
    accountId: asSub ? (sb.accounts.subs[0]?.id ?? '') : sb.accounts.root.id,
    token: asSub ? sb.subToken : sb.token,
    ...(kind === 'telnyx' ? { apiUser: asSub ? sb.subTelnyxUser : sb.telnyxUser } : {}),
    defaultConnectionId: 'conn-1',
  });
  const admin = async (path: string, body?: unknown, method = 'POST'): Promise<unknown> => {
    const res = await fetch(`${sb.adminUrl}${path}`, {
      method,
      headers: { 'x-auth-token': sb.token, 'content-type': 'application/json' },
      body: method === 'GET' ? null : JSON.stringify(body ?? {}),
    });
    return res.json();
  };
  const engine = new SyncEngine({ db: ctx.db, changes: ctx.changes, remotes: ctx.remotes, backoff: { baseMs: 20, capMs: 400 } });
  return {
    sb,
    ctx,
    engine,
    dir,
    remoteId: remote.id,
    proxy,
    admin,
    faults: async (config) => {
      await admin('/faults', config);
    },
    close: async () => {
      ctx.close();
      await proxy?.close();
      await sb.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `count` distinct NANP numbers starting at `start`, skipping the sandbox carrier that refuses port-out. */
export function numbers(start: number, count: number): string[] {
  const out: string[] = [];
  for (let n = start; out.length < count; n += 1) {
    const e164 = `+1${String(2_025_550_000 + n)}`;
    if (carrierOf(e164) !== 'NORTHSTAR RURAL TELEPHONE') out.push(e164);
  }
  return out;
}

/** Every Kazoo port request in the sandbox (all states, all accounts), straight from the API. */
export async function kazooRemote(h: Harness, token = h.sb.token): Promise<{ id: string; name: string; port_state: string; numbers: Record<string, unknown>; portdesk_client_id?: string }[]> {
  // The account's own listing and its descendants' (4.3's descendants listing leaves out the account's own).
  const out: Awaited<ReturnType<typeof kazooRemote>> = [];
  for (const path of ['port_requests?by_types=all', 'descendants/port_requests?by_types=all']) {
    const res = await fetch(`${h.sb.kazooUrl}/v2/accounts/${h.sb.accounts.root.id}/${path}`, { headers: { 'x-auth-token': token } });
    const body = (await res.json()) as { data: { port_requests: never[] }[] };
    out.push(...body.data.flatMap((g) => g.port_requests));
  }
  return out;
}
