import type { AppErrorShape } from '../../shared/errors';
import type { BatchGroup, BatchWrite } from './batches';
import type { ColumnMapping } from './columns';
import type { PlanOptions } from './plan';
import type { SourceOptions } from './source';
import type { SourceRow, SourceTable } from './table';

/**
 * What the import worker is asked to read. A path is read inside the worker (no copy in main);
 * pasted text comes as its UTF-8 bytes, handed over rather than copied onto the worker's heap,
 * and is decoded there a piece at a time.
 */
export type WorkerSource =
  | { kind: 'path'; path: string }
  | { kind: 'file'; bytes: Uint8Array; fileName: string }
  | { kind: 'paste'; utf8: Uint8Array };

export interface WorkerRequest {
  source: WorkerSource;
  sourceOptions?: SourceOptions;
  /** Mapping to apply; guessed from the table when omitted (and sent back with the table). */
  mapping?: ColumnMapping;
  /** Group by this column (header or 1-based position) whatever the mapping chosen; refused when no column has that name. */
  groupBy?: string;
  /** Mappings confirmed for earlier files, by layout signature: used before guessing. */
  remembered?: Record<string, ColumnMapping>;
  planOptions: PlanOptions;
  /** Rows per batch message (defaults to WORKER_BATCH_ROWS). */
  batchRows?: number;
  /**
   * Batches main has staged so far (one Int32 main adds to and notifies). The worker waits while
   * more than MAX_BATCHES_IN_FLIGHT are unstaged: main's pace bounds the memory messages take.
   */
  staged?: SharedArrayBuffer;
}

/** Everything about the table except its rows, plus the first rows for an early preview. */
export interface TableInfo extends Omit<SourceTable, 'rows'> {
  totalRows: number;
  preview: SourceRow[];
  mapping: ColumnMapping;
  /** Where the mapping came from: the request, a remembered layout, or guessing. */
  mappingSource: 'given' | 'remembered' | 'guessed';
  signature: string;
}

export interface ImportProgress {
  done: number;
  total: number;
  rowsPerSecond: number;
}

/** The store a committed import is written to: the file main opened (checked and migrated), in WAL mode. */
export interface StoreLocation {
  file: string;
  /** The better-sqlite3 native module (Electron build). */
  nativeBinding?: string;
}

/**
 * Main to a thread started ahead of its import (`prestartImportWorker`, runWorker.ts): read this source.
 * A thread started for its import gets the request as its workerData instead.
 */
export interface ReadRequest {
  type: 'read';
  request: WorkerRequest;
}

/** Main to worker, once the worker has read the source: write these groups as one import. */
export interface WriteRequest {
  type: 'write';
  store: StoreLocation;
  groups: BatchGroup[];
  source: string;
  now: number;
  remoteId: string | null;
}

/**
 * Main to worker, once main committed an import written as it was read: copy the WAL into the
 * store's file on this thread's own connection, while main reports (numbersAhead.ts).
 */
export interface CheckpointRequest {
  type: 'checkpoint';
  store: StoreLocation;
}

/** What main sends the worker thread. */
export type MainMessage = ReadRequest | WriteRequest | CheckpointRequest;

export type WorkerMessage =
  | { type: 'table'; table: TableInfo }
  /** Normalised rows: their RowAnalysis array as JSON (one string crosses threads far cheaper than the objects). */
  | { type: 'batch'; json: string }
  | { type: 'progress'; progress: ImportProgress }
  /** The table's complete shape (headers widened by later rows, reading problems, row count); no preview rows. */
  | { type: 'done'; table: TableInfo }
  | { type: 'error'; error: AppErrorShape }
  /** The answer to a {@link WriteRequest}: committed (an error answers with `error`). */
  | { type: 'written'; result: BatchWrite }
  /** The answer to a {@link CheckpointRequest}. */
  | { type: 'checkpointed' };
