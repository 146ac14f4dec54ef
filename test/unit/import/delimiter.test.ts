import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../src/main/import/csv';

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
