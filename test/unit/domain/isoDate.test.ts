import { describe, expect, it } from 'vitest';
import { IsoDateSchema, PortFieldsPatchSchema } from '../../../src/shared/model';
import { SavedFilterSchema } from '../../../src/shared/domain/portFilter';

describe('IsoDateSchema', () => {
  it('refuses days a month does not have, which Date.parse rolls into the next month', () => {
    for (const impossible of ['2026-02-30', '2026-02-31', '2026-02-29', '2026-04-31', '2026-06-31', '2026-09-31', '2026-11-31']) {
      const result = IsoDateSchema.safeParse(impossible);
      expect(result.success, impossible).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('is not a real calendar date');
    }
  });

  it('refuses months and days out of range and other spellings', () => {
    for (const bad of ['2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32', '2026-1-5', '20260105', '2026-01-05T00:00']) expect(IsoDateSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('takes every real day, leap days included', () => {
    for (const real of ['2028-02-29', '2000-02-29', '2026-02-28', '2026-12-31', '2026-01-01', '2026-04-30']) expect(IsoDateSchema.parse(real)).toBe(real);
  });

  it('is the check of the port dates and of the FOC filter range', () => {
    expect(PortFieldsPatchSchema.safeParse({ focDate: '2026-02-30' }).success).toBe(false);
    expect(PortFieldsPatchSchema.safeParse({ transferDate: '2026-04-31' }).success).toBe(false);
    expect(PortFieldsPatchSchema.parse({ focDate: '', transferDate: '2028-02-29' })).toEqual({ focDate: '', transferDate: '2028-02-29' });
    expect(SavedFilterSchema.safeParse({ focFrom: '2026-02-30' }).success).toBe(false);
  });
});
