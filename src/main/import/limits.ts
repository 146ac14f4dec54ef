/** Largest file accepted for import. Customer spreadsheets of 100k rows are ~5-10 MB; anything
 * far beyond is an export of something else, and reading it would stall the app. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** Most numbers one written range may expand to; a typo like 2025550100-2025559999 would
 * otherwise silently create a port of ten thousand numbers (or a million). */
export const MAX_RANGE_SIZE = 10_000;

/** Rows normalised between two progress/batch messages of the import worker. */
export const WORKER_BATCH_ROWS = 5_000;

/** Rows sent with the parsed table so the preview can show something before normalising ends. */
export const PREVIEW_ROWS = 200;
