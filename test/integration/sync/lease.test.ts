import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../../src/main/sync/engine';
import { kazooRemote, numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('one sync per database', () => {
  it('says who holds the lease, and two engines on one store with faults on create each port once', async () => {
    h = await startHarness('kazoo');
    const other = { owner: 'PortDesk electron (pid 1 on another-machine, run 1)', pid: 1, host: 'another-machine' };
    h.ctx.repos.syncLease.acquire(other, Date.now(), 60_000);
    const refused = await h.engine.syncNow({ waitMs: 0 });
    expect(refused.converged).toBe(false);
    // No connection ran: none to point at.
    expect(refused.unfinished).toEqual([]);
    expect(refused.message).toContain('Another PortDesk is syncing this database (PortDesk electron (pid 1 on another-machine');
    h.ctx.repos.syncLease.release(other.owner);

    const ids = Array.from({ length: 12 }, (_, i) => h?.ctx.ports.create({ fields: { name: `P${i}` }, numbers: numbers(i * 3, 2), remoteId: h.remoteId }).id);
    await h.faults({ seed: 7, lostResponse: { rate: 0.3 }, latency: { minMs: 5, maxMs: 40 } });
    // The app's engine and a CLI's engine, each with its own connection's view of the same store.
    const cli = new SyncEngine({ db: h.ctx.db, repos: h.ctx.repos, changes: h.ctx.changes, remotes: h.ctx.remotes, owner: 'PortDesk cli', backoff: { baseMs: 20, capMs: 200 } });
    const runs = await Promise.all([h.engine.syncNow({ waitMs: 20_000 }), cli.syncNow({ waitMs: 20_000 })]);
    await h.faults({});
    const last = await h.engine.syncNow({ waitMs: 20_000 });
    expect(last.converged, last.message).toBe(true);
    expect(runs.length).toBe(2);
    const remote = await kazooRemote(h);
    expect(remote).toHaveLength(ids.length);
    expect(new Set(remote.map((r) => r.portdesk_client_id))).toEqual(new Set(ids));
  });

  it('a lease left by a dead process on this machine is taken at once; one on another machine, or alive, is waited for', async () => {
    h = await startHarness('kazoo');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(dead.stdout);
    // The label says nothing parsable: only the pid and host columns count.
    h.ctx.repos.syncLease.acquire({ owner: 'PortDesk cli (killed)', pid: deadPid, host: hostname() }, Date.now(), 60_000);
    const taken = await h.engine.syncNow({ waitMs: 0 });
    expect(taken.converged, taken.message).toBe(true);
    expect(h.ctx.repos.syncLease.holder()).toBeUndefined();

    h.ctx.repos.syncLease.acquire({ owner: 'PortDesk cli (same pid, other machine)', pid: deadPid, host: `not-${hostname()}` }, Date.now(), 60_000);
    expect((await h.engine.syncNow({ waitMs: 0 })).message).toContain('Another PortDesk is syncing this database (PortDesk cli (same pid, other machine))');
    h.ctx.repos.syncLease.release('PortDesk cli (same pid, other machine)');
    h.ctx.repos.syncLease.acquire({ owner: 'PortDesk test runner (alive)', pid: process.pid, host: hostname() }, Date.now(), 60_000);
    expect((await h.engine.syncNow({ waitMs: 0 })).message).toContain('Another PortDesk is syncing this database (PortDesk test runner (alive))');
  });
});
