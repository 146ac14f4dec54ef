/**
 * Main-process document handling: what the attachments service, the CLI and sync build on.
 * Pure rules (filenames, limits, sniffing) are separate from I/O (the content store) and from PDF
 * work (intake, LOA generation, annotation listing).
 */
export { ContentStore, type BlobSource, type StoredBlob, type VerifyResult } from './contentStore';
export { inspectDocument, type AcceptedDocument } from './intake';
export { kazooFilename, pdfNameFor, sanitizeFilename, MAX_FILENAME_LENGTH } from './filenames';
export { MAX_ATTACHMENT_BYTES, describeSize } from './limits';
export { sniffType, type SniffedType } from './sniff';
export { generateLoa, type LoaInput } from './loa/generateLoa';
export { checkLoaInput } from './loa/loaInput';
export { countAnnotations, type AnnotationEntry } from './annotations';
