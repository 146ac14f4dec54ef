import { describe, expect, it } from 'vitest';
import { EMPTY_PORT_FIELDS, type PortFields } from '../../../src/shared/model';
import { KAZOO_CAPABILITIES, KAZOO_MARKER_FIELD, canonicalJson, contentRevision, dateToGregorian, gregorianToDate, kazooToPort, portToKazoo, readKazooError } from '../../../src/main/sync/adapters/kazoo';
import { TELNYX_CAPABILITIES, fieldsToLoaPatch, readTelnyxError, telnyxState, telnyxStatusText } from '../../../src/main/sync/adapters/telnyx';
import { sameContent } from '../../../src/main/sync/adapters/types';
import { normalizeBaseUrl } from '../../../src/main/remotes/url';

const fields: PortFields = {
  ...EMPTY_PORT_FIELDS,
  name: 'Harbor Lights',
  losingCarrier: 'PACIFIC BELL',
  billingName: 'Harbor Lights Dental',
  authorizedPerson: 'Dana Reyes',
  billingPhone: '+12025550100',
  street: '12 Harbor Way',
  locality: 'Annapolis',
  region: 'MD',
  postalCode: '21401',
  country: 'US',
  accountNumber: 'A-1',
  pin: '1234',
  transferDate: '2026-12-01',
  notificationEmails: ['ops@example.com'],
  referenceNumber: 'R-9',
  customerReference: 'C-7',
};

