import { afterEach, describe, expect, it } from 'vitest';
import { kazooRemote, numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface LogLine {
  seq: number;
  method: string;
  path: string;
  status: number;
  outcome: string;
}

describe('bulk edit offline', () => {
  it('reaches the sandbox as one update per port, through faults', async () => {
    h = await startHarness('kazoo');
    const ids = Array.from({ length: 12 }, (_, i) => h!.ctx.ports.create({ fields: { name: `Bulk ${i}` }, numbers: numbers(i * 3, 2), remoteId: h!.remoteId }).id);
    expect((await h.engine.syncNow({ waitMs: 15_000 })).converged).toBe(true);
    const remoteIds = new Map(h.ctx.ports.list().map((p) => [p.remoteObjectId, p.id]));
    const mark = ((await h.admin('/log', undefined, 'GET')) as { data: LogLine[] }).data.at(-1)?.seq ?? 0;

    // Offline: the edit only queues; nothing is sent until the next sync.
    const result = h.ctx.ports.bulkUpdate(ids.map((id) => ({ id, patch: { authorizedPerson: 'Dana Whitfield', losingCarrier: 'Lumen' } })));
    expect(result.updated).toHaveLength(12);
    expect(h.ctx.repos.outbox.count()).toBe(12);
    expect(h.ctx.ports.list().every((p) => p.syncStatus === 'pending')).toBe(true);

    await h.faults({ seed: 11, serverError: { rate: 0.25 } });
    let report = await h.engine.syncNow({ waitMs: 15_000 });
    for (let i = 0; i < 10 && !report.converged; i += 1) report = await h.engine.syncNow({ waitMs: 15_000 });
    await h.faults({});
    expect(report.converged, report.message).toBe(true);

    // One accepted write per port request, whatever the faults made the engine retry.
    const log = ((await h.admin('/log', undefined, 'GET')) as { data: LogLine[] }).data.filter((e) => e.seq > mark);
    const writes = log.filter((e) => e.method !== 'GET' && e.status >= 200 && e.status < 300 && e.outcome === 'answered');
    const perPort = new Map<string, number>();
    for (const w of writes) {
      const m = /\/port_requests\/([^/?]+)$/.exec(w.path);
      if (m) perPort.set(m[1]!, (perPort.get(m[1]!) ?? 0) + 1);
    }
    expect([...perPort.keys()].map((r) => remoteIds.get(r)).sort()).toEqual([...ids].sort());
    expect([...perPort.values()]).toEqual(Array(12).fill(1));

    const remote = await kazooRemote(h);
    for (const r of remote) {
      const doc = r as unknown as { signee_name?: string; carrier?: string; bill?: { carrier?: string } };
      expect(doc.signee_name).toBe('Dana Whitfield');
      expect(doc.carrier ?? doc.bill?.carrier).toBe('Lumen');
    }
    expect(h.ctx.repos.outbox.count()).toBe(0);
    expect(h.ctx.ports.list().every((p) => p.syncStatus === 'synced')).toBe(true);
  }, 90_000);
});
