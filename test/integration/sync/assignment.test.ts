import { afterEach, describe, expect, it } from 'vitest';
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
});
