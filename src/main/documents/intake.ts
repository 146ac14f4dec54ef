import { AppError } from '../../shared/errors';
import { pdfNameFor, sanitizeFilename } from './filenames';
import { imageToPdf } from './imageToPdf';
import { attachmentTooLarge, MAX_ATTACHMENT_BYTES } from './limits';
import { checkImageHeader } from './imageBounds';
import { checkPdfBounds } from './pdfBounds';
import { inspectPdf } from './pdfInspect';
import { sniffType } from './sniff';

/** A file accepted as an attachment: always a PDF, ready to store and upload. */
export interface AcceptedDocument {
  /** The PDF to store and send: the file itself, or the image wrapped in a PDF. */
  bytes: Uint8Array;
  /** Sanitised display name; `.jpg`/`.png` replaced by `.pdf` for converted images. */
  name: string;
  contentType: 'application/pdf';
  size: number;
  pageCount: number;
  /** What the specialist gave us, so the UI can say "converted from a JPEG image". */
  sourceType: 'pdf' | 'png' | 'jpeg';
}

/**
 * Validate a file a specialist dropped, picked, pasted or the CLI was given, and turn it into the
 * PDF the remotes accept. The type comes from the content, never the name. Rejections are
 * AppError('FILE') with a message naming the file and what to do.
 */
export async function inspectDocument(bytes: Uint8Array, filename: string): Promise<AcceptedDocument> {
  const name = sanitizeFilename(filename);
  if (bytes.length === 0) throw new AppError('FILE', `"${name}" is empty.`, { reason: 'empty' });
  checkSize(bytes.length, name);
  const sniffed = sniffType(bytes);
  switch (sniffed.kind) {
    case 'pdf': {
      checkPdfBounds(bytes, name);
      const { pageCount } = await inspectPdf(bytes, name);
      return { bytes, name, contentType: 'application/pdf', size: bytes.length, pageCount, sourceType: 'pdf' };
    }
    case 'png':
    case 'jpeg': {
      checkImageHeader(bytes, sniffed.kind, name);
      const pdfName = pdfNameFor(name);
      let pdf: Uint8Array;
      try {
        pdf = await imageToPdf(bytes, sniffed.kind, pdfName);
      } catch {
        throw new AppError('FILE', `"${name}" looks like a ${sniffed.kind.toUpperCase()} image but cannot be decoded; it is probably damaged.`, { reason: 'corrupt' });
      }
      // PNGs are re-compressed, so the PDF can differ in size from the image.
      checkSize(pdf.length, pdfName);
      return { bytes: pdf, name: pdfName, contentType: 'application/pdf', size: pdf.length, pageCount: 1, sourceType: sniffed.kind };
    }
    case 'other':
      throw new AppError(
        'FILE',
        `"${name}" is ${sniffed.description}, not a PDF. Attach a PDF, or a PNG/JPEG scan or photo (it will be converted to a PDF).`,
        { reason: 'type', detected: sniffed.description },
      );
  }
}

function checkSize(size: number, name: string): void {
  if (size > MAX_ATTACHMENT_BYTES) throw attachmentTooLarge(name, size);
}
