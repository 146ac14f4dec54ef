import { describe, expect, it } from 'vitest';
import { expandRange, splitRange } from '../../../src/main/import/ranges';
import { parseNumberCell } from '../../../src/main/import/numberCell';

describe('splitRange', () => {
  it.each([
    ['2025550100-0199', '2025550100', '0199'],
    ['2025550100-2025550199', '2025550100', '2025550199'],
    ['202-555-0100 to 202-555-0199', '202-555-0100', '202-555-0199'],
    ['202-555-0100 to 0199', '202-555-0100', '0199'],
    ['202-555-0100 - 0105', '202-555-0100', '0105'],
    ['+1 202 555 0100 through 0109', '+1 202 555 0100', '0109'],
  ])('splits %s', (text, start, end) => {
    expect(splitRange(text)).toEqual({ start, end });
  });

  it('does not take a formatted single number for a range', () => {
    expect(splitRange('202-555-0100')).toBeUndefined();
    expect(splitRange('1-202-555-0100')).toBeUndefined();
  });
});

describe('expandRange', () => {
  it('expands abbreviated and full ends, inclusive', () => {
    const r = expandRange({ start: '2025550100', end: '0104' });
    expect(r).toEqual({ ok: true, digits: ['2025550100', '2025550101', '2025550102', '2025550103', '2025550104'] });
    expect(expandRange({ start: '+12025550198', end: '+12025550201' })).toEqual({
      ok: true,
      digits: ['+12025550198', '+12025550199', '+12025550200', '+12025550201'],
    });
  });

  it('refuses ranges above the cap, backwards ranges and longer ends', () => {
    const big = expandRange({ start: '2025550000', end: '2025599999' });
    expect(big).toMatchObject({ ok: false, code: 'range-too-large' });
    expect(!big.ok && big.message).toContain('50,000 numbers');
    expect(expandRange({ start: '2025550100', end: '0199' }, 50)).toMatchObject({ ok: false, code: 'range-too-large' });
    expect(expandRange({ start: '2025550700', end: '0600' })).toMatchObject({ ok: false, code: 'range-invalid' });
    expect(expandRange({ start: '5550100', end: '2025550199' })).toMatchObject({ ok: false, code: 'range-invalid' });
  });
});

describe('parseNumberCell', () => {
  const options = { defaultCountry: 'US' as const };

  it('expands every range form to the same numbers', () => {
    for (const text of ['2025550100-0199', '2025550100-2025550199', '202-555-0100 to 202-555-0199', '202-555-0100 to 0199']) {
      const cell = parseNumberCell(text, options);
      expect(cell.numbers).toHaveLength(100);
      expect(cell.numbers[0]?.e164).toBe('+12025550100');
      expect(cell.numbers[99]?.e164).toBe('+12025550199');
      expect(cell.issues).toEqual([]);
    }
  });

  it('reads lists, and keeps an extension after a comma with its number', () => {
    const cell = parseNumberCell('2025550100, 2025550101; 202-555-0102, ext 4', options);
    expect(cell.numbers.map((n) => n.e164)).toEqual(['+12025550100', '+12025550101', '+12025550102']);
    expect(cell.issues).toMatchObject([{ severity: 'warning', code: 'number-extension' }]);
  });

  it('reports each kind of bad number with its own code', () => {
    expect(parseNumberCell('12345678901234567890', options).issues[0]).toMatchObject({ severity: 'error', code: 'number-too-long' });
    expect(parseNumberCell('call me', options).issues[0]).toMatchObject({ severity: 'error', code: 'number-letters' });
    expect(parseNumberCell('1-800-FLOWERS', options).issues[0]).toMatchObject({ severity: 'warning', code: 'number-vanity' });
    expect(parseNumberCell('+44 20 7946 0958', options).issues[0]).toMatchObject({ severity: 'warning', code: 'number-other-country' });
    const big = parseNumberCell('2025550000-2025599999', options);
    expect(big).toMatchObject({ numbers: [], invalid: 1, issues: [{ code: 'range-too-large' }] });
  });
});
