import Papa from 'papaparse';
import { problem, type ImportProblem } from './problems';
import { defaultHeader, uniqueHeaders, type SourceRow, type SourceTable } from './table';
import { looksLikeHeader } from './header';

export interface DelimitedOptions {
  /** Field delimiter; guessed from the text (comma, semicolon, tab, pipe) when omitted. */
  delimiter?: string;
  /** Force or deny a header row; detected when omitted. */
  hasHeader?: boolean;
  format?: SourceTable['format'];
}

const GUESSES = [',', ';', '\t', '|'];

/**
 * Parse delimited text (CSV, TSV, semicolon CSV from European Excel) into a table. Quoted
 * fields may hold delimiters and line breaks. Row numbers count records the way a spreadsheet
 * shows them (a quoted multi-line cell stays on one row), blank lines included.
 */
export function parseDelimited(text: string, options: DelimitedOptions = {}): SourceTable {
  const result = Papa.parse<string[]>(text, {
    delimiter: options.delimiter ?? guessDelimiter(text),
    skipEmptyLines: false,
  });
  const records = result.data;
  const problems: ImportProblem[] = [];
  for (const e of result.errors) {
    // A single-column file has no delimiter to detect; that is fine, not a problem.
    if (e.code === 'UndetectableDelimiter') continue;
    const row = (e.row ?? 0) + 1;
    const message =
      e.code === 'MissingQuotes'
        ? `Row ${row}: a quoted field is never closed, so the rest of the file may have been read as one cell`
        : `Row ${row}: ${e.message}`;
    problems.push(problem(row, null, 'warning', 'csv-malformed', message));
  }
  const firstIndex = records.findIndex((r) => !isBlank(r));
  const first = records[firstIndex] ?? [];
  const hasHeader = options.hasHeader ?? (firstIndex >= 0 && looksLikeHeader(first));
  const rows: SourceRow[] = [];
  let width = 0;
  for (let i = hasHeader ? firstIndex + 1 : 0; i < records.length; i++) {
    const cells = records[i]!;
    if (isBlank(cells)) continue;
    width = Math.max(width, cells.length);
    rows.push({ row: i + 1, cells: cells.map((c) => c.trim()) });
  }
  width = Math.max(width, hasHeader ? first.length : 0);
  const headers = hasHeader
    ? uniqueHeaders(Array.from({ length: width }, (_, i) => first[i] ?? ''))
    : Array.from({ length: width }, (_, i) => defaultHeader(i));
  return {
    format: options.format ?? 'csv',
    headers,
    hasHeader,
    rows,
    problems,
    delimiter: result.meta.delimiter,
  };
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
