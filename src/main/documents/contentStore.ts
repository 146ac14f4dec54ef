import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';

/** What to store: bytes in memory, a stream of chunks (download, drop), or a file path on disk. */
export type BlobSource = Uint8Array | AsyncIterable<Uint8Array> | { path: string };

export interface StoredBlob {
  /** Lower-case hex SHA-256 of the content: the blob's identity. */
  sha256: string;
  size: number;
}

export type VerifyResult =
  | { ok: true; size: number }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'mismatch'; actual: string };

const SHA256_HEX = /^[0-9a-f]{64}$/;
const TEMP_PREFIX = '.tmp-';

/**
 * Content-addressed blob store for attachment bytes: `root/ab/cdef...` where `abcdef...` is the
 * SHA-256 of the content. Writes go to a temp file in `root` (same file system), are fsynced and
 * renamed into place, so the final path only ever holds a complete blob, even after a crash or a
 * failed download. Identical content is stored once. The store knows nothing about references:
 * the database owns that, and says when a blob may go ({@link ContentStore.remove}).
 */
export class ContentStore {
  constructor(readonly root: string) {}

  /** Store content and return its hash and size; storing existing content is a cheap no-op. */
  async put(source: BlobSource): Promise<StoredBlob> {
    await mkdir(this.root, { recursive: true });
    const tempPath = join(this.root, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    let handle: Awaited<ReturnType<typeof open>> | undefined;
    try {
      handle = await open(tempPath, 'wx');
      for await (const chunk of chunksOf(source)) {
        hash.update(chunk);
        size += chunk.length;
        await handle.write(chunk);
      }
      await handle.sync();
      await handle.close();
      handle = undefined;
      const sha256 = hash.digest('hex');
      const finalPath = this.pathFor(sha256);
      // Same hash and same size: the blob is already here and complete; never rewrite it. A size
      // mismatch means an earlier copy was damaged on disk, so the fresh one replaces it.
      const existing = await stat(finalPath).catch(() => undefined);
      if (existing?.size === size) {
        await unlink(tempPath);
        // Stored again means about to be referenced again: a fresh mtime keeps the start-up sweep's
        // grace period from taking it between this put and the commit that references it.
        const now = new Date();
        await utimes(finalPath, now, now);
      } else {
        await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
        await rename(tempPath, finalPath);
        await syncDir(join(this.root, sha256.slice(0, 2)));
      }
      return { sha256, size };
    } catch (err) {
      await handle?.close().catch(() => undefined);
      await rm(tempPath, { force: true });
      if (err instanceof AppError) throw err;
      throw new AppError('FILE', `Could not store the file: ${errorText(err)}`);
    }
  }

  /** Where the blob lives on disk (whether or not it exists yet). */
  pathFor(sha256: string): string {
    const hex = checkHash(sha256);
    return join(this.root, hex.slice(0, 2), hex.slice(2));
  }

  async has(sha256: string): Promise<boolean> {
    return (await stat(this.pathFor(sha256)).catch(() => undefined))?.isFile() ?? false;
  }

  /** The blob's bytes; AppError('NOT_FOUND') when absent (e.g. a remote attachment not downloaded yet). */
  async read(sha256: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.pathFor(sha256)));
    } catch (err) {
      throw missingOr(err, sha256);
    }
  }

  /** A stream of the blob, for serving large files to the renderer or an upload without buffering. */
  async stream(sha256: string): Promise<ReadStream> {
    if (!(await this.has(sha256))) throw missingOr(undefined, sha256);
    return createReadStream(this.pathFor(sha256));
  }

  /** Re-hash the blob on disk to detect corruption (bit rot, a tampered or truncated file). */
  async verify(sha256: string): Promise<VerifyResult> {
    const path = this.pathFor(sha256);
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of createReadStream(path)) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
    } catch (err) {
      if (isNotFound(err)) return { ok: false, reason: 'missing' };
      throw new AppError('FILE', `Could not read stored file ${sha256}: ${errorText(err)}`);
    }
    const actual = hash.digest('hex');
    return actual === sha256 ? { ok: true, size } : { ok: false, reason: 'mismatch', actual };
  }

  /**
   * Delete a blob. The store cannot know who uses a blob, so the caller must state that no
   * attachment or version references it any more. Returns false when it was already gone.
   */
  async remove(sha256: string, confirm: { unreferenced: true }): Promise<boolean> {
    if (confirm.unreferenced !== true) throw new AppError('INTERNAL', 'remove() needs the caller to confirm the blob is unreferenced');
    try {
      await unlink(this.pathFor(sha256));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw new AppError('FILE', `Could not delete stored file ${sha256}: ${errorText(err)}`);
    }
  }

  /** Every stored blob with its last write time (for the start-up sweep of unreferenced blobs). */
  async list(): Promise<{ sha256: string; mtimeMs: number }[]> {
    const blobs: { sha256: string; mtimeMs: number }[] = [];
    for (const dir of await readdir(this.root).catch(() => [] as string[])) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const rest of await readdir(join(this.root, dir)).catch(() => [] as string[])) {
        const sha256 = dir + rest;
        if (!SHA256_HEX.test(sha256)) continue;
        const info = await stat(join(this.root, dir, rest)).catch(() => undefined);
        if (info?.isFile()) blobs.push({ sha256, mtimeMs: info.mtimeMs });
      }
    }
    return blobs;
  }

  /**
   * Delete temp files left by a process that died mid-write. Only files older than `olderThanMs`
   * go, so a write in progress in another window is not disturbed. Returns how many were removed.
   */
  async sweepTemp(olderThanMs = 60 * 60 * 1000, now = Date.now()): Promise<number> {
    const names = await readdir(this.root).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      if (!name.startsWith(TEMP_PREFIX)) continue;
      const path = join(this.root, name);
      const info = await stat(path).catch(() => undefined);
      if (info && now - info.mtimeMs >= olderThanMs) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

async function* chunksOf(source: BlobSource): AsyncIterable<Uint8Array> {
  if (source instanceof Uint8Array) {
    yield source;
  } else if ('path' in source) {
    for await (const chunk of createReadStream(source.path)) yield chunk as Buffer;
  } else {
    for await (const chunk of source) yield chunk;
  }
}

/** Make a rename durable: the directory entry is flushed too. Not possible on Windows; skipped there. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Hashes come from the database and the renderer; refuse anything that could form another path. */
function checkHash(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new AppError('VALIDATION', `"${sha256}" is not a SHA-256 content hash`);
  return sha256;
}

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ENOENT';
}

function missingOr(err: unknown, sha256: string): AppError {
  if (err === undefined || isNotFound(err)) {
    return new AppError('NOT_FOUND', `The file ${sha256.slice(0, 12)}… is not stored on this computer`, { sha256 });
  }
  if (err instanceof AppError) return err;
  return new AppError('FILE', `Could not read stored file ${sha256}: ${errorText(err)}`);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
