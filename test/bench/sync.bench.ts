import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppContext, type AppContext } from '../../src/main/app-context';
import { SyncEngine } from '../../src/main/sync/engine';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index';
import { AccountStore } from '../../src/sandbox/store/accounts';
import { openDb } from '../../src/sandbox/store/db';
import { KazooPortStore } from '../../src/sandbox/store/kazooPorts';
import { KazooPorts } from '../../src/sandbox/kazoo/ports';
import { TelnyxObjectStore } from '../../src/sandbox/store/telnyxObjects';
import { TelnyxPorting, TELNYX_STAFF_USER } from '../../src/sandbox/telnyx/service';
import { emptyLoaFields, type SubRequestDoc } from '../../src/sandbox/telnyx/model';
import { tinyPdf } from '../../src/sandbox/seed/tinyPdf';
import { collectGarbage, info, watchEventLoop, type BenchResult } from './harness';

const CONCURRENCY = 8;

async function pool(n: number, work: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) {
        const i = next;
        next += 1;
        await work(i);
      }
    }),
  );
}

/** `n` distinct NANP numbers from `start`. */
const nums = (start: number, n: number): string[] => Array.from({ length: n }, (_, i) => `+1${2_025_550_000 + start + i}`);

/**
 * Push: 1,000 queued local changes (250 ports created offline, each edited three times) pushed
 * to a loopback sandbox, against 1,000 plain HTTP round trips (GET of one port request, same
 * concurrency) in the same run. Consecutive edits of a port collapse into one write, which is
 * why the ratio can exceed 1.
 */
async function benchPush(dir: string): Promise<BenchResult> {
  const sb = await startSandbox({ dataDir: join(dir, 'push-sbx'), port: 0, seed: 'none' });
  const ctx = createAppContext({ dbPath: join(dir, 'push.db'), shell: 'cli', backgroundSync: false });
  try {
    const remote = ctx.remotes.add({ kind: 'kazoo', url: sb.kazooUrl, accountId: sb.accounts.root.id, token: sb.token });
    for (let i = 0; i < 250; i += 1) {
      const p = ctx.ports.create({ fields: { name: `Bench ${i}` }, numbers: nums(i * 4, 4), remoteId: remote.id });
      for (let e = 0; e < 3; e += 1) ctx.ports.update(p.id, { locality: `Town ${i}-${e}` });
    }
    const changes = ctx.repos.outbox.count();
    const engine = new SyncEngine({ db: ctx.db, changes: ctx.changes, remotes: ctx.remotes, concurrency: CONCURRENCY });
    const t0 = performance.now();
    const report = await engine.syncNow({ waitMs: 30_000 });
    const pushMs = performance.now() - t0;
    if (!report.converged) throw new Error(report.message);
    const one = ctx.ports.list()[0]?.remoteObjectId ?? '';
    const url = `${sb.kazooUrl}/v2/accounts/${sb.accounts.root.id}/port_requests/${one}`;
    const t1 = performance.now();
    await pool(changes, async () => (await fetch(url, { headers: { 'x-auth-token': sb.token } })).text());
    const rawMs = performance.now() - t1;
    const value = changes / (pushMs / 1000);
    const baseline = changes / (rawMs / 1000);
    return { name: `sync push ${changes} queued changes (changes/s vs plain round trips/s)`, value, unit: 'changes/s', baseline, ratio: value / baseline, target: 'ratio >= 0.5' };
  } finally {
    ctx.close();
    await sb.close();
  }
}

const SANDBOX_CLI = fileURLToPath(new URL('../../src/sandbox/cli.ts', import.meta.url));

/**
 * The sandbox in a process of its own, as a real server is: the event-loop figure then measures
 * PortDesk's work alone (serving a 7,500-port listing is the server's, not the window's, time).
 */
