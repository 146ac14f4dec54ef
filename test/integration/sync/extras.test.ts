import { afterEach, describe, expect, it } from 'vitest';
import { tinyPdf } from '../../../src/sandbox/seed/tinyPdf';
import { numbers, startHarness, type Harness } from './harness';
import { completeFields, portal, telnyxApi } from './telnyx-api';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const pdf = (title: string): Uint8Array<ArrayBuffer> => new Uint8Array(tinyPdf(title, [`${title} body`]));

async function kazooDoc(hh: Harness, id: string): Promise<{ uploads: Record<string, { length: number }>; comments?: { content: string }[] }> {
  const res = await fetch(`${hh.sb.kazooUrl}/v2/accounts/${hh.sb.accounts.root.id}/port_requests/${id}`, { headers: { 'x-auth-token': hh.sb.token } });
  return ((await res.json()) as { data: never }).data;
}

async function kazooWrite(hh: Harness, method: string, path: string, body: unknown, type = 'application/pdf'): Promise<Response> {
  const raw = body instanceof Uint8Array;
  return fetch(`${hh.sb.kazooUrl}/v2/accounts/${hh.sb.accounts.root.id}${path}`, {
    method,
    headers: { 'x-auth-token': hh.sb.token, 'content-type': raw ? type : 'application/json' },
    body: raw ? new Uint8Array(body) : JSON.stringify(body),
  });
}

async function converge(hh: Harness): Promise<void> {
  const report = await hh.engine.syncNow({ waitMs: 10_000 });
  expect(report.converged, report.message).toBe(true);
}

// Both Kazoo profiles of the sandbox (4.2's listings, bill names and comment rules differ: docs/sandbox.md).
describe.each(['4.3', '4.2'] as const)('attachments and comments, Kazoo %s', (version) => {
  it('uploads once despite a lost answer, replaces, pulls remote files sanitised, downloads on demand, deletes', async () => {
    h = await startHarness('kazoo', { kazooVersion: version });
    const port = h.ctx.ports.create({ fields: { name: 'Docs' }, numbers: numbers(0, 2), remoteId: h.remoteId });
    await converge(h);
    const bill = await h.ctx.documents.add({ portId: port.id, filename: 'March bill.pdf', bytes: pdf('Bill v1') });
    await h.faults({ lostResponse: { next: 1 } });
    await converge(h);
    await h.faults({});
    const objectId = h.ctx.ports.get(port.id).remoteObjectId as string;
    let doc = await kazooDoc(h, objectId);
    expect(Object.keys(doc.uploads)).toEqual(['March bill.pdf']);
    expect(h.ctx.documents.get(bill.id).remoteName).toBe('March bill.pdf');

    const v2 = pdf('Bill version two, longer');
    await h.ctx.documents.replace(bill.id, v2, 'March bill.pdf');
    await converge(h);
    doc = await kazooDoc(h, objectId);
    expect(doc.uploads['March bill.pdf']?.length).toBe(v2.length);

    // Files added on the remote come back as metadata; a hostile name cannot escape a directory.
    const remoteBytes = pdf('Signed LOA');
    expect((await kazooWrite(h, 'PUT', `/port_requests/${objectId}/attachments?filename=${encodeURIComponent('../../etc/LOA signed')}`, remoteBytes)).status).toBe(200);
    await converge(h);
    await converge(h);
    const list = h.ctx.documents.list(port.id);
    expect(list).toHaveLength(2);
    const pulled = list.find((a) => a.id !== bill.id);
    expect(pulled?.remoteName).toBe('../../etc/LOA signed.pdf');
    expect(pulled?.name).not.toContain('/');
    expect(pulled?.kind).toBe('loa');
    expect(pulled?.sha256).toBeNull();
    const fetched = await h.engine.fetchAttachment(pulled?.id as string);
    expect(fetched.size).toBe(remoteBytes.length);
    expect(Buffer.from((await h.ctx.documents.read(pulled?.id as string)).bytes).equals(Buffer.from(remoteBytes))).toBe(true);

    await h.ctx.documents.delete(bill.id);
    await converge(h);
    doc = await kazooDoc(h, objectId);
    expect(Object.keys(doc.uploads)).toEqual(['../../etc/LOA signed.pdf']);
    // A file deleted on the remote goes locally too.
    await kazooWrite(h, 'DELETE', `/port_requests/${objectId}/attachments/${encodeURIComponent('../../etc/LOA signed.pdf')}`, {});
    await converge(h);
    expect(h.ctx.documents.list(port.id)).toHaveLength(0);
    expect(h.ctx.repos.outbox.count()).toBe(0);
  }, 60_000);

  it('posts a comment once despite a lost answer and pulls remote comments once', async () => {
    h = await startHarness('kazoo', { kazooVersion: version });
    const port = h.ctx.ports.create({ fields: { name: 'Talk' }, numbers: numbers(10, 1), remoteId: h.remoteId });
    await converge(h);
    const objectId = h.ctx.ports.get(port.id).remoteObjectId as string;
    await h.ctx.router.call('comments.add', { portId: port.id, body: 'Customer will send the bill tomorrow', actionRequired: true });
    await h.faults({ lostResponse: { next: 1 } });
    await converge(h);
    await h.faults({});
    let doc = await kazooDoc(h, objectId);
    expect(doc.comments?.map((c) => c.content)).toEqual(['Customer will send the bill tomorrow']);
    // comment.json: author and timestamp; Kazoo 4.3 writes the token user's full name as the author.
    const landed = (doc.comments ?? [])[0] as unknown as { author: string; timestamp: number; action_required?: boolean };
    expect(landed.author).toBe(h.sb.users.root);
    expect(landed.timestamp).toBeGreaterThan(63_900_000_000);
    expect(landed.action_required).toBe(true);

    const rest: Record<string, unknown> = { ...(doc as unknown as Record<string, unknown>) };
    for (const ro of ['id', 'port_state', 'uploads', 'created', 'updated', 'account_id', 'sent', '_read_only']) delete rest[ro];
    const withRemote = { ...rest, comments: [...(doc.comments ?? []), { content: 'Carrier asked for the PIN', is_private: false, author: 'Carrier desk', timestamp: landed.timestamp + 5 }] };
    expect((await kazooWrite(h, 'POST', `/port_requests/${objectId}`, { data: withRemote })).status).toBe(200);
    await converge(h);
    await converge(h);
    const comments = h.ctx.ports.get(port.id).comments;
    expect(comments.map((c) => c.body).sort()).toEqual(['Carrier asked for the PIN', 'Customer will send the bill tomorrow']);
    expect(h.ctx.ports.get(port.id).timeline.some((e) => e.kind === 'comment' && e.actor === 'remote')).toBe(true);
    doc = await kazooDoc(h, objectId);
    expect(doc.comments).toHaveLength(2);
  }, 30_000);
});

