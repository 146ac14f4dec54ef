import { afterEach, describe, expect, it } from 'vitest';
import { statusText } from '../../../src/main/cli/commands/sync';
import { createAdapter } from '../../../src/main/sync/engine';
import { CANCEL_NOT_CHECKED, CLOCK_SKEW_MS, duplicateCopies, lateCopyWindowMs, sameNumberCopies } from '../../../src/main/sync/duplicates';
import { LATE_CREATE_MARGIN_MS } from '../../../src/main/sync/late-create';
import type { RemotePort } from '../../../src/main/sync/adapters/types';
import type { PortState } from '../../../src/shared/model';
import { BOTH_PROFILES, kazooRemote, numbers, startHarness, type Harness } from './harness';
import { allDrafts } from './telnyx-api';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('duplicate remote copies of a port PortDesk created', () => {
  it.each(BOTH_PROFILES)('are never imported as ports, are listed with the copy kept, and can be canceled on the server or dismissed (Kazoo %s)', async (kazooVersion) => {
    h = await startHarness('kazoo', { kazooVersion });
    const port = h.ctx.ports.create({ fields: { name: 'Twice sent' }, numbers: numbers(0, 2), remoteId: h.remoteId });
    const other = h.ctx.ports.create({ fields: { name: 'Also twice' }, numbers: numbers(5, 1), remoteId: h.remoteId });
    await h.faults({ seed: 3, lostResponse: { rate: 0.2 } });
    expect((await h.engine.syncNow({ waitMs: 20_000 })).converged).toBe(true);
    await h.faults({});
    const kept = h.ctx.ports.get(port.id).remoteObjectId;
    // What a create landing after its retry had already made one leaves: a second request with the same marker.
    const adapter = createAdapter(h.ctx.remotes.config(h.remoteId));
    const late = await adapter.create(h.engine.store.snapshot(port.id)!);
    const late2 = await adapter.create(h.engine.store.snapshot(other.id)!);

    const run = await h.engine.syncNow({ waitMs: 20_000 });
    expect(run.converged, run.message).toBe(true);
    expect(h.ctx.ports.list().map((p) => p.name).sort()).toEqual(['Also twice', 'Twice sent']);
    expect(h.ctx.ports.get(port.id).remoteObjectId).toBe(kept);
    const dups = h.engine.status().remotes[0]?.duplicates ?? [];
    expect(dups.map((d) => [d.remoteObjectId, d.portId, d.keptObjectId]).sort()).toEqual(
      [
        [late.remoteObjectId, port.id, kept],
        [late2.remoteObjectId, other.id, h.ctx.ports.get(other.id).remoteObjectId],
      ].sort(),
    );
    expect(statusText(h.engine.status())).toContain(`duplicate ${late.remoteObjectId} of Twice sent (${port.id}, linked to ${kept}), unconfirmed: portdesk sync duplicate ${late.remoteObjectId} --remote ${h.remoteId} --cancel|--dismiss`);
    // Kazoo lets anyone cancel an unconfirmed request: the cancel is offered.
    expect(dups.map((d) => d.cancelRefusal)).toEqual([null, null]);

    await h.engine.settleDuplicate(h.remoteId, late.remoteObjectId, 'cancel');
    await h.engine.settleDuplicate(h.remoteId, late2.remoteObjectId, 'dismiss');
    const remote = await kazooRemote(h);
    expect(remote.find((r) => r.id === late.remoteObjectId)?.port_state).toBe('canceled');
    expect(remote.find((r) => r.id === late2.remoteObjectId)?.port_state).toBe('unconfirmed');
    expect(h.engine.status().remotes[0]?.duplicates).toEqual([]);
    // Settled duplicates stay out of the list and are still never imported.
    expect((await h.engine.syncNow({ waitMs: 20_000 })).converged).toBe(true);
    expect(h.engine.status().remotes[0]?.duplicates).toEqual([]);
    expect(h.ctx.ports.list()).toHaveLength(2);
    expect(h.ctx.ports.get(port.id).state).not.toBe('canceled');
  });

  it('recorded before PortDesk asked whether it can be canceled: no cancel offered until known; a cancel asked for checks the copy first; the next pull records the answer', async () => {
    /** A late second copy of a new port, found by a sync, then its record as an older PortDesk wrote it (no cancelRefusal). */
    const oldDuplicate = async (harness: Harness, name: string, nums: string[]): Promise<{ portId: string; objectId: string }> => {
      const port = harness.ctx.ports.create({ fields: { name }, numbers: nums, remoteId: harness.remoteId });
      expect((await harness.engine.syncNow({ waitMs: 20_000 })).converged).toBe(true);
      const late = await createAdapter(harness.ctx.remotes.config(harness.remoteId)).create(harness.engine.store.snapshot(port.id)!);
      expect((await harness.engine.syncNow({ waitMs: 20_000 })).converged).toBe(true);
      const key = `dup:${late.remoteObjectId}`;
      const { cancelRefusal: _asked, ...before } = JSON.parse(harness.ctx.repos.syncState.get(harness.remoteId, key) ?? 'null') as Record<string, unknown>;
      harness.ctx.repos.syncState.set(harness.remoteId, key, JSON.stringify(before));
      return { portId: port.id, objectId: late.remoteObjectId };
    };
    const writes = async (harness: Harness): Promise<number> => ((await harness.admin('/log', undefined, 'GET')) as { data: { method: string; family: string }[] }).data.filter((e) => e.family !== 'admin' && e.method !== 'GET').length;

    // Telnyx: a draft cannot be canceled through v1. Not offered while unknown; asked for, the copy is read and the cancel refused before any write.
    h = await startHarness('telnyx');
    const draft = await oldDuplicate(h, 'Old record', numbers(30, 1));
    expect(h.engine.status().remotes[0]?.duplicates.map((d) => [d.remoteObjectId, d.cancelRefusal])).toEqual([[draft.objectId, CANCEL_NOT_CHECKED]]);
    expect(statusText(h.engine.status())).toContain(`${CANCEL_NOT_CHECKED} (portdesk sync duplicate ${draft.objectId} --remote ${h.remoteId} --dismiss)`);
    const refusal = `Telnyx's v1 API cannot cancel a draft port request: delete draft ${draft.objectId.slice('draft:'.length)} in the Telnyx portal, then dismiss this duplicate`;
    const before = await writes(h);
    await expect(h.engine.settleDuplicate(h.remoteId, draft.objectId, 'cancel')).rejects.toThrow(refusal);
    expect(await writes(h)).toBe(before);
    expect((await allDrafts(h)).filter((d) => d.status === 'pending')).toHaveLength(2);
    // The next pull asks the adapter and records its answer.
    expect((await h.engine.syncNow({ waitMs: 20_000 })).converged).toBe(true);
    expect(h.engine.status().remotes[0]?.duplicates.map((d) => d.cancelRefusal)).toEqual([refusal]);
    await h.close();

    // Kazoo: anyone may cancel an unconfirmed request. Unknown, it is not offered; asked for, it is checked and done.
    h = await startHarness('kazoo');
    const request = await oldDuplicate(h, 'Old record', numbers(35, 1));
    expect(h.engine.status().remotes[0]?.duplicates.map((d) => d.cancelRefusal)).toEqual([CANCEL_NOT_CHECKED]);
    await h.engine.settleDuplicate(h.remoteId, request.objectId, 'cancel');
    expect((await kazooRemote(h)).find((r) => r.id === request.objectId)?.port_state).toBe('canceled');
    expect(h.engine.status().remotes[0]?.duplicates).toEqual([]);
    // Another old record: the next pull finds it can be canceled and offers it.
    const second = await oldDuplicate(h, 'Old record 2', numbers(38, 1));
    expect(h.engine.status().remotes[0]?.duplicates.map((d) => [d.remoteObjectId, d.cancelRefusal])).toEqual([[second.objectId, CANCEL_NOT_CHECKED]]);
    expect((await h.engine.syncNow({ waitMs: 20_000 })).converged).toBe(true);
    expect(h.engine.status().remotes[0]?.duplicates.map((d) => [d.remoteObjectId, d.cancelRefusal])).toEqual([[second.objectId, null]]);
  });

  it('is offered for canceling where the remote can cancel it: Kazoo by its state machine and port authority, Telnyx never for a draft', () => {
    const copy = (remoteObjectId: string, state: PortState, authority?: boolean): RemotePort => ({ remoteObjectId, revision: '1', accountId: 'a', state, fields: {} as RemotePort['fields'], numbers: [], marker: null, ...(authority === undefined ? {} : { authority }) });
    const kazoo = createAdapter({ kind: 'kazoo', baseUrl: 'http://127.0.0.1:9', accountId: 'a'.repeat(32), token: 't' });
    expect(kazoo.cancelRefusal(copy('k1', 'unconfirmed', false))).toBeNull();
    expect(kazoo.cancelRefusal(copy('k2', 'submitted'))).toBeNull();
    expect(kazoo.cancelRefusal(copy('k3', 'canceled'))).toBeNull();
    expect(kazoo.cancelRefusal(copy('k4', 'submitted', false))).toContain("not the request's port authority");
    expect(kazoo.cancelRefusal(copy('k5', 'completed'))).toContain('Completed is final');
    const telnyx = createAdapter({ kind: 'telnyx', baseUrl: 'http://127.0.0.1:9', accountId: 'a', token: 't', user: 'ops@example.com' });
    expect(telnyx.cancelRefusal(copy('draft:d1', 'unconfirmed'))).toBe("Telnyx's v1 API cannot cancel a draft port request: delete draft d1 in the Telnyx portal, then dismiss this duplicate");
    expect(telnyx.cancelRefusal(copy('pr:p1', 'submitted'))).toBeNull();
    expect(telnyx.cancelRefusal(copy('pr:p2', 'completed'))).toContain('has ported');
  });

  it('keeps the linked copy, or while the port is not linked, the same copy whoever looks (the smallest id)', () => {
    const copy = (id: string, marker: string | null): RemotePort => ({ remoteObjectId: id, revision: '1', accountId: 'a', state: 'unconfirmed', fields: {} as RemotePort['fields'], numbers: [], marker });
    const list = [copy('b2', 'p1'), copy('a1', 'p1'), copy('c3', 'p2'), copy('d4', 'p2'), copy('e5', null), copy('f6', 'foreign')];
    const ports: Record<string, { linkedTo: string | null }> = { p1: { linkedTo: null }, p2: { linkedTo: 'd4' } };
    const found = duplicateCopies(list, new Map([['d4', 'p2']]), (m) => ports[m] ?? null);
    expect([...found].sort()).toEqual([
      ['b2', 'p1'],
      ['c3', 'p2'],
    ]);
    expect([...duplicateCopies([...list].reverse(), new Map([['d4', 'p2']]), (m) => ports[m] ?? null)].sort()).toEqual([...found].sort());
  });

  it('without a marker (Telnyx): an unlinked copy with exactly the numbers of one linked port in progress, made around when its linked copy was made, is its duplicate; nothing else is', () => {
    const copy = (id: string, numbers: string[], createdAt: number | undefined): RemotePort => ({ remoteObjectId: id, revision: '1', accountId: 'a', state: 'unconfirmed', fields: {} as RemotePort['fields'], numbers, marker: null, ...(createdAt === undefined ? {} : { createdAt }) });
    const t = 1_700_000_000_000;
    const timeout = 30_000;
    const window = lateCopyWindowMs(timeout);
    // The engine's own settings: the client's timeout, the late-create margin, the clock skew.
    expect(window).toBe(timeout + LATE_CREATE_MARGIN_MS + CLOCK_SKEW_MS);
    const locals = [
      { id: 'p1', objectId: 'draft:kept', createdAt: t, numbers: '+12025550001,+12025550002' },
      { id: 'p2', objectId: 'draft:x', createdAt: t, numbers: '+12025550009' },
      { id: 'p3', objectId: 'draft:y', createdAt: t, numbers: '+12025550009' },
      // Made here, and its create sent, days before: its linked copy was made then.
      { id: 'p4', objectId: 'pr:submitted', createdAt: t, numbers: '+12025550020' },
      { id: 'p5', objectId: 'draft:unlisted', createdAt: t, numbers: '+12025550030' },
    ];
    const list = [
      copy('draft:kept', ['+12025550001', '+12025550002'], t + 5),
      // The retried create's first copy, its answer lost: made before the kept one.
      copy('draft:lost-answer', ['+12025550002', '+12025550001'], t + 2),
      // The first create held on its way past the client's timeout, made after the retry's copy, within the window.
      copy('draft:held', ['+12025550001', '+12025550002'], t + 5 + window),
      // A draft made by hand with the same numbers, the next morning and days later: someone's own request.
      copy('draft:next-morning', ['+12025550001', '+12025550002'], t + 5 + window + 1),
      copy('draft:by-hand', ['+12025550001', '+12025550002'], t + 3 * 86_400_000),
      // Made by someone before the port existed here (beyond the clock skew): not PortDesk's.
      copy('draft:older', ['+12025550001', '+12025550002'], t - CLOCK_SKEW_MS - 1),
      copy('draft:subset', ['+12025550001'], t + 60_000),
      // Two ports hold that set: no guess.
      copy('draft:ambiguous', ['+12025550009'], t + 60_000),
      copy('draft:matched', ['+12025550001', '+12025550002'], t + 60_000),
      copy('pr:no-time', ['+12025550001', '+12025550002'], undefined),
      // The kept copy is a port request now (made at submit, days after its draft): a copy made by hand after the submit is no duplicate.
      copy('pr:submitted', ['+12025550020'], t + 5 * 86_400_000),
      copy('draft:after-submit', ['+12025550020'], t + 6 * 86_400_000),
      // The kept copy is not in the listing: its time is unknown, nothing tells a copy from a hand-made draft.
      copy('draft:of-unlisted', ['+12025550030'], t + 60_000),
    ];
    const found = sameNumberCopies(list, new Map([['draft:kept', 'p1'], ['pr:submitted', 'p4']]), new Set(['draft:matched']), locals, window);
    expect([...found].sort()).toEqual([
      ['draft:held', 'p1'],
      ['draft:lost-answer', 'p1'],
    ]);
  });
});
