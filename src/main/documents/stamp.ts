import { concatTransformationMatrix, drawObject, PDFDocument, PDFHexString, popGraphicsState, pushGraphicsState } from '@cantoo/pdf-lib';
import { AppError } from '../../shared/errors';

/** Where a stamp goes: 1-based page, lower-left corner and size in PDF points (origin bottom left). */
export interface StampPlacement {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Put a PNG (signature, initials, date stamp) on pages of a PDF as Stamp annotations whose
 * appearance is the image, in an incremental update (the bytes before stay as they were, so an
 * earlier signature stays valid). Every PDF reader shows and prints them; the rectangle is where
 * the user clicked.
 */
export async function stampPng(pdf: Uint8Array, png: Uint8Array, placements: readonly StampPlacement[], label: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { forIncrementalUpdate: true, updateMetadata: false });
  const image = await doc.embedPng(png);
  const pages = doc.getPages();
  for (const p of placements) {
    const page = pages[p.page - 1];
    if (!page) throw new AppError('VALIDATION', `The document has no page ${p.page}.`);
    const appearance = doc.context.formXObject(
      [pushGraphicsState(), concatTransformationMatrix(p.width, 0, 0, p.height, 0, 0), drawObject('Im'), popGraphicsState()],
      { BBox: [0, 0, p.width, p.height], Resources: { XObject: { Im: image.ref } } },
    );
    const annot = doc.context.obj({
      Type: 'Annot',
      Subtype: 'Stamp',
      Rect: [p.x, p.y, p.x + p.width, p.y + p.height],
      // Print flag: the stamp is part of the signed letter, not a screen-only note.
      F: 4,
      Contents: PDFHexString.fromText(label),
      AP: { N: doc.context.register(appearance) },
    });
    page.node.addAnnot(doc.context.register(annot));
  }
  return doc.commit();
}