describe('attachments and comments, Telnyx', () => {
  it('documents go to the draft before submit (once, despite a lost answer), comments after it; remote documents and comments come back', async () => {
    h = await startHarness('telnyx');
    const port = h.ctx.ports.create({ fields: { name: 'TDocs', ...completeFields() }, numbers: numbers(20, 2), remoteId: h.remoteId });
    const loa = await h.ctx.documents.add({ portId: port.id, filename: 'LOA.pdf', bytes: pdf('LOA'), kind: 'loa' });
    await h.ctx.documents.add({ portId: port.id, filename: 'Bill.pdf', bytes: pdf('Bill'), kind: 'bill' });
    await h.ctx.router.call('comments.add', { portId: port.id, body: 'Please expedite' });
    await h.faults({ lostResponse: { next: 2 } });
    // v1 keeps no comments on drafts: the comment waits, the documents are on the draft.
    const draftRun = await h.engine.syncNow({ waitMs: 10_000 });
    expect(draftRun.converged).toBe(false);
    const draftId = (h.ctx.ports.get(port.id).remoteObjectId as string).slice('draft:'.length);
    const onDraft = (await telnyxApi(h, `/draft_port_requests/${draftId}/supporting_documents`)) as { id: string; document_type: string }[];
    expect(onDraft.map((d) => d.document_type).sort()).toEqual(['invoice', 'loa']);

    h.ctx.ports.move(port.id, { to: 'submitted', force: true });
    await converge(h);
    const prId = (h.ctx.ports.get(port.id).remoteObjectId as string).slice(3);
    const docs = (await telnyxApi(h, `/port_requests/${prId}/supporting_documents`)) as { id: string; document_type: string }[];
    expect(docs.map((d) => d.document_type).sort()).toEqual(['invoice', 'loa']);
    expect(h.ctx.documents.get(loa.id).remoteName).toBe(docs.find((d) => d.document_type === 'loa')?.id);
    const comments = (await telnyxApi(h, `/port_requests/${prId}/comments`)) as { body: string }[];
    expect(comments.map((c) => c.body)).toEqual(['Please expedite']);

    // A bill added in Telnyx's portal and a comment come back once; the bill downloads through its link.
    const bill = pdf('Telnyx invoice');
    await portal(h, `/port_requests/${prId}/supporting_documents`, { document_type: 'invoice', body: 'April invoice.pdf', file: Buffer.from(bill).toString('base64') });
    await telnyxApi(h, `/port_requests/${prId}/comments`, { method: 'POST', json: { body: 'FOC confirmed soon' } });
    await h.engine.syncNow({ waitMs: 5000 });
    await h.engine.syncNow({ waitMs: 5000 });
    const list = h.ctx.documents.list(port.id);
    expect(list.map((a) => a.name).sort()).toEqual(['April invoice.pdf', 'Bill.pdf', 'LOA.pdf']);
    const pulled = list.find((a) => a.name === 'April invoice.pdf');
    expect(pulled?.kind).toBe('bill');
    await h.engine.fetchAttachment(pulled?.id as string);
    expect(Buffer.from((await h.ctx.documents.read(pulled?.id as string)).bytes).equals(Buffer.from(bill))).toBe(true);
    expect(h.ctx.ports.get(port.id).comments.map((c) => c.body).sort()).toEqual(['FOC confirmed soon', 'Please expedite']);
  }, 60_000);
});
