import { z } from 'zod';
import { PortFieldsSchema, cleanString } from '../../model';
import { isCountryCode } from '../../domain/numbers';
import { method } from '../method';

const id = z.string().min(1, 'is required');

/** What a column is imported as: the numbers, or one port field. */
export const ImportFieldSchema = z.union([z.literal('number'), PortFieldsSchema.keyof()]);
export type ImportFieldName = z.infer<typeof ImportFieldSchema>;

/** `fields[i]` is what column i is imported as (null: ignored); `groupBy` splits into one port per value. */
export const ColumnMappingSchema = z.object({
  fields: z.array(ImportFieldSchema.nullable()).max(500),
  groupBy: z.number().int().nonnegative().nullable(),
});

export const ImportTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('existing'), portId: id }),
  z.object({ kind: z.literal('new'), name: cleanString().trim().min(1, 'is required').max(128) }),
  z.object({ kind: z.literal('group') }),
]);
export type ImportTargetInput = z.infer<typeof ImportTargetSchema>;

export const CountrySchema = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine(isCountryCode, 'is not a country code libphonenumber knows (use two letters, e.g. US)');

/** The last row that may be picked as the header (the window's import.remap and `portdesk import --header-row` alike). */
export const MAX_HEADER_ROW = 1_000;

/** The header row picked in the preview; it lies among the first rows, never deep in a file. */
const HeaderRowSchema = z.number().int().positive().max(MAX_HEADER_ROW);

/** The host accepts 64 MB bodies; base64 inflates by 4/3, so 46 MB of file bytes fit. */
const MAX_BASE64 = 64 * 1024 * 1024 - 4096;

export const ImportSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paste'), text: z.string().max(MAX_BASE64) }),
  z.object({
    kind: z.literal('file'),
    name: z.string().min(1, 'is required').max(255),
    base64: z.string().max(MAX_BASE64, 'is larger than the 46 MB a file may have when sent from the window; import it with the CLI'),
  }),
]);

export const ImportProblemSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
});
export type ImportProblemView = z.infer<typeof ImportProblemSchema>;

export const ImportCountsSchema = z.object({
  rows: z.number().int(),
  rowsOk: z.number().int(),
  rowsWithWarnings: z.number().int(),
  rowsWithErrors: z.number().int(),
  /** Of rowsWithErrors, those that still give some numbers (the others give none). */
  rowsPartial: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  duplicates: z.number().int(),
  twoOwners: z.number().int(),
  inOpenPort: z.number().int(),
  inTarget: z.number().int(),
  groups: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
});
export type ImportCountsView = z.infer<typeof ImportCountsSchema>;

export const ImportTableSchema = z.object({
  format: z.enum(['csv', 'xlsx', 'paste']),
  headers: z.array(z.string()),
  hasHeader: z.boolean(),
  /** Row number of the header row; rows above it (a title block) are not data. */
  headerRow: z.number().int().nullable(),
  /** The first non-blank rows as read, title and header included: the rows a header can be picked from. */
  headRows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
  totalRows: z.number().int(),
  /** The first rows as read, shown while the rest is still being checked. */
  preview: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
  mapping: ColumnMappingSchema,
  mappingSource: z.enum(['given', 'remembered', 'guessed']),
  signature: z.string(),
  encoding: z.string().optional(),
  delimiter: z.string().optional(),
  sheet: z.string().optional(),
  sheets: z.array(z.string()).optional(),
});
export type ImportTableView = z.infer<typeof ImportTableSchema>;

export const ImportGroupSchema = z.object({
  key: z.string(),
  name: z.string(),
  target: z.enum(['new', 'existing']),
  portId: z.string().nullable(),
  numbers: z.number().int(),
  rows: z.number().int(),
  countries: z.array(z.string()),
  problems: z.array(ImportProblemSchema),
});
export type ImportGroupView = z.infer<typeof ImportGroupSchema>;

export const ImportProgressSchema = z.object({ done: z.number().int(), total: z.number().int(), rowsPerSecond: z.number() });

