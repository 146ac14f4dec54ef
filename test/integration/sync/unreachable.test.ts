import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncReport } from '../../../src/shared/rpc/methods/sync';
import { numbers, startHarness, type Harness } from './harness';

/**
 * A TCP forwarder to the sandbox on a fixed loopback port that can be shut (connections refused,
 * as to a laptop's server while it is offline) and opened again on the same port.
 */
interface Gate {
  origin: string;
  open(): Promise<void>;
  shut(): Promise<void>;
}

async function startGate(target: string): Promise<Gate> {
  const to = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const open = async (): Promise<void> => {
    const s = createServer((client) => {
      const upstream = connect(Number(to.port), to.hostname);
      for (const sock of [client, upstream]) {
        sockets.add(sock);
        sock.on('close', () => sockets.delete(sock));
        sock.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', resolve));
    port = (s.address() as AddressInfo).port;
    server = s;
  };
  const shut = async (): Promise<void> => {
    const s = server;
    server = null;
    for (const sock of sockets) sock.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await open();
  await shut();
  return { origin: `http://127.0.0.1:${port}`, open, shut };
}

let h: Harness | undefined;
let gate: Gate | undefined;
afterEach(async () => {
  await gate?.shut();
  await h?.close();
  h = undefined;
  gate = undefined;
});

/** "Sync now" as the window calls it: through the router (the RPC's own wait and options). */
async function syncNow(harness: Harness, remoteId: string): Promise<SyncReport> {
  const result = await harness.ctx.router.call('sync.now', { remoteId });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as SyncReport;
}

/** What the outbox holds, in order, without what an attempt changes (its count, its next time, its error). */
function queue(harness: Harness): string[] {
  return harness.ctx.repos.outbox.list().map((r) => `${r.seq} ${r.portId} ${r.op} ${r.status}`);
}

describe('"Sync now" with a server that cannot be connected to', () => {
  it.each(['kazoo', 'telnyx'] as const)('says so within seconds, keeps every queued change in order, and syncs each port once when it is back (%s)', async (kind) => {
    h = await startHarness(kind);
    gate = await startGate(h.sb.kazooUrl);
    const url = kind === 'kazoo' ? `${gate.origin}/v2/` : h.sb.telnyxUrl.replace(new URL(h.sb.kazooUrl).origin, gate.origin);
    const remote = h.ctx.remotes.add({
      kind,
      url,
      accountId: h.sb.accounts.root.id,
      token: h.sb.token,
      ...(kind === 'telnyx' ? { apiUser: h.sb.telnyxUser } : {}),
      defaultConnectionId: 'conn-1',
      name: 'Offline office',
    });
    const a = h.ctx.ports.create({ fields: { name: 'Harbor Dental' }, numbers: numbers(0, 2), remoteId: remote.id });
    const b = h.ctx.ports.create({ fields: { name: 'Maple Bakery' }, numbers: numbers(6, 2), remoteId: remote.id });
    h.ctx.ports.update(a.id, { locality: 'Springfield' });
    const before = queue(h);
    expect(before).toHaveLength(3);

    const started = Date.now();
    const report = await syncNow(h, remote.id);
    // It used to retry for ~30 s (the RPC's wait) before saying anything.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(report.converged).toBe(false);
    expect(report.unreachable).toEqual([{ remoteId: remote.id, name: 'Offline office', reason: expect.stringMatching(/ECONNREFUSED/), queued: 3 }]);
    expect(report.message).toMatch(/^Offline office cannot be reached right now \(Network error \(connect ECONNREFUSED .+\)\); its 3 change\(s\) are kept on this computer and PortDesk sends them when the connection is back\.$/);
    // Nothing lost, reordered or blocked; no create held back as possibly landed (nothing left).
    expect(queue(h)).toEqual(before);
    for (const p of [a, b]) {
      expect(h.ctx.ports.get(p.id).syncStatus).toBe('pending');
      expect(h.ctx.repos.ports.createSent(p.id)).toEqual({ sentAt: null, settlesAt: null });
    }
    expect(h.ctx.sync.status().remotes.find((r) => r.remoteId === remote.id)?.state).toBe('offline');

    await gate.open();
    const back = await syncNow(h, remote.id);
    expect(back).toMatchObject({ converged: true, unreachable: [] });
    expect(h.ctx.repos.outbox.count()).toBe(0);
    const linked = [a, b].map((p) => h?.ctx.ports.get(p.id).remoteObjectId ?? null);
    expect(new Set(linked).size).toBe(2);
    expect(linked).not.toContain(null);
    expect(h.ctx.ports.get(a.id).locality).toBe('Springfield');
    // One remote copy per port: a second would have been pulled in as a port or listed as a duplicate.
    const status = h.ctx.sync.status().remotes.find((r) => r.remoteId === remote.id);
    expect(status).toMatchObject({ state: 'online', duplicates: [], lateCreates: [] });
    expect(h.ctx.ports.list().filter((p) => p.remoteId === remote.id)).toHaveLength(2);
  }, 60_000);

  it('with nothing queued, says at once that the server cannot be reached rather than that the pull failed', async () => {
    h = await startHarness('kazoo');
    gate = await startGate(h.sb.kazooUrl);
    const remote = h.ctx.remotes.add({ kind: 'kazoo', url: `${gate.origin}/v2/`, accountId: h.sb.accounts.root.id, token: h.sb.token, name: 'Quiet office' });
    const report = await syncNow(h, remote.id);
    expect(report).toMatchObject({ converged: false, unreachable: [{ remoteId: remote.id, queued: 0 }] });
    expect(report.message).toMatch(/^Quiet office cannot be reached right now \(Network error \(connect ECONNREFUSED .+\)\); PortDesk syncs when the connection is back\.$/);
  });
});

describe('what is not "cannot be reached"', () => {
  it('a background run keeps retrying within its wait, as before', async () => {
    h = await startHarness('kazoo');
    gate = await startGate(h.sb.kazooUrl);
    const remote = h.ctx.remotes.add({ kind: 'kazoo', url: `${gate.origin}/v2/`, accountId: h.sb.accounts.root.id, token: h.sb.token });
    h.ctx.ports.create({ fields: { name: 'Background' }, numbers: numbers(0, 2), remoteId: remote.id });
    // The harness engine's backoff is 20 ms doubling to 400 ms: a 1.5 s wait holds several tries.
    const report = await h.engine.syncNow({ remoteId: remote.id, waitMs: 1_500 });
    expect(report.converged).toBe(false);
    expect(h.ctx.repos.outbox.list()[0]?.attempts).toBeGreaterThan(2);
  });

  it('a connection reset after the request left may be a lost answer: retried within the wait, not said unreachable', async () => {
    h = await startHarness('kazoo');
    // Accepts, reads the request, and drops the connection without a word.
    const resets: Socket[] = [];
    const server = createServer((s) => {
      resets.push(s);
      s.once('data', () => s.resetAndDestroy());
      s.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const remote = h.ctx.remotes.add({ kind: 'kazoo', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/`, accountId: h.sb.accounts.root.id, token: h.sb.token });
      h.ctx.ports.create({ fields: { name: 'Reset' }, numbers: numbers(0, 2), remoteId: remote.id });
      const report = await h.engine.syncNow({ remoteId: remote.id, waitMs: 1_500, stopWhenUnreachable: true });
      expect(report.unreachable).toEqual([]);
      expect(report.message).toMatch(/the changes could not be sent \(/);
      expect(h.ctx.repos.outbox.list()[0]?.attempts).toBeGreaterThan(1);
      expect(resets.length).toBeGreaterThan(1);
      expect(h.ctx.repos.outbox.count()).toBe(1);
    } finally {
      for (const s of resets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
