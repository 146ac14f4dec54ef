import { open } from 'node:fs/promises';
import { checkFileSize, type FileError } from './decode';
import { MAX_IMPORT_BYTES } from './limits';

export type FileRead = { ok: true; bytes: Uint8Array } | { ok: false; error: FileError | { code: 'FILE'; message: string; details: { reason: 'unreadable' } } };

/**
 * Read an import file from disk, refusing it by size before reading a byte (the size comes from
 * the open file descriptor, so it is the size of what is actually read).
 */
export async function readImportFile(path: string, maxBytes: number = MAX_IMPORT_BYTES): Promise<FileRead> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    return { ok: false, error: { code: 'FILE', message: `Cannot open ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, details: { reason: 'unreadable' } } };
  }
  try {
    const { size } = await handle.stat();
    const sizeError = checkFileSize(size, maxBytes);
    if (sizeError) return { ok: false, error: sizeError };
    // A Buffer is a Uint8Array already: no second copy of a file that may be 100 MB.
    return { ok: true, bytes: await handle.readFile() };
  } finally {
    await handle.close();
  }
}
