import { utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppContext } from '../../../src/main/app-context';
import { ContentStore } from '../../../src/main/documents';
import { SWEEP_GRACE_MS } from '../../../src/main/services/blob-sweeper';
import { testContext } from '../../support/context';
import { tempDir } from '../../support/temp';
import { makePdf } from '../../unit/documents/fixtures';

async function stored(store: ContentStore): Promise<Set<string>> {
  return new Set((await store.list()).map((b) => b.sha256));
}

describe('content-store sweep', () => {
  it('deleting a port frees the blobs only it used (versions and drafts too) and keeps content shared with another port', async () => {
    const ctx = testContext();
    const store = new ContentStore(join(dirname(ctx.dbPath), 'attachments'));
    const doomed = ctx.ports.create({ fields: { name: 'Doomed' }, numbers: ['2025550101'] });
    const kept = ctx.ports.create({ fields: { name: 'Kept' }, numbers: ['2025550102'] });
    const [one, two, shared] = [await makePdf(1), await makePdf(2), await makePdf(3)];
    const a = await ctx.documents.add({ portId: doomed.id, filename: 'bill.pdf', bytes: one });
    const replaced = await ctx.documents.replace(a.id, two, 'bill v2.pdf');
    await ctx.documents.saveDraft(a.id, replaced.sha256 as string, await makePdf(4));
    await ctx.documents.add({ portId: doomed.id, filename: 'loa.pdf', bytes: shared });
    const other = await ctx.documents.add({ portId: kept.id, filename: 'loa.pdf', bytes: shared });
    expect((await stored(store)).size).toBe(4);

    ctx.ports.delete(doomed.id);
    // The unlinks are started, not awaited, by the synchronous delete: wait for the store to say so.
    await vi.waitFor(async () => expect([...(await stored(store))]).toEqual([other.sha256]), { timeout: 10_000 });
    expect((await ctx.documents.read(other.id)).bytes).toEqual(shared);
  });

  it('deleting an attachment frees every version and its draft, not content another attachment has', async () => {
    const ctx = testContext();
    const store = new ContentStore(join(dirname(ctx.dbPath), 'attachments'));
    const port = ctx.ports.create({ fields: { name: 'Port' }, numbers: ['2025550103'] });
    const [first, second] = [await makePdf(1), await makePdf(2)];
    const a = await ctx.documents.add({ portId: port.id, filename: 'a.pdf', bytes: first });
    const v2 = await ctx.documents.replace(a.id, second, 'a.pdf');
    await ctx.documents.saveDraft(a.id, v2.sha256 as string, await makePdf(3));
    const b = await ctx.documents.add({ portId: port.id, filename: 'b.pdf', bytes: first });

    await ctx.documents.delete(a.id);

    expect([...(await stored(store))]).toEqual([b.sha256]);
  });

  describe('at start-up', () => {
    const contexts: ReturnType<typeof createAppContext>[] = [];
    afterEach(() => contexts.splice(0).forEach((c) => c.close()));

    it('removes old unreferenced blobs and stale temp files, keeps referenced and recent ones', async () => {
      const dbPath = join(tempDir(), 'portdesk.db');
      const first = createAppContext({ dbPath, shell: 'cli' });
      const port = first.ports.create({ fields: { name: 'Port' }, numbers: ['2025550104'] });
      const used = await first.documents.add({ portId: port.id, filename: 'a.pdf', bytes: await makePdf(1) });
      first.close();
      const store = new ContentStore(join(dirname(dbPath), 'attachments'));
      // Left by paths that do not clean up after themselves (a port deleted by a pull, a crash).
      const old = await store.put(await makePdf(2));
      const recent = await store.put(await makePdf(3));
      const long = new Date(Date.now() - SWEEP_GRACE_MS - 60_000);
      for (const sha of [old.sha256, used.sha256 as string]) utimesSync(store.pathFor(sha), long, long);

      const ctx = createAppContext({ dbPath, shell: 'host', backgroundSync: false });
      contexts.push(ctx);
      const result = await ctx.startupSweep;

      expect(result).toEqual({ removed: [old.sha256], tempFiles: 0 });
      expect(await stored(store)).toEqual(new Set([used.sha256, recent.sha256]));
    });

    it('an orphan stored again is fresh, so the sweep does not take it before its reference commits', async () => {
      const dbPath = join(tempDir(), 'portdesk.db');
      const store = new ContentStore(join(dirname(dbPath), 'attachments'));
      const bytes = await makePdf(2);
      const blob = await store.put(bytes);
      const long = new Date(Date.now() - SWEEP_GRACE_MS - 60_000);
      utimesSync(store.pathFor(blob.sha256), long, long);
      await store.put(bytes);

      const ctx = createAppContext({ dbPath, shell: 'host', backgroundSync: false });
      contexts.push(ctx);

      expect(await ctx.startupSweep).toEqual({ removed: [], tempFiles: 0 });
      expect(await store.has(blob.sha256)).toBe(true);
    });
  });
});