async function sandboxProcess(dataDir: string, token: string): Promise<{ kazooUrl: string; telnyxUrl: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SANDBOX_CLI, '--port', '0', '--data', dataDir, '--token', token], { stdio: ['ignore', 'pipe', 'inherit'] });
  const urls = await new Promise<{ kazooUrl: string; telnyxUrl: string }>((resolve, reject) => {
    let buffered = '';
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it listened`)));
    // Its request log keeps coming on stdout: read (and drop) all of it, or the pipe fills and stalls it.
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.includes('"kazooUrl"')) resolve(JSON.parse(line) as { kazooUrl: string; telnyxUrl: string });
      }
    });
  });
  return {
    ...urls,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A sandbox in its own process holding 10,000 port requests of its root account (a quarter
 * completed, within 4.3's 31-day window), seeded straight into its store: 10,000 HTTP creates
 * would dominate the run. Shared by the pull bench and test/bench/profile-pull.ts.
 */
export async function seededPullServer(dir: string): Promise<{ kazooUrl: string; token: string; rootId: string; close(): Promise<void> }> {
  const dataDir = join(dir, 'pull-sbx');
  const sb: SandboxHandle = await startSandbox({ dataDir, port: 0, seed: 'none' });
  const token = sb.token;
  const rootId = sb.accounts.root.id;
  await sb.close();
  const sdb = openDb(dataDir);
  const ports = new KazooPorts(new KazooPortStore(sdb), new AccountStore(sdb), Date.now);
  const store = new KazooPortStore(sdb);
  sdb.transaction(() => {
    for (let i = 0; i < 10_000; i += 1) {
      const rec = ports.create(rootId, { name: `Seeded ${i}`, numbers: Object.fromEntries(nums(100_000 + i * 2, 2).map((n) => [n, {}])), bill: { name: `Customer ${i}`, locality: 'Springfield' } }, { accountId: rootId, userId: null });
      if (i % 4 === 0) store.save({ ...rec, state: 'completed', rev: rec.rev + 1 }, Object.keys(rec.doc.numbers as object));
    }
  })();
  sdb.close();
  const server = await sandboxProcess(dataDir, token);
  return { ...server, token, rootId };
}

/**
 * A sandbox in its own process holding 10,000 Telnyx port requests of its root account, seeded
 * straight into its store as a submitted draft leaves them: one sub request with the LOA filled
 * in, an LOA and an invoice each, a customer's comment on every fourth, a sixth ported and one in
 * fifty in exception with the staff's comment. Shared with test/bench/profile-pull.ts.
 */
export async function seededTelnyxServer(dir: string): Promise<{ telnyxUrl: string; token: string; user: string; rootId: string; close(): Promise<void> }> {
  const dataDir = join(dir, 'telnyx-sbx');
  const sb: SandboxHandle = await startSandbox({ dataDir, port: 0, seed: 'none' });
  const { token, telnyxUser: user } = sb;
  const rootId = sb.accounts.root.id;
  await sb.close();
  const sdb = openDb(dataDir);
  const porting = new TelnyxPorting(new TelnyxObjectStore(sdb), Date.now);
  const pdf = tinyPdf('Letter of Authorization', ['Seeded']);
  const statuses: SubRequestDoc['status'][] = ['unassigned', 'in-process', 'submitted', 'foc-date-confirmed', 'ported', 'in-process'];
  sdb.transaction(() => {
    for (let i = 0; i < 10_000; i += 1) {
      const numbers = nums(300_000 + i * 2, 2);
      const loa = { ...emptyLoaFields(), person_or_company_name: `Customer ${i}`, auth_person_name: 'Pat Doe', billing_phone_number: numbers[0] as string, street_address: `${i} Main St`, locality: 'Springfield', administrative_area: 'IL', postal_code: '62701', country_code: 'US', account_number: String(10_000_000 + i) };
      const status = i % 50 === 49 ? 'exception' : (statuses[i % statuses.length] as SubRequestDoc['status']);
      const pr = porting.createPortRequest(rootId, [{ loa, numbers, carrier: 'Seeded Carrier' }], status);
      porting.addDocument([rootId], pr.id, 'loa', 'Signed LOA', pdf);
      porting.addDocument([rootId], pr.id, 'invoice', 'Bill', pdf);
      if (i % 4 === 0) porting.addComment([rootId], pr.id, rootId, `Opened for customer ${i}`, null);
      if (status === 'exception') porting.addComment([rootId], pr.id, TELNYX_STAFF_USER, 'The account number does not match the CSR', porting.subRequests(pr.id)[0]?.id ?? null);
    }
  })();
  sdb.close();
  const server = await sandboxProcess(dataDir, token);
  return { telnyxUrl: server.telnyxUrl, close: server.close, token, user, rootId };
}

/**
 * A raw fetch and parse of exactly what the adapter reads from Kazoo 4.3 (both listings at once,
 * as it does): the pull's own work is everything beyond it. Also the warm-up of
 * test/bench/profile-pull.ts.
 */
export function kazooListings(server: { kazooUrl: string; token: string; rootId: string }): () => Promise<unknown> {
  const api = `${server.kazooUrl}/v2/accounts/${server.rootId}`;
  const listings = [`${api}/port_requests?by_types=all`, `${api}/descendants/port_requests?by_types=all`];
  const once = async (u: string): Promise<unknown> => (await fetch(u, { headers: { 'x-auth-token': server.token } })).json();
  // Same rule as the engine: one immediate retry of a GET on a keep-alive socket the server closed.
  const get = (u: string): Promise<unknown> => once(u).catch(() => once(u));
  return () => Promise.all(listings.map(get));
}

/**
 * A raw fetch and parse of every page of the two listings the Telnyx adapter reads, one page after
 * another as it reads them. Also the warm-up of test/bench/profile-pull.ts.
 */
export function telnyxListings(server: { telnyxUrl: string; token: string; user: string }): () => Promise<unknown> {
  const headers = { 'x-api-user': server.user, 'x-api-token': server.token };
  const pages = async (path: string): Promise<unknown[]> => {
    const out: unknown[] = [];
    for (let page = 1, total = 1; page <= total; page += 1) {
      const res = await fetch(`${server.telnyxUrl}/origination/porting${path}${path.includes('?') ? '&' : '?'}page=${page}&per_page=250&include_sub_requests=true`, { headers });
      out.push(await res.json());
      total = Number(res.headers.get('total-pages'));
    }
    return out;
  };
  return async () => [await pages('/draft_port_requests?status=pending'), await pages('/port_requests')];
}

interface PullFigures {
  /** Wall and CPU time of the pull, and its longest event-loop block (vs `idleLagMs`, the loop's own). */
  pullMs: number;
  pullCpuMs: number;
  pullLagMs: number;
  idleLagMs: number;
  /** The raw fetch and parse of the same listings, after the pull. */
  rawMs: number;
  rawCpuMs: number;
}

/**
 * One pull of `remote` into the empty store of `ctx`, timed, against `rawFetch` (what the adapter
 * reads, parsed) run once before it (the sandbox's caches warm for both) and once after (timed).
 */
async function measurePull(ctx: AppContext, rawFetch: () => Promise<unknown>, expected: number): Promise<PullFigures> {
  const engine = new SyncEngine({ db: ctx.db, changes: ctx.changes, remotes: ctx.remotes });
  await rawFetch();
  collectGarbage();
  const idle = watchEventLoop();
  await new Promise((r) => setTimeout(r, 500));
  const idleLagMs = idle.stop();
  const lag = watchEventLoop();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const report = await engine.syncNow();
  const pullMs = performance.now() - t0;
  const pullCpuMs = cpuMs(process.cpuUsage(cpu0));
  const pullLagMs = lag.stop();
  const count = ctx.ports.list().length;
  if (count !== expected || !report.converged) throw new Error(`pulled ${count} ports: ${report.message}`);
  collectGarbage();
  const cpu1 = process.cpuUsage();
  const t1 = performance.now();
  await rawFetch();
  return { pullMs, pullCpuMs, pullLagMs, idleLagMs, rawMs: performance.now() - t1, rawCpuMs: cpuMs(process.cpuUsage(cpu1)) };
}

/**
 * A second pull of what `ctx` holds, nothing changed on the remote: what the background pull does
 * once a minute (the listing, the loads of what is linked, matching, the chunks with nothing to
 * write). Its longest event-loop block, against the idle loop's just before.
 */
async function measureRepull(ctx: AppContext): Promise<{ lagMs: number; idleLagMs: number }> {
  const engine = new SyncEngine({ db: ctx.db, changes: ctx.changes, remotes: ctx.remotes });
  const idle = watchEventLoop();
  await new Promise((r) => setTimeout(r, 500));
  const idleLagMs = idle.stop();
  const lag = watchEventLoop();
  const report = await engine.syncNow();
  const lagMs = lag.stop();
  if (!report.converged) throw new Error(`the second pull did not converge: ${report.message}`);
  return { lagMs, idleLagMs };
}

/** Pull: 10,000 remote ports into an empty store, against raw fetch+parse of the same listings. */
async function benchPull(dir: string): Promise<BenchResult[]> {
  const server = await seededPullServer(dir);
  const { token, rootId } = server;
  const ctx = createAppContext({ dbPath: join(dir, 'pull.db'), shell: 'cli', backgroundSync: false });
  try {
    ctx.remotes.add({ kind: 'kazoo', url: server.kazooUrl, accountId: rootId, token });
    const f = await measurePull(ctx, kazooListings(server), 10_000);
    const value = f.pullMs / 1000;
    const baseline = f.rawMs / 1000;
    return [
      { name: 'sync pull 10,000 remote ports into an empty store (s vs raw fetch)', value, unit: 's', baseline, ratio: value / baseline, target: 'value <= 1 s', met: value <= 1 },
      // On a busy machine the wall time above mostly waits for a core; PortDesk's own CPU time does not.
      info("sync pull 10,000 ports: CPU time of PortDesk's process (the sandbox's is its own; vs the raw fetch's)", f.pullCpuMs, f.rawCpuMs, 'ms'),
      { name: 'event loop: longest block during the 10,000-port pull (sandbox in its own process; vs idle)', value: f.pullLagMs, unit: 'ms', baseline: f.idleLagMs, ratio: f.pullLagMs / Math.max(f.idleLagMs, 1), target: 'value <= 100 ms', met: f.pullLagMs <= 100 },
    ];
  } finally {
    ctx.close();
    await server.close();
  }
}

/**
 * Pull: 10,000 Telnyx port requests into an empty store, against a raw fetch and parse of every
 * page of the two listings the adapter reads, one page after another as it reads them. Beyond the
 * listings, a Telnyx pull reads each new request's documents and comments (its listing carries
 * neither) and the staff's comment of each one in exception.
 */
async function benchTelnyxPull(dir: string): Promise<BenchResult[]> {
  const server = await seededTelnyxServer(dir);
  const ctx = createAppContext({ dbPath: join(dir, 'telnyx-pull.db'), shell: 'cli', backgroundSync: false });
  try {
    ctx.remotes.add({ kind: 'telnyx', url: server.telnyxUrl, accountId: server.rootId, token: server.token, apiUser: server.user });
    const f = await measurePull(ctx, telnyxListings(server), 10_000);
    const again = await measureRepull(ctx);
    const value = f.pullMs / 1000;
    const baseline = f.rawMs / 1000;
    return [
      info('sync pull 10,000 Telnyx port requests into an empty store (s vs raw fetch of the listing pages)', value, baseline, 's'),
      info("sync pull 10,000 Telnyx requests: CPU time of PortDesk's process (vs the raw fetch's)", f.pullCpuMs, f.rawCpuMs, 'ms'),
      { name: 'event loop: longest block during the 10,000-request Telnyx pull (vs idle)', value: f.pullLagMs, unit: 'ms', baseline: f.idleLagMs, ratio: f.pullLagMs / Math.max(f.idleLagMs, 1), target: 'value <= 100 ms', met: f.pullLagMs <= 100 },
      {
        name: 'event loop: longest block during a background pull of the same 10,000 Telnyx requests, none changed (vs idle)',
        value: again.lagMs,
        unit: 'ms',
        baseline: again.idleLagMs,
        ratio: again.lagMs / Math.max(again.idleLagMs, 1),
        target: 'value <= 100 ms',
        met: again.lagMs <= 100,
      },
    ];
  } finally {
    ctx.close();
    await server.close();
  }
}

const cpuMs = (used: NodeJS.CpuUsage): number => (used.user + used.system) / 1000;

/** Sync benchmarks for test/bench/run.ts. */
export async function benchSync(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-bench-sync-'));
  try {
    const push = await benchPush(dir);
    const pull = await benchPull(dir);
    const telnyx = await benchTelnyxPull(dir);
    return [{ ...push, met: push.ratio >= 0.5 }, ...pull, ...telnyx];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
