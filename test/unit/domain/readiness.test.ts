import { describe, expect, it } from 'vitest';
import { EMPTY_PORT_FIELDS, type PortFields } from '../../../src/shared/model';
import { loaProblems, submitProblems } from '../../../src/shared/domain/readiness';
import { READY_FIELDS } from '../../support/port-fields';

const complete: PortFields = { ...EMPTY_PORT_FIELDS, name: 'Acme HQ', ...READY_FIELDS };
const ready = { fields: complete, numberCount: 3, hasLoa: true, hasBill: true };

describe('submit readiness', () => {
  it('accepts a complete port', () => {
    expect(submitProblems(ready)).toEqual([]);
  });

  it.each([
    ['losingCarrier', 'Losing carrier is missing'],
    ['billingName', 'Name on the bill (person or company) is missing'],
    ['authorizedPerson', 'Authorized person who signs the LOA is missing'],
    ['billingPhone', 'Billing telephone number (BTN) is missing'],
    ['street', 'Service address street is missing'],
    ['locality', 'Service address city is missing'],
    ['region', 'Service address state/region is missing'],
    ['postalCode', 'Service address postal code is missing'],
    ['accountNumber', 'Account number with the losing carrier is missing'],
  ] as const)('names a missing %s', (field, message) => {
    const problems = submitProblems({ ...ready, fields: { ...complete, [field]: '  ' } });
    expect(problems).toEqual([{ field, message }]);
  });

  it('needs numbers, an LOA and a bill', () => {
    expect(submitProblems({ ...ready, numberCount: 0 }).map((p) => p.field)).toEqual(['numbers']);
    expect(submitProblems({ ...ready, hasLoa: false }).map((p) => p.field)).toEqual(['loa']);
    expect(submitProblems({ ...ready, hasBill: false }).map((p) => p.field)).toEqual(['bill']);
  });

  it('checks the shape of a US postal code only', () => {
    expect(submitProblems({ ...ready, fields: { ...complete, postalCode: '2000' } })[0]?.message).toMatch(/5 digits/);
    expect(submitProblems({ ...ready, fields: { ...complete, postalCode: '20001-1234' } })).toEqual([]);
    expect(submitProblems({ ...ready, fields: { ...complete, country: 'GB', postalCode: 'SW1A 1AA' } })).toEqual([]);
  });

  it('LOA generation ignores documents but not fields', () => {
    expect(loaProblems(complete, 1)).toEqual([]);
    expect(loaProblems({ ...complete, pin: '' }, 1)).toEqual([]);
    expect(loaProblems({ ...complete, accountNumber: '' }, 0).map((p) => p.field)).toEqual(['numbers', 'accountNumber']);
  });
});
