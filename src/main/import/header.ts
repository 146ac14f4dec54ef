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
