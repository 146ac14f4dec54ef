import { EncryptedPDFError, PDFDocument } from '@cantoo/pdf-lib';
import { AppError } from '../../shared/errors';

export interface PdfInfo {
  pageCount: number;
}

const EOF_MARKER = '%%EOF';

/**
 * Check that `bytes` is a PDF we can preview, annotate and upload: not truncated, parseable, with
 * at least one page, and not encrypted. Encrypted PDFs are refused even when they open without a
 * password (owner-password "restrictions"): annotation saving rewrites the file, which such a PDF
 * forbids, and carriers' intake systems often reject them. `label` names the file in messages.
 */
export async function inspectPdf(bytes: Uint8Array, label: string): Promise<PdfInfo> {
  // A download or copy cut short loses the trailer; readers look for %%EOF in the last 1 KiB.
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1', Math.max(0, bytes.length - 1024));
  if (!tail.includes(EOF_MARKER)) {
    throw corrupt(label, 'it ends abruptly (the end-of-file marker is missing), so it was probably cut short while downloading or copying');
  }
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (err) {
    if (err instanceof EncryptedPDFError) throw await encrypted(bytes, label);
    throw corrupt(label, 'its structure cannot be read');
  }
  let pageCount: number;
  try {
    // Walking the page tree catches broken page references that loading alone tolerates.
    pageCount = doc.getPages().filter((page) => page.getWidth() > 0 && page.getHeight() > 0).length;
  } catch {
    throw corrupt(label, 'its page list is broken');
  }
  if (pageCount === 0) throw corrupt(label, 'it has no readable pages');
  return { pageCount };
}

async function encrypted(bytes: Uint8Array, label: string): Promise<AppError> {
  let opensWithoutPassword = false;
  try {
    await PDFDocument.load(bytes, { password: '', updateMetadata: false });
    opensWithoutPassword = true;
  } catch {
    opensWithoutPassword = false;
  }
  const message = opensWithoutPassword
    ? `"${label}" is an encrypted PDF with editing restrictions, so it cannot be annotated or reliably sent to the carrier. Open it and print it to a new PDF ("Save as PDF"), then attach that copy.`
    : `"${label}" is password-protected. Ask the customer for an unprotected copy, or open it with the password and print it to a new PDF, then attach that copy.`;
  return new AppError('FILE', message, { reason: opensWithoutPassword ? 'encrypted' : 'password' });
}

function corrupt(label: string, why: string): AppError {
  return new AppError('FILE', `"${label}" is a damaged PDF: ${why}. Ask for the file again or re-save it from its source.`, { reason: 'corrupt' });
}
