import { afterEach, describe, expect, it } from 'vitest';
import { movePath } from '../../../src/shared/domain/movePath';
import { READY_FIELDS } from '../../support/port-fields';
import type { BulkAssignResult } from '../../../src/main/services/ports-service';
import { kazooRemote, numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('remote assignment', () => {
  it('new ports go to the default remote; a local-only port is assigned later and created remotely once', async () => {
    h = await startHarness('kazoo');
    expect(h.ctx.remotes.list().map((r) => r.isDefault)).toEqual([true]);

    const viaDefault = h.ctx.ports.create({ fields: { name: 'Default' }, numbers: numbers(0, 1) });
    expect(viaDefault.remoteId).toBe(h.remoteId);
    const local = h.ctx.ports.create({ fields: { name: 'Local' }, numbers: numbers(5, 2), remoteId: null });
    expect(local.remoteId).toBeNull();
    h.ctx.ports.update(local.id, { billingName: 'Later Co' });
    await h.engine.syncNow({ waitMs: 5000 });
    expect((await kazooRemote(h)).map((r) => r.name)).toEqual(['Default']);

    const assigned = await h.ctx.router.call('ports.assignRemote', { id: local.id, remoteId: h.remoteId });
    expect(assigned.ok).toBe(true);
    expect(h.ctx.ports.get(local.id).remoteId).toBe(h.remoteId);
    expect((await h.engine.syncNow({ waitMs: 5000 })).converged).toBe(true);
    const remote = await kazooRemote(h);
    expect(remote.map((r) => r.name).sort()).toEqual(['Default', 'Local']);
    expect(remote.find((r) => r.name === 'Local')?.portdesk_client_id).toBe(local.id);
    expect(h.ctx.ports.get(local.id).syncStatus).toBe('synced');

    const again = await h.ctx.router.call('ports.assignRemote', { id: local.id, remoteId: h.remoteId });
    expect(again.ok ? null : again.error.code).toBe('CONFLICT');
  }, 30_000);

  it('a port whose create was dropped with its old remote gets a create for the whole port; removing the default moves it on', async () => {
    h = await startHarness('kazoo');
    const other = h.ctx.remotes.add({ kind: 'kazoo', url: `${h.sb.kazooUrl}`, accountId: h.sb.accounts.subs[0]?.id as string, token: h.sb.subToken, name: 'Sub' });
    expect(other.isDefault).toBe(false);
    const port = h.ctx.ports.create({ fields: { name: 'Orphan', billingName: 'Orphan Co' }, numbers: numbers(20, 2), remoteId: other.id });
    h.ctx.remotes.remove(other.id);
    expect(h.ctx.repos.outbox.count()).toBe(0);
    expect(h.ctx.ports.get(port.id).remoteId).toBeNull();
    h.ctx.ports.assignRemote(port.id, h.remoteId);
    expect((await h.engine.syncNow({ waitMs: 5000 })).converged).toBe(true);
    const remote = (await kazooRemote(h)).find((r) => r.portdesk_client_id === port.id) as unknown as { bill?: { name?: string }; numbers: object };
    expect(remote.bill?.name).toBe('Orphan Co');
    expect(Object.keys(remote.numbers)).toHaveLength(2);

    expect((await h.ctx.router.call('remotes.setDefault', { id: h.remoteId })).ok).toBe(true);
    expect(h.ctx.remotes.defaultId()).toBe(h.remoteId);
    h.ctx.remotes.remove(h.remoteId);
    expect(h.ctx.remotes.defaultId()).toBeNull();
    expect(h.ctx.ports.create({ fields: { name: 'No remote left' } }).remoteId).toBeNull();
  }, 30_000);

  it('a port already moved on locally whose create was dropped is created, then moved along the allowed path; a pull keeps its state', async () => {
    h = await startHarness('kazoo');
    const other = h.ctx.remotes.add({ kind: 'kazoo', url: h.sb.kazooUrl, accountId: h.sb.accounts.subs[0]?.id as string, token: h.sb.subToken, name: 'Sub' });
    const port = h.ctx.ports.create({ fields: { ...READY_FIELDS, name: 'Moved on' }, numbers: numbers(40, 2), remoteId: other.id });
    // Forced: readiness (LOA and bill attached) is not what this test is about.
    h.ctx.ports.move(port.id, { to: 'submitted', force: true });
    h.ctx.ports.move(port.id, { to: 'pending' });
    h.ctx.remotes.remove(other.id);
    expect(h.ctx.repos.outbox.count()).toBe(0);

    h.ctx.ports.assignRemote(port.id, h.remoteId);
    const queued = h.ctx.db.prepare('SELECT op, payload FROM outbox WHERE port_id = ? ORDER BY seq').all(port.id) as { op: string; payload: string }[];
    expect(queued.map((r) => (r.op === 'port.move' ? `move:${(JSON.parse(r.payload) as { to: string }).to}` : r.op))).toEqual(['port.create', 'move:submitted', 'move:pending']);
    // The sandbox asks for activation charges on submit, as Kazoo does: the specialist accepts them.
    expect((await h.engine.syncNow({ waitMs: 5000 })).blocked).toBe(1);
    expect(h.ctx.ports.get(port.id).syncError).toContain('accept charges');
    expect(h.ctx.ports.get(port.id).state).toBe('pending');
    h.engine.acceptCharges(port.id);
    expect((await h.engine.syncNow({ waitMs: 5000 })).converged).toBe(true);
    const remote = (await kazooRemote(h)).filter((r) => r.portdesk_client_id === port.id);
    expect(remote.map((r) => r.port_state)).toEqual(['pending']);
    // A second run pulls the remote copy back: the local state stays where the specialist put it.
    expect((await h.engine.syncNow({ waitMs: 5000 })).converged).toBe(true);
    expect(h.ctx.ports.get(port.id).state).toBe('pending');
    expect(h.ctx.ports.get(port.id).syncStatus).toBe('synced');
  }, 30_000);
});

describe('bulk remote assignment and kept local', () => {
  it('assigns a selection in one step: skips a port on another remote and one sent there without an answer, and says which', async () => {
    h = await startHarness('kazoo');
    const harness = h;
    const { ports } = harness.ctx;
    const second = harness.ctx.remotes.add({ kind: 'kazoo', url: harness.sb.kazooUrl, accountId: harness.sb.accounts.subs[0]!.id, token: harness.sb.subToken, name: 'Second' });
    const linked = ports.create({ fields: { name: 'Linked' }, numbers: numbers(0, 1) });
    expect((await harness.engine.syncNow({ waitMs: 5000 })).converged).toBe(true);
    const local = ports.create({ fields: { name: 'Local' }, numbers: numbers(3, 1), remoteId: null });
    const unsent = ports.create({ fields: { name: 'Unsent' }, numbers: numbers(6, 1) });
    const sent = ports.create({ fields: { name: 'Sent' }, numbers: numbers(9, 1) });
    // The create went out once and its answer was lost (recorded before it left): it may exist on the first remote.
    harness.ctx.repos.ports.sendingCreate(sent.id, Date.now(), Date.now() + 150_000);
    const already = ports.create({ fields: { name: 'Already' }, numbers: numbers(12, 1), remoteId: second.id });

    const result = await harness.ctx.router.call('ports.bulkAssignRemote', { ids: [linked.id, local.id, unsent.id, sent.id, already.id, 'gone'], remoteId: second.id });
    if (!result.ok) throw new Error(result.error.message);
    const value = result.value as BulkAssignResult;
    expect(value.assigned.sort()).toEqual([local.id, unsent.id].sort());
    expect(value.unchanged).toEqual([already.id]);
    expect(value.skipped).toEqual([
      { id: linked.id, name: 'Linked', reason: 'already exists on remote "Kazoo 127.0.0.1:' + new URL(harness.sb.kazooUrl).port + '"; it cannot move to another one' },
      { id: sent.id, name: 'Sent', reason: expect.stringMatching(/^was already sent to remote ".*" without an answer yet; sync, then try again$/) as unknown },
      { id: 'gone', name: '', reason: 'no longer exists' },
    ]);
    expect(ports.get(local.id)).toMatchObject({ remoteId: second.id, keptLocal: false, syncStatus: 'pending' });
    expect(ports.get(linked.id).remoteId).toBe(harness.remoteId);
    expect(ports.get(sent.id).remoteId).toBe(harness.remoteId);

    // Kept local: leaves a remote it was never sent to; a port on its remote cannot be kept local.
    expect(ports.setKeptLocal(unsent.id, true)).toMatchObject({ remoteId: null, keptLocal: true, syncStatus: 'local' });
    expect(ports.get(unsent.id).timeline.at(-1)?.message).toBe('Kept local: it gets no remote until one is assigned here');
    const refused = await harness.ctx.router.call('ports.setKeptLocal', { id: linked.id, keptLocal: true });
    expect(refused.ok ? null : refused.error.code).toBe('CONFLICT');
    expect(ports.assignRemote(unsent.id, second.id).keptLocal).toBe(false);
  }, 30_000);
});

describe('movePath', () => {
  it('is the shortest chain of allowed moves, empty when already there, null when unreachable', () => {
    expect(movePath('unconfirmed', 'completed')).toEqual(['submitted', 'pending', 'completed']);
    expect(movePath('unconfirmed', 'scheduled')).toEqual(['submitted', 'pending', 'scheduled']);
    expect(movePath('unconfirmed', 'rejected')).toEqual(['submitted', 'rejected']);
    expect(movePath('unconfirmed', 'canceled')).toEqual(['canceled']);
    expect(movePath('pending', 'pending')).toEqual([]);
    expect(movePath('completed', 'unconfirmed')).toBeNull();
  });
});
