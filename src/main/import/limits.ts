/** Largest file accepted for import. Customer spreadsheets of 100k rows are ~5-10 MB; anything
 * far beyond is an export of something else, and reading it would stall the app. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** Most rows one import reads (Excel's own row limit, as for workbooks): a 52 MB CSV of bare
 * numbers is 4 million rows, which no port request holds and which would take minutes and
 * gigabytes to check. Counted on the text's lines before parsing, and on the rows as read. */
export const MAX_IMPORT_ROWS = 1_048_576;

/** Most numbers one written range may expand to; a typo like 2025550100-2025559999 would
 * otherwise silently create a port of ten thousand numbers (or a million). */
export const MAX_RANGE_SIZE = 10_000;

/** Most numbers ranges may add to one port, and to one import in all: ten ranges of 10,000 in
 * an 8 KB file would otherwise become millions of numbers (gigabytes, minutes) in one port. */
export const MAX_RANGE_NUMBERS_PER_PORT = 20_000;
export const MAX_RANGE_NUMBERS_PER_IMPORT = 100_000;

/** XLSX bounds (see xlsxGuard.ts and xlsx.ts): Excel's own row limit, columns far beyond any
 * customer sheet, and what its XML parts may unpack to. A sheet is streamed, so its size costs
 * time rather than memory: past 128 MB (a million rows of a few columns are ~200 MB of XML) it is
 * read only if it packs like cells (5-20:1), not like a bomb (1000:1). The parts exceljs holds
 * whole (workbook, styles, relationships, shared strings) are capped lower. */
export const MAX_XLSX_ROW = 1_048_576;
export const MAX_XLSX_COLUMNS = 1_024;
export const MAX_XLSX_PART_BYTES = 128 * 1024 * 1024;
export const MAX_XLSX_SHEET_BYTES = 1024 * 1024 * 1024;
export const MAX_XLSX_RATIO = 100;
export const MAX_XLSX_META_BYTES = 16 * 1024 * 1024;
export const MAX_XLSX_SHARED_STRINGS_BYTES = 32 * 1024 * 1024;
export const MAX_XLSX_TOTAL_BYTES = 1536 * 1024 * 1024;
/** Rows x columns read: each row is read to its last cell, even when sparse (time, not memory). */
export const MAX_XLSX_CELLS = 20_000_000;

/** Heap (V8 old generation) of the import worker, which reads, checks and writes an import: a
 * source that needs more ends that thread with a refusal naming the limit, never the app or the
 * CLI, and nothing is written. A million-row CSV peaks at about 55 MB there (rows stream through
 * it in batches; the write holds the numbers); the margin is for wide rows and whole pastes. */
export const IMPORT_WORKER_HEAP_MB = 512;

/** Rows normalised between two progress/batch messages of the import worker. Main stages each
 * message in one go, so it is kept small enough (tens of milliseconds) not to hold up the window. */
export const WORKER_BATCH_ROWS = 1_000;

/** Batches the import worker may send ahead of main staging them (each ~1,000 rows, under a MB). */
export const MAX_BATCHES_IN_FLIGHT = 4;

/** Rows sent with the parsed table so the preview can show something before normalising ends. */
export const PREVIEW_ROWS = 200;

/**
 * The largest sources whose numbers are written while they are read (numbersAhead.ts), which
 * holds the store's write lock for the whole read: an 8 MB CSV (~190,000 rows) is read in about
 * 2.5 s on a 2-core laptop, under the 5 s another connection waits for the lock before it gives
 * up. Workbooks are read more slowly for their size (compressed XML). Larger sources are written
 * after they are read, as ever: the commit of a million rows already holds the lock ~8 s.
 */
export const AHEAD_MAX_TEXT_BYTES = 8 * 1024 * 1024;
export const AHEAD_MAX_XLSX_BYTES = 2 * 1024 * 1024;
