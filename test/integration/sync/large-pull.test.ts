import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src/sandbox/index';
import { AccountStore } from '../../../src/sandbox/store/accounts';
import { openDb } from '../../../src/sandbox/store/db';
import { KazooPortStore } from '../../../src/sandbox/store/kazooPorts';
import { KazooPorts } from '../../../src/sandbox/kazoo/ports';
import { numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const COUNT = 900;
const NUMBERS = numbers(5_000, COUNT * 2);

/**
 * A sandbox whose root account holds COUNT requests, seeded into its store (as many HTTP creates
 * would take most of the test): their one 4.3 listing is about half a megabyte, which PortDesk
 * reads in pieces between turns of the event loop (json-in-turns.ts) and applies in time slices.
 */
async function seededDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pd-large-pull-'));
  const dataDir = join(dir, 'sandbox');
  const sb = await startSandbox({ dataDir, port: 0, seed: 'none' });
  const rootId = sb.accounts.root.id;
  await sb.close();
  const db = openDb(dataDir);
  const store = new KazooPortStore(db);
  const ports = new KazooPorts(store, new AccountStore(db), Date.now);
  db.transaction(() => {
    for (let i = 0; i < COUNT; i += 1) {
      // Names that need JSON escapes and are not ASCII, so a piece boundary inside one would show.
      const rec = ports.create(rootId, { name: `Large "${i}" \\ Zürich 東京`, numbers: Object.fromEntries(NUMBERS.slice(i * 2, i * 2 + 2).map((n) => [n, {}])), bill: { name: `Customer ${i}` } }, { accountId: rootId, userId: null });
      if (i % 3 === 0) store.save({ ...rec, state: 'completed', rev: rec.rev + 1 }, Object.keys(rec.doc.numbers as object));
    }
  })();
  db.close();
  return dir;
}

describe('a pull of a large listing', () => {
  it('brings every request, with faults on, and a second pull changes nothing; a later remote edit is still taken', async () => {
    h = await startHarness('kazoo', { dir: await seededDir() });
    await h.faults({ seed: 5, serverError: { rate: 0.2 } });
    let report = await h.engine.syncNow({ waitMs: 60_000 });
    for (let i = 0; i < 10 && !report.converged; i += 1) report = await h.engine.syncNow({ waitMs: 60_000 });
    await h.faults({});
    expect(report.converged).toBe(true);
    const pulled = h.ctx.ports.list();
    expect(pulled).toHaveLength(COUNT);
    expect(new Set(pulled.map((p) => p.name))).toEqual(new Set(Array.from({ length: COUNT }, (_, i) => `Large "${i}" \\ Zürich 東京`)));
    expect(pulled.filter((p) => p.state === 'completed')).toHaveLength(COUNT / 3);
    const one = pulled.find((p) => p.name === 'Large "7" \\ Zürich 東京');
    expect(one && h.ctx.ports.get(one.id).numbers.map((n) => n.e164)).toEqual(NUMBERS.slice(14, 16));
    // Each new port is found once on its timeline, by the remote, its clocks set to that moment.
    const timeline = one ? h.ctx.repos.events.list(one.id) : [];
    expect(timeline.filter((e) => e.kind === 'created' && e.actor === 'remote')).toHaveLength(1);
    expect(one?.stateEnteredAt).toBe(timeline[0]?.at);
    expect(one?.remoteChangedAt).toBe(timeline[0]?.at);

    const again = await h.engine.syncNow({ waitMs: 30_000 });
    expect(again.converged).toBe(true);
    expect(again.pulled).toBe(0);

    // An edit made on the remote since is taken by the next pull (unchanged ports were skipped, not frozen).
    const objectId = one ? h.ctx.ports.get(one.id).remoteObjectId : null;
    const url = `${h.sb.kazooUrl}/v2/accounts/${h.sb.accounts.root.id}/port_requests/${objectId}`;
    const doc = ((await (await fetch(url, { headers: { 'x-auth-token': h.sb.token } })).json()) as { data: Record<string, unknown> }).data;
    const res = await fetch(url, { method: 'POST', headers: { 'x-auth-token': h.sb.token, 'content-type': 'application/json' }, body: JSON.stringify({ data: { ...doc, bill: { ...(doc.bill as object), locality: 'Shelbyville' } } }) });
    expect(res.status).toBe(200);
    const third = await h.engine.syncNow({ waitMs: 30_000 });
    expect(third.pulled).toBe(1);
    expect(one && h.ctx.ports.get(one.id).locality).toBe('Shelbyville');
  }, 240_000);
});
