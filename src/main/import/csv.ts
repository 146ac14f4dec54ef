import Papa from 'papaparse';
import { problem, type ImportProblem } from './problems';
import { defaultHeader, uniqueHeaders, type SourceRow, type SourceTable } from './table';
import { collectingSink, type RowSink, type StreamedTable } from './rowSink';
import { looksLikeHeader } from './header';

export interface DelimitedOptions {
  /** Field delimiter; guessed from the text (comma, semicolon, tab, pipe) when omitted. */
  delimiter?: string;
  /** Force or deny a header row; detected when omitted. */
  hasHeader?: boolean;
  format?: SourceTable['format'];
}

const GUESSES = [',', ';', '\t', '|'];

/** Characters parsed at a time: about the head the early preview reads, so both see the same rows. */
const CHUNK_CHARS = 256 * 1024;

/**
 * Parse delimited text (CSV, TSV, semicolon CSV from European Excel) into a table. Quoted
 * fields may hold delimiters and line breaks. Row numbers count records the way a spreadsheet
 * shows them (a quoted multi-line cell stays on one row), blank lines included.
 */
export function parseDelimited(text: string, options: DelimitedOptions = {}): SourceTable {
  const { sink, rows } = collectingSink();
  const { totalRows: _total, ...table } = streamDelimited(text, options, sink);
  return { ...table, rows };
}

/**
 * {@link parseDelimited} in chunks: records are turned into rows and handed to `sink` chunk by
 * chunk and never all held, so a file of millions of rows takes the memory of one chunk.
 */
export function streamDelimited(text: string, options: DelimitedOptions, sink: RowSink, chunkChars = CHUNK_CHARS): StreamedTable {
  const delimiter = options.delimiter ?? guessDelimiter(text);
  const problems: ImportProblem[] = [];
  let records = 0;
  let hasHeader: boolean | undefined;
  let first: string[] = [];
  let width = 0;
  let totalRows = 0;
  let headSent = false;
  const shape = (): Omit<SourceTable, 'rows'> => {
    const header = hasHeader ?? options.hasHeader ?? false;
    const cols = Math.max(width, header ? first.length : 0);
    const headers = header ? uniqueHeaders(Array.from({ length: cols }, (_, i) => first[i] ?? '')) : Array.from({ length: cols }, (_, i) => defaultHeader(i));
    return { format: options.format ?? 'csv', headers, hasHeader: header, problems: problems.slice(), delimiter };
  };
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    chunkSize: chunkChars,
    // Papa Parse streams a string too (its StringStreamer), though its typings say files only.
    complete: () => undefined,
    chunk: (results: Papa.ParseResult<string[]>) => {
      const base = records;
      for (const e of results.errors) {
        // A single-column file has no delimiter to detect; that is fine, not a problem.
        if (e.code === 'UndetectableDelimiter') continue;
        const row = base + (e.row ?? 0) + 1;
        const message =
          e.code === 'MissingQuotes'
            ? `Row ${row}: a quoted field is never closed, so the rest of the file may have been read as one cell`
            : `Row ${row}: ${e.message}`;
        problems.push(problem(row, null, 'warning', 'csv-malformed', message));
      }
      const rows: SourceRow[] = [];
      for (const cells of results.data) {
        const index = records++;
        if (isBlank(cells)) continue;
        if (hasHeader === undefined) {
          hasHeader = options.hasHeader ?? looksLikeHeader(cells);
          first = cells;
          if (hasHeader) continue;
        }
        width = Math.max(width, cells.length);
        rows.push({ row: index + 1, cells: cells.map((c: string) => c.trim()) });
      }
      if (!headSent && hasHeader !== undefined) {
        headSent = true;
        sink.head({ ...shape(), rows });
      }
      totalRows += rows.length;
      if (rows.length > 0) sink.rows(rows, text.length === 0 ? 1 : Math.min(1, results.meta.cursor / text.length));
    },
  });
  const table = shape();
  if (!headSent) sink.head({ ...table, rows: [] });
  return { ...table, totalRows };
}

/**
 * The delimiter of the first records. Guessed on non-blank lines only: Papa Parse counts a blank
 * line (the trailing newline of every exported file) as a one-field record against each
 * candidate, which makes a two-column semicolon file look like a one-column comma file.
 */
function guessDelimiter(text: string): string {
  return Papa.parse<string[]>(text, { delimitersToGuess: GUESSES, skipEmptyLines: 'greedy', preview: 100 }).meta.delimiter;
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}