export const PortabilityStatusSchema = z.object({
  state: z.enum(['none', 'running', 'done', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  portable: z.number().int(),
  notPortable: z.number().int(),
  error: z.string().nullable(),
});

const ErrorShapeSchema = z.object({ code: z.string(), message: z.string() });

export const ImportStatusSchema = z.object({
  jobId: z.string(),
  sourceName: z.string(),
  state: z.enum(['reading', 'checking', 'ready', 'failed', 'canceled', 'committed']),
  /** Where the numbers go; a grouping without a group column becomes one new port. */
  target: ImportTargetSchema,
  /** Increases with every new plan (fix, remap), so views know to refetch rows. */
  revision: z.number().int(),
  progress: ImportProgressSchema.nullable(),
  table: ImportTableSchema.nullable(),
  counts: ImportCountsSchema.nullable(),
  groups: z.array(ImportGroupSchema).nullable(),
  /** Problems of the file as a whole (row 0) and of reading it. */
  problems: z.array(ImportProblemSchema),
  portability: PortabilityStatusSchema,
  error: ErrorShapeSchema.nullable(),
  batchId: z.string().nullable(),
});
export type ImportStatus = z.infer<typeof ImportStatusSchema>;

export const ImportNumberSchema = z.object({
  e164: z.string(),
  status: z.enum(['new', 'duplicate', 'in-open-port', 'in-target', 'two-owners']),
  firstRow: z.number().int().optional(),
  portName: z.string().optional(),
  /** Result of the portability check, when it ran: null before. */
  portable: z.boolean().nullable(),
  portabilityReason: z.string().nullable(),
});

export const ImportRowSchema = z.object({
  row: z.number().int(),
  cells: z.array(z.string()),
  status: z.enum(['ok', 'warning', 'error']),
  problems: z.array(ImportProblemSchema),
  numbers: z.array(ImportNumberSchema),
  /** Name of the port the row goes to. */
  group: z.string(),
});
export type ImportRowView = z.infer<typeof ImportRowSchema>;

export const ImportCommitSchema = z.object({
  batchId: z.string(),
  ports: z.array(z.object({ portId: z.string(), name: z.string(), created: z.boolean(), numbers: z.number().int() })),
  numbers: z.number().int(),
  /** Rows left out whole for an error (their problems are in the preview). */
  skippedRows: z.number().int(),
  /** Rows with an error that still gave the numbers it did not name. */
  partialRows: z.number().int(),
  notPortableSkipped: z.number().int(),
});
export type ImportCommitResult = z.infer<typeof ImportCommitSchema>;

export const ImportBatchSchema = z.object({
  batchId: z.string(),
  createdAt: z.number().int(),
  source: z.string(),
  ports: z.number().int(),
  numbers: z.number().int(),
  undoneAt: z.number().int().nullable(),
  /** Why Undo would be refused now (some of it was sent), or null while it is possible. */
  undoRefused: z.string().nullable(),
  items: z.array(z.object({ portId: z.string(), name: z.string().nullable(), created: z.boolean(), numbers: z.number().int() })),
});
export type ImportBatchView = z.infer<typeof ImportBatchSchema>;

export const importMethods = {
  /** Start reading and checking a source off the main thread; poll import.status. */
  'import.start': method(
    z.object({
      source: ImportSourceSchema,
      country: CountrySchema.default('US'),
      target: ImportTargetSchema.default({ kind: 'group' }),
      mapping: ColumnMappingSchema.optional(),
      sheet: z.string().max(255).optional(),
      hasHeader: z.boolean().optional(),
      headerRow: HeaderRowSchema.optional(),
    }),
    z.object({ jobId: z.string() }),
  ),
  /** Where a job stands; `wait` resolves once reading and checking are over. */
  'import.status': method(z.object({ jobId: id, wait: z.boolean().optional() }), ImportStatusSchema),
  /** A page of checked rows, optionally only those with a problem. */
  'import.rows': method(
    z.object({ jobId: id, offset: z.number().int().nonnegative().default(0), limit: z.number().int().positive().max(200_000).default(200), filter: z.enum(['all', 'problems']).default('all') }),
    z.object({ total: z.number().int(), offset: z.number().int(), rows: z.array(ImportRowSchema) }),
  ),
  /** Fix in place: replace one row's cells and check it again against the rest. */
  'import.fixRow': method(z.object({ jobId: id, row: z.number().int().positive(), cells: z.array(z.string().max(10_000)).max(500) }), z.object({ status: ImportStatusSchema, row: ImportRowSchema.nullable() })),
  /** Check the same source again with another mapping, country, target or sheet. */
  'import.remap': method(
    z.object({ jobId: id, mapping: ColumnMappingSchema.optional(), country: CountrySchema.optional(), target: ImportTargetSchema.optional(), sheet: z.string().max(255).optional(), hasHeader: z.boolean().optional(), headerRow: HeaderRowSchema.optional() }),
    z.object({ jobId: z.string() }),
  ),
  'import.cancel': method(z.object({ jobId: id }), z.object({ canceled: z.boolean() })),
  /** Run the Telnyx portability check on the numbers that would be imported. */
  'import.portability': method(z.object({ jobId: id, remoteId: id }), ImportStatusSchema),
  /** Write the import: one transaction, all or nothing. `strict` refuses it when any row has an error. */
  'import.commit': method(z.object({ jobId: id, strict: z.boolean().optional(), skipNotPortable: z.boolean().optional() }), ImportCommitSchema),
  /** Past imports, newest first, with what each created and whether it can still be undone. */
  'import.list': method(z.object({ limit: z.number().int().positive().max(200).default(50) }), z.array(ImportBatchSchema)),
  /** Undo a whole import while none of it was pushed. */
  'import.undo': method(
    z.object({ batchId: id }),
    z.object({ batchId: z.string(), removedPorts: z.array(z.string()), changedPorts: z.array(z.string()), removedNumbers: z.number().int() }),
  ),
};
