import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../../src/main/app-context';
import { ImportService } from '../../../src/main/services/import-service';
import { tempDir } from '../../support/temp';

/** Enough for a small import (the worker's code included); far too little for a 20 MB cell. */
const TINY_HEAP_MB = 24;

let ctx: AppContext | undefined;
afterEach(() => ctx?.close());

/** The database file's bytes once everything committed is in it (the WAL checkpointed). */
function bytesOf(c: AppContext, file: string): Buffer {
  c.db.pragma('wal_checkpoint(TRUNCATE)');
  return readFileSync(file);
}

describe('the import worker heap limit', () => {
  it('a source that needs more ends the worker, not the process: a refusal naming the limit, nothing written, and the next import runs', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'import.db');
    const c = (ctx = createAppContext({ dbPath, shell: 'cli' }));
    c.ports.create({ fields: { name: 'Existing' }, numbers: ['+12025550199'] });
    const imports = new ImportService({ repos: c.repos, store: { file: dbPath }, changes: c.changes, workerHeapMb: TINY_HEAP_MB });
    const before = bytesOf(c, dbPath);

    // One quoted cell of 20 MB: the parser must hold it whole to hand the row on.
    const bomb = join(dir, 'notes.csv');
    writeFileSync(bomb, `Number,Notes\n2025550100,"${'x'.repeat(20 * 1024 * 1024)}"\n2025550101,short\n`);
    const failed = await imports.preview({ source: { kind: 'path', path: bomb }, country: 'US', target: { kind: 'new', name: 'Bomb' } });
    expect(failed.state).toBe('failed');
    expect(failed.error).toEqual({
      code: 'FILE',
      message: `"notes.csv" needs more memory than PortDesk allows an import (${TINY_HEAP_MB} MB), so nothing was imported. Split it into smaller files and import them one after the other.`,
      details: { reason: 'memory', limit: TINY_HEAP_MB },
    });
    await expect(imports.commit(failed.jobId)).rejects.toMatchObject({ code: 'FILE', details: { reason: 'memory' } });
    expect(bytesOf(c, dbPath).equals(before)).toBe(true);

    const next = await imports.preview({ source: { kind: 'paste', text: '202-555-0100\n202-555-0101' }, country: 'US', target: { kind: 'new', name: 'After' } });
    expect(next.state).toBe('ready');
    expect(await imports.commit(next.jobId)).toMatchObject({ numbers: 2 });
    expect(c.ports.list().map((p) => [p.name, p.numberCount]).sort()).toEqual([['After', 2], ['Existing', 1]]);
  }, 120_000);
});
