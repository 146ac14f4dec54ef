import { afterEach, describe, expect, it, vi } from 'vitest';
import { closedPort } from '../../support/closed-port';
import { numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('sync status', () => {
  it('counts the queued changes of local-only ports instead of saying everything is in sync', async () => {
    h = await startHarness('kazoo');
    h.ctx.ports.create({ fields: { name: 'Kept here' }, numbers: numbers(0, 2), remoteId: null });
    const report = await h.engine.syncNow({ waitMs: 5000 });
    expect(report.message).toBe('Synced; 1 change(s) of local-only ports wait for a remote');
    expect(h.engine.status().summary).toMatch(/; 1 change\(s\) of local-only ports wait for a remote$/);
  });

  it('shows "Syncing N of M" while running, then online with the last sync time; never a token', async () => {
    h = await startHarness('kazoo');
    for (let i = 0; i < 12; i += 1) h.ctx.ports.create({ fields: { name: `S${i}` }, numbers: numbers(i * 3, 2), remoteId: h.remoteId });
    await h.faults({ latency: { fixedMs: 40 } });
    const run = h.engine.syncNow({ waitMs: 5000 });
    const harness = h;
    const during = await vi.waitFor(
      () => {
        const status = harness.engine.status();
        expect(status.state).toBe('syncing');
        return status;
      },
      { timeout: 5_000, interval: 5 },
    );
    expect(during.summary).toMatch(/^Syncing \d+ of 12$/);
    expect((await run).converged).toBe(true);
    const after = h.engine.status();
    expect(after.state).toBe('online');
    expect(after.remotes[0]?.lastSyncedAt).toBeGreaterThan(0);
    expect(after.summary).toMatch(/^Online, last synced/);
    const rpc = await h.ctx.router.call('sync.status', {});
    const listed = await h.ctx.router.call('remotes.list', {});
    expect(JSON.stringify([rpc, listed])).not.toContain(h.sb.token);
  });

  it('shows offline since the first network failure and keeps the change queued', async () => {
    h = await startHarness('kazoo');
    // A port nobody listens on: connections are refused.
    const free = await closedPort();
    const dead = h.ctx.remotes.add({ kind: 'kazoo', url: `http://127.0.0.1:${free}`, accountId: 'acc', token: 't' });
    const p = h.ctx.ports.create({ fields: { name: 'Offline' }, numbers: numbers(0, 2), remoteId: dead.id });
    const report = await h.engine.syncNow({ remoteId: dead.id });
    expect(report.converged).toBe(false);
    // The report says why, and that the queued change is kept, not only that it is still queued.
    expect(report.message).toMatch(/^Kazoo .+ cannot be reached right now \(Network error \(connect ECONNREFUSED .+\)\); its 1 change\(s\) are kept on this computer/);
    expect(report.unreachable).toMatchObject([{ remoteId: dead.id, queued: 1 }]);
    const st = h.engine.status().remotes.find((r) => r.remoteId === dead.id);
    expect(st?.state).toBe('offline');
    expect(st?.offlineSince).toBeGreaterThan(0);
    expect(st?.message).toMatch(/Network error/);
    expect(h.ctx.ports.get(p.id).syncStatus).toBe('pending');
    expect(h.ctx.repos.outbox.count()).toBe(1);
  });

  it('names the connections a run left work on, and only those (the Sync screen points at their cards)', async () => {
    h = await startHarness('kazoo');
    const free = await closedPort();
    const dead = h.ctx.remotes.add({ kind: 'kazoo', url: `http://127.0.0.1:${free}`, accountId: 'acc', token: 't', name: 'Unreachable' });
    h.ctx.ports.create({ fields: { name: 'Offline' }, numbers: numbers(0, 2), remoteId: dead.id });
    h.ctx.ports.create({ fields: { name: 'Online' }, numbers: numbers(3, 2), remoteId: h.remoteId });
    const report = await h.engine.syncNow();
    expect(report).toMatchObject({ converged: false, unfinished: [{ remoteId: dead.id, name: 'Unreachable' }] });
  });
});

describe('a run whose pull failed', () => {
  it.each(['kazoo', 'telnyx'] as const)('is not converged and says the pull failed, with the reason (%s, 503 on every call)', async (kind) => {
    h = await startHarness(kind);
    await h.faults({ seed: 1, serverError: { rate: 1, statuses: [503] } });
    const failed = await h.engine.syncNow({ waitMs: 0 });
    expect(failed.converged).toBe(false);
    expect(failed.unfinished).toEqual([{ remoteId: h.remoteId, name: expect.any(String) }]);
    expect(failed.message).toMatch(/^Still not converged: (Kazoo|Telnyx) .+: the pull failed \(service unavailable/);
    expect(failed.message).not.toContain('Everything is in sync');
    await h.faults({});
    const ok = await h.engine.syncNow({ waitMs: 5_000 });
    expect(ok).toMatchObject({ converged: true, message: 'Everything is in sync', unfinished: [] });
  });
});
