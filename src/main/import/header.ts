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
