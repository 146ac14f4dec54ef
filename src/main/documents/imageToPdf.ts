import { degrees, PDFDocument, type PDFImage } from '@cantoo/pdf-lib';
import { jpegOrientation } from './jpegOrientation';

/** US Letter in PDF points (1/72 inch): the paper North American carriers expect. */
export const LETTER = { width: 612, height: 792 } as const;
const MARGIN = 36;

/**
 * Wrap a PNG or JPEG (a photo or scan of a bill) in a one-page Letter PDF, since both remotes take
 * PDFs. The image keeps its aspect ratio, is scaled to fit inside half-inch margins and centred; a
 * landscape image gets a landscape page so it is not shrunk to half size. JPEG EXIF orientation is
 * applied so phone photos come out upright.
 */
export async function imageToPdf(bytes: Uint8Array, type: 'png' | 'jpeg', title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setProducer('PortDesk');
  const image = type === 'png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
  const orientation = type === 'jpeg' ? jpegOrientation(bytes) : 1;
  // Orientations 5-8 turn the picture a quarter, swapping its displayed width and height.
  const quarterTurn = orientation >= 5;
  const shownW = quarterTurn ? image.height : image.width;
  const shownH = quarterTurn ? image.width : image.height;
  const landscape = shownW > shownH;
  const pageW = landscape ? LETTER.height : LETTER.width;
  const pageH = landscape ? LETTER.width : LETTER.height;
  const scale = Math.min((pageW - 2 * MARGIN) / shownW, (pageH - 2 * MARGIN) / shownH);
  const boxW = shownW * scale;
  const boxH = shownH * scale;
  const left = (pageW - boxW) / 2;
  const bottom = (pageH - boxH) / 2;
  const page = doc.addPage([pageW, pageH]);
  drawOriented(page, image, orientation, { left, bottom, w: image.width * scale, h: image.height * scale });
  return doc.save();
}

type Page = ReturnType<PDFDocument['addPage']>;

/**
 * pdf-lib rotates an image about its bottom-left corner, so each turn moves that anchor to the
 * corner of the target box where the image's own origin ends up. Mirrored orientations (2, 4, 5, 7)
 * are rare in practice and are drawn with the nearest unmirrored turn.
 */
function drawOriented(page: Page, image: PDFImage, orientation: number, box: { left: number; bottom: number; w: number; h: number }): void {
  const { left, bottom, w, h } = box;
  switch (orientation) {
    case 3:
    case 4:
      page.drawImage(image, { x: left + w, y: bottom + h, width: w, height: h, rotate: degrees(180) });
      return;
    case 5:
    case 6:
      page.drawImage(image, { x: left, y: bottom + w, width: w, height: h, rotate: degrees(-90) });
      return;
    case 7:
    case 8:
      page.drawImage(image, { x: left + h, y: bottom, width: w, height: h, rotate: degrees(90) });
      return;
    default:
      page.drawImage(image, { x: left, y: bottom, width: w, height: h });
  }
}
