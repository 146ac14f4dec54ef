import { afterEach, describe, expect, it } from 'vitest';
import { tinyPdf } from '../../../src/sandbox/seed/tinyPdf';
import { BOTH_PROFILES, kazooRemote, numbers, startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

type KazooDoc = Record<string, unknown> & { name: string; bill?: { locality?: string }; uploads?: Record<string, unknown>; comments?: { content: string }[] };

async function kazooDoc(hh: Harness, id: string): Promise<{ url: string; data: KazooDoc }> {
  const url = `${hh.sb.kazooUrl}/v2/accounts/${hh.sb.accounts.root.id}/port_requests/${id}`;
  return { url, data: ((await (await fetch(url, { headers: { 'x-auth-token': hh.sb.token } })).json()) as { data: KazooDoc }).data };
}

describe('lost answers and resolutions (Kazoo sandbox)', () => {
  it.each(BOTH_PROFILES)('a field changed only locally while an answer was lost is not a conflict, nor is the second local edit made before the retry (Kazoo %s)', async (kazooVersion) => {
    h = await startHarness('kazoo', { kazooVersion });
    const p = h.ctx.ports.create({ fields: { name: 'Echo', locality: 'Old town' }, numbers: numbers(0, 2), remoteId: h.remoteId });
    expect((await h.engine.syncNow({ waitMs: 10_000 })).converged).toBe(true);
    const rid = h.ctx.ports.get(p.id).remoteObjectId as string;

    h.ctx.ports.update(p.id, { locality: 'New town' });
    // The edit reaches the server; its answer does not.
    await h.faults({ lostResponse: { next: 1 } });
    const lost = await h.engine.syncNow({ waitMs: 0 });
    expect(lost.converged).toBe(false);
    expect((await kazooDoc(h, rid)).data.bill?.locality).toBe('New town');
    await h.faults({});
    // A second local edit before the retry, of another field the server still holds at the base value.
    h.ctx.ports.update(p.id, { name: 'Echo renamed' });
    const report = await h.engine.syncNow({ waitMs: 10_000 });
    expect(report.converged, report.message).toBe(true);
    expect(h.ctx.repos.conflicts.list()).toEqual([]);
    expect(h.ctx.ports.get(p.id)).toMatchObject({ name: 'Echo renamed', locality: 'New town', syncStatus: 'synced' });
    const remote = (await kazooDoc(h, rid)).data;
    expect(remote.name).toBe('Echo renamed');
    expect(remote.bill?.locality).toBe('New town');
  });

  it('resolving a conflict keeps the queued comment and attachment: both reach the server, in order, after the resolution', async () => {
    h = await startHarness('kazoo');
    const p = h.ctx.ports.create({ fields: { name: 'Resolve me', locality: 'Old town' }, numbers: numbers(10, 2), remoteId: h.remoteId });
    expect((await h.engine.syncNow({ waitMs: 10_000 })).converged).toBe(true);
    const rid = h.ctx.ports.get(p.id).remoteObjectId as string;
    const { url, data } = await kazooDoc(h, rid);
    await fetch(url, { method: 'POST', headers: { 'x-auth-token': h.sb.token, 'content-type': 'application/json' }, body: JSON.stringify({ data: { ...data, bill: { ...data.bill, locality: 'Remote town' } } }) });
    h.ctx.ports.update(p.id, { locality: 'Local town' });
    await h.engine.syncNow({ waitMs: 5_000 });
    expect(h.ctx.ports.get(p.id).syncStatus).toBe('conflict');

    // Queued while the port is in conflict: a comment, then a bill.
    await h.ctx.router.call('comments.add', { portId: p.id, body: 'Bill attached below' });
    const bill = await h.ctx.documents.add({ portId: p.id, filename: 'April bill.pdf', bytes: new Uint8Array(tinyPdf('April bill', ['April bill body'])) });
    const ops = (): string[] => h!.ctx.repos.outbox.rows(p.id).map((r) => r.op);
    expect(ops()).toEqual(['port.update', 'comment.add', 'attachment.add']);
    const resolved = await h.ctx.router.call('conflicts.resolve', { portId: p.id, choices: { locality: 'local' } });
    expect(resolved.ok).toBe(true);
    // The resolution goes first, then every change queued meanwhile, in its order.
    expect(ops()).toEqual(['port.update', 'comment.add', 'attachment.add']);

    const report = await h.engine.syncNow({ waitMs: 10_000 });
    expect(report.converged, report.message).toBe(true);
    const after = (await kazooDoc(h, rid)).data;
    expect(after.bill?.locality).toBe('Local town');
    expect(after.comments?.map((c) => c.content)).toEqual(['Bill attached below']);
    expect(Object.keys(after.uploads ?? {})).toEqual(['April bill.pdf']);
    expect(h.ctx.documents.get(bill.id).remoteName).toBe('April bill.pdf');
    expect(h.ctx.repos.outbox.count()).toBe(0);
  });

  it('requeueing a blocked port resets its attempt count, yet a create sent before without an answer is looked for, not made twice', async () => {
    h = await startHarness('kazoo');
    const p = h.ctx.ports.create({ fields: { name: 'Requeued' }, numbers: numbers(20, 2), remoteId: h.remoteId });
    await h.faults({ lostResponse: { next: 1 } });
    expect((await h.engine.syncNow({ waitMs: 0 })).converged).toBe(false);
    await h.faults({});
    // The port stopped after that (a refusal the specialist then fixed), its create's outcome still unknown here.
    const [row] = h.ctx.repos.outbox.rows(p.id);
    h.engine.store.block(row!.seq, p.id, 'refused for a reason fixed since');
    expect(h.engine.retry(p.id).requeued).toBe(1);
    expect(h.ctx.repos.outbox.rows(p.id).map((r) => r.attempts)).toEqual([0]);
    const report = await h.engine.syncNow({ waitMs: 10_000 });
    expect(report.converged, report.message).toBe(true);
    const copies = (await kazooRemote(h)).filter((r) => r.portdesk_client_id === p.id);
    expect(copies.map((r) => r.id)).toEqual([h.ctx.ports.get(p.id).remoteObjectId]);
    expect(h.engine.status().remotes[0]?.duplicates).toEqual([]);
  });

  it('a requeued create whose answer was lost keeps its port on its remote until the pull links the copy: no second remote, no copy imported as a new port', async () => {
    h = await startHarness('kazoo');
    const other = h.ctx.remotes.add({ kind: 'kazoo', url: `${h.sb.kazooUrl}/v2/`, accountId: h.sb.accounts.subs[0]?.id ?? '', token: h.sb.subToken, name: 'Harbor' });
    const p = h.ctx.ports.create({ fields: { name: 'Lost and requeued' }, numbers: numbers(30, 2), remoteId: h.remoteId });
    // The create lands; its answer does not.
    await h.faults({ lostResponse: { next: 1 } });
    expect((await h.engine.syncNow({ waitMs: 0 })).converged).toBe(false);
    await h.faults({});
    expect(await kazooRemote(h)).toHaveLength(1);
    const [row] = h.ctx.repos.outbox.rows(p.id);
    h.engine.store.block(row!.seq, p.id, 'refused for a reason fixed since');
    expect(h.engine.retry(p.id).requeued).toBe(1);
    expect(h.ctx.repos.outbox.rows(p.id).map((r) => r.attempts)).toEqual([0]);

    // The requeue forgot the attempt; the port did not: it may exist on its remote, so it stays there.
    expect(() => h!.ctx.ports.assignRemote(p.id, other.id)).toThrow(/without an answer yet/);
    expect(() => h!.ctx.ports.setKeptLocal(p.id, true)).toThrow(/without an answer yet/);
    expect(h.ctx.ports.bulkAssignRemote([p.id], other.id).skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/without an answer yet/)]);
    expect(h.ctx.ports.get(p.id).remoteId).toBe(h.remoteId);

    // The pull (and the push, which looks first) find the copy by its marker and link it.
    await h.faults({ seed: 2, serverError: { rate: 0.2, statuses: [503] } });
    const report = await h.engine.syncNow({ remoteId: h.remoteId, waitMs: 10_000 });
    await h.faults({});
    expect(report.converged, report.message).toBe(true);
    const copies = await kazooRemote(h);
    expect(copies.map((r) => r.id)).toEqual([h.ctx.ports.get(p.id).remoteObjectId]);
    expect(h.ctx.ports.list().filter((x) => x.name === 'Lost and requeued')).toHaveLength(1);
    // Linked, it is on that remote for good.
    expect(() => h!.ctx.ports.assignRemote(p.id, other.id)).toThrow(/already exists on remote/);
  });
});
