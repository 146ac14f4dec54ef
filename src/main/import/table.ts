import type { ImportProblem, ReadIssue } from './problems';

/** One data row of a source, with the row number the specialist would see for it. */
export interface SourceRow {
  row: number;
  cells: string[];
  /** Problems of its cells met while reading (workbooks); absent when there are none. */
  issues?: ReadIssue[];
}

/** What every source (CSV, XLSX, paste) is reduced to before mapping: plain strings, JSON-safe. */
export interface SourceTable {
  format: 'csv' | 'xlsx' | 'paste';
  /** Header names; generated (`Column 1`...) when the source had no header row. */
  headers: string[];
  /** True when a row was taken as headers. */
  hasHeader: boolean;
  /** The row number of the header row (rows above it are a title block, not data); null without one. */
  headerRow?: number | null;
  /** The first non-blank rows as read, header and title rows included: where the header is picked from. */
  headRows?: SourceRow[];
  rows: SourceRow[];
  /** Problems of the source as a whole found while reading (merged cells, malformed quotes); a cell's own are its row's `issues`. */
  problems: ImportProblem[];
  /** How the bytes were decoded (text sources only). */
  encoding?: string;
  /** Field delimiter detected or used (CSV only). */
  delimiter?: string;
  /** Sheet read and the sheets available (XLSX only). */
  sheet?: string;
  sheets?: string[];
}

/** Generated header for column `index` when a source has none. */
export function defaultHeader(index: number): string {
  return `Column ${index + 1}`;
}

/** Make header names unique and non-empty, so problems can name a column unambiguously. */
export function uniqueHeaders(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const base = h.trim() === '' ? defaultHeader(i) : h.trim();
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (${count})`;
  });
}
