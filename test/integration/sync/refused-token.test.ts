import { afterEach, describe, expect, it } from 'vitest';
import { createAdapter, SyncEngine } from '../../../src/main/sync/engine';
import type { RemoteAdapter } from '../../../src/main/sync/adapters/types';
import { numbers, startHarness, type Harness } from './harness';
import { telnyxApi } from './telnyx-api';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface LogEntry {
  method: string;
  path: string;
  status: number;
}

async function refusals(hh: Harness): Promise<LogEntry[]> {
  const log = ((await hh.admin('/log', undefined, 'GET')) as { data: LogEntry[] }).data;
  return log.filter((e) => e.status === 401);
}

/**
 * A token the server stops taking mid-run (revoked, expired) refuses every call alike: the run
 * pauses the remote at the first refusal, and must not go on sending the rest of its calls with
 * it (thousands on a large account, and some servers lock an account that keeps failing).
 */
describe('a token refused in the middle of a sync run', () => {
  it('pull: no GET for documents and comments starts once one was refused, and the run ends with none in flight', async () => {
    h = await startHarness('telnyx');
    for (const n of numbers(0, 40)) await telnyxApi(h, '/draft_port_requests', { method: 'POST', json: { phone_numbers: [{ phone_number: n }] } });
    const admin = h.admin;
    const calls: { started: number; settled: boolean }[] = [];
    let firstRefusal = Infinity;
    let events = 0;
    // The listing answers with the token still good; the token is revoked before the per-request GETs.
    const adapterFor = (config: Parameters<typeof createAdapter>[0]): RemoteAdapter => {
      const real = createAdapter(config);
      return Object.assign(Object.create(real) as RemoteAdapter, {
        listAll: async () => {
          const out = await real.listAll();
          await admin('/tokens/expire');
          return out;
        },
        extras: async (id: string) => {
          const call = { started: events++, settled: false };
          calls.push(call);
          try {
            return await real.extras(id);
          } catch (err) {
            firstRefusal = Math.min(firstRefusal, events++);
            throw err;
          } finally {
            call.settled = true;
          }
        },
      });
    };
    const engine = new SyncEngine({ db: h.ctx.db, repos: h.ctx.repos, changes: h.ctx.changes, remotes: h.ctx.remotes, adapterFor });
    const report = await engine.syncNow({ waitMs: 10_000 });
    expect(report.converged).toBe(false);
    expect(engine.status().state).toBe('paused');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.started > firstRefusal)).toEqual([]);
    expect(calls.every((c) => c.settled)).toBe(true);
    // At most one refused call per slot of the pull's pool (16), not one per request (40).
    expect((await refusals(h)).length).toBeLessThanOrEqual(16);
  });

  it('push: the ports not yet sent stay queued, unsent, once the server refused the token', async () => {
    h = await startHarness('telnyx');
    const ids = numbers(100, 30).map((n, i) => h!.ctx.ports.create({ fields: { name: `Refused ${i}` }, numbers: [n], remoteId: h!.remoteId }).id);
    await h.admin('/tokens/expire');
    const report = await h.engine.syncNow({ waitMs: 5_000 });
    expect(report.converged).toBe(false);
    expect(h.engine.status().state).toBe('paused');
    // At most the pushes in flight when the first refusal came back (8 at a time), not all 30.
    const refused = await refusals(h);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(8);
    expect(h.ctx.repos.outbox.pendingPorts(h.remoteId).sort()).toEqual([...ids].sort());
  });
});
