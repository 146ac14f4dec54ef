/**
 * Main-process document handling: what the attachments service, the CLI and sync build on.
 * Pure rules (filenames, limits, sniffing) are separate from I/O (the content store) and from PDF
 * work (intake, LOA generation, annotation listing).
 */
export { ContentStore, type BlobSource, type StoredBlob, type VerifyResult } from './contentStore';
export type { AcceptedDocument } from './intake';
export { kazooFilename, pdfNameFor, sanitizeFilename, MAX_FILENAME_LENGTH } from './filenames';
export { MAX_ATTACHMENT_BYTES, describeSize } from './limits';
export { sniffType, type SniffedType } from './sniff';
export type { LoaInput } from './loa/generateLoa';
export { checkLoaInput } from './loa/loaInput';
export type { AnnotationEntry } from './annotations';

// pdf-lib takes most of a second to load: the PDF work loads it on first use, so a CLI command or
// an app start that touches no PDF does not pay for it.

/** Check an attachment's bytes and name (PDF, or an image turned into one); see ./intake. */
export async function inspectDocument(...args: Parameters<typeof import('./intake').inspectDocument>): Promise<import('./intake').AcceptedDocument> {
  return (await import('./intake')).inspectDocument(...args);
}

/** A filled-in letter of authorisation as PDF bytes; see ./loa/generateLoa. */
export async function generateLoa(...args: Parameters<typeof import('./loa/generateLoa').generateLoa>): Promise<Uint8Array> {
  return (await import('./loa/generateLoa')).generateLoa(...args);
}

/** The annotations of a PDF, per page; see ./annotations. */
export async function countAnnotations(...args: Parameters<typeof import('./annotations').countAnnotations>): Promise<import('./annotations').AnnotationEntry[]> {
  return (await import('./annotations')).countAnnotations(...args);
}
