import Papa from 'papaparse';
import { problem, type ImportProblem } from './problems';
import { defaultHeader, uniqueHeaders, type SourceRow, type SourceTable } from './table';
import { collectingSink, type RowSink, type StreamedTable } from './rowSink';
import { chooseHeader, headDecided, HEAD_ROWS, type HeaderOptions } from './header';

export interface DelimitedOptions extends HeaderOptions {
  /** Field delimiter; guessed from the text (comma, semicolon, tab, pipe) when omitted. */
  delimiter?: string;
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
  // The first non-blank rows are held until the header can be chosen among them (a title block
  // may sit above it); null once chosen.
  let top: SourceRow[] | null = [];
  let headRows: SourceRow[] = [];
  let header: SourceRow | undefined;
  let width = 0;
  let totalRows = 0;
  let headSent = false;
  const shape = (): Omit<SourceTable, 'rows'> => {
    const first = header?.cells ?? [];
    const cols = Math.max(width, first.length);
    const headers = header ? uniqueHeaders(Array.from({ length: cols }, (_, i) => first[i] ?? '')) : Array.from({ length: cols }, (_, i) => defaultHeader(i));
    return { format: options.format ?? 'csv', headers, hasHeader: header !== undefined, headerRow: header?.row ?? null, headRows, problems: problems.slice(), delimiter };
  };
  /** Choose the header among the held rows; the rows under it are data. */
  const settleHead = (): SourceRow[] => {
    const held = top ?? [];
    top = null;
    headRows = held.slice(0, HEAD_ROWS);
    const at = chooseHeader(held, options);
    header = at === null ? undefined : held[at];
    const data = held.slice(at === null ? 0 : at + 1);
    for (const r of data) width = Math.max(width, r.cells.length);
    return data;
  };
  const deliver = (rows: SourceRow[], read: number) => {
    if (!headSent && top === null) {
      headSent = true;
      sink.head({ ...shape(), rows });
    }
    totalRows += rows.length;
    if (rows.length > 0) sink.rows(rows, read);
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
      let rows: SourceRow[] = [];
      for (const cells of results.data) {
        const index = records++;
        if (isBlank(cells)) continue;
        const row = { row: index + 1, cells: cells.map((c: string) => c.trim()) };
        if (top === null) {
          width = Math.max(width, row.cells.length);
          rows.push(row);
          continue;
        }
        top.push(row);
        if (headDecided(top, options)) rows = settleHead();
      }
      if (top === null) deliver(rows, text.length === 0 ? 1 : Math.min(1, results.meta.cursor / text.length));
    },
  });
  // A source shorter than the rows the header is looked for among.
  if (top !== null) deliver(settleHead(), 1);
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
