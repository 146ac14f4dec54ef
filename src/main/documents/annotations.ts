import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from '@cantoo/pdf-lib';

export interface AnnotationEntry {
  /** 1-based page number. */
  page: number;
  /** The annotation's /Subtype without the slash: Highlight, FreeText, Ink, Stamp, Square, Link, Widget… */
  subtype: string;
  /** [x1, y1, x2, y2] in PDF points. */
  rect: number[];
}

/**
 * List the annotations a PDF carries, page by page in page order, as other PDF readers will see
 * them. Used to check that "Save to PDF" really wrote the specialist's marks into the file.
 * Annotations without a readable subtype are listed as `Unknown`.
 */
export async function countAnnotations(pdfBytes: Uint8Array): Promise<AnnotationEntry[]> {
  const doc = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  const entries: AnnotationEntry[] = [];
  doc.getPages().forEach((page, index) => {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) return;
    for (let i = 0; i < annots.size(); i++) {
      const annot = annots.lookupMaybe(i, PDFDict);
      if (!annot) continue;
      const subtype = annot.lookupMaybe(PDFName.of('Subtype'), PDFName);
      const rect = annot.lookupMaybe(PDFName.of('Rect'), PDFArray);
      const numbers = rect ? rect.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : Number.NaN)) : [];
      entries.push({ page: index + 1, subtype: subtype ? subtype.decodeText() : 'Unknown', rect: numbers });
    }
  });
  return entries;
}
