import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { hash32 } from './prng';

/** Normalise a phone number to E.164 (US default region); undefined when it is not a number. */
export function toE164(raw: string): string | undefined {
  const parsed = parsePhoneNumberFromString(raw.trim(), 'US');
  if (!parsed) return undefined;
  // 555-01xx numbers are fictional and fail isValid(); possible numbers are enough here.
  if (!parsed.isPossible()) return undefined;
  return parsed.number;
}

/** Losing carriers the sandbox pretends own numbers; the last one does not allow porting out. */
export const CARRIERS = [
  'PACIFIC BELL',
  'VERIZON NEW YORK',
  'AT&T MOBILITY',
  'T-MOBILE USA',
  'COMCAST PHONE',
  'LUMEN (CENTURYLINK)',
  'FRONTIER COMMUNICATIONS',
  'SPECTRUM VOICE',
  'NORTHSTAR RURAL TELEPHONE',
] as const;

/** The carrier that currently serves `e164`, derived deterministically from its NPA-NXX. */
export function carrierOf(e164: string): string {
  const npaNxx = e164.slice(0, 8);
  const carrier = CARRIERS[hash32(npaNxx) % CARRIERS.length];
  return carrier ?? 'PACIFIC BELL';
}

/** Whether the carrier of `e164` releases numbers to other carriers. */
export function carrierAllowsPortOut(e164: string): boolean {
  return carrierOf(e164) !== 'NORTHSTAR RURAL TELEPHONE';
}
