import { describe, expect, it } from 'vitest';
import { CERTIFICATE_WARNING_DAYS, certificateExpiry, expiryText } from '../../../src/shared/domain/trustedCa';

const now = Date.parse('2026-12-02T12:00:00Z');
const day = 86_400_000;
/** A date as node:crypto's X509Certificate.validTo writes it. */
const validTo = (at: number) => {
  const d = new Date(at);
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)} ${d.getUTCFullYear()} GMT`;
};

describe('the end of a connection\'s trusted certificates', () => {
  it('is said once passed, and within the warning days before, by the first certificate to end', () => {
    expect(certificateExpiry(['Jan  1 00:00:00 2021 GMT'], now)).toEqual({ kind: 'expired' });
    expect(certificateExpiry([validTo(now)], now)).toEqual({ kind: 'expired' });
    expect(certificateExpiry([validTo(now + 12 * day)], now)).toEqual({ kind: 'soon', days: 12 });
    expect(certificateExpiry([validTo(now + 2 * 365 * day), validTo(now + day / 2)], now)).toEqual({ kind: 'soon', days: 1 });
    expect(certificateExpiry([validTo(now + CERTIFICATE_WARNING_DAYS * day)], now)).toEqual({ kind: 'soon', days: CERTIFICATE_WARNING_DAYS });
    expect(certificateExpiry([validTo(now + (CERTIFICATE_WARNING_DAYS + 1) * day)], now)).toBeNull();
  });

  it('is not guessed from a date that does not read, nor from no certificate', () => {
    expect(certificateExpiry(['not a date'], now)).toBeNull();
    expect(certificateExpiry([], now)).toBeNull();
  });

  it('reads as the line says it', () => {
    expect(expiryText({ kind: 'expired' })).toBe('expired');
    expect(expiryText({ kind: 'soon', days: 1 })).toBe('expires in 1 day');
    expect(expiryText({ kind: 'soon', days: 12 })).toBe('expires in 12 days');
  });
});
