import type { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandOf, EARLY_IMPORT_WORKER, EARLY_IMPORT_WORKER_HEAP_MB, startImportWorkerEarly } from '../../../scripts/lib/early-import-worker.cjs';
import { IMPORT_WORKER_HEAP_MB } from '../../../src/main/import/limits';
import { prestartImportWorker, runImportWorker } from '../../../src/main/import/runWorker';
import { ensureCliBuilt } from '../../support/cli-built';

describe('the import thread bin/portdesk.cjs starts before the bundle loads', () => {
  // The thread runs the built worker (out/cli/worker.js), as an installed `portdesk` does.
  beforeAll(ensureCliBuilt, 120_000);

  it('is started for an import only, whatever global options come first', () => {
    expect(commandOf(['--db', 'ports.db', '--json', 'import', 'file.csv'])).toBe('import');
    expect(commandOf(['--db', 'import', 'ports', 'list'])).toBe('ports');
    expect(commandOf(['--json'])).toBeUndefined();
    startImportWorkerEarly(['--db', 'import', 'ports', 'list']);
    expect(Reflect.get(globalThis, EARLY_IMPORT_WORKER)).toBeUndefined();
  });

  it('has the heap limit runWorker.ts adopts a thread with', () => {
    expect(EARLY_IMPORT_WORKER_HEAP_MB).toBe(IMPORT_WORKER_HEAP_MB);
  });

  it('is the thread the import reads and ends with', async () => {
    startImportWorkerEarly(['--json', 'import', '-']);
    const early = Reflect.get(globalThis, EARLY_IMPORT_WORKER) as { worker: Worker } | undefined;
    expect(early).toBeDefined();
    const exited = new Promise((resolve) => early!.worker.once('exit', resolve));
    prestartImportWorker();
    expect(Reflect.get(globalThis, EARLY_IMPORT_WORKER)).toBeUndefined();
    const options = { defaultCountry: 'US', target: { kind: 'new', name: 'x' } } as const;
    const run = await runImportWorker({ source: { kind: 'paste', utf8: new TextEncoder().encode('2025550100 and 2025550101') }, planOptions: options });
    run.staged.close();
    run.writer.close();
    expect(run.table.format).toBe('paste');
    // Had another thread been started, this one would wait unused (unref'd) and never exit.
    await exited;
  });
});
