import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../src/sandbox/http/requestLog';
import { numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const PROBE = /\/port_requests\/submitted$/;
const isProbe = (method: string, path: string): boolean => method === 'GET' && PROBE.test(path.split('?')[0] ?? '');

async function kazooLog(hh: Harness): Promise<LogEntry[]> {
  return ((await hh.admin('/log', undefined, 'GET')) as { data: LogEntry[] }).data.filter((e) => e.family === 'kazoo');
}

/**
 * A Kazoo 4.2 server whose first version probe fails. One run (one adapter) must probe again and
 * then sync with the 4.2 profile: its all-states and unconfirmed listings, the street as one line.
 */
async function syncsAs42AfterFailedProbe(hh: Harness): Promise<void> {
  const port = hh.ctx.ports.create({ fields: { name: 'Probe retried', streetNumber: '12', street: 'Oak', streetType: 'Ave', locality: 'Omaha' }, numbers: numbers(700, 1), remoteId: hh.remoteId });
  const report = await hh.engine.syncNow({ waitMs: 20_000 });
  expect(report.message).toBe('Everything is in sync');
  expect(report.converged).toBe(true);
  const log = await kazooLog(hh);
  const probes = log.filter((e) => isProbe(e.method, e.path));
  expect(probes.at(-1)?.outcome).toBe('answered');
  expect(probes.at(-1)?.status).toBe(200);
  // 4.2's listings were used (4.3 would ask by_types=all), and 4.2's one-line street was written.
  expect(log.some((e) => e.method === 'GET' && /\/port_requests\/unconfirmed$/.test(e.path))).toBe(true);
  expect(log.some((e) => e.path.includes('by_types'))).toBe(false);
  const remote = await (await fetch(`${hh.sb.kazooUrl}/v2/accounts/${hh.sb.accounts.root.id}/port_requests/${encodeURIComponent(hh.ctx.ports.get(port.id).remoteObjectId ?? '')}`, { headers: { 'x-auth-token': hh.sb.token } })).json();
  expect((remote as { data: { bill: { street_address: string } } }).data.bill.street_address).toBe('12 Oak Ave');
  expect(hh.ctx.ports.get(port.id).syncStatus).toBe('synced');
}

describe('Kazoo version probe: a failed probe pins nothing', () => {
  it('a 503 at the first probe: the same run probes again and uses the 4.2 profile', async () => {
    h = await startHarness('kazoo', { kazooVersion: '4.2' });
    await h.faults({ serverError: { next: 1, statuses: [503] } });
    await syncsAs42AfterFailedProbe(h);
    expect((await kazooLog(h)).filter((e) => isProbe(e.method, e.path)).map((e) => e.status).slice(0, 2)).toEqual([503, 200]);
  }, 60_000);

  it('connection resets at the first probe (and at its immediate retry): the same run probes again', async () => {
    h = await startHarness('kazoo', { kazooVersion: '4.2' });
    await h.faults({ reset: { next: 2, phase: 'headers' } });
    await syncsAs42AfterFailedProbe(h);
    expect((await kazooLog(h)).filter((e) => isProbe(e.method, e.path)).slice(0, 2).map((e) => e.outcome)).toEqual(['reset', 'reset']);
  }, 60_000);

  it("a 404 that is not Crossbar's (a proxy's page) is not taken for 4.3", async () => {
    h = await startHarness('kazoo', { kazooVersion: '4.2', proxy: true });
    h.proxy?.answerNext(isProbe, 404, '<html><body>404 Not Found</body></html>');
    await syncsAs42AfterFailedProbe(h);
    // The proxy answered the first probe; the sandbox saw the second.
    expect(h.proxy?.seen.filter((r) => isProbe(r.method, r.path)).length).toBeGreaterThanOrEqual(2);
    expect((await kazooLog(h)).filter((e) => isProbe(e.method, e.path)).length).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
