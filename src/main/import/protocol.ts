import { z } from 'zod';
import type { AppErrorShape } from '../../shared/errors';
import { PortFieldsSchema } from '../../shared/model';
import { isCountryCode } from '../../shared/domain/numbers';
import type { ColumnMapping } from './columns';
import type { PlanOptions, RowAnalysis } from './plan';
import type { SourceOptions } from './source';
import type { SourceRow, SourceTable } from './table';

/** What the import worker is asked to read. A path is read inside the worker (no copy in main). */
export type WorkerSource =
  | { kind: 'path'; path: string }
  | { kind: 'file'; bytes: Uint8Array; fileName: string }
  | { kind: 'paste'; text: string };

export interface WorkerRequest {
  source: WorkerSource;
  sourceOptions?: SourceOptions;
  /** Mapping to apply; guessed from the table when omitted (and sent back with the table). */
  mapping?: ColumnMapping;
  planOptions: PlanOptions;
  /** Rows per batch message (defaults to WORKER_BATCH_ROWS). */
  batchRows?: number;
}

/** Everything about the table except its rows, plus the first rows for an early preview. */
export interface TableInfo extends Omit<SourceTable, 'rows'> {
  totalRows: number;
  preview: SourceRow[];
  mapping: ColumnMapping;
  signature: string;
}

export interface ImportProgress {
  done: number;
  total: number;
  rowsPerSecond: number;
}

export type WorkerMessage =
  | { type: 'table'; table: TableInfo }
  | { type: 'batch'; rows: RowAnalysis[] }
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done' }
  | { type: 'error'; error: AppErrorShape };

const ImportFieldSchema = z.union([z.literal('number'), PortFieldsSchema.keyof()]);

/** Validates a mapping arriving from the renderer or a remembered-layout store. */
export const ColumnMappingSchema = z.object({
  fields: z.array(ImportFieldSchema.nullable()),
  groupBy: z.number().int().nonnegative().nullable(),
});

export const PlanOptionsSchema = z.object({
  defaultCountry: z.string().refine(isCountryCode, 'is not a country code libphonenumber knows'),
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('existing'), portId: z.string().min(1) }),
    z.object({ kind: z.literal('new'), name: z.string().trim().min(1).max(128) }),
    z.object({ kind: z.literal('group') }),
  ]),
  maxRangeSize: z.number().int().positive().optional(),
});
