/** The import worker's heap limit (IMPORT_WORKER_HEAP_MB of src/main/import/limits.ts). */
export const EARLY_IMPORT_WORKER_HEAP_MB: number;
/** The global where the early thread waits for runWorker.ts. */
export const EARLY_IMPORT_WORKER: unique symbol;
/** The command a `portdesk` command line runs (its first word that is not a global option or its value). */
export function commandOf(args: readonly string[]): string | undefined;
/** Start the import worker's thread when the command line is an import. */
export function startImportWorkerEarly(args: readonly string[]): void;
