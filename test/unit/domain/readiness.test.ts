import { describe, expect, it } from 'vitest';
import { EMPTY_PORT_FIELDS, type PortFields } from '../../../src/shared/model';
import { effectiveCountry, loaProblems, loaStatusOf, submitProblems, type ReadinessInput } from '../../../src/shared/domain/readiness';
import { normalizeUsRegion, usStateCode } from '../../../src/shared/domain/usStates';
import { READY_FIELDS } from '../../support/port-fields';

const complete: PortFields = { ...EMPTY_PORT_FIELDS, name: 'Acme HQ', ...READY_FIELDS };
const ready: ReadinessInput = { fields: complete, numberCount: 3, loa: 'signed', hasBill: true, numberCountry: 'US', today: '2026-11-30' };
const fieldsOf = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('submit readiness', () => {
  it('accepts a complete port', () => {
    expect(submitProblems(ready)).toEqual([]);
  });

  it.each([
    ['losingCarrier', 'Losing carrier is missing'],
    ['winningCarrier', 'New (winning) carrier is missing: the LOA names who the numbers move to'],
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

  it('needs numbers, a signed LOA and a bill', () => {
    expect(fieldsOf(submitProblems({ ...ready, numberCount: 0 }))).toEqual(['numbers']);
    expect(submitProblems({ ...ready, loa: 'none' })).toEqual([{ field: 'loa', message: 'Signed LOA is not attached' }]);
    expect(fieldsOf(submitProblems({ ...ready, hasBill: false }))).toEqual(['bill']);
  });

  it('says when the only LOA is a generated one nobody signed', () => {
    expect(submitProblems({ ...ready, loa: 'unsigned' })).toEqual([
      { field: 'loa', message: 'The LOA was generated but not signed: open it and apply the signature, or attach the signed copy' },
    ]);
    expect(loaStatusOf([])).toBe('none');
    expect(loaStatusOf([{ kind: 'loa', unsigned: true }, { kind: 'bill', unsigned: false }])).toBe('unsigned');
    expect(loaStatusOf([{ kind: 'loa', unsigned: true }, { kind: 'loa', unsigned: false }])).toBe('signed');
  });

  it('checks a US ZIP code, taking the country from the numbers when the field is empty', () => {
    const noCountry = { ...complete, country: '' };
    expect(submitProblems({ ...ready, fields: { ...noCountry, postalCode: '2000' } })).toEqual([
      { field: 'postalCode', message: 'US ZIP code must be 5 digits (or ZIP+4, 12345-6789); "2000" is not' },
    ]);
    expect(submitProblems({ ...ready, fields: { ...noCountry, postalCode: '20001-1234' } })).toEqual([]);
    // Neither the field nor the numbers say US: nothing to check the shape against.
    expect(submitProblems({ ...ready, numberCountry: null, fields: { ...noCountry, postalCode: '2000' } })).toEqual([]);
    expect(submitProblems({ ...ready, numberCountry: 'GB', fields: { ...complete, country: 'GB', region: 'London', postalCode: 'SW1A 1AA' } })).toEqual([]);
    // The field wins over the numbers.
    expect(effectiveCountry({ country: 'ca' }, 'US')).toBe('CA');
    expect(effectiveCountry({ country: '' }, 'US')).toBe('US');
  });

  it('checks a Canadian postal code', () => {
    const ca = { ...complete, country: 'CA', region: 'ON' };
    expect(submitProblems({ ...ready, fields: { ...ca, postalCode: 'K1A 0B1' } })).toEqual([]);
    expect(fieldsOf(submitProblems({ ...ready, fields: { ...ca, postalCode: '12345' } }))).toEqual(['postalCode']);
  });

  it('refuses a region that is no US state for a US address', () => {
    expect(submitProblems({ ...ready, fields: { ...complete, region: 'Ilinois' } })).toEqual([
      { field: 'region', message: '"Ilinois" is not a US state: use its two-letter code (e.g. IL)' },
    ]);
    expect(submitProblems({ ...ready, fields: { ...complete, region: 'Illinois' } })).toEqual([]);
  });

  it('flags a requested transfer date in the past, not today or later', () => {
    expect(submitProblems({ ...ready, fields: { ...complete, transferDate: '2026-11-29' } })).toEqual([
      { field: 'transferDate', message: 'Requested transfer date 2026-11-29 is in the past' },
    ]);
    expect(submitProblems({ ...ready, fields: { ...complete, transferDate: '2026-11-30' } })).toEqual([]);
    expect(submitProblems({ ...ready, fields: { ...complete, transferDate: '2027-01-04' } })).toEqual([]);
  });

  it('LOA generation ignores documents and the transfer date but not fields', () => {
    expect(loaProblems(complete, 1, 'US')).toEqual([]);
    expect(loaProblems({ ...complete, pin: '', transferDate: '2001-01-01' }, 1, 'US')).toEqual([]);
    expect(fieldsOf(loaProblems({ ...complete, accountNumber: '' }, 0, 'US'))).toEqual(['numbers', 'accountNumber']);
    expect(fieldsOf(loaProblems({ ...complete, winningCarrier: '' }, 1, 'US'))).toEqual(['winningCarrier']);
  });
});

describe('US state names', () => {
  it.each([
    ['Illinois', 'IL'],
    ['il', 'IL'],
    [' new york ', 'NY'],
    ['District of Columbia', 'DC'],
    ['Washington, D.C.', 'DC'],
    ['Puerto Rico', 'PR'],
  ])('%s is %s', (text, code) => {
    expect(usStateCode(text)).toBe(code);
  });

  it('leaves what is no state as written', () => {
    expect(usStateCode('XX')).toBeNull();
    expect(usStateCode('Ontario')).toBeNull();
    expect(normalizeUsRegion(' Ontario ')).toBe('Ontario');
    expect(normalizeUsRegion('Illinois')).toBe('IL');
  });
});
