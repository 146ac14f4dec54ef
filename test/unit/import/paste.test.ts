import { describe, expect, it } from 'vitest';
import { utf8Pieces } from '../../../src/main/import/decode';
import { parsePaste, streamPaste } from '../../../src/main/import/paste';
import { readSource } from '../../../src/main/import/source';
import { collectingSink } from '../../../src/main/import/rowSink';

/** The table a paste gives when the worker reads it from its UTF-8 bytes, `pieceBytes` at a time. */
function fromBytes(text: string, pieceBytes: number) {
  const { sink, rows } = collectingSink();
  const { totalRows, ...table } = streamPaste(utf8Pieces(new TextEncoder().encode(text), pieceBytes), sink);
  return { table: { ...table, rows }, totalRows };
}

// Every kind of line break, a CR LF split between pieces of 9 bytes, and characters of two and three bytes.
const EMAIL = 'Hi Zoë,\r\nplease port 202-555-0100 and\n(202) 555-0101 — 东京 office.\rAlso 202 555 0102\r\n\r\nthanks, 2025550103';

describe('a paste read from its UTF-8 bytes, a piece at a time', () => {
  it('finds the numbers of prose on the lines they were written on, whatever the pieces cut', () => {
    const expected = [
      { row: 2, cells: ['202-555-0100'] },
      { row: 3, cells: ['(202) 555-0101'] },
      { row: 4, cells: ['202 555 0102'] },
      { row: 6, cells: ['2025550103'] },
    ];
    for (const pieceBytes of [4, 9, 11, 1 << 20]) {
      const { table, totalRows } = fromBytes(EMAIL, pieceBytes);
      expect(table.rows).toEqual(expected);
      expect(totalRows).toBe(4);
    }
    expect(parsePaste(EMAIL).rows).toEqual(expected);
  });

  it('reads cells copied from a spreadsheet as a TSV, header found, as the whole string does', () => {
    const cells = 'Customer\tNumber\r\nAcme\t202-555-0100\r\nGlobex\t(202) 555-0101\r\n';
    const whole = parsePaste(cells);
    expect(whole.headers).toEqual(['Customer', 'Number']);
    expect(fromBytes(cells, 5).table).toEqual(whole);
  });

  it('refuses blank text before reading it as rows', async () => {
    expect(await readSource({ kind: 'paste', utf8: new TextEncoder().encode(' \r\n\t ') })).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'Nothing was pasted.' } });
  });
});
