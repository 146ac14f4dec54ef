/**
 * Main-process document handling: what the attachments service, the CLI and sync build on.
 * Pure rules (filenames, limits, sniffing) are separate from I/O (the content store) and from PDF
 * work (intake, LOA generation, annotation listing).
 */
export { ContentStore, type BlobSource, type StoredBlob, type VerifyResult } from './contentStore';
export type { AcceptedDocument } from './intake';
export { kazooFilename, pdfNameFor, sanitizeFilename, MAX_FILENAME_LENGTH } from './filenames';
export { MAX_ATTACHMENT_BYTES, attachmentTooLarge, describeSize } from './limits';
import { InspectPool } from './inspectPool';
import type { AcceptedDocument } from './intake';
export { sniffType, type SniffedType } from './sniff';
export type { GeneratedLoa, LoaInput } from './loa/generateLoa';
export { checkLoaInput } from './loa/loaInput';
export type { AnnotationEntry } from './annotations';

// pdf-lib takes most of a second to load: the PDF work loads it on first use, so a CLI command or
// an app start that touches no PDF does not pay for it.

const inspectPool = new InspectPool(import.meta.url);

/**
 * Check an attachment's bytes and name (PDF, or an image turned into one); see ./intake. Runs in
 * a worker thread with a heap limit (see InspectPool): a file that still needs more memory than
 * that after the bounds checks is refused, and the app keeps running.
 */
export function inspectDocument(bytes: Uint8Array, filename: string): Promise<AcceptedDocument> {
  return inspectPool.inspect(bytes, filename);
}

/** Start the inspection worker ahead of a file known to be coming (it loads pdf-lib first). */
export function warmInspection(): void {
  inspectPool.warm();
}

/** A filled-in letter of authorisation as PDF bytes (and what its fonts could not print); see ./loa/generateLoa. */
export async function generateLoa(...args: Parameters<typeof import('./loa/generateLoa').generateLoa>): Promise<import('./loa/generateLoa').GeneratedLoa> {
  return (await import('./loa/generateLoa')).generateLoa(...args);
}

/** The annotations of a PDF, per page; see ./annotations. */
/** Stamp a PNG on pages as annotations (incremental update); see ./stamp. */
export async function stampPng(...args: Parameters<typeof import('./stamp').stampPng>): Promise<Uint8Array> {
  return (await import('./stamp')).stampPng(...args);
}

export async function countAnnotations(...args: Parameters<typeof import('./annotations').countAnnotations>): Promise<import('./annotations').AnnotationEntry[]> {
  return (await import('./annotations')).countAnnotations(...args);
}