describe('Kazoo mapping', () => {
  it('round-trips every mapped field through the wire document', () => {
    const doc = portToKazoo({ localId: 'local-1', state: 'unconfirmed', fields, numbers: ['+12025550101', '+12025550100'] });
    expect(doc[KAZOO_MARKER_FIELD]).toBe('local-1');
    expect(doc.numbers).toEqual({ '+12025550101': {}, '+12025550100': {} });
    expect((doc.bill as Record<string, unknown>).btn).toBe('+12025550100');
    const back = kazooToPort({ ...doc, id: 'k1', port_state: 'unconfirmed' } as Parameters<typeof kazooToPort>[0], 'r1', 'acc');
    expect(back.fields).toEqual(fields);
    expect(back.numbers).toEqual(['+12025550100', '+12025550101']);
    expect(back.marker).toBe('local-1');
  });

  it('keeps fields other clients set and per-number data when merging over the server document', () => {
    const bill = { street_address: '12 Harbor Way', custom_note: 'x' };
    const base = { id: 'k1', port_state: 'rejected', numbers: { '+12025550100': { state: 'NY' } }, bill, something_else: 1 };
    const doc = portToKazoo({ localId: 'l', state: 'rejected', fields, numbers: ['+12025550100'] }, base);
    expect(doc.something_else).toBe(1);
    expect(doc.numbers).toEqual({ '+12025550100': { state: 'NY' } });
    expect(doc.bill).toMatchObject(bill);
    expect(doc.id).toBeUndefined();
    expect(doc.port_state).toBeUndefined();
  });

  const split = { streetNumber: '1543', streetPreDir: 'N', street: 'Oak', streetType: 'Ave', streetPostDir: 'SW', extendedAddress: 'Apt 4' };
  const parts43 = { street_number: '1543', street_pre_dir: 'N', street_address: 'Oak', street_type: 'Ave', street_post_dir: 'SW', extended_address: 'Apt 4' };
  const asDoc = (doc: Record<string, unknown>) => ({ ...doc, id: 'k', port_state: 'unconfirmed', name: 'n', numbers: {} }) as Parameters<typeof kazooToPort>[0];

  it('4.3: each street part in its own bill field, both ways; an edit of one part leaves the others and custom keys as they are', () => {
    const pulled = kazooToPort(asDoc({ bill: { ...parts43, custom_note: 'x' }, carrier: 'AT&T' }), 'r', 'acc', undefined, '4.3');
    expect(pulled.fields).toMatchObject(split);
    expect(pulled.fields.losingCarrier).toBe('AT&T');
    const base = { bill: { ...parts43, custom_note: 'x' } };
    const doc = portToKazoo({ localId: 'l', state: 'unconfirmed', fields: { ...fields, ...split, streetPreDir: 'S' }, numbers: [] }, base, '4.3');
    expect(doc.bill).toMatchObject({ ...parts43, street_pre_dir: 'S', custom_note: 'x' });
    const emptied = portToKazoo({ localId: 'l', state: 'unconfirmed', fields: { ...fields, ...split, streetPostDir: '' }, numbers: [] }, base, '4.3');
    expect(emptied.bill).not.toHaveProperty('street_post_dir');
  });

  it('4.0-4.2: the whole line in street_address (what their LOA prints), the parts beside it come back apart', () => {
    const doc = portToKazoo({ localId: 'l', state: 'unconfirmed', fields: { ...fields, ...split }, numbers: [] }, { bill: { custom_note: 'x' } }, '4.2');
    expect(doc.bill).toMatchObject({ street_address: '1543 N Oak Ave SW', street_number: '1543', street_pre_dir: 'N', street_type: 'Ave', street_post_dir: 'SW', extended_address: 'Apt 4', custom_note: 'x' });
    expect(kazooToPort(asDoc(doc), 'r', 'acc', undefined, '4.2').fields).toMatchObject(split);
    // Someone rewrote the line in Kazoo since: the line is the street, the stale parts are not read.
    const rewritten = kazooToPort(asDoc({ bill: { ...(doc.bill as object), street_address: '1600 Pennsylvania Ave NW' } }), 'r', 'acc', undefined, '4.2');
    expect(rewritten.fields).toMatchObject({ streetNumber: '', streetPreDir: '', street: '1600 Pennsylvania Ave NW', streetType: '', streetPostDir: '' });
    // A bill with only the 4.0 docs' `address` keeps that key, with the new line.
    const old = portToKazoo({ localId: 'l', state: 'unconfirmed', fields: { ...fields, ...split }, numbers: [] }, { bill: { address: '116, natoma street' } }, '4.2');
    expect(old.bill).toMatchObject({ address: '1543 N Oak Ave SW' });
    expect(old.bill).not.toHaveProperty('street_address');
  });

  it('reads the 4.0-4.2 names (carrier, bill.address) as one street line', () => {
    const v40 = kazooToPort({ id: 'k', port_state: 'submitted', name: 'n', numbers: {}, carrier: 'PACIFIC BELL', bill: { address: '116, natoma street' } } as Parameters<typeof kazooToPort>[0], 'r', 'acc', undefined, '4.2');
    expect(v40.fields.street).toBe('116, natoma street');
    expect(v40.fields.streetNumber).toBe('');
    expect(v40.fields.losingCarrier).toBe('PACIFIC BELL');
  });

  it('converts dates to and from Gregorian seconds', () => {
    expect(dateToGregorian('1970-01-01')).toBe(62_167_219_200);
    expect(gregorianToDate(dateToGregorian('2026-02-28'))).toBe('2026-02-28');
  });

  it('hashes documents independently of key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(contentRevision({ a: 1, b: 2 })).toBe(contentRevision({ b: 2, a: 1 }));
    expect(contentRevision({ a: 1 })).not.toBe(contentRevision({ a: 2 }));
  });

  it('compares only mapped fields and numbers', () => {
    const remote = { remoteObjectId: 'k', revision: 'r', accountId: 'a', state: 'submitted' as const, fields, numbers: ['+1', '+2'], marker: null };
    expect(sameContent(KAZOO_CAPABILITIES, remote, { localId: 'l', state: 'unconfirmed', fields, numbers: ['+2', '+1'] })).toBe(true);
    expect(sameContent(KAZOO_CAPABILITIES, remote, { localId: 'l', state: 'unconfirmed', fields: { ...fields, pin: '9' }, numbers: ['+1', '+2'] })).toBe(false);
    expect(sameContent(TELNYX_CAPABILITIES, remote, { localId: 'l', state: 'unconfirmed', fields: { ...fields, winningCarrier: 'X' }, numbers: ['+1', '+2'] })).toBe(true);
  });
});

