import { afterEach, describe, expect, it } from 'vitest';
import type { AddedRemote } from '../../../src/main/services/remotes-service';
import { BOTH_PROFILES, kazooRemote, numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the first remote added', () => {
  it.each(BOTH_PROFILES)('takes every port made with no remote (faults on, each created once); ports kept local stay local (Kazoo %s)', async (kazooVersion) => {
    h = await startHarness('kazoo', { kazooVersion });
    const harness = h;
    // Start from no remote at all, as a new install does.
    harness.ctx.remotes.remove(harness.remoteId);
    const { ports } = harness.ctx;
    const made = Array.from({ length: 6 }, (_, i) => ports.create({ fields: { name: `Before ${i}`, billingName: `Early Co ${i}` }, numbers: numbers(i * 3, 2) }));
    expect(made.every((p) => p.remoteId === null && !p.keptLocal)).toBe(true);
    ports.update(made[0]!.id, { billingName: 'Edited Before Any Remote' });
    const keptAtCreate = ports.create({ fields: { name: 'Kept at create' }, numbers: numbers(40, 1), remoteId: null });
    const keptLater = ports.setKeptLocal(ports.create({ fields: { name: 'Kept later' }, numbers: numbers(43, 1) }).id, true);
    const released = ports.setKeptLocal(ports.create({ fields: { name: 'Released' }, numbers: numbers(46, 1), remoteId: null }).id, false);
    expect([keptAtCreate.keptLocal, keptLater.keptLocal, released.keptLocal]).toEqual([true, true, false]);

    const before = harness.engine.status();
    expect(before.localOnly).toEqual({ ports: 9, keptLocal: 2, changes: 10 });
    expect(before.summary).toBe('No remote set up: working locally; 10 change(s) of local-only ports wait for a remote');

    await harness.faults({ seed: 5, serverError: { rate: 0.2 }, lostResponse: { rate: 0.2 } });
    const added = await harness.ctx.router.call('remotes.add', { kind: 'kazoo', url: harness.sb.kazooUrl, accountId: harness.sb.accounts.root.id, token: harness.sb.token, name: 'First' });
    if (!added.ok) throw new Error(added.error.message);
    const first = added.value as AddedRemote;
    expect(first.isDefault).toBe(true);
    expect(first.assignedPorts).toBe(7);
    let report = await harness.engine.syncNow({ waitMs: 15_000 });
    for (let i = 0; i < 15 && !report.converged; i += 1) report = await harness.engine.syncNow({ waitMs: 15_000 });
    await harness.faults({});
    expect(report.converged, report.message).toBe(true);

    const taken = [...made, released];
    const remote = await kazooRemote(harness);
    // Each port made before the remote exists there exactly once, with the edit made before it was added.
    expect(remote.map((r) => r.portdesk_client_id).sort()).toEqual(taken.map((p) => p.id).sort());
    const edited = remote.find((r) => r.portdesk_client_id === made[0]!.id) as unknown as { bill?: { name?: string } };
    expect(edited.bill?.name).toBe('Edited Before Any Remote');
    for (const p of taken) expect(ports.get(p.id)).toMatchObject({ remoteId: first.id, syncStatus: 'synced', keptLocal: false });
    for (const p of [keptAtCreate, keptLater]) {
      expect(ports.get(p.id)).toMatchObject({ remoteId: null, syncStatus: 'local', keptLocal: true });
      // Their changes wait, counted, for the day they are given a remote.
      expect(harness.ctx.repos.outbox.rows(p.id).map((r) => r.op)).toEqual(['port.create']);
    }
    expect(harness.engine.status().localOnly).toEqual({ ports: 2, keptLocal: 2, changes: 2 });

    // Only the first remote takes ports: a port made local after it stays local when another is added.
    const late = ports.create({ fields: { name: 'Late local' }, numbers: numbers(50, 1), remoteId: null });
    ports.setKeptLocal(late.id, false);
    const second = harness.ctx.remotes.add({ kind: 'kazoo', url: harness.sb.kazooUrl, accountId: harness.sb.accounts.subs[0]!.id, token: harness.sb.subToken, name: 'Second' });
    expect(second.assignedPorts).toBe(0);
    expect(ports.get(late.id).remoteId).toBeNull();
  }, 120_000);
});
