import { afterEach, describe, expect, it } from 'vitest';
import { portDetailText } from '../../../src/main/cli/format';
import { REJECTION_REASONS } from '../../../src/sandbox/clock/carrier';
import { kazooRemote, numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Exactly one remote request per local port, carrying exactly the local numbers and name. */
async function expectMirrored(hh: Harness): Promise<void> {
  const remote = await kazooRemote(hh);
  const local = hh.ctx.ports.list();
  expect(remote).toHaveLength(local.length);
  const byMarker = new Map(remote.map((r) => [r.portdesk_client_id, r]));
  expect(byMarker.size).toBe(remote.length);
  for (const p of local) {
    const r = byMarker.get(p.id);
    expect(r, `remote copy of ${p.name}`).toBeDefined();
    expect(r?.name).toBe(p.name);
    expect(Object.keys(r?.numbers ?? {}).sort()).toEqual(hh.ctx.ports.get(p.id).numbers.map((n) => n.e164).sort());
    expect(p.syncStatus).toBe('synced');
  }
  expect(hh.ctx.repos.outbox.count()).toBe(0);
}

// Both Kazoo profiles of the sandbox (4.2's listings, bill names and comment rules differ: docs/sandbox.md).
describe.each(['4.3', '4.2'] as const)('Kazoo %s sync', (version) => {
  it('offline day: 200 ports / 5,000 numbers created and edited offline reach the sandbox exactly once', async () => {
    h = await startHarness('kazoo', { kazooVersion: version });
    const all = numbers(0, 5000);
    const ids: string[] = [];
    for (let i = 0; i < 200; i += 1) {
      const p = h.ctx.ports.create({ fields: { name: `Port ${i}` }, numbers: all.slice(i * 25, i * 25 + 20), remoteId: h.remoteId });
      ids.push(p.id);
    }
    for (let i = 0; i < 200; i += 1) {
      const id = ids[i] as string;
      h.ctx.ports.update(id, { billingName: `Customer ${i}`, postalCode: '10001' });
      h.ctx.ports.addNumbers(id, all.slice(i * 25 + 20, i * 25 + 25));
      if (i % 10 === 0) h.ctx.ports.removeNumbers(id, [all[i * 25] as string]);
      if (i % 7 === 0) h.ctx.ports.update(id, { name: `Port ${i} (renamed)` });
    }
    const report = await h.engine.syncNow({ waitMs: 20_000 });
    expect(report.message).toBe('Everything is in sync');
    await expectMirrored(h);
    const remoteNumbers = (await kazooRemote(h)).flatMap((r) => Object.keys(r.numbers));
    expect(remoteNumbers).toHaveLength(5000 - 20);
    expect(new Set(remoteNumbers).size).toBe(remoteNumbers.length);
  }, 60_000);

  for (const [mode, config] of [
    ['latency', { latency: { minMs: 5, maxMs: 40 } }],
    ['5xx', { serverError: { rate: 0.3 } }],
    ['connection resets', { reset: { rate: 0.3, phase: 'body' } }],
    ['429 with Retry-After', { rateLimit: { rate: 0.3, retryAfterSeconds: 0 } }],
    ['lost responses', { lostResponse: { rate: 0.5 } }],
  ] as const) {
    it(`converges with no duplicate and no loss under ${mode}`, async () => {
      h = await startHarness('kazoo', { kazooVersion: version });
      const ids = Array.from({ length: 15 }, (_, i) => h!.ctx.ports.create({ fields: { name: `F${i}` }, numbers: numbers(i * 4, 3), remoteId: h!.remoteId }).id);
      ids.forEach((id, i) => h!.ctx.ports.update(id, { locality: `Town ${i}` }));
      await h.faults({ seed: 7, ...config });
      let report = await h.engine.syncNow({ waitMs: 15_000 });
      for (let i = 0; i < 10 && !report.converged; i += 1) report = await h.engine.syncNow({ waitMs: 15_000 });
      const log = (await h.admin('/log', undefined, 'GET')) as { data: { outcome?: string; status?: number }[] };
      await h.faults({});
      if (mode === 'lost responses') expect(log.data.filter((e) => e.outcome === 'lost').length).toBeGreaterThan(3);
      report = await h.engine.syncNow({ waitMs: 5_000 });
      expect(report.converged, report.message).toBe(true);
      await expectMirrored(h);
      const remote = await kazooRemote(h);
      for (const r of remote) expect((r as unknown as { bill?: { locality?: string } }).bill?.locality).toMatch(/^Town \d+$/);
    }, 60_000);
  }

  it('401 pauses the remote until a new token is set, then resumes', async () => {
    h = await startHarness('kazoo', { kazooVersion: version });
    h.ctx.ports.create({ fields: { name: 'Auth' }, numbers: numbers(0, 2), remoteId: h.remoteId });
    await h.admin('/tokens/expire');
    const report = await h.engine.syncNow();
    expect(report.converged).toBe(false);
    const status = h.engine.status();
    expect(status.state).toBe('paused');
    expect(status.remotes[0]?.message).toContain('authentication token expired');
    // Paused: another run does not call the server.
    expect((await h.engine.syncNow()).converged).toBe(false);
    const fresh = (await h.admin('/tokens', {})) as { token: string };
    h.ctx.remotes.setToken(h.remoteId, fresh.token);
    expect((await h.engine.syncNow({ waitMs: 5000 })).converged).toBe(true);
    expect(await kazooRemote(h, fresh.token)).toHaveLength(1);
  });

  it('402 accept charges blocks only that port, shows the amount, and accept-charges retries', async () => {
    h = await startHarness('kazoo', { kazooVersion: version });
    const a = h.ctx.ports.create({ fields: { name: 'Needs charges' }, numbers: numbers(0, 2), remoteId: h.remoteId });
    const b = h.ctx.ports.create({ fields: { name: 'Other' }, numbers: numbers(10, 2), remoteId: h.remoteId });
    h.ctx.ports.move(a.id, { to: 'submitted', force: true });
    h.ctx.ports.update(b.id, { locality: 'Elsewhere' });
    const report = await h.engine.syncNow({ waitMs: 5000 });
    expect(report.blocked).toBe(1);
    const pa = h.ctx.ports.get(a.id);
    expect(pa.syncStatus).toBe('error');
    expect(pa.syncError).toContain('accept charges');
    expect(pa.syncError).toContain('10.00');
    expect(h.ctx.ports.get(b.id).syncStatus).toBe('synced');
    const res = await h.ctx.router.call('sync.acceptCharges', { portId: a.id });
    expect(res.ok).toBe(true);
    expect((await h.engine.syncNow({ waitMs: 5000 })).converged).toBe(true);
    const remote = (await kazooRemote(h)).find((r) => r.portdesk_client_id === a.id);
    expect(remote?.port_state).toBe('submitted');
    expect(h.ctx.ports.get(a.id).syncStatus).toBe('synced');
  });

  it('an illegal transition (500) is shown verbatim on the port and other ports keep syncing', async () => {
    h = await startHarness('kazoo', { kazooVersion: version });
    const a = h.ctx.ports.create({ fields: { name: 'Moves' }, numbers: numbers(0, 2), remoteId: h.remoteId });
    await h.engine.syncNow({ waitMs: 5000 });
    // The remote cancels it meanwhile; the local submit is now illegal there.
    const remoteId = h.ctx.ports.get(a.id).remoteObjectId as string;
    await fetch(`${h.sb.kazooUrl}/v2/accounts/${h.sb.accounts.root.id}/port_requests/${remoteId}/canceled`, { method: 'PATCH', headers: { 'x-auth-token': h.sb.token } });
    h.ctx.ports.move(a.id, { to: 'submitted', force: true });
    await h.ctx.router.call('sync.acceptCharges', { portId: a.id });
    const b = h.ctx.ports.create({ fields: { name: 'Fine' }, numbers: numbers(10, 2), remoteId: h.remoteId });
    await h.engine.syncNow({ waitMs: 5000 });
    const pa = h.ctx.ports.get(a.id);
    expect(pa.syncStatus).toBe('error');
    expect(pa.syncError).toContain('Cannot move to new state from current state');
    expect(h.ctx.ports.get(b.id).syncStatus).toBe('synced');
  });

  it('merges changes made on one side only, keeps both versions of a field changed on both, and pushes the resolution', async () => {
    h = await startHarness('kazoo', { kazooVersion: version });
    const p = h.ctx.ports.create({ fields: { name: 'Both', locality: 'Old town' }, numbers: numbers(0, 2), remoteId: h.remoteId });
    await h.engine.syncNow({ waitMs: 5000 });
    const rid = h.ctx.ports.get(p.id).remoteObjectId as string;
    const url = `${h.sb.kazooUrl}/v2/accounts/${h.sb.accounts.root.id}/port_requests/${rid}`;
    const doc = ((await (await fetch(url, { headers: { 'x-auth-token': h.sb.token } })).json()) as { data: Record<string, unknown> }).data;
    await fetch(url, { method: 'POST', headers: { 'x-auth-token': h.sb.token, 'content-type': 'application/json' }, body: JSON.stringify({ data: { ...doc, name: 'Renamed remotely', bill: { locality: 'Remote town' } } }) });
    h.ctx.ports.update(p.id, { locality: 'Local town', billingName: 'Local Co' });
    await h.engine.syncNow({ waitMs: 5000 });
    expect(h.ctx.ports.get(p.id).syncStatus).toBe('conflict');
    const listed = await h.ctx.router.call('conflicts.list', {});
    expect(listed.ok).toBe(true);
    const conflicts = (listed as { ok: true; value: { portId: string; local: { fields: { locality: string } }; remote: { fields: { name: string; locality: string } }; differs: string[] }[] }).value;
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]?.local.fields.locality).toBe('Local town');
    expect(conflicts[0]?.remote.fields.locality).toBe('Remote town');
    // Only the field changed on both sides is a conflict: the remote-only rename was taken, the local-only billing name stays queued.
    expect(conflicts[0]?.differs).toEqual(['locality']);
    expect(h.ctx.ports.get(p.id)).toMatchObject({ name: 'Renamed remotely', billingName: 'Local Co' });
    // Not pushed while in conflict.
    const still = (await fetch(url, { headers: { 'x-auth-token': h.sb.token } }).then((r) => r.json())) as { data: { bill: { locality: string } } };
    expect(still.data.bill.locality).toBe('Remote town');
    const incomplete = await h.ctx.router.call('conflicts.resolve', { portId: p.id, choices: {} });
    expect(incomplete.ok).toBe(false);
    const resolved = await h.ctx.router.call('conflicts.resolve', { portId: p.id, choices: { locality: 'local' } });
    expect(resolved.ok).toBe(true);
    expect((await h.engine.syncNow({ waitMs: 5000 })).converged).toBe(true);
    const after = (await fetch(url, { headers: { 'x-auth-token': h.sb.token } }).then((r) => r.json())) as { data: { name: string; bill: { locality: string; name: string } } };
    expect(after.data.name).toBe('Renamed remotely');
    expect(after.data.bill.locality).toBe('Local town');
    expect(after.data.bill.name).toBe('Local Co');
    const local = h.ctx.ports.get(p.id);
    expect(local.name).toBe('Renamed remotely');
    expect(local.syncStatus).toBe('synced');
  });

  it('remote transitions from the carrier clock appear locally with a timeline entry by the remote; a rejection brings its reason', async () => {
    h = await startHarness('kazoo', { kazooVersion: version });
    const p = h.ctx.ports.create({ fields: { name: 'Clock' }, numbers: numbers(0, 2), remoteId: h.remoteId });
    h.ctx.ports.move(p.id, { to: 'submitted', force: true });
    await h.engine.syncNow({ waitMs: 5000 });
    await h.ctx.router.call('sync.acceptCharges', { portId: p.id });
    await h.engine.syncNow({ waitMs: 5000 });
    const rid = h.ctx.ports.get(p.id).remoteObjectId as string;
    await h.admin('/clock/tick', { ids: [rid] });
    await h.engine.syncNow();
    const local = h.ctx.ports.get(p.id);
    expect(local.state).toBe('pending');
    expect(local.timeline.some((e) => e.actor === 'remote' && e.kind === 'state' && e.fromState === 'submitted' && e.toState === 'pending')).toBe(true);
    expect(local.stateReason).toBeNull();
    await h.admin('/clock/tick', { ids: [rid], outcome: 'reject' });
    await h.engine.syncNow();
    const rejected = h.ctx.ports.get(p.id);
    expect(rejected.state).toBe('rejected');
    // The carrier's reason lives on the request's timeline, not in the listing.
    expect(REJECTION_REASONS).toContain(rejected.stateReason);
    expect(rejected.timeline.at(-1)?.message).toContain(rejected.stateReason as string);
    expect(h.ctx.ports.list().find((x) => x.id === p.id)?.stateReason).toBe(rejected.stateReason);
    expect(portDetailText(rejected)).toContain(`rejected by the carrier: ${rejected.stateReason}`);
    // Fixed and resubmitted: the reason described the state left behind.
    h.ctx.ports.move(p.id, { to: 'submitted', force: true });
    expect(h.ctx.ports.get(p.id).stateReason).toBeNull();
    await h.engine.syncNow({ waitMs: 5000 });
    await h.ctx.router.call('sync.acceptCharges', { portId: p.id });
    await h.engine.syncNow({ waitMs: 5000 });
    expect(h.ctx.ports.get(p.id)).toMatchObject({ state: 'submitted', stateReason: null, syncStatus: 'synced', syncError: null });
  });

  it('pulls ports created remotely (all states, sub-accounts) and holds a pull that would remove most ports', async () => {
    h = await startHarness('kazoo', { kazooVersion: version });
    const sub = h.sb.accounts.subs[0]?.id as string;
    for (let i = 0; i < 12; i += 1) {
      const account = i % 2 === 0 ? h.sb.accounts.root.id : sub;
      await fetch(`${h.sb.kazooUrl}/v2/accounts/${account}/port_requests`, {
        method: 'PUT',
        headers: { 'x-auth-token': h.sb.token, 'content-type': 'application/json' },
        body: JSON.stringify({ data: { name: `Remote ${i}`, numbers: Object.fromEntries(numbers(i * 3, 2).map((n) => [n, {}])) } }),
      });
    }
    await h.engine.syncNow();
    expect(h.ctx.ports.list()).toHaveLength(12);
    expect(new Set(h.ctx.ports.list().map((p) => p.remoteAccountId))).toEqual(new Set([h.sb.accounts.root.id, sub]));
    // Point the remote at an empty account: the pull would remove everything, so it stops and asks.
    for (const r of await kazooRemote(h)) {
      await fetch(`${h.sb.kazooUrl}/v2/accounts/${(r as unknown as { account_id: string }).account_id}/port_requests/${r.id}`, { method: 'DELETE', headers: { 'x-auth-token': h.sb.token } });
    }
    const held = await h.engine.syncNow();
    expect(held.converged).toBe(false);
    expect(h.ctx.ports.list()).toHaveLength(12);
    expect(h.engine.status().remotes[0]?.heldRemovals).toEqual({ wouldRemove: 12, of: 12 });
    await h.engine.syncNow({ confirmRemovals: true });
    expect(h.ctx.ports.list()).toHaveLength(0);
  });
});
