import type { Worker } from 'node:worker_threads';
import { startSiblingWorker } from '../worker-thread';
import { AppError } from '../../shared/errors';
import { StagedImport } from './stagedPlan';
import type { ImportProgress, TableInfo, WorkerMessage, WorkerRequest } from './protocol';

export interface RunImportOptions {
  /** Called after every batch. */
  onProgress?: (progress: ImportProgress) => void;
  /** Called once the source is parsed, before normalising: headers, mapping and first rows. */
  onTable?: (table: TableInfo) => void;
  signal?: AbortSignal;
  /** Defaults to {@link defaultWorkerFactory}. */
  createWorker?: WorkerFactory;
}

export interface ImportRun {
  /** The table's complete shape; its preview rows are those of the head. */
  table: TableInfo;
  /** Every normalised row, staged, ready to be planned (the caller closes it). */
  staged: StagedImport;
}

/** Starts the worker thread; injectable so a bundled build can point at its emitted file. */
export type WorkerFactory = (options: { workerData: WorkerRequest; transferList: ArrayBuffer[] }) => Worker;

/** Start the sibling worker module (worker.ts from sources, the emitted worker.js from a build). */
export const defaultWorkerFactory: WorkerFactory = ({ workerData, transferList }) => startSiblingWorker(import.meta.url, 'worker', { workerData, transferList });

/**
 * Read, parse and normalise an import source in a worker thread, staging its rows here as they
 * come (planning needs the database, so it happens here, from the staged rows). Rejects with the
 * file's error as an {@link AppError}, or with the signal's reason when aborted (the thread is
 * terminated at once and the staged rows dropped).
 */
export function runImportWorker(request: WorkerRequest, options: RunImportOptions = {}): Promise<ImportRun> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  // Hand the file's memory to the worker instead of copying it, unless it is a view on a
  // shared buffer (Node's Buffer pool), which must stay usable here.
  const bytes = request.source.kind === 'file' ? request.source.bytes : undefined;
  const transfer = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer as ArrayBuffer] : [];
  const stagedCount = new Int32Array(new SharedArrayBuffer(4));
  const worker = (options.createWorker ?? defaultWorkerFactory)({ workerData: { ...request, staged: stagedCount.buffer as SharedArrayBuffer }, transferList: transfer });
  return new Promise<ImportRun>((resolve, reject) => {
    let table: TableInfo | undefined;
    const staged = new StagedImport(request.planOptions);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const fail = (err: unknown) => finish(() => {
      staged.close();
      reject(err);
    });
    const onAbort = () => fail(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (settled) return;
      switch (message.type) {
        case 'table':
          table = message.table;
          options.onTable?.(message.table);
          break;
        case 'batch':
          staged.add(message.rows);
          Atomics.add(stagedCount, 0, 1);
          Atomics.notify(stagedCount, 0);
          break;
        case 'progress':
          options.onProgress?.(message.progress);
          break;
        case 'error':
          fail(new AppError(message.error.code, message.error.message, message.error.details));
          break;
        case 'done':
          finish(() => resolve({ table: { ...message.table, preview: table?.preview ?? [] }, staged }));
          break;
      }
    });
    worker.on('error', (err) => fail(new AppError('INTERNAL', `The import worker failed: ${err.message}`)));
    worker.on('exit', (code) => fail(new AppError('INTERNAL', `The import worker stopped unexpectedly (exit code ${code})`)));
  });
}
