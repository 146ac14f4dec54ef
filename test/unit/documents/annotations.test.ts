import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { countAnnotations } from '../../../src/main/documents/annotations';
import { makePdf } from './fixtures';

/** A 3-page PDF with the annotation kinds the annotation editor writes, added the low-level way. */
async function annotatedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await makePdf(3));
  const [p1, , p3] = doc.getPages();
  if (!p1 || !p3) throw new Error('pages missing');
  const annot = (subtype: string, extra: Record<string, unknown> = {}) =>
    doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: subtype, Rect: [72, 600, 300, 620], ...extra }));
  p1.node.set(PDFName.of('Annots'), doc.context.obj([
    annot('Highlight', { QuadPoints: [72, 620, 300, 620, 72, 600, 300, 600], C: [1, 0.9, 0] }),
    annot('FreeText', { Contents: 'Name does not match the bill', DA: '/Helv 12 Tf 0 g' }),
    annot('Ink', { InkList: [[80, 100, 120, 140, 160, 100]] }),
  ]));
  // Page 3 mixes an indirect annotation with a direct (inline) dictionary, both legal in PDF.
  p3.node.set(PDFName.of('Annots'), doc.context.obj([
    annot('Stamp', { Name: 'Approved' }),
    doc.context.obj({ Type: 'Annot', Subtype: 'Square', Rect: [50, 50, 150, 150] }),
  ]));
  return doc.save();
}

describe('countAnnotations', () => {
  it('lists annotation subtypes per page in page order', async () => {
    expect((await countAnnotations(await annotatedPdf())).map(({ page, subtype }) => ({ page, subtype }))).toEqual([
      { page: 1, subtype: 'Highlight' },
      { page: 1, subtype: 'FreeText' },
      { page: 1, subtype: 'Ink' },
      { page: 3, subtype: 'Stamp' },
      { page: 3, subtype: 'Square' },
    ]);
  });

  it('returns nothing for a PDF without annotations', async () => {
    expect(await countAnnotations(await makePdf(2))).toEqual([]);
  });
});
