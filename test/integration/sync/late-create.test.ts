import { afterEach, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { statusText } from '../../../src/main/cli/commands/sync';
import { runCli } from '../../../src/main/cli/program';
import type { RemoteConfig } from '../../../src/main/remotes/config';
import { createAdapter, SyncEngine } from '../../../src/main/sync/engine';
import { clockTime } from '../../../src/shared/domain/lateCreates';
import type { SyncReport } from '../../../src/shared/rpc/methods/sync';
import { closedPort } from '../../support/closed-port';
import type { KazooVersion } from '../../../src/sandbox/index';
import { kazooRemote, numbers, startHarness, type Harness } from './harness';
import { allDrafts, telnyxApi } from './telnyx-api';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The client gives up on a call after this long (the default is 30 s; the proxy holds the create longer). */
const TIMEOUT_MS = 1_000;

/** An engine on the harness's connection; `config` overrides what the adapter is given (e.g. `baseUrl`, `requestTimeoutMs`). */
function engineFor(harness: Harness, marginMs: number, config: Partial<RemoteConfig> = {}): SyncEngine {
  return new SyncEngine({
    db: harness.ctx.db,
    repos: harness.ctx.repos,
    changes: harness.ctx.changes,
    remotes: harness.ctx.remotes,
    backoff: { baseMs: 20, capMs: 300 },
    adapterFor: (remote, actx) => createAdapter({ ...remote, requestTimeoutMs: TIMEOUT_MS, ...config }, actx),
    lateCreateMarginMs: marginMs,
  });
}

const creates = {
  kazoo: (method: string, path: string) => method === 'PUT' && /\/port_requests$/.test(path),
  telnyx: (method: string, path: string) => method === 'POST' && /\/draft_port_requests$/.test(path),
};

/** Remote copies of the port: Kazoo by its marker, Telnyx by its exact number set. */
async function remoteCopies(harness: Harness, kind: 'kazoo' | 'telnyx', portId: string, nums: string[]): Promise<number> {
  if (kind === 'kazoo') return (await kazooRemote(harness)).filter((r) => r.portdesk_client_id === portId).length;
  const want = [...nums].sort().join(',');
  return (await allDrafts(harness)).filter((d) => d.phone_numbers.map((n) => n.phone_number).sort().join(',') === want).length;
}

/** A port, an engine with `marginMs`, and a run whose first create the proxy is holding. */
async function holdFirstCreate(kind: 'kazoo' | 'telnyx', name: string, nums: string[], marginMs: number, kazooVersion?: KazooVersion) {
  h = await startHarness(kind, { proxy: true, ...(kazooVersion ? { kazooVersion } : {}) });
  const proxy = h.proxy!;
  const port = h.ctx.ports.create({ fields: { name }, numbers: nums, remoteId: h.remoteId });
  const engine = engineFor(h, marginMs);
  proxy.holdNext(creates[kind]);
  const run = engine.syncNow({ waitMs: 60_000 });
  const held = await proxy.held();
  return { harness: h, proxy, port, engine, run, held };
}

// Kazoo on both profiles (4.2 finds the earlier create in two listings, 4.3 in one), like the other engine-level tests the suite runs on 4.2.
describe.each([
  ['kazoo', '4.3'],
  ['kazoo', '4.2'],
  ['telnyx', undefined],
] as const)('late creates on %s %s (a proxy holds the create past the client timeout)', (kind, kazooVersion) => {
  it('a create released after the client gave up is found and linked: one port locally, one remotely', async () => {
    const nums = numbers(kind === 'kazoo' ? 10 : 40, 2);
    // A long margin: the test never waits for it; it proves no second create goes while the first may land.
    const { harness, proxy, port, engine, run, held } = await holdFirstCreate(kind, 'Held create', nums, 600_000, kazooVersion);

    // The client timed out; the port waits for the earlier create instead of sending another, and says so.
    await vi.waitFor(() => expect(engine.status().remotes[0]?.lateCreates[0]?.settlesAt).toBeGreaterThan(Date.now()), { timeout: 20_000, interval: 50 });
    const late = engine.status().remotes[0]?.lateCreates[0];
    expect(late?.portId).toBe(port.id);
    expect(statusText(engine.status())).toContain(`Held create (${port.id}): Waiting for an earlier create to settle until ${clockTime(late?.settlesAt ?? 0)}`);
    // Lookups run meanwhile and find nothing yet; no second create has left.
    await vi.waitFor(() => expect(proxy.seen.filter((r) => r.at > held.receivedAt && r.method === 'GET').length).toBeGreaterThan(1), { timeout: 20_000, interval: 50 });
    expect(proxy.seen.filter((r) => creates[kind](r.method, r.path))).toHaveLength(1);

    // The held create reaches the server long after the client gave up on it.
    await held.release();
    const report: SyncReport = await run;
    expect(report.converged, report.message).toBe(true);
    expect(proxy.seen.filter((r) => creates[kind](r.method, r.path))).toHaveLength(1);
    expect(await remoteCopies(harness, kind, port.id, nums)).toBe(1);
    expect(harness.ctx.ports.list().map((p) => p.name)).toEqual(['Held create']);
    expect(harness.ctx.ports.get(port.id).remoteObjectId).not.toBeNull();
    expect(engine.status().remotes[0]?.lateCreates).toEqual([]);
  });

  it('a create that never lands is sent again once it cannot land any more, not before', async () => {
    const nums = numbers(kind === 'kazoo' ? 20 : 50, 1);
    const { harness, proxy, port, engine, run, held } = await holdFirstCreate(kind, 'Lost create', nums, 1_500, kazooVersion);
    await vi.waitFor(() => expect(engine.status().remotes[0]?.lateCreates[0]?.settlesAt).toBeGreaterThan(0), { timeout: 20_000, interval: 50 });
    const settlesAt = engine.status().remotes[0]?.lateCreates[0]?.settlesAt ?? 0;
    held.drop();
    const report = await run;
    expect(report.converged, report.message).toBe(true);
    const sent = proxy.seen.filter((r) => creates[kind](r.method, r.path));
    expect(sent).toHaveLength(2);
    // The second create left only once the first had had the client's timeout plus the margin to land.
    expect(sent[1]?.at).toBeGreaterThanOrEqual(settlesAt);
    expect(settlesAt - (sent[0]?.at ?? 0)).toBeGreaterThan(TIMEOUT_MS);
    expect(await remoteCopies(harness, kind, port.id, nums)).toBe(1);
    expect(harness.ctx.ports.list()).toHaveLength(1);
  });
});

describe('which creates the sync status lists as being checked (Kazoo)', () => {
  it('not one whose request is on the wire from this process: its answer is still to come', async () => {
    h = await startHarness('kazoo', { proxy: true });
    const harness = h;
    const proxy = harness.proxy!;
    const port = harness.ctx.ports.create({ fields: { name: 'On the wire' }, numbers: numbers(70, 1), remoteId: harness.remoteId });
    // A patient client: the proxy holds the create well within its timeout.
    const engine = engineFor(harness, 600_000, { requestTimeoutMs: 60_000 });
    proxy.holdNext(creates.kazoo);
    const run = engine.syncNow({ waitMs: 30_000 });
    const held = await proxy.held();
    // Recorded before it left (a crash now would leave it to settle), yet not late: this process awaits its answer.
    expect(harness.ctx.repos.ports.createSent(port.id).settlesAt).toBeGreaterThan(Date.now());
    expect(engine.status().remotes[0]?.lateCreates).toEqual([]);
    await held.release();
    expect((await run).converged).toBe(true);
    expect(engine.status().remotes[0]?.lateCreates).toEqual([]);
    expect(harness.ctx.ports.get(port.id).remoteObjectId).not.toBeNull();
  });

  it('not one the server answered: refused, the port needs attention and nothing is on its way', async () => {
    h = await startHarness('kazoo', { proxy: true });
    const harness = h;
    const proxy = harness.proxy!;
    const port = harness.ctx.ports.create({ fields: { name: 'Refused create' }, numbers: numbers(75, 1), remoteId: harness.remoteId });
    harness.ctx.ports.move(port.id, { to: 'submitted', force: true });
    const engine = engineFor(harness, 600_000);
    proxy.answerNext(creates.kazoo, 400, '<html><body>Bad Request</body></html>');
    expect((await engine.syncNow({ waitMs: 0 })).converged).toBe(false);
    // The create is blocked with the server's answer; the submit behind it is still queued.
    expect(harness.ctx.ports.get(port.id).syncStatus).toBe('error');
    expect(harness.ctx.repos.outbox.counts(harness.remoteId)).toMatchObject({ queued: 1, blocked: 1 });
    // A later attempt still looks for the create first (sent, answered: nothing settling).
    expect(harness.ctx.repos.ports.createSent(port.id)).toEqual({ sentAt: expect.any(Number), settlesAt: null });
    expect(engine.status().remotes[0]?.lateCreates).toEqual([]);
    expect(statusText(engine.status())).not.toContain('Refused create (');
    engine.retry(port.id);
    const report = await engine.syncNow({ waitMs: 30_000 });
    expect(harness.ctx.ports.get(port.id).remoteObjectId, report.message).not.toBeNull();
    expect(await remoteCopies(harness, 'kazoo', port.id, [])).toBe(1);
  });

  it('one whose create went unanswered, once this process stopped waiting for it', async () => {
    const { port, engine, run, held } = await holdFirstCreate('kazoo', 'Unanswered', numbers(80, 1), 600_000);
    await vi.waitFor(() => expect(engine.status().remotes[0]?.lateCreates.map((c) => c.portId)).toEqual([port.id]), { timeout: 20_000, interval: 50 });
    await held.release();
    expect((await run).converged).toBe(true);
    expect(engine.status().remotes[0]?.lateCreates).toEqual([]);
  });
});

describe('a create whose connection was refused (offline)', () => {
  it('holds nothing back: nothing left, so the create goes as soon as the server is reachable', async () => {
    // Telnyx: its create is the first request, so the refusal is the create's own.
    h = await startHarness('telnyx');
    const harness = h;
    const nums = numbers(60, 1);
    const port = harness.ctx.ports.create({ fields: { name: 'Made offline' }, numbers: nums, remoteId: harness.remoteId });
    const refused = `http://127.0.0.1:${await closedPort()}`;
    const offline = engineFor(harness, 600_000, { baseUrl: refused });
    const report = await offline.syncNow({ waitMs: 3_000 });
    expect(report.converged).toBe(false);
    expect(harness.ctx.repos.ports.createSent(port.id).sentAt).toBeNull();
    expect(offline.status().remotes[0]?.lateCreates).toEqual([]);

    // Back online, with a margin far longer than the test: the create is not held.
    const online = await engineFor(harness, 600_000).syncNow({ waitMs: 30_000 });
    expect(online.converged, online.message).toBe(true);
    expect(harness.ctx.ports.get(port.id).remoteObjectId).not.toBeNull();
    expect(await remoteCopies(harness, 'telnyx', port.id, nums)).toBe(1);
  });
});

describe('a Telnyx create that lands after its second attempt (v1 keeps no client marker)', () => {
  it('the late draft is known by its exact numbers and when it was made: listed as a duplicate of the port, never imported', async () => {
    const nums = numbers(90, 2);
    const { harness, proxy, port, engine, run, held } = await holdFirstCreate('telnyx', 'Late twice', nums, 1_500);
    // The first create can no longer land (timeout + margin passed): the second goes and is linked.
    const report = await run;
    expect(report.converged, report.message).toBe(true);
    const linked = harness.ctx.ports.get(port.id).remoteObjectId;
    expect(proxy.seen.filter((r) => creates.telnyx(r.method, r.path))).toHaveLength(2);
    // Then the held one reaches the server after all.
    await held.release();
    expect(await remoteCopies(harness, 'telnyx', port.id, nums)).toBe(2);
    const late = (await allDrafts(harness)).find((d) => `draft:${d.id}` !== linked);
    const lateId = `draft:${late?.id ?? ''}`;

    // Pulls through 503s (a failed pull applies nothing; the next one goes on).
    await harness.faults({ seed: 4, serverError: { rate: 0.2, statuses: [503] } });
    for (let i = 0; i < 8 && (engine.status().remotes[0]?.duplicates.length ?? 0) === 0; i += 1) await engine.syncNow({ waitMs: 5_000 });
    await harness.faults({});
    expect((await engine.syncNow({ waitMs: 20_000 })).converged).toBe(true);
    expect(harness.ctx.ports.list().map((p) => p.name)).toEqual(['Late twice']);
    expect(harness.ctx.ports.get(port.id).remoteObjectId).toBe(linked);
    expect(engine.status().remotes[0]?.duplicates.map((d) => [d.remoteObjectId, d.portId, d.keptObjectId])).toEqual([[lateId, port.id, linked]]);
    expect(statusText(engine.status())).toContain(`duplicate ${lateId} of Late twice (${port.id}, linked to ${linked})`);

    // v1 cannot cancel a draft: neither the status nor the CLI offers it, and the engine refuses it
    // with what to do instead, before anything is sent.
    const refusal = `Telnyx's v1 API cannot cancel a draft port request: delete draft ${late?.id ?? ''} in the Telnyx portal, then dismiss this duplicate`;
    expect(engine.status().remotes[0]?.duplicates[0]?.cancelRefusal).toBe(refusal);
    expect(statusText(engine.status())).toContain(`${refusal} (portdesk sync duplicate ${lateId} --remote ${harness.remoteId} --dismiss)`);
    expect(statusText(engine.status())).not.toContain('--cancel');
    const requestsBefore = proxy.seen.length;
    await expect(engine.settleDuplicate(harness.remoteId, lateId, 'cancel')).rejects.toThrow(refusal);
    const cli = async (action: string): Promise<{ code: number; out: string; err: string }> => {
      let out = '';
      let err = '';
      const code = await runCli(['--db', join(harness.dir, 'portdesk.db'), 'sync', 'duplicate', lateId, '--remote', harness.remoteId, action], { out: (t) => (out += t), err: (t) => (err += t), env: {} });
      return { code, out, err };
    };
    const refused = await cli('--cancel');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain(refusal);
    expect(proxy.seen.length).toBe(requestsBefore);
    expect(engine.status().remotes[0]?.duplicates.map((d) => d.remoteObjectId)).toEqual([lateId]);

    // Dismissed (here from the CLI), it leaves the list and is still never imported.
    expect(await cli('--dismiss')).toMatchObject({ code: 0, out: `Dismissed ${lateId}` });
    expect((await engine.syncNow({ waitMs: 20_000 })).converged).toBe(true);
    expect(engine.status().remotes[0]?.duplicates).toEqual([]);
    expect(harness.ctx.ports.list()).toHaveLength(1);
  });

  it('a draft made by hand with the same numbers days later is no late copy: it is imported as a port, while the late copy stays a duplicate', async () => {
    const nums = numbers(95, 2);
    h = await startHarness('telnyx', { proxy: true });
    const harness = h;
    const proxy = harness.proxy!;
    const port = harness.ctx.ports.create({ fields: { name: 'Slow then lost' }, numbers: nums, remoteId: harness.remoteId });
    const engine = engineFor(harness, 1_500);
    // The first create is held past the client's timeout; the answer to the next write reaching the server (the second create) is lost.
    proxy.holdNext(creates.telnyx);
    await harness.faults({ lostResponse: { next: 1, mutatingOnly: true } });
    const run = engine.syncNow({ waitMs: 60_000 });
    const held = await proxy.held();
    const report = await run;
    expect(report.converged, report.message).toBe(true);
    await harness.faults({});
    // The second create's answer was lost: its retry looked first and linked what it had made.
    expect(proxy.seen.filter((r) => creates.telnyx(r.method, r.path))).toHaveLength(2);
    const log = ((await harness.admin('/log', undefined, 'GET')) as { data: { method: string; path: string; outcome: string }[] }).data;
    expect(log.filter((e) => creates.telnyx(e.method, e.path)).map((e) => e.outcome)).toEqual(['lost']);
    const linked = harness.ctx.ports.get(port.id).remoteObjectId;
    await held.release();
    const lateId = `draft:${(await allDrafts(harness)).find((d) => `draft:${d.id}` !== linked)?.id ?? ''}`;

    // Three days on, someone makes a draft with the same numbers in the portal.
    await harness.admin('/time/advance', { ms: 3 * 86_400_000 });
    const byHand = (await telnyxApi(harness, '/draft_port_requests', { method: 'POST', json: { phone_numbers: nums.map((phone_number) => ({ phone_number })) } })) as { id: string };
    expect(await remoteCopies(harness, 'telnyx', port.id, nums)).toBe(3);

    const after = await engine.syncNow({ waitMs: 20_000 });
    expect(after.converged, after.message).toBe(true);
    expect(engine.status().remotes[0]?.duplicates.map((d) => [d.remoteObjectId, d.portId])).toEqual([[lateId, port.id]]);
    // Someone's own request: a port of its own, its numbers held open by the port made first.
    const imported = harness.ctx.ports.list().find((p) => p.id !== port.id);
    expect(harness.ctx.ports.list()).toHaveLength(2);
    expect(imported?.remoteObjectId).toBe(`draft:${byHand.id}`);
    expect(harness.ctx.ports.get(port.id).remoteObjectId).toBe(linked);
  });
});
