import { describe, expect, it } from 'vitest';
import { normalizeField } from '../../../src/main/import/fields';

describe('normalizeField (each value read once per field and country)', () => {
  it('reads the same text by its own field and country, however often it was read for another', () => {
    for (let i = 0; i < 3; i++) {
      expect(normalizeField('focDate', '03/04/2025', 'US')).toEqual({ ok: true, value: '2025-03-04' });
      expect(normalizeField('focDate', '03/04/2025', 'GB')).toEqual({ ok: true, value: '2025-04-03' });
      expect(normalizeField('losingCarrier', '03/04/2025', 'US')).toEqual({ ok: true, value: '03/04/2025' });
      expect(normalizeField('country', 'usa', 'US')).toMatchObject({ ok: false });
    }
  });

  it('stays right past the values it keeps', () => {
    for (let i = 0; i < 25_000; i++) expect(normalizeField('accountNumber', `A-${i}`, 'US')).toEqual({ ok: true, value: `A-${i}` });
    expect(normalizeField('focDate', '2025-02-30', 'US')).toMatchObject({ ok: false });
  });
});
