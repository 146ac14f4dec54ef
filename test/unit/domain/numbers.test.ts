import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { normalizeNumber, formatNumber, isCountryCode } from '../../../src/shared/domain/numbers';

describe('normalizeNumber', () => {
  it.each([
    ['2025550100', '+12025550100'],
    ['(202) 555-0100', '+12025550100'],
    ['+1 202.555.0100', '+12025550100'],
    ['1-202-555-0100', '+12025550100'],
    ['202 555 0100', '+12025550100'],
  ])('normalises %s', (input, e164) => {
    const r = normalizeNumber(input, 'US');
    expect(r).toMatchObject({ ok: true, e164, country: 'US' });
  });

  it('uses the default country only without a + prefix', () => {
    expect(normalizeNumber('020 7946 0958', 'GB')).toMatchObject({ ok: true, e164: '+442079460958', country: 'GB' });
    expect(normalizeNumber('+44 20 7946 0958', 'US')).toMatchObject({ ok: true, e164: '+442079460958', country: 'GB' });
  });

  it('strips extensions and says so', () => {
    const r = normalizeNumber('202-555-0100 ext. 45', 'US');
    expect(r).toMatchObject({ ok: true, e164: '+12025550100', extension: '45' });
    expect(r.ok && r.note).toContain('extension 45 removed');
  });

  it('converts vanity numbers with a note', () => {
    const r = normalizeNumber('1-800-FLOWERS', 'US');
    expect(r).toMatchObject({ ok: true, e164: '+18003569377', vanity: true });
    expect(r.ok && r.note).toContain('vanity');
  });

  it('refuses a stray letter as a likely typo rather than converting it', () => {
    const r = normalizeNumber('202-555-01OO', 'US');
    expect(r).toMatchObject({ ok: false, code: 'letters' });
    expect(!r.ok && r.reason).toContain('typo');
  });

  it('gives specific reasons for 20 digits, too short, wrong length and invalid numbers', () => {
    expect(normalizeNumber('12345678901234567890', 'US')).toMatchObject({ ok: false, code: 'too-long' });
    expect(normalizeNumber('555', 'US')).toMatchObject({ ok: false, code: 'too-short' });
    expect(normalizeNumber('202555010', 'US')).toMatchObject({ ok: false, code: 'wrong-length' });
    expect(normalizeNumber('1234567890', 'US')).toMatchObject({ ok: false });
    expect(normalizeNumber('  ', 'US')).toMatchObject({ ok: false, code: 'empty' });
  });

  it('agrees with libphonenumber on NANP numbers (the NPA-NXX cache is exact)', () => {
    // Deterministic spread over area codes and exchanges, including non-US NANP countries.
    let x = 12345;
    for (let i = 0; i < 3000; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      const national = String(2_000_000_000 + (x % 8_000_000_000)).padStart(10, '0');
      for (const input of [national, `+1${national}`]) {
        const lib = parsePhoneNumberFromString(input, 'US');
        const ours = normalizeNumber(input, 'US');
        const libValid = lib?.isValid() === true;
        expect(ours.ok, input).toBe(libValid);
        if (ours.ok && lib) {
          expect(ours.e164).toBe(lib.number);
          expect(ours.country).toBe(lib.country);
        }
      }
    }
  });

  it('words each plain cell as written with what a full parse says of its digits (the outcome is kept by country, + and digits)', () => {
    // What normalizeNumber said before keeping outcomes: libphonenumber's verdict on the cell itself.
    const reference = (cell: string, country: CountryCode) => {
      const lib = parsePhoneNumberFromString(cell, country);
      if (!lib) return { ok: false, code: 'not-a-number', reason: `"${cell}" is not a phone number` };
      const where = lib.country ?? `+${lib.countryCallingCode}`;
      if (!lib.isPossible()) return { ok: false, code: 'wrong-length', reason: `"${cell}" has the wrong number of digits for ${where}` };
      if (!lib.isValid()) return { ok: false, code: 'invalid', reason: `"${cell}" is not a valid number in ${where}` };
      return lib.country ? { ok: true, e164: lib.number, country: lib.country } : { ok: true, e164: lib.number };
    };
    // The same digits punctuated several ways, with and without +, under several default countries.
    const digits = ['0115550007', '82975513', '829755132', '442079460958', '02079460958', '1115550100', '1202555012', '120255501234', '4930123456', '5550007', '33142685300'];
    const cells = digits.flatMap((d) => [d, `+${d}`, `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`, `${d.slice(0, 3)}.${d.slice(3)}`, `${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5)}`]);
    for (const country of ['US', 'CA', 'DO', 'GB', 'DE', 'FR', 'BR'] as const) {
      for (const cell of cells) expect(normalizeNumber(cell, country), `${cell} in ${country}`).toEqual(reference(cell, country));
    }
  });

  it('knows country codes and formats numbers', () => {
    expect(isCountryCode('US')).toBe(true);
    expect(isCountryCode('XX')).toBe(false);
    expect(formatNumber('+12025550100')).toBe('+1 202 555 0100');
  });
});
