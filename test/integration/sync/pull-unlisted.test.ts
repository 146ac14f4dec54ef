import { afterEach, describe, expect, it } from 'vitest';
import { createAdapter, SyncEngine } from '../../../src/main/sync/engine';
import type { RemoteAdapter } from '../../../src/main/sync/adapters/types';
import { kazooRemote, numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a port missing from a listing (seam 1)', () => {
  it('is refreshed by id and kept; only a NOT_FOUND answer removes it', async () => {
    h = await startHarness('kazoo');
    const kept = h.ctx.ports.create({ fields: { name: 'Old and completed' }, numbers: numbers(0, 2), remoteId: h.remoteId });
    const gone = h.ctx.ports.create({ fields: { name: 'Deleted remotely' }, numbers: numbers(10, 2), remoteId: h.remoteId });
    expect((await h.ctx.sync.syncNow({ waitMs: 10_000 })).converged).toBe(true);
    const hidden = new Set([h.ctx.ports.get(kept.id).remoteObjectId, h.ctx.ports.get(gone.id).remoteObjectId]);
    // A listing that leaves both out, as Kazoo 4.3 leaves out requests completed more than 31 days ago.
    let gets = 0;
    const adapterFor = (config: Parameters<typeof createAdapter>[0]): RemoteAdapter => {
      const real = createAdapter(config);
      return Object.assign(Object.create(real) as RemoteAdapter, {
        listAll: async () => (await real.listAll()).filter((r) => !hidden.has(r.remoteObjectId)),
        get: async (id: string) => {
          gets += 1;
          return real.get(id);
        },
      });
    };
    const engine = new SyncEngine({ db: h.ctx.db, repos: h.ctx.repos, changes: h.ctx.changes, remotes: h.ctx.remotes, adapterFor });
    expect((await engine.syncNow({ waitMs: 5_000 })).converged).toBe(true);
    expect(gets).toBe(2);
    expect(h.ctx.ports.list().map((p) => p.name).sort()).toEqual(['Deleted remotely', 'Old and completed']);

    const remote = (await kazooRemote(h)).find((r) => r.portdesk_client_id === gone.id);
    await fetch(`${h.sb.kazooUrl}/v2/accounts/${h.sb.accounts.root.id}/port_requests/${remote?.id}`, { method: 'DELETE', headers: { 'x-auth-token': h.sb.token } });
    expect((await engine.syncNow({ waitMs: 5_000 })).converged).toBe(true);
    expect(h.ctx.ports.list().map((p) => p.name)).toEqual(['Old and completed']);
  });
});

describe('matching by numbers (seam 4)', () => {
  it('links a new remote port with the same number set to the local port instead of importing it', async () => {
    h = await startHarness('kazoo');
    const nums = numbers(20, 2);
    const local = h.ctx.ports.create({ fields: { name: 'My name for it' }, numbers: nums, remoteId: h.remoteId });
    expect((await h.ctx.sync.syncNow({ waitMs: 10_000 })).converged).toBe(true);
    const before = h.ctx.ports.get(local.id).remoteObjectId;
    const headers = { 'x-auth-token': h.sb.token, 'content-type': 'application/json' };
    const base = `${h.sb.kazooUrl}/v2/accounts/${h.sb.accounts.root.id}/port_requests`;
    // The request is replaced remotely by another one for the same numbers, without PortDesk's marker.
    await fetch(`${base}/${before}`, { method: 'DELETE', headers });
    const made = (await (await fetch(base, { method: 'PUT', headers, body: JSON.stringify({ data: { name: 'Portal copy', numbers: Object.fromEntries(nums.map((n) => [n, {}])) } }) })).json()) as { data: { id: string } };
    const adapterFor = (config: Parameters<typeof createAdapter>[0]): RemoteAdapter => {
      const real = createAdapter(config);
      return Object.assign(Object.create(real) as RemoteAdapter, { capabilities: { ...real.capabilities, matchByNumbers: true } });
    };
    const engine = new SyncEngine({ db: h.ctx.db, repos: h.ctx.repos, changes: h.ctx.changes, remotes: h.ctx.remotes, adapterFor });
    expect((await engine.syncNow({ waitMs: 5_000 })).converged).toBe(true);
    const after = h.ctx.ports.list();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: local.id, name: 'My name for it', remoteObjectId: made.data.id });
  });
});
