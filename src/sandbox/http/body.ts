import type { IncomingMessage } from 'node:http';

/** Kazoo's default upload limit; larger bodies get 413. */
export const MAX_BODY_BYTES = 8_000_000;

/**
 * Read a request body up to `limit` bytes. Past the limit the rest is drained and discarded so
 * the server can still answer 413 on the same connection.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    let tooLarge = Number.isFinite(declared) && declared > limit;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge }));
    req.on('error', reject);
  });
}
