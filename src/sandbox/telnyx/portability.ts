import { carrierAllowsPortOut, carrierOf, toE164 } from '../util/phone';

export interface PortabilityResult {
  raw_number: string;
  e164_number: string;
  portable: boolean;
  portability_status: 'confirmed' | 'pending';
  carrier_name: string;
  coverage_category: 'nanp_generic';
  non_portable_reason: string | null;
}

/**
 * Portability of one number: invalid numbers, numbers of carriers that refuse port-out and
 * numbers already on an active port request are not portable.
 */
export function checkPortability(raw: string, activeNumbers: ReadonlySet<string>): PortabilityResult {
  const e164 = toE164(raw);
  if (!e164 || !e164.startsWith('+1')) {
    return {
      raw_number: raw,
      e164_number: e164 ?? '',
      portable: false,
      portability_status: 'confirmed',
      carrier_name: '',
      coverage_category: 'nanp_generic',
      non_portable_reason: 'invalid_phone_number',
    };
  }
  const carrier = carrierOf(e164);
  let reason: string | null = null;
  if (!carrierAllowsPortOut(e164)) reason = 'carrier_not_supported';
  else if (activeNumbers.has(e164)) reason = 'already_in_active_port_request';
  return {
    raw_number: raw,
    e164_number: e164,
    portable: reason === null,
    portability_status: 'confirmed',
    carrier_name: carrier,
    coverage_category: 'nanp_generic',
    non_portable_reason: reason,
  };
}
