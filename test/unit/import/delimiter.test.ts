import { describe, expect, it } from 'vitest';
import { parseDelimited, streamDelimited } from '../../../src/main/import/csv';
import { decodeTextPieces } from '../../../src/main/import/decode';
import { collectingSink } from '../../../src/main/import/rowSink';

describe('delimiter guessing', () => {
  it.each([
    ['semicolon with a trailing newline', 'Number;Carrier\n(202) 555-0177;Verizon\n202-555-0178;Verizon\n', ';'],
    ['semicolon without one', 'Number;Carrier\n(202) 555-0177;Verizon', ';'],
    ['tab with blank lines between rows', 'Number\tCarrier\n\n2025550177\tVerizon\n\n', '\t'],
    ['pipe', 'Number|Carrier\n2025550177|Verizon\n', '|'],
  ])('%s', (_, text, delimiter) => {
    const table = parseDelimited(text);
    expect(table.delimiter).toBe(delimiter);
    expect(table.headers).toEqual(['Number', 'Carrier']);
  });

  it('keeps row numbers counting blank lines', () => {
    expect(parseDelimited('Number;Carrier\n\n2025550177;Verizon\n').rows).toEqual([{ row: 3, cells: ['2025550177', 'Verizon'] }]);
  });
});

describe('streamDelimited in pieces', () => {
  it('reads a file decoded in small pieces like the whole text: quoted cells with breaks and delimiters across pieces, malformed rows, row numbers', () => {
    const text = 'Customer;Number;Note\r\n"Acme; Inc";"202-555-0100";"two\r\nlines"\r\n\r\nBeta;202 555 0101;"a ""quoted"" word"\r\nGamma;2025550102;"never closed\r\n';
    const whole = parseDelimited(text);
    const bytes = new TextEncoder().encode(text);
    for (const size of [1, 2, 5, 7, 64]) {
      const decoded = decodeTextPieces(bytes, undefined, size);
      if (!decoded.ok) throw new Error('not decoded');
      const { sink, rows } = collectingSink();
      const { totalRows, ...shape } = streamDelimited(decoded.pieces(), {}, sink);
      expect({ ...shape, rows }).toEqual(whole);
      expect(totalRows).toBe(whole.rows.length);
    }
    expect(whole.delimiter).toBe(';');
    expect(whole.rows.map((r) => [r.row, r.cells[2]])).toEqual([[2, 'two\r\nlines'], [4, 'a "quoted" word'], [5, 'never closed']]);
    expect(whole.problems.map((p) => p.code)).toEqual(['csv-malformed']);
  });
});
