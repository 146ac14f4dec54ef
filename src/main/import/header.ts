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
