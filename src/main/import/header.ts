import type { ImportProblem } from './problems';
import type { RowSink } from './rowSink';
import { defaultHeader, uniqueHeaders, type SourceRow, type SourceTable } from './table';

/**
 * Decide whether the first row of a source is a header row. A header names columns: it has
 * letters and no cell that looks like a phone number (7+ digits). Pasted blocks and exports from
 * some carriers have no header, and their first number must not be lost.
 */
export function looksLikeHeader(first: readonly string[]): boolean {
  let hasWord = false;
  for (const cell of first) {
    const digits = cell.replace(/\D/g, '').length;
    if (digits >= 7) return false;
    if (/\p{L}{2}/u.test(cell)) hasWord = true;
  }
  return hasWord;
}

/** How far down a sheet the header row is looked for (title blocks are a few rows at most). */
const HEADER_SEARCH_ROWS = 20;

const nonEmpty = (cells: readonly string[]) => cells.filter((c) => c.trim() !== '').length;
const hasPhoneLike = (cells: readonly string[]) => cells.some((c) => c.replace(/\D/g, '').length >= 7);

/**
 * The index of the header row among a sheet's first rows, for spreadsheets with a title block
 * above it ("Porting request – Acme", a merged title cell, a date line, blank rows): the first row
 * naming two or more columns whose next non-blank row holds data (a phone-number-like cell). A
 * title spans one cell (or one merged value repeated); null when no row qualifies.
 */
export function findHeaderRow(rows: readonly (readonly string[])[]): number | null {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const cells = rows[i]!;
    const distinct = new Set(cells.map((c) => c.trim()).filter((c) => c !== ''));
    if (nonEmpty(cells) < 2 || distinct.size < 2 || !looksLikeHeader(cells)) continue;
    const next = rows.slice(i + 1).find((r) => nonEmpty(r) > 0);
    // A label line above the table ("Customer:", "Acme") is narrower than the header under it;
    // a header is followed by data (a number), or at least by a row no wider than itself.
    if (next === undefined || hasPhoneLike(next) || nonEmpty(next) <= nonEmpty(cells)) return i;
  }
  return null;
}

/** How a reader is told about the header: detected when neither is given. */
export interface HeaderOptions {
  /** Force or deny a header row; with true the row is still looked for under a title block. */
  hasHeader?: boolean;
  /** The row (as the spreadsheet numbers it) the specialist picked as the header. */
  headerRow?: number;
}

/** Non-blank rows kept from the top of a source: the header is looked for, and picked, among them. */
export const HEAD_ROWS = HEADER_SEARCH_ROWS;

/**
 * Which of a source's first non-blank rows is the header (its index), or null for none. Shared
 * by every reader, so CSV, pasted cells and workbooks skip the same title blocks. A picked row
 * wins; else the detected one; else the first row when it names columns (a one-column list
 * headed "Number" has no second cell to detect it by).
 */
export function chooseHeader(rows: readonly { row: number; cells: readonly string[] }[], options: HeaderOptions = {}): number | null {
  if (options.hasHeader === false) return null;
  if (options.headerRow !== undefined) {
    const picked = rows.findIndex((r) => r.row >= options.headerRow!);
    return picked < 0 ? null : picked;
  }
  const found = findHeaderRow(rows.map((r) => r.cells));
  if (found !== null) return found;
  if (rows.length === 0) return null;
  return options.hasHeader === true || looksLikeHeader(rows[0]!.cells) ? 0 : null;
}

/**
 * True once `rows` (non-blank, in order) are enough to choose the header among them: past the
 * rows it is looked for among (they are also the rows offered to pick from), and past a picked one.
 */
export function headDecided(rows: readonly { row: number }[], options: HeaderOptions): boolean {
  const last = rows[rows.length - 1];
  return rows.length > HEAD_ROWS && (options.headerRow === undefined || (last !== undefined && last.row >= options.headerRow));
}

/** A reader's table as it stands: what every reader fills in, plus `format` and its own extras (the CSV delimiter). */
type ShapeFixed = Pick<SourceTable, 'format'> & Partial<Pick<SourceTable, 'delimiter'>>;

/**
 * The part of reading a source every streaming reader shares (CSV and workbooks): its first
 * non-blank rows held until the header can be chosen among them (a title block may sit above it),
 * the widest data row, the table's shape built from them, and delivery to the sink with the head
 * sent once, before the first rows. The reader keeps its own parsing, batching and read share.
 */
export function heldHead<R extends SourceRow>(options: HeaderOptions, sink: RowSink, fixed: ShapeFixed) {
  const { format, ...extra } = fixed;
  const problems: ImportProblem[] = [];
  // Null once the header is chosen.
  let top: R[] | null = [];
  let headRows: SourceRow[] = [];
  let header: R | undefined;
  let width = 0;
  let totalRows = 0;
  let headSent = false;
  const headers = (): string[] => {
    const first = header?.cells ?? [];
    const cols = Math.max(width, first.length);
    return header ? uniqueHeaders(Array.from({ length: cols }, (_, i) => first[i] ?? '')) : Array.from({ length: cols }, (_, i) => defaultHeader(i));
  };
  const shape = (): Omit<SourceTable, 'rows'> => ({ format, headers: headers(), hasHeader: header !== undefined, headerRow: header?.row ?? null, headRows, problems: problems.slice(), ...extra });
  return {
    /** Problems found while reading, in the order found: part of the shape. */
    problems,
    /** True while rows are held for the header to be chosen among. */
    get holding(): boolean {
      return top !== null;
    },
    /** The header row chosen, if any (once not holding). */
    get header(): R | undefined {
      return header;
    },
    /** Cells of the widest data row so far. */
    get width(): number {
      return width;
    },
    /** Data rows delivered so far. */
    get totalRows(): number {
      return totalRows;
    },
    /** Hold a non-blank row (while holding): true once enough are held to {@link settle}. */
    hold(row: R): boolean {
      top!.push(row);
      return headDecided(top!, options);
    },
    /** Choose the header among the held rows: the rows under it are data, returned. */
    settle(): R[] {
      const held = top ?? [];
      top = null;
      headRows = held.slice(0, HEAD_ROWS).map((r) => ({ row: r.row, cells: r.cells }));
      const at = chooseHeader(held, options);
      header = at === null ? undefined : held[at];
      const data = held.slice(at === null ? 0 : at + 1);
      for (const r of data) width = Math.max(width, r.cells.length);
      return data;
    },
    /** A data row of `cells` cells passed on after the header was chosen. */
    widen(cells: number): void {
      width = Math.max(width, cells);
    },
    headers,
    shape,
    /** Hand data rows to the sink (once the header is chosen), the head (shape and these rows) first. */
    deliver(rows: SourceRow[], read: number): void {
      if (!headSent) {
        headSent = true;
        sink.head({ ...shape(), rows });
      }
      totalRows += rows.length;
      if (rows.length > 0) sink.rows(rows, read);
    },
  };
}
