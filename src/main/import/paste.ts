import { streamDelimited, stringPieces } from './csv';
import type { TextPieces } from './decode';
import { collectRows, STREAM_BATCH_ROWS, type RowSink, type StreamedTable } from './rowSink';
import type { SourceRow, SourceTable } from './table';
import type { HeaderOptions } from './header';

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
    String.raw`(?:\s*(?:to|TO|To|through|thru|\u2013|\u2014|-)\s*\+?\d[\d\s().\-]*\d)?` +
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
export function parsePaste(text: string, header: HeaderOptions = {}): SourceTable {
  return collectRows((sink) => streamPaste(() => stringPieces(text), sink, header));
}

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Call `fn` with each line of a text handed over in pieces and its 0-based index: a line may
 * span pieces, and a piece ending in CR waits for the next (CR LF is one break).
 */
function forEachLine(text: TextPieces, fn: (line: string, index: number) => void): void {
  let carry = '';
  let index = 0;
  for (let piece = text.next(); piece !== undefined; piece = text.next()) {
    const joined = carry + piece;
    let start = 0;
    LINE_BREAK.lastIndex = 0;
    for (let m = LINE_BREAK.exec(joined); m !== null && !(m[0] === '\r' && m.index === joined.length - 1); m = LINE_BREAK.exec(joined)) {
      fn(joined.slice(start, m.index), index++);
      start = m.index + m[0].length;
    }
    carry = joined.slice(start);
  }
  // A CR left at the very end was a line break after all.
  if (carry.endsWith('\r')) {
    fn(carry.slice(0, -1), index++);
    carry = '';
  }
  fn(carry, index);
}

/**
 * {@link parsePaste} delivering rows to `sink` in batches, reading the text twice from `text()`
 * (whether it is cells or prose, then its rows): a 60 MB paste is never held as rows, and, as
 * the worker reads it from its UTF-8 bytes, never as one string.
 */
export function streamPaste(text: () => TextPieces, sink: RowSink, header: HeaderOptions = {}): StreamedTable {
  let nonBlank = 0;
  let tabbed = 0;
  forEachLine(text(), (line) => {
    if (line.trim() === '') return;
    nonBlank++;
    if (line.includes('\t')) tabbed++;
  });
  if (nonBlank > 0 && tabbed / nonBlank >= 0.5) return streamDelimited(text(), { ...header, delimiter: '\t', format: 'paste' }, sink);
  const table: Omit<SourceTable, 'rows'> = { format: 'paste', headers: [PASTE_NUMBER_HEADER], hasHeader: false, problems: [] };
  let batch: SourceRow[] = [];
  let totalRows = 0;
  let headSent = false;
  const flush = (read: number) => {
    if (!headSent) {
      headSent = true;
      sink.head({ ...table, rows: batch });
    }
    totalRows += batch.length;
    if (batch.length > 0) sink.rows(batch, read);
    batch = [];
  };
  const lines = text();
  forEachLine(lines, (line, i) => {
    for (const number of extractNumbers(line)) batch.push({ row: i + 1, cells: [number] });
    if (batch.length >= STREAM_BATCH_ROWS) flush(lines.read());
  });
  flush(1);
  return { ...table, totalRows };
}
