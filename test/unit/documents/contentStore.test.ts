import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentStore } from '../../../src/main/documents/contentStore';
import { AppError } from '../../../src/shared/errors';

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** Every file under `dir`, relative, recursively. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

describe('ContentStore', () => {
  let root: string;
  let store: ContentStore;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'portdesk-store-'));
    store = new ContentStore(join(root, 'blobs'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores bytes under root/ab/cdef… named by their SHA-256 and reads them back', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7 pretend bill');
    const { sha256, size } = await store.put(bytes);
    expect(sha256).toBe(sha(bytes));
    expect(size).toBe(bytes.length);
    expect(store.pathFor(sha256)).toBe(join(root, 'blobs', sha256.slice(0, 2), sha256.slice(2)));
    expect(await store.has(sha256)).toBe(true);
    expect(Buffer.from(await store.read(sha256)).equals(Buffer.from(bytes))).toBe(true);
    expect(await listFiles(join(root, 'blobs'))).toEqual([join(sha256.slice(0, 2), sha256.slice(2))]);
  });

  it('accepts a stream of chunks and a file path, hashing the whole content', async () => {
    const parts = ['first chunk|', 'second chunk|', 'third'];
    async function* chunks() {
      for (const p of parts) yield new TextEncoder().encode(p);
    }
    const fromStream = await store.put(chunks());
    expect(fromStream).toEqual({ sha256: sha(parts.join('')), size: parts.join('').length });

    const file = join(root, 'bill.pdf');
    const big = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    await writeFile(file, big);
    const fromFile = await store.put({ path: file });
    expect(fromFile).toEqual({ sha256: sha(big), size: big.length });
    expect((await stat(store.pathFor(fromFile.sha256))).size).toBe(big.length);
  });

  it('dedupes: the same content stored twice is one blob; the existing file is not rewritten, only marked fresh', async () => {
    const bytes = new TextEncoder().encode('same content');
    const first = await store.put(bytes);
    const path = store.pathFor(first.sha256);
    const past = new Date('2020-01-01T00:00:00Z');
    await utimes(path, past, past);
    const before = await stat(path);
    const second = await store.put(new Uint8Array(bytes));
    expect(second).toEqual(first);
    const after = await stat(path);
    expect(after.ino).toBe(before.ino);
    // A fresh mtime keeps the start-up sweep's grace period from taking it before it is referenced.
    expect(after.mtime.getTime()).toBeGreaterThan(past.getTime());
    expect(await listFiles(join(root, 'blobs'))).toHaveLength(1);
  });

  it('a write that fails midway leaves no blob and no temp file', async () => {
    async function* failing() {
      yield new Uint8Array(64 * 1024).fill(1);
      yield new Uint8Array(64 * 1024).fill(2);
      throw new Error('connection reset');
    }
    const err = await store.put(failing()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('FILE');
    expect((err as AppError).message).toContain('connection reset');
    expect(await listFiles(join(root, 'blobs'))).toEqual([]);
  });

  it('a missing source file fails cleanly too', async () => {
    await expect(store.put({ path: join(root, 'nope.pdf') })).rejects.toMatchObject({ code: 'FILE' });
    expect(await listFiles(join(root, 'blobs'))).toEqual([]);
  });

  it('verify re-hashes: ok, missing, and mismatch after on-disk corruption', async () => {
    const { sha256 } = await store.put(new TextEncoder().encode('original bytes'));
    expect(await store.verify(sha256)).toEqual({ ok: true, size: 14 });
    await writeFile(store.pathFor(sha256), 'tampered bytes');
    expect(await store.verify(sha256)).toEqual({ ok: false, reason: 'mismatch', actual: sha('tampered bytes') });
    expect(await store.verify(sha('never stored'))).toEqual({ ok: false, reason: 'missing' });
  });

  it('repairs a damaged blob (wrong size) when the same content is stored again', async () => {
    const bytes = new TextEncoder().encode('a bill that got truncated on disk');
    const { sha256 } = await store.put(bytes);
    await writeFile(store.pathFor(sha256), 'a bill');
    await store.put(bytes);
    expect(await store.verify(sha256)).toMatchObject({ ok: true });
  });

  it('remove deletes only with the caller’s confirmation and reports absence', async () => {
    const { sha256 } = await store.put(new TextEncoder().encode('to delete'));
    expect(await store.remove(sha256, { unreferenced: true })).toBe(true);
    expect(await store.has(sha256)).toBe(false);
    expect(await store.remove(sha256, { unreferenced: true })).toBe(false);
    await expect(store.read(sha256)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.stream(sha256)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects hashes that are not 64 lower-case hex digits (no path traversal)', async () => {
    for (const bad of ['../../etc/passwd', 'ab', 'A'.repeat(64), `${'a'.repeat(62)}/x`]) {
      expect(() => store.pathFor(bad)).toThrow(AppError);
      await expect(store.has(bad)).rejects.toMatchObject({ code: 'VALIDATION' });
    }
  });

  it('streams a stored blob', async () => {
    const { sha256 } = await store.put(new TextEncoder().encode('streamed content'));
    const chunks: Buffer[] = [];
    for await (const c of await store.stream(sha256)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('streamed content');
  });

  it('sweepTemp removes stale temp files left by a crash, not fresh ones or blobs', async () => {
    const { sha256 } = await store.put(new TextEncoder().encode('kept'));
    const stale = join(root, 'blobs', '.tmp-stale');
    const fresh = join(root, 'blobs', '.tmp-fresh');
    await writeFile(stale, 'half a file');
    await writeFile(fresh, 'being written');
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(stale, old, old);
    expect(await store.sweepTemp()).toBe(1);
    expect(await listFiles(join(root, 'blobs'))).toEqual(['.tmp-fresh', join(sha256.slice(0, 2), sha256.slice(2))].sort());
    expect(await readFile(store.pathFor(sha256), 'utf8')).toBe('kept');
  });
});
