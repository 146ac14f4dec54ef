import { afterEach, describe, expect, it } from 'vitest';
import { READY_FIELDS } from '../../support/port-fields';
import { kazooRemote, numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Sync until converged, accepting the sandbox's activation charges on submits as a specialist would. */
async function syncAll(harness: Harness): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    const report = await harness.engine.syncNow({ waitMs: 10_000 });
    const charged = harness.ctx.ports.list().filter((p) => p.syncError?.includes('accept charges'));
    if (report.converged && charged.length === 0) return;
    for (const p of charged) harness.engine.acceptCharges(p.id);
  }
  throw new Error('sync did not converge');
}

describe('undoing moves', () => {
  it('withdraws a move never sent; reverses one that reached the remote where the state machine allows; otherwise skips the port and says why', async () => {
    h = await startHarness('kazoo');
    const ports = h.ctx.ports;
    const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((n, i) => ports.create({ fields: { ...READY_FIELDS, name: `Port ${n}` }, numbers: numbers(i * 3, 1), remoteId: h!.remoteId }).id) as [string, string, string, string];
    for (const id of [a, b, c, d]) ports.move(id, { to: 'submitted', force: true });
    await syncAll(h);

    // B and C move and sync; A and D move offline, and D's move goes out without an answer (it may have landed).
    ports.move(b, { to: 'pending' });
    ports.move(c, { to: 'rejected' });
    await syncAll(h);
    ports.move(a, { to: 'pending' });
    ports.move(d, { to: 'pending' });
    const dRow = h.ctx.repos.outbox.rows(d).at(-1)!;
    h.ctx.repos.outbox.bumpAttempt(dRow.seq);
    expect(ports.get(a).syncStatus).toBe('pending');

    const result = ports.undoMoves([
      { id: a, from: 'submitted', to: 'pending' },
      { id: b, from: 'submitted', to: 'pending' },
      { id: c, from: 'submitted', to: 'rejected' },
      { id: d, from: 'submitted', to: 'pending' },
      { id: 'gone', from: 'submitted', to: 'pending' },
    ]);
    expect(result.restored).toEqual([a, c]);
    expect(result.skipped).toEqual([
      { id: b, name: 'Port B', reason: 'its move to Pending was already sent to the remote, and Pending cannot go back to Submitted' },
      { id: d, name: 'Port D', reason: 'its move to Pending was already sent to the remote, and Pending cannot go back to Submitted' },
      { id: 'gone', name: '', reason: 'no longer exists' },
    ]);

    // A: withdrawn. Nothing left to send, so it is in step with the remote again.
    const portA = ports.get(a);
    expect(portA.state).toBe('submitted');
    expect(portA.syncStatus).toBe('synced');
    expect(h.ctx.repos.outbox.rows(a)).toEqual([]);
    expect(portA.timeline.at(-1)).toMatchObject({ kind: 'state', fromState: 'pending', toState: 'submitted', message: 'Move to Pending undone before it was sent' });
    // C: a new move back, queued like any other.
    expect(ports.get(c).state).toBe('submitted');
    expect(h.ctx.repos.outbox.rows(c).map((r) => r.change?.op === 'port.move' && `${r.change.payload.from}>${r.change.payload.to}`)).toEqual(['rejected>submitted']);
    expect(ports.get(c).timeline.at(-1)?.message).toBe('Moved back to Submitted (undo)');

    // Undoing again finds the ports where the first undo left them: nothing moves twice.
    expect(ports.undoMoves([{ id: a, from: 'submitted', to: 'pending' }]).skipped[0]?.reason).toBe('is Submitted now, no longer Pending: it has moved since');

    await syncAll(h);
    const remote = new Map((await kazooRemote(h)).map((r) => [r.portdesk_client_id, r.port_state]));
    expect([a, b, c, d].map((id) => remote.get(id))).toEqual(['submitted', 'pending', 'submitted', 'pending']);
  }, 60_000);

  it('a move with changes queued after it is not withdrawn: reversed where allowed, else skipped', async () => {
    h = await startHarness('kazoo');
    const ports = h.ctx.ports;
    const [e, f] = ['E', 'F'].map((n, i) => ports.create({ fields: { ...READY_FIELDS, name: `Port ${n}` }, numbers: numbers(20 + i * 3, 1), remoteId: null }).id) as [string, string];
    for (const id of [e, f]) ports.move(id, { to: 'submitted', force: true });
    ports.move(f, { to: 'pending' });
    ports.move(e, { to: 'rejected' });
    ports.move(f, { to: 'rejected' });
    // Edited after the move (a rejected port may be edited): the queued edit needs the move before it.
    ports.update(e, { accountNumber: '0042' });
    ports.update(f, { accountNumber: '0043' });

    const result = ports.undoMoves([
      { id: e, from: 'submitted', to: 'rejected' },
      { id: f, from: 'pending', to: 'rejected' },
    ]);
    expect(result.restored).toEqual([e]);
    expect(ports.get(e).state).toBe('submitted');
    expect(result.skipped).toEqual([{ id: f, name: 'Port F', reason: 'has changes queued after its move, and Rejected cannot go back to Pending' }]);
    expect(ports.get(f).state).toBe('rejected');
  });

  it('a move out of Rejected undone brings back the carrier’s reason: withdrawn, with the days in Rejected too; reversed after it was sent, with the reason sent again', async () => {
    h = await startHarness('kazoo');
    const ports = h.ctx.ports;
    const id = ports.create({ fields: { ...READY_FIELDS, name: 'Port R' }, numbers: numbers(40, 1), remoteId: h.remoteId }).id;
    ports.move(id, { to: 'submitted', force: true });
    await syncAll(h);
    const rid = ports.get(id).remoteObjectId as string;
    await h.admin('/clock/tick', { ids: [rid] });
    await h.admin('/clock/tick', { ids: [rid], outcome: 'reject' });
    await syncAll(h);
    const rejected = ports.get(id);
    expect(rejected.state).toBe('rejected');
    expect(rejected.stateReason).toEqual(expect.any(String));
    const reason = rejected.stateReason as string;

    // Resubmitted offline, then undone before it was sent: as it was, reason and clock included.
    ports.move(id, { to: 'submitted', force: true });
    expect(ports.get(id).stateReason).toBeNull();
    expect(ports.undoMoves([{ id, from: 'rejected', to: 'submitted' }]).restored).toEqual([id]);
    expect(ports.get(id)).toMatchObject({ state: 'rejected', stateReason: reason, stateEnteredAt: rejected.stateEnteredAt, syncStatus: 'synced' });
    expect(ports.list().find((p) => p.id === id)).toMatchObject({ stateReason: reason, stateEnteredAt: rejected.stateEnteredAt });
    await syncAll(h);
    expect(ports.get(id)).toMatchObject({ state: 'rejected', stateReason: reason });

    // Resubmitted and sent: the undo is a new move back to Rejected, which carries the reason to the remote.
    ports.move(id, { to: 'submitted', force: true });
    await syncAll(h);
    expect(ports.get(id)).toMatchObject({ state: 'submitted', stateReason: null });
    const undo = ports.undoMoves([{ id, from: 'rejected', to: 'submitted' }]);
    expect(undo).toEqual({ restored: [id], skipped: [] });
    expect(ports.get(id)).toMatchObject({ state: 'rejected', stateReason: reason });
    expect(h.ctx.repos.outbox.rows(id).map((r) => r.change?.op === 'port.move' && r.change.payload)).toEqual([expect.objectContaining({ from: 'submitted', to: 'rejected', reason })]);
    await syncAll(h);
    expect((await kazooRemote(h)).find((r) => r.portdesk_client_id === id)?.port_state).toBe('rejected');
    expect(ports.get(id)).toMatchObject({ state: 'rejected', stateReason: reason, syncStatus: 'synced' });
  }, 60_000);
});
