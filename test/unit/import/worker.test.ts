import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prestartImportWorker, runImportWorker } from '../../../src/main/import/runWorker';
import type { ImportProgress } from '../../../src/main/import/protocol';

let dir = '';
let path = '';
const ROWS = 20_000;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'portdesk-worker-'));
  path = join(dir, 'numbers.csv');
  const lines = ['Account,Phone Number'];
  for (let i = 0; i < ROWS; i++) {
    const national = `202${200 + (i % 800)}${String(Math.floor(i / 800)).padStart(4, '0')}`;
    lines.push(`A${i % 10},${i % 100 === 0 ? 'not a number' : `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`}`);
  }
  await writeFile(path, lines.join('\n'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runImportWorker', () => {
  it('parses and normalises in a worker, reporting the table first and progress per batch', async () => {
    const progress: ImportProgress[] = [];
    let previewRows = 0;
    const run = await runImportWorker(
      { source: { kind: 'path', path }, planOptions: { defaultCountry: 'US', target: { kind: 'group' } }, batchRows: 5_000 },
      { onProgress: (p) => progress.push(p), onTable: (t) => (previewRows = t.preview.length) },
    );
    expect(previewRows).toBe(200);
    expect(run.table.totalRows).toBe(ROWS);
    expect(progress.map((p) => p.done)).toEqual([5_000, 10_000, 15_000, 20_000]);
    // The file is read as a stream: the total is an estimate until the last batch.
    expect(progress.every((p) => p.total >= p.done && p.rowsPerSecond > 0)).toBe(true);
    expect(progress.at(-1)?.total).toBe(ROWS);
    const { headers, problems, mapping } = run.table;
    const plan = await run.staged.plan({ headers, sourceProblems: problems, mapping, options: { defaultCountry: 'US', target: { kind: 'group' } } }, () => new Map(), async () => undefined);
    run.staged.close();
    run.writer.close();
    expect(plan.counts).toMatchObject({ rows: ROWS, valid: ROWS - ROWS / 100, invalid: ROWS / 100, groups: 10 });
  });

  it('reads the source in a thread started ahead of it (the CLI starts it before opening the database)', async () => {
    prestartImportWorker();
    const run = await runImportWorker({ source: { kind: 'paste', utf8: new TextEncoder().encode('2025550100, 2025550101 and 2025550100') }, planOptions: { defaultCountry: 'US', target: { kind: 'new', name: 'x' } } });
    const { headers, problems, mapping } = run.table;
    const plan = await run.staged.plan({ headers, sourceProblems: problems, mapping, options: { defaultCountry: 'US', target: { kind: 'new', name: 'x' } } }, () => new Map(), async () => undefined);
    run.staged.close();
    run.writer.close();
    expect(run.table.format).toBe('paste');
    expect(plan.counts.rows).toBe(3);
  });

  it('rejects with the file error for a refused file', async () => {
    const empty = join(dir, 'empty.csv');
    await writeFile(empty, '');
    await expect(
      runImportWorker({ source: { kind: 'path', path: empty }, planOptions: { defaultCountry: 'US', target: { kind: 'new', name: 'x' } } }),
    ).rejects.toMatchObject({ code: 'FILE', details: { reason: 'empty' } });
  });

  it('stops at once when aborted after the first batch', async () => {
    const controller = new AbortController();
    const progress: ImportProgress[] = [];
    const run = runImportWorker(
      { source: { kind: 'path', path }, planOptions: { defaultCountry: 'US', target: { kind: 'group' } }, batchRows: 1_000 },
      {
        signal: controller.signal,
        onProgress: (p) => {
          progress.push(p);
          controller.abort(new Error('cancelled by the specialist'));
        },
      },
    );
    await expect(run).rejects.toThrow('cancelled by the specialist');
    expect(progress).toHaveLength(1);
  });

  it('rejects immediately when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await expect(
      runImportWorker({ source: { kind: 'paste', utf8: new TextEncoder().encode('2025550100') }, planOptions: { defaultCountry: 'US', target: { kind: 'new', name: 'x' } } }, { signal: controller.signal }),
    ).rejects.toThrow('too late');
  });
});
