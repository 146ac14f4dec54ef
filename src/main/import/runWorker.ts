import { Worker, type ResourceLimits } from 'node:worker_threads';
import { startSiblingWorker } from '../worker-thread';
import { AppError } from '../../shared/errors';
import { StagedImport } from './stagedPlan';
import type { CheckpointRequest, ImportProgress, ReadRequest, StoreLocation, TableInfo, WorkerMessage, WorkerRequest, WorkerSource, WriteRequest } from './protocol';
import { IMPORT_WORKER_HEAP_MB } from './limits';
import type { BatchWrite } from './batches';
import type { OpenOwnersLookup } from './plan';
import type { NumbersAhead } from './numbersAhead';

export interface RunImportOptions {
  /** Called after every batch. */
  onProgress?: (progress: ImportProgress) => void;
  /** Called once the source is parsed, before normalising: headers, mapping and first rows. */
  onTable?: (table: TableInfo) => void;
  signal?: AbortSignal;
  /** Defaults to {@link defaultWorkerFactory}. */
  createWorker?: WorkerFactory;
  /** The open ports holding numbers, looked up as each batch is staged (so planning has them at once). */
  lookup?: OpenOwnersLookup;
  /** The thread's heap limit; defaults to {@link IMPORT_WORKER_HEAP_MB}. */
  heapMb?: number;
  /** Write each batch's numbers as it is staged, for a commit as soon as it is read (the CLI). */
  ahead?: NumbersAhead;
}

export interface ImportRun {
  /** The table's complete shape; its preview rows are those of the head. */
  table: TableInfo;
  /** Every normalised row, staged, ready to be planned (the caller closes it). */
  staged: StagedImport;
  /** The worker thread, kept to commit the import off this event loop (the caller closes it). */
  writer: ImportWriter;
}

/** The worker thread of a read source, waiting to commit it. */
export interface ImportWriter {
  /** Commit in the worker thread; rejects with the write's error (nothing written). One at a time. */
  write(request: Omit<WriteRequest, 'type'>): Promise<BatchWrite>;
  /** Copy the store's WAL into its file, on the thread's own connection (after a commit on main). */
  checkpoint(store: StoreLocation): Promise<void>;
  /** End the thread (never while a write runs: the caller waits for it). */
  close(): void;
}

/** Starts the worker thread (with no request: one started ahead of its import); injectable so a bundled build can point at its emitted file. */
export type WorkerFactory = (options: { workerData: WorkerRequest | null; transferList: ArrayBuffer[]; resourceLimits: ResourceLimits }) => Worker;

/** Start the sibling worker module (worker.ts from sources, the emitted worker.js from a build). */
export const defaultWorkerFactory: WorkerFactory = (options) => startSiblingWorker(import.meta.url, 'worker', options);

/** A thread started ahead of its import, not yet given a source. */
interface Spare {
  worker: Worker;
  heapMb: number;
  /** Set when the thread failed or ended before it was given a source: it is then not taken. */
  dead: boolean;
  onEnd: () => void;
}

let spare: Spare | undefined;

/**
 * Start the next import's worker thread now, so that loading its code overlaps what the caller
 * does before the import starts (the CLI opens the database meanwhile: about a fifth of a
 * 100k-row import's time was the thread booting after it). The next {@link runImportWorker}
 * with the default factory and this heap limit takes it; until then it keeps no process alive.
 */
