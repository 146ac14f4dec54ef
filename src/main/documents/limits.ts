/**
 * Kazoo's default attachment upload limit (crossbar answers 413 above it). Both remotes receive the
 * same bytes, and Kazoo's limit is the stricter one, so every attachment is held to it at intake
 * rather than failing later in the sync outbox where the specialist is no longer looking.
 */
export const MAX_ATTACHMENT_BYTES = 8_000_000;

/** `9,400,000 bytes (9.4 MB)`: exact bytes for support, decimal megabytes for people. */
export function describeSize(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  if (bytes < 1_000) return exact;
  if (bytes < 1_000_000) return `${exact} (${(bytes / 1_000).toFixed(1)} kB)`;
  return `${exact} (${(bytes / 1_000_000).toFixed(1)} MB)`;
}
