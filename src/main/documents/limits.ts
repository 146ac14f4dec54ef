import { AppError } from '../../shared/errors';

/**
 * Kazoo's default attachment upload limit (crossbar answers 413 above it). Both remotes receive the
 * same bytes, and Kazoo's limit is the stricter one, so every attachment is held to it at intake
 * rather than failing later in the sync outbox where the specialist is no longer looking.
 */
export const MAX_ATTACHMENT_BYTES = 8_000_000;

/** Pixels an image may have before it is decoded (a 600 dpi Letter scan is 34 MP; a phone photo 12-48 MP). */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** What a PDF's Flate streams may unpack to in all, checked before parsing (pdf-lib holds it all). */
export const MAX_PDF_INFLATED_BYTES = 256 * 1024 * 1024;

/** Objects a PDF's object streams may declare (a 500-page scan has a few thousand). */
export const MAX_PDF_OBJECTS = 1_000_000;

/** Heap of the worker that inspects attachments; a file that needs more is refused, the app lives on. */
export const INSPECT_WORKER_HEAP_MB = 1024;

/** The refusal of a file over {@link MAX_ATTACHMENT_BYTES}, given before it is read when its size is known. */
export function attachmentTooLarge(name: string, size: number): AppError {
  return new AppError(
    'FILE',
    `"${name}" is ${describeSize(size)}; attachments are limited to ${describeSize(MAX_ATTACHMENT_BYTES)}, the carrier system's upload limit. Reduce its size (for example scan at a lower resolution or remove pages) and attach it again.`,
    { reason: 'size', size, limit: MAX_ATTACHMENT_BYTES },
  );
}

/** `9,400,000 bytes (9.4 MB)`: exact bytes for support, decimal megabytes for people. */
export function describeSize(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  if (bytes < 1_000) return exact;
  if (bytes < 1_000_000) return `${exact} (${(bytes / 1_000).toFixed(1)} kB)`;
  return `${exact} (${(bytes / 1_000_000).toFixed(1)} MB)`;
}
