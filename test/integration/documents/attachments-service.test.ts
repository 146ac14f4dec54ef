import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDFDocument } from '@cantoo/pdf-lib';
import { countAnnotations, ContentStore } from '../../../src/main/documents';
import type { ChangeEvent } from '../../../src/shared/rpc/events';
import { testContext } from '../../support/context';
import { READY_FIELDS as LOA_FIELDS } from '../../support/port-fields';
import { fixture, makePdf } from '../../unit/documents/fixtures';


function setup() {
  const ctx = testContext();
  const store = new ContentStore(join(dirname(ctx.dbPath), 'attachments'));
  const port = ctx.ports.create({ fields: { name: 'Acme HQ', ...LOA_FIELDS }, numbers: ['2025550143'] });
  const attachmentRows = () => ctx.repos.outbox.list().filter((o) => o.entity === 'attachment');
  return { ...ctx, store, port, attachmentRows };
}

/** The same PDF with one Square annotation appended, as an annotation tool would save it. */
async function annotated(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  const page = doc.getPage(0);
  const annot = doc.context.obj({ Type: 'Annot', Subtype: 'Square', Rect: [50, 50, 200, 120], C: [1, 0, 0] });
  page.node.addAnnot(doc.context.register(annot));
  return doc.save();
}

describe('documents service', () => {
  it('attaches a PDF: stored by hash, one version, a timeline entry and an attachment.add outbox row', async () => {
    const { documents, ports, store, port, attachmentRows } = setup();
    const bytes = await makePdf(2);
    const a = await documents.add({ portId: port.id, filename: 'March bill', bytes });
    expect(a).toMatchObject({ name: 'March bill.pdf', kind: 'bill', version: 1, size: bytes.length, contentType: 'application/pdf', hasDraft: false });
    expect(await store.read(a.sha256 as string)).toEqual(bytes);
    expect(ports.get(port.id).timeline.at(-1)?.message).toBe('Attached "March bill.pdf" as Bill');
    expect(attachmentRows()).toMatchObject([
      { op: 'attachment.add', entityId: a.id, payload: { attachmentId: a.id, name: 'March bill.pdf', kind: 'bill', sha256: a.sha256, size: bytes.length, contentType: 'application/pdf', documentType: 'invoice' } },
    ]);
  });

  it('guesses the kind from the name, honours an override, and keeps names unique per port', async () => {
    const { documents, port } = setup();
    const pdf = await makePdf(1);
    const loa = await documents.add({ portId: port.id, filename: 'signed_LOA.pdf', bytes: pdf });
    const again = await documents.add({ portId: port.id, filename: 'signed_LOA.PDF', bytes: pdf });
    const other = await documents.add({ portId: port.id, filename: 'notes.pdf', bytes: pdf, kind: 'bill' });
    expect([loa.kind, again.kind, other.kind]).toEqual(['loa', 'loa', 'bill']);
    expect([loa.name, again.name]).toEqual(['signed_LOA.pdf', 'signed_LOA (2).pdf']);
  });

  it('converts an image to a one-page PDF named .pdf', async () => {
    const { documents, port, store } = setup();
    const a = await documents.add({ portId: port.id, filename: 'bill-photo.jpg', bytes: fixture('bill-photo.jpg') });
    expect(a.name).toBe('bill-photo.pdf');
    expect((await PDFDocument.load(await store.read(a.sha256 as string))).getPageCount()).toBe(1);
  });

  it('rejects bad files with the intake message and writes nothing', async () => {
    const { documents, port, repos, attachmentRows, dbPath } = setup();
    const outboxBefore = repos.outbox.count();
    const cases: [Uint8Array, string, RegExp][] = [
      [fixture('encrypted-password.pdf'), 'locked.pdf', /password/i],
      [new TextEncoder().encode('GIF89a....'), 'logo.pdf', /GIF image, not a PDF/],
      [new Uint8Array(8_000_001).fill(0x25), 'huge.pdf', /limited to 8,000,000 bytes/],
      [new TextEncoder().encode('%PDF-1.7\nbroken'), 'broken.pdf', /damaged|corrupt|cannot/i],
    ];
    for (const [bytes, name, message] of cases) {
      await expect(documents.add({ portId: port.id, filename: name, bytes })).rejects.toMatchObject({ code: 'FILE', message: expect.stringMatching(message) });
    }
    expect(documents.list(port.id)).toEqual([]);
    expect(repos.outbox.count()).toBe(outboxBefore);
    expect(attachmentRows()).toEqual([]);
    const blobDir = join(dirname(dbPath), 'attachments');
    expect(existsSync(blobDir) ? readdirSync(blobDir) : []).toEqual([]);
  });

  it('replace and annotated save add versions and keep the original readable', async () => {
    const { documents, port, repos } = setup();
    const original = await makePdf(1);
    const a = await documents.add({ portId: port.id, filename: 'LOA.pdf', bytes: original });
    // Pretend the attachment was pushed: later changes become remote replaces.
    repos.attachments.setRemoteName(a.id, 'LOA.pdf');
    const marked = await annotated(original);
    const saved = await documents.saveAnnotated(a.id, a.sha256 as string, marked);
    expect(saved.version).toBe(2);
    expect(documents.versions(a.id).map((v) => [v.version, v.reason])).toEqual([[2, 'annotated'], [1, 'added']]);
    expect((await documents.read(a.id, { version: 1 })).bytes).toEqual(original);
    expect(await countAnnotations((await documents.read(a.id)).bytes)).toMatchObject([{ page: 1, subtype: 'Square', rect: [50, 50, 200, 120] }]);
    const rows = repos.outbox.list().filter((o) => o.entity === 'attachment');
    expect(rows.at(-1)).toMatchObject({ op: 'attachment.replace', payload: { attachmentId: a.id, remoteName: 'LOA.pdf', name: 'LOA.pdf', sha256: saved.sha256, version: 2, reason: 'annotated', documentType: 'loa' } });
    // A save based on the superseded version is refused rather than silently overwriting.
    await expect(documents.saveAnnotated(a.id, a.sha256 as string, marked)).rejects.toMatchObject({ code: 'CONFLICT' });
    const replaced = await documents.replace(a.id, await makePdf(3), 'rescan.pdf');
    expect(replaced).toMatchObject({ version: 3, name: 'LOA.pdf' });
  });

  it('keeps an annotation draft until the annotated save, then drops it and its blob', async () => {
    const { documents, port, store } = setup();
    const original = await makePdf(1);
    const a = await documents.add({ portId: port.id, filename: 'LOA.pdf', bytes: original });
    const first = await documents.saveDraft(a.id, a.sha256 as string, await annotated(original));
    expect(documents.get(a.id).hasDraft).toBe(true);
    const draftBytes = await annotated(await annotated(original));
    const second = await documents.saveDraft(a.id, a.sha256 as string, draftBytes);
    // The earlier state is kept as an undo step while the draft lives.
    expect(second.previousSha256).toBe(first.draftSha256);
    expect(await store.has(first.draftSha256)).toBe(true);
    expect((await documents.read(a.id, { draft: true })).bytes).toEqual(draftBytes);
    await documents.saveAnnotated(a.id, a.sha256 as string, draftBytes);
    expect(documents.draft(a.id)).toBeNull();
    expect(await store.has(first.draftSha256)).toBe(false);
    // The draft's content is now the current version, so its blob stays.
    expect(await store.has(second.draftSha256)).toBe(true);
    await expect(documents.saveDraft(a.id, a.sha256 as string, draftBytes)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('deletes only where the port may be deleted, with a LOCKED message otherwise', async () => {
    const { documents, ports, port, store, repos } = setup();
    const a = await documents.add({ portId: port.id, filename: 'bill.pdf', bytes: await makePdf(1) });
    const b = await documents.add({ portId: port.id, filename: 'LOA.pdf', bytes: await makePdf(2) });
    repos.attachments.setRemoteName(b.id, 'LOA.pdf');
    ports.move(port.id, { to: 'submitted' });
    await expect(documents.delete(a.id)).rejects.toMatchObject({ code: 'LOCKED', message: expect.stringContaining('only while the port is unconfirmed, rejected or canceled') });
    expect(() => documents.rename(b.id, { name: 'signed' })).toThrow(/cannot be renamed while "Acme HQ" is submitted/);
    ports.move(port.id, { to: 'canceled' });
    await documents.delete(a.id);
    await documents.delete(b.id);
    expect(documents.list(port.id)).toEqual([]);
    expect(await store.has(a.sha256 as string)).toBe(false);
    const rows = repos.outbox.list().filter((o) => o.entity === 'attachment');
    // The never-pushed attachment leaves nothing queued; the pushed one leaves one remote delete.
    expect(rows.map((r) => [r.op, r.entityId])).toEqual([['attachment.delete', b.id]]);
    expect(rows[0]?.payload).toEqual({ v: 1, attachmentId: b.id, remoteName: 'LOA.pdf', documentType: 'loa' });
  });

  it('renames: a never-pushed attachment is re-queued once, a pushed one is deleted and added again', async () => {
    const { documents, port, repos, attachmentRows } = setup();
    const a = await documents.add({ portId: port.id, filename: 'scan.pdf', bytes: await makePdf(1) });
    const renamed = documents.rename(a.id, { name: 'Signed LOA', kind: 'loa' });
    expect(renamed).toMatchObject({ name: 'Signed LOA.pdf', kind: 'loa' });
    expect(attachmentRows().map((r) => [r.op, (r.payload as { name: string }).name])).toEqual([['attachment.add', 'Signed LOA.pdf']]);
    repos.attachments.setRemoteName(a.id, 'Signed LOA.pdf');
    documents.rename(a.id, { name: 'LOA final.pdf' });
    expect(attachmentRows().slice(1).map((r) => [r.op, r.payload])).toEqual([
      ['attachment.delete', { v: 1, attachmentId: a.id, remoteName: 'Signed LOA.pdf', documentType: 'loa' }],
      ['attachment.add', expect.objectContaining({ name: 'LOA final.pdf', kind: 'loa' })],
    ]);
  });

  it('emits one ports change event per write, after commit', async () => {
    const { documents, changes, port } = setup();
    const seen: ChangeEvent[] = [];
    changes.subscribe((e) => seen.push(e));
    const a = await documents.add({ portId: port.id, filename: 'bill.pdf', bytes: await makePdf(1) });
    await documents.delete(a.id);
    expect(seen).toEqual([
      { type: 'ports', ids: [port.id], removed: [] },
      { type: 'ports', ids: [port.id], removed: [] },
    ]);
  });

  it('generates the LOA from the port, attaches it as kind loa, and regenerates as a new version', async () => {
    const { loa, ports, port, documents } = setup();
    const first = await loa.generate(port.id);
    expect(first.attachment).toMatchObject({ name: 'LOA - Acme HQ.pdf', kind: 'loa', version: 1 });
    const second = await loa.generate(port.id);
    expect(second.attachment).toMatchObject({ id: first.attachment?.id, version: 2 });
    expect(documents.list(port.id)).toHaveLength(1);
    const bare = ports.create({ fields: { name: 'Bare' }, numbers: ['2025550199'] });
    await expect(loa.generate(bare.id)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Authorized person') });
    const draft = await loa.generate(bare.id, { draft: true });
    expect(draft.attachment).toBeNull();
    expect(draft.bytes.length).toBeGreaterThan(1000);
    expect(documents.list(bare.id)).toEqual([]);
  });

  it('keeps the reusable signature as a PNG only', () => {
    const { documents } = setup();
    const png = fixture('bill-photo.png');
    expect(documents.signature()).toBeNull();
    documents.setSignature(png);
    expect(documents.signature()?.png).toEqual(png);
    expect(() => documents.setSignature(fixture('bill-photo.jpg'))).toThrow(/PNG/);
    documents.clearSignature();
    expect(documents.signature()).toBeNull();
  });

  it('crosses the RPC as base64 with validated input', async () => {
    const { router, port } = setup();
    const pdf = Buffer.from(await makePdf(1)).toString('base64');
    const added = await router.call('attachments.add', { portId: port.id, filename: 'bill.pdf', contentBase64: pdf });
    expect(added).toMatchObject({ ok: true, value: { name: 'bill.pdf' } });
    const id = (added as { value: { id: string } }).value.id;
    expect(await router.call('attachments.read', { id })).toMatchObject({ ok: true, value: { contentBase64: pdf } });
    expect(await router.call('attachments.add', { portId: port.id, filename: 'x.pdf', contentBase64: 'not base64!' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('contentBase64') },
    });
  });
});