export function prestartImportWorker(heapMb = IMPORT_WORKER_HEAP_MB): void {
  if (spare && !spare.dead) return;
  spare = takeEarly();
  if (spare && !spare.dead) return;
  const worker = defaultWorkerFactory({ workerData: null, transferList: [], resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  const held: Spare = { worker, heapMb, dead: false, onEnd: () => (held.dead = true) };
  worker.on('error', held.onEnd);
  worker.on('exit', held.onEnd);
  worker.unref();
  spare = held;
}

/** Where bin/portdesk.cjs leaves the thread it started for `portdesk import` (scripts/lib/early-import-worker.cjs). */
const EARLY = Symbol.for('portdesk.cli.earlyImportWorker');

/**
 * The thread the command line started before this code loaded, taken once. It comes through a
 * global from a script outside this bundle, so its shape is checked rather than trusted.
 */
function takeEarly(): Spare | undefined {
  const held: unknown = Reflect.get(globalThis, EARLY);
  Reflect.deleteProperty(globalThis, EARLY);
  if (typeof held !== 'object' || held === null) return undefined;
  const { worker, heapMb, dead, onEnd } = held as Partial<Spare>;
  if (!(worker instanceof Worker) || typeof heapMb !== 'number' || typeof dead !== 'boolean' || typeof onEnd !== 'function') return undefined;
  return held as Spare;
}

/** The started thread, when one waits with this heap limit and is alive. */
function takeSpare(heapMb: number): Worker | undefined {
  const held = spare;
  spare = undefined;
  if (!held) return undefined;
  held.worker.off('error', held.onEnd);
  held.worker.off('exit', held.onEnd);
  if (held.dead || held.heapMb !== heapMb) {
    void held.worker.terminate();
    return undefined;
  }
  held.worker.ref();
  return held.worker;
}

/** The refusal of a source that exhausted the worker's heap, reading or writing it (nothing was written). */
export function importMemoryError(source: WorkerSource, heapMb: number): AppError {
  const what = source.kind === 'paste' ? 'The pasted text' : `"${(source.kind === 'path' ? source.path : source.fileName).split(/[\\/]/).pop()}"`;
  return new AppError(
    'FILE',
    `${what} needs more memory than PortDesk allows an import (${heapMb} MB), so nothing was imported. ${source.kind === 'paste' ? 'Paste it in smaller parts' : 'Split it into smaller files'} and import them one after the other.`,
    { reason: 'memory', limit: heapMb },
  );
}

/**
 * Read, parse and normalise an import source in a worker thread, staging its rows here as they
 * come (planning needs the database, so it happens here, from the staged rows); the thread then
 * waits to commit the import (see {@link ImportWriter}). Rejects with the
 * file's error as an {@link AppError}, or with the signal's reason when aborted (the thread is
 * terminated at once and the staged rows dropped).
 */
export function runImportWorker(request: WorkerRequest, options: RunImportOptions = {}): Promise<ImportRun> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  // Hand the file's memory to the worker instead of copying it, unless it is a view on a
  // shared buffer (Node's Buffer pool), which must stay usable here.
  const { source } = request;
  const bytes = source.kind === 'file' ? source.bytes : source.kind === 'paste' ? source.utf8 : undefined;
  const transfer = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer as ArrayBuffer] : [];
  const stagedCount = new Int32Array(new SharedArrayBuffer(4));
  const heapMb = options.heapMb ?? IMPORT_WORKER_HEAP_MB;
  const workerData: WorkerRequest = { ...request, staged: stagedCount.buffer as SharedArrayBuffer };
  const started = options.createWorker ? undefined : takeSpare(heapMb);
  started?.postMessage({ type: 'read', request: workerData } satisfies ReadRequest, transfer);
  // A source that needs more heap ends the thread (ERR_WORKER_OUT_OF_MEMORY), not the process.
  const worker =
    started ??
    (options.createWorker ?? defaultWorkerFactory)({ workerData, transferList: transfer, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  return new Promise<ImportRun>((resolve, reject) => {
    let table: TableInfo | undefined;
    const staged = new StagedImport(request.planOptions, options.lookup, options.ahead);
    let settled = false;
    const finish = (fn: () => void, keepThread = false) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (!keepThread) void worker.terminate();
      fn();
    };
    // After `done` the thread stays for the commit: its answers settle the request in flight.
    let asking: { resolve: (answer: WorkerMessage) => void; reject: (e: unknown) => void } | undefined;
    let gone: AppError | undefined;
    const answer = (fn: (w: NonNullable<typeof asking>) => void) => {
      const w = asking;
      asking = undefined;
      if (w) fn(w);
    };
    const ask = (message: WriteRequest | CheckpointRequest) => {
      if (gone) return Promise.reject(gone);
      if (asking) return Promise.reject(new AppError('CONFLICT', 'This import is already being written'));
      return new Promise<WorkerMessage>((resolve, reject) => {
        asking = { resolve, reject };
        worker.postMessage(message);
      });
    };
    const writer: ImportWriter = {
      write: (request) =>
        ask({ type: 'write', ...request }).then((message) => {
          if (message.type !== 'written') throw new AppError('INTERNAL', `The import worker answered a write with "${message.type}"`);
          return message.result;
        }),
      checkpoint: (store) => ask({ type: 'checkpoint', store }).then(() => undefined),
      close: () => {
        gone ??= new AppError('CONFLICT', 'This import was closed; check the file again');
        void worker.terminate();
      },
    };
    const fail = (err: unknown) => finish(() => {
      staged.close();
      reject(err);
    });
    const onAbort = () => fail(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    // Node hands this thread every message queued on the port in one go: staged then, the
    // batches in flight would block the event loop together. Each is staged in a turn of its own,
    // the messages keeping their order (the last batch is staged before `done` settles).
    const queue: WorkerMessage[] = [];
    let draining = false;
    const drain = () => {
      for (let message = queue.shift(); message; message = queue.shift()) {
        handle(message);
        if (message.type === 'batch' && queue.length > 0) {
          setImmediate(drain);
          return;
        }
      }
      draining = false;
    };
    worker.on('message', (message: WorkerMessage) => {
      if (settled) {
        if (message.type === 'written' || message.type === 'checkpointed') answer((w) => w.resolve(message));
        else if (message.type === 'error') answer((w) => w.reject(new AppError(message.error.code, message.error.message, message.error.details)));
        return;
      }
      queue.push(message);
      if (draining) return;
      draining = true;
      setImmediate(drain);
    });
    const handle = (message: WorkerMessage) => {
      if (settled) return;
      switch (message.type) {
        case 'table':
          table = message.table;
          options.onTable?.(message.table);
          break;
        case 'batch':
          staged.add(message.json);
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
          finish(() => resolve({ table: { ...message.table, preview: table?.preview ?? [] }, staged, writer }), true);
          break;
        case 'written':
          break;
      }
    };
    const stopped = (err: AppError) => {
      gone ??= err;
      answer((w) => w.reject(err));
      fail(err);
    };
    worker.on('error', (err: Error & { code?: string }) =>
      stopped(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? importMemoryError(request.source, heapMb) : new AppError('INTERNAL', `The import worker failed: ${err.message}`)),
    );
    worker.on('exit', (code) => stopped(new AppError('INTERNAL', `The import worker stopped unexpectedly (exit code ${code})`)));
  });
}
