import { afterEach, describe, expect, it } from 'vitest';
import { createAdapter, SyncEngine } from '../../../src/main/sync/engine';
import type { RemoteAdapter } from '../../../src/main/sync/adapters/types';
import { numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a port deleted while a pull is listing its remote copy', () => {
  for (const kind of ['kazoo', 'telnyx'] as const) {
    it(`stays deleted: the listing's copy is not pulled back as a new port (${kind})`, async () => {
      h = await startHarness(kind);
      const port = h.ctx.ports.create({ fields: { name: 'Deleted mid-pull' }, numbers: numbers(0, 1), remoteId: h.remoteId });
      expect((await h.ctx.sync.syncNow({ waitMs: 10_000 })).converged).toBe(true);
      // The listing answers, then the specialist deletes the port before the pull applies it.
      let listed!: () => void;
      const listing = new Promise<void>((resolve) => (listed = resolve));
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const adapterFor = (config: Parameters<typeof createAdapter>[0]): RemoteAdapter => {
        const real = createAdapter(config);
        return Object.assign(Object.create(real) as RemoteAdapter, {
          listAll: async () => {
            const out = await real.listAll();
            listed();
            await held;
            return out;
          },
        });
      };
      const engine = new SyncEngine({ db: h.ctx.db, repos: h.ctx.repos, changes: h.ctx.changes, remotes: h.ctx.remotes, adapterFor });
      const run = engine.syncNow({ waitMs: 10_000 });
      await listing;
      h.ctx.ports.delete(port.id);
      release();
      await run;
      expect(h.ctx.ports.list()).toEqual([]);
      // The next run sends the delete (Telnyx keeps the draft: it is marked gone, never pulled back).
      expect((await engine.syncNow({ waitMs: 10_000 })).converged).toBe(true);
      expect(h.ctx.ports.list()).toEqual([]);
    });
  }
});
