import { parseDelimited } from './csv';
import type { SourceRow, SourceTable } from './table';

/** Header of the single column produced from free text. */
export const PASTE_NUMBER_HEADER = 'Number';

/**
 * A number as written in prose: optional `+`, digit groups joined by the separators people use,
 * optionally a vanity word (1-800-FLOWERS), optionally a range end (`to 0199`, `-0199`,
 * `through 202-555-0199`), optionally an extension.
 */
const NUMBER_IN_TEXT = new RegExp(
  // Case-sensitive on purpose: vanity words are written in capitals, prose words are not.
  String.raw`\+?\(?\d[\d\s().\-/]{5,}\d(?:[\s.-]?[A-Z]{3,}[A-Z\d-]*)?` +
    String.raw`(?:\s*(?:to|TO|To|through|thru|–|—|-)\s*\+?\d[\d\s().\-]*\d)?` +
    String.raw`(?:,?\s*(?:[Ee]xt\.?|EXT\.?|extension|x|X)\s*\d{1,7})?` +
    String.raw`|\+?1?[\s.-]?\(?8\d\d\)?[\s.-]?[A-Z\d]*[A-Z]{3,}[A-Z\d-]*`,
  'g',
);

/** Shapes that match the number pattern but are dates or times, not phone numbers. */
const NOT_A_NUMBER = /^(?:\d{4}-\d\d-\d\d|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})$/;

/** Pull every phone number (or range) out of one line of free text. */
export function extractNumbers(line: string): string[] {
  const found: string[] = [];
  for (const m of line.matchAll(NUMBER_IN_TEXT)) {
    const text = m[0].trim().replace(/[\s.-]+$/, '');
    if (NOT_A_NUMBER.test(text)) continue;
    if (text.replace(/\D/g, '').length < 7 && !/[A-Z]{3}/i.test(text)) continue;
    found.push(text);
  }
  return found;
}

/**
 * Turn pasted text into a table. Cells copied from a spreadsheet arrive tab-separated and are
 * parsed like a TSV (header detected); anything else is treated as free text, e.g. an e-mail,
 * and every number or range found becomes a row of a single `Number` column, numbered by the
 * line it came from.
 */
export function parsePaste(text: string): SourceTable {
  const lines = text.split(/\r\n|\r|\n/);
  const nonBlank = lines.filter((l) => l.trim() !== '');
  const tabbed = nonBlank.filter((l) => l.includes('\t')).length;
  if (nonBlank.length > 0 && tabbed / nonBlank.length >= 0.5) {
    return parseDelimited(text, { delimiter: '\t', format: 'paste' });
  }
  const rows: SourceRow[] = [];
  lines.forEach((line, i) => {
    for (const number of extractNumbers(line)) rows.push({ row: i + 1, cells: [number] });
  });
  return { format: 'paste', headers: [PASTE_NUMBER_HEADER], hasHeader: false, rows, problems: [] };
}
