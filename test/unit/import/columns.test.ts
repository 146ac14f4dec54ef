import { describe, expect, it } from 'vitest';
import { applyRememberedMapping, guessMapping, layoutSignature } from '../../../src/main/import/columns';
import { parseDelimited } from '../../../src/main/import/csv';

describe('guessMapping', () => {
  it('maps common header spellings to port fields', () => {
    const t = parseDelimited(
      'Customer Name,TN,Name on Bill,Authorized Signer,BTN,Service Address,City,State,ZIP,Current Carrier,Acct #,PIN,Requested FOC Date,Notes\n' +
        'Acme,2025550100,Acme LLC,Dana,2025550199,1 Main St,Washington,DC,20001,Verizon,A-1,1234,2025-03-04,x\n',
    );
    expect(guessMapping(t).fields).toEqual([
      'name', 'number', 'billingName', 'authorizedPerson', 'billingPhone', 'street', 'locality', 'region',
      'postalCode', 'losingCarrier', 'accountNumber', 'pin', 'transferDate', null,
    ]);
  });

  it('uses content when there is no header: numbers, dates, e-mails, ZIP codes', () => {
    const t = parseDelimited('Acme,202-555-0100,2025-03-04,ops@acme.test,20001\nAcme,202-555-0101,2025-03-05,ops@acme.test,20002\n');
    expect(t.hasHeader).toBe(false);
    expect(guessMapping(t).fields).toEqual([null, 'number', 'focDate', 'notificationEmails', 'postalCode']);
  });

  it('gives each field to one column only and proposes a grouping column', () => {
    const t = parseDelimited('Phone,Telephone Number,Account\n2025550100,2025550101,A\n2025550102,2025550103,A\n2025550104,2025550105,B\n');
    const m = guessMapping(t);
    expect(m.fields.filter((f) => f === 'number')).toHaveLength(1);
    expect(m.groupBy).toBe(2);
  });
});

describe('layoutSignature', () => {
  it('is stable across spelling noise and different for other layouts', () => {
    const a = parseDelimited('Phone Number,Company\n2025550100,Acme\n');
    const b = parseDelimited('phone number , COMPANY\n2025550101,Beta\n');
    const c = parseDelimited('Company,Phone Number\nAcme,2025550100\n');
    expect(layoutSignature(a)).toBe(layoutSignature(b));
    expect(layoutSignature(a)).not.toBe(layoutSignature(c));
    expect(layoutSignature(a)).toMatch(/^v1:2:[0-9a-f]{16}$/);
  });

  it('re-applies a remembered mapping only to a table of the same width', () => {
    const t = parseDelimited('Phone Number,Company\n2025550100,Acme\n');
    expect(applyRememberedMapping(t, { fields: ['number', 'name'], groupBy: null })).toEqual({ fields: ['number', 'name'], groupBy: null });
    expect(applyRememberedMapping(t, { fields: ['number'], groupBy: null })).toBeUndefined();
  });
});
