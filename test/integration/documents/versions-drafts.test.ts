import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { PDFDocument } from '@cantoo/pdf-lib';
import { ContentStore, countAnnotations } from '../../../src/main/documents';
import { loaStatusOf } from '../../../src/shared/domain/readiness';
import { testContext } from '../../support/context';
import { READY_FIELDS as LOA_FIELDS } from '../../support/port-fields';
import { fixture, makePdf } from '../../unit/documents/fixtures';

function setup() {
  const ctx = testContext();
  const store = new ContentStore(join(dirname(ctx.dbPath), 'attachments'));
  const port = ctx.ports.create({ fields: { name: 'Acme HQ', ...LOA_FIELDS }, numbers: ['2025550143'] });
  return { ...ctx, store, port };
}

/** `pdf` with `marks` Square annotations appended (as the viewer writes annotations). */
async function marked(pdf: Uint8Array, marks: number): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  for (let i = 0; i < marks; i++) {
    const annot = doc.context.obj({ Type: 'Annot', Subtype: 'Square', Rect: [50 + i * 10, 50, 200, 120], C: [1, 0, 0] });
    doc.getPage(0).node.addAnnot(doc.context.register(annot));
  }
  return doc.save();
}

describe('versions: list, read, restore', () => {
  it('restores an earlier version as a new one, with the signed state it had, losing nothing', async () => {
    const { documents, ports, port } = setup();
    const original = await makePdf(1);
    const loa = await documents.add({ portId: port.id, filename: 'LOA - Acme.pdf', bytes: original, kind: 'loa', unsigned: true });
    const signed = await documents.saveAnnotated(loa.id, loa.sha256 as string, await marked(original, 1), true);
    expect(signed).toMatchObject({ version: 2, unsigned: false });

    const restored = await documents.restore(loa.id, 1);
    expect(restored).toMatchObject({ version: 3, sha256: loa.sha256, unsigned: true });
    expect(loaStatusOf(documents.list(port.id))).toBe('unsigned');
    expect(ports.get(port.id).timeline.at(-1)?.message).toBe('Restored version 1 of "LOA - Acme.pdf" (as version 3)');
    expect(documents.versions(loa.id).map((v) => [v.version, v.sha256 === loa.sha256, v.signed])).toEqual([
      [3, true, false],
      [2, false, true],
      [1, true, false],
    ]);

    const again = await documents.restore(loa.id, 2);
    expect(again).toMatchObject({ version: 4, sha256: signed.sha256, unsigned: false });
    expect(loaStatusOf(documents.list(port.id))).toBe('signed');
    expect((await documents.read(loa.id, { version: 2 })).sha256).toBe(signed.sha256);
    await expect(documents.restore(loa.id, 4)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(documents.restore(loa.id, 9)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

const SAVED_WHILE_MARKING = '"bill.pdf" was saved as version 2 while you were marking it, so the mark you made during the save is not in that version. Make that mark again on version 2, which the viewer now shows.';
const CHANGED_SINCE = '"bill.pdf" changed since these annotations were started (a newer version was saved). Reopen it to annotate the current version.';

describe('annotation drafts: undo after reopening, discard', () => {
  it('steps back through earlier draft states, then to the saved version; the dropped states are freed', async () => {
    const { documents, store, port } = setup();
    const original = await makePdf(1);
    const a = await documents.add({ portId: port.id, filename: 'bill.pdf', bytes: original });
    const base = a.sha256 as string;
    const d1 = await documents.saveDraft(a.id, base, await marked(original, 1));
    const d2 = await documents.saveDraft(a.id, base, await marked(original, 2));
    const d3 = await documents.saveDraft(a.id, base, await marked(original, 3), true);
    expect(d1.previousSha256).toBeNull();
    expect(documents.draft(a.id)).toMatchObject({ draftSha256: d3.draftSha256, previousSha256: d2.draftSha256, signed: true });

    // As the viewer does after a reopen: Undo goes to the state before the opened draft.
    const back = await documents.revertDraft(a.id, d2.draftSha256);
    expect(back).toMatchObject({ draftSha256: d2.draftSha256, previousSha256: d1.draftSha256, signed: false });
    expect(existsSync(store.pathFor(d3.draftSha256))).toBe(false);
    expect((await documents.read(a.id, { draft: true })).sha256).toBe(d2.draftSha256);

    await documents.revertDraft(a.id, d1.draftSha256);
    expect(await documents.revertDraft(a.id, null)).toBeNull();
    expect(documents.draft(a.id)).toBeNull();
    for (const d of [d1, d2]) expect(existsSync(store.pathFor(d.draftSha256))).toBe(false);
    expect(existsSync(store.pathFor(base))).toBe(true);
    await expect(documents.revertDraft(a.id, null)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('an autosave whose bytes are still being stored when a version is saved is refused, not kept as a draft of the old version', async () => {
    const { documents, port } = setup();
    const original = await makePdf(1);
    const a = await documents.add({ portId: port.id, filename: 'bill.pdf', bytes: original });
    const draftBytes = await marked(original, 1);
    // The draft's bytes are stored only once the version is saved: the autosave in flight at "Save to PDF".
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const put = ContentStore.prototype.put;
    const spy = vi.spyOn(ContentStore.prototype, 'put').mockImplementation(async function (this: ContentStore, source) {
      if (source === draftBytes) await held;
      return put.call(this, source);
    });
    try {
      const autosave = documents.saveDraft(a.id, a.sha256 as string, draftBytes);
      const saved = await documents.saveAnnotated(a.id, a.sha256 as string, await marked(original, 2));
      release();
      await expect(autosave).rejects.toMatchObject({ code: 'CONFLICT', message: SAVED_WHILE_MARKING });
      expect(documents.get(a.id)).toMatchObject({ version: saved.version, hasDraft: false });
      expect(documents.draft(a.id)).toBeNull();
    } finally {
      spy.mockRestore();
    }
  });

  it('a mark autosaved or stamped on the version "Save to PDF" just replaced is refused with what happened and what to do', async () => {
    const { documents, port } = setup();
    const original = await makePdf(1);
    const a = await documents.add({ portId: port.id, filename: 'bill.pdf', bytes: original });
    await documents.saveAnnotated(a.id, a.sha256 as string, await marked(original, 1));
    await expect(documents.saveDraft(a.id, a.sha256 as string, await marked(original, 2))).rejects.toMatchObject({ code: 'CONFLICT', message: SAVED_WHILE_MARKING });
    await expect(documents.stamp(a.id, a.sha256 as string, original, fixture('bill-photo.png'), [{ page: 1, x: 80, y: 150, width: 180, height: 60 }], 'Signature', true)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: SAVED_WHILE_MARKING,
    });
    expect(documents.draft(a.id)).toBeNull();
  });

  it('a draft on a version replaced otherwise, or saved over more than once, keeps the general refusal', async () => {
    const { documents, port } = setup();
    const original = await makePdf(1);
    const a = await documents.add({ portId: port.id, filename: 'bill.pdf', bytes: original });
    await documents.replace(a.id, await makePdf(2), 'rescan.pdf');
    await expect(documents.saveDraft(a.id, a.sha256 as string, await marked(original, 1))).rejects.toMatchObject({ code: 'CONFLICT', message: CHANGED_SINCE });
    const b = await documents.add({ portId: port.id, filename: 'loa.pdf', bytes: original });
    const v2 = await documents.saveAnnotated(b.id, b.sha256 as string, await marked(original, 1));
    await documents.saveAnnotated(b.id, v2.sha256 as string, await marked(original, 2));
    await expect(documents.saveDraft(b.id, b.sha256 as string, await marked(original, 3))).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('changed since these annotations were started') });
  });

  it('discarding a draft removes it and every undo step', async () => {
    const { documents, store, port } = setup();
    const original = await makePdf(1);
    const a = await documents.add({ portId: port.id, filename: 'bill.pdf', bytes: original });
    const d1 = await documents.saveDraft(a.id, a.sha256 as string, await marked(original, 1));
    const d2 = await documents.saveDraft(a.id, a.sha256 as string, await marked(original, 2));
    await documents.discardDraft(a.id);
    expect(documents.draft(a.id)).toBeNull();
    for (const d of [d1, d2]) expect(existsSync(store.pathFor(d.draftSha256))).toBe(false);
    expect(documents.get(a.id)).toMatchObject({ version: 1, hasDraft: false });
  });
});

describe('stamps placed where the user clicked', () => {
  it('puts initials on every page at the given rectangle as a draft; Undo takes them back', async () => {
    const { documents, port } = setup();
    const original = await makePdf(3);
    const a = await documents.add({ portId: port.id, filename: 'LOA.pdf', bytes: original, kind: 'loa', unsigned: true });
    const png = fixture('bill-photo.png');
    const placements = [1, 2, 3].map((page) => ({ page, x: 350, y: 26, width: 60, height: 24 }));
    const draft = await documents.stamp(a.id, a.sha256 as string, original, png, placements, 'Initials', false);
    expect(draft).toMatchObject({ signed: false, previousSha256: null });
    const stamped = (await documents.read(a.id, { draft: true })).bytes;
    expect(await countAnnotations(stamped)).toEqual(placements.map((p) => ({ page: p.page, subtype: 'Stamp', rect: [350, 26, 410, 50] })));
    // An incremental update: the original bytes are the start of the stamped file.
    expect(Buffer.from(stamped.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
    // Initials do not sign the letter; the signature does.
    const signed = await documents.stamp(a.id, a.sha256 as string, stamped, png, [{ page: 1, x: 80, y: 150, width: 180, height: 60 }], 'Signature', true);
    expect(signed).toMatchObject({ signed: true, previousSha256: draft.draftSha256 });
    expect(await documents.revertDraft(a.id, draft.draftSha256)).toMatchObject({ signed: false });
    await expect(documents.stamp(a.id, a.sha256 as string, original, png, [{ page: 4, x: 0, y: 0, width: 10, height: 10 }], 'Date', false)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
