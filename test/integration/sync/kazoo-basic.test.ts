import { afterEach, describe, expect, it } from 'vitest';
import { kazooRemote, numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe.each(['4.3', '4.2'] as const)('Kazoo %s sync basics', (kazooVersion) => {
  it('pushes a created and edited port once, then a pull changes nothing', async () => {
    h = await startHarness('kazoo', { kazooVersion });
    const p = h.ctx.ports.create({ fields: { name: 'Smoke' }, numbers: numbers(0, 3), remoteId: h.remoteId });
    h.ctx.ports.update(p.id, { billingName: 'Acme Dental', locality: 'Springfield' });
    const report = await h.ctx.sync.syncNow({ waitMs: 10_000 });
    expect(report.converged).toBe(true);
    const remote = await kazooRemote(h);
    expect(remote).toHaveLength(1);
    expect(remote[0]?.portdesk_client_id).toBe(p.id);
    const local = h.ctx.ports.get(p.id);
    expect(local.syncStatus).toBe('synced');
    expect(local.remoteObjectId).toBe(remote[0]?.id);
    expect(h.ctx.repos.outbox.count()).toBe(0);
    const again = await h.ctx.sync.syncNow();
    expect(again.pulled).toBe(0);
    expect(h.ctx.ports.list()).toHaveLength(1);
  });
});