describe('Telnyx mapping', () => {
  it('sends only filled fields, the requested FOC date mid-window and the connection; never the name (v1 has no field for it)', () => {
    const patch = fieldsToLoaPatch({ ...fields, extendedAddress: '' }, 'conn-1');
    expect(patch).toMatchObject({ administrative_area: 'MD', foc_date_requested_by_user: '2026-12-01T16:00:00.000Z', default_connection_id: 'conn-1' });
    expect(patch).not.toHaveProperty('extended_address');
    expect(patch).not.toHaveProperty('description');
    expect(Object.values(patch)).not.toContain('Harbor Lights');
    expect(TELNYX_CAPABILITIES.fields).not.toContain('name');
  });

  it('sends the street parts as its one street line and the unit as its second line', () => {
    const patch = fieldsToLoaPatch({ ...fields, streetNumber: '1543', streetPreDir: 'N', street: 'Oak', streetType: 'Ave', streetPostDir: '', extendedAddress: 'Apt 4' });
    expect(patch).toMatchObject({ street_address: '1543 N Oak Ave', extended_address: 'Apt 4' });
  });

  it('folds sub request statuses into one local state; in-process and unknown words never count as progress', () => {
    expect(telnyxState(['unassigned'])).toBe('submitted');
    expect(telnyxState(['in-process'])).toBe('submitted');
    expect(telnyxState(['in-process', 'ported'])).toBe('submitted');
    expect(telnyxState(['submitted', 'foc-date-confirmed'])).toBe('pending');
    expect(telnyxState(['foc-date-confirmed', 'ported'])).toBe('scheduled');
    expect(telnyxState(['ported'])).toBe('completed');
    expect(telnyxState(['ported', 'cancelled'])).toBe('completed');
    expect(telnyxState(['exception', 'submitted'])).toBe('rejected');
    expect(telnyxState(['cancelled', 'cancel-pending'])).toBe('canceled');
    expect(telnyxState(['on-hold-by-carrier'])).toBe('submitted');
    expect(telnyxState(['ported', 'on-hold-by-carrier'])).toBe('submitted');
  });

  it('shows the statuses verbatim, each once', () => {
    expect(telnyxStatusText(['in-process'])).toBe('in-process');
    expect(telnyxStatusText(['exception', 'submitted', 'exception'])).toBe('exception, submitted');
  });
});

describe('server error messages', () => {
  it('Kazoo 402 keeps "accept charges" verbatim with the amount', () => {
    const r = readKazooError(402, { data: { activation_charges: 10 }, error: '402', message: 'accept charges', status: 'error' });
    expect(r.serverMessage).toBe('accept charges');
    expect(r.message).toContain('accept charges');
    expect(r.message).toContain('10.00');
    expect(r.charges).toBe(10);
  });

  it('Kazoo 500 illegal move is permanent and quotes the nested message', () => {
    const r = readKazooError(500, { data: { port_state: { enum: { cause: 'pending', message: 'Cannot move to new state from current state' } } }, error: '500', message: 'invalid request' });
    expect(r.kind).toBe('permanent');
    expect(r.message).toBe('port_state: Cannot move to new state from current state (invalid request)');
  });

  it('Kazoo 500 without a validation body stays transient', () => {
    expect(readKazooError(500, { message: 'internal error' }).kind).toBeUndefined();
  });

  it('Telnyx 422 message is the server detail', () => {
    const r = readTelnyxError(422, { errors: [{ code: '10015', title: 'Unprocessable entity', detail: 'postal_code: too short' }], message: 'postal_code: too short' });
    expect(r.message).toBe('postal_code: too short');
  });
});

describe('remote URLs', () => {
  it('accepts the server root with or without /v2 and trailing slashes', () => {
    expect(normalizeBaseUrl('http://crossbar.example.com:8000', 'kazoo')).toBe('http://crossbar.example.com:8000');
    expect(normalizeBaseUrl(' http://crossbar.example.com:8000/v2/ ', 'kazoo')).toBe('http://crossbar.example.com:8000');
    expect(normalizeBaseUrl('https://api.example.com/telnyx/', 'telnyx')).toBe('https://api.example.com/telnyx');
    // v1 hangs from the API root: a pasted operation path or the v2 root is cut back to it.
    expect(normalizeBaseUrl('https://api.telnyx.com/origination/porting/port_requests', 'telnyx')).toBe('https://api.telnyx.com');
    expect(normalizeBaseUrl('https://api.telnyx.com/v2/', 'telnyx')).toBe('https://api.telnyx.com');
  });

  it('refuses non-URLs, other schemes and credentials in the URL', () => {
    expect(() => normalizeBaseUrl('crossbar:8000', 'kazoo')).toThrow(/http/);
    expect(() => normalizeBaseUrl('ftp://x', 'kazoo')).toThrow(/http/);
    expect(() => normalizeBaseUrl('http://u:p@x', 'kazoo')).toThrow(/token/);
  });
});
