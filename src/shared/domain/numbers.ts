import { parsePhoneNumberFromString, type CountryCode, getCountries } from 'libphonenumber-js/max';

export type NumberParse =
  | { ok: true; e164: string; note?: string }
  | { ok: false; reason: string };

const COUNTRIES = new Set<string>(getCountries());

/** True when `code` is an ISO 3166 country libphonenumber knows. */
export function isCountryCode(code: string): code is CountryCode {
  return COUNTRIES.has(code);
}

const VANITY: Record<string, string> = {
  A: '2', B: '2', C: '2', D: '3', E: '3', F: '3', G: '4', H: '4', I: '4', J: '5', K: '5', L: '5',
  M: '6', N: '6', O: '6', P: '7', Q: '7', R: '7', S: '7', T: '8', U: '8', V: '8', W: '9', X: '9',
  Y: '9', Z: '9',
};

/**
 * Normalise a telephone number written any common way (`2025559000`, `+1 202-555-9000`,
 * `(202) 555.9000`, `1-800-FLOWERS`) to E.164, using `defaultCountry` when no `+` prefix is given.
 * Fails with a reason a specialist understands rather than guessing.
 */
export function normalizeNumber(input: string, defaultCountry: CountryCode = 'US'): NumberParse {
  const raw = input.trim();
  if (raw === '') return { ok: false, reason: 'is empty' };
  let candidate = raw;
  let note: string | undefined;
  if (/[a-z]/i.test(raw.replace(/\b(ext|x)\.?\s*\d+\s*$/i, ''))) {
    // Vanity numbers keep letters only after a numeric prefix; anything else is not a number.
    if (!/^\+?[\d\s().-]*\d[\d\s().-]*[A-Za-z][A-Za-z\d\s().-]*$/.test(raw)) {
      return { ok: false, reason: `"${raw}" contains letters and is not a phone number` };
    }
    candidate = raw.replace(/[A-Za-z]/g, (c) => VANITY[c.toUpperCase()] ?? c);
    note = `vanity number "${raw}" converted to digits`;
  }
  const digits = candidate.replace(/\D/g, '');
  if (digits.length > 15) return { ok: false, reason: `"${raw}" has ${digits.length} digits; a phone number has at most 15` };
  if (digits.length < 4) return { ok: false, reason: `"${raw}" is too short to be a phone number` };
  const parsed = parsePhoneNumberFromString(candidate, defaultCountry);
  if (!parsed) return { ok: false, reason: `"${raw}" is not a phone number` };
  if (!parsed.isPossible()) return { ok: false, reason: `"${raw}" has the wrong number of digits for ${parsed.country ?? 'its country'}` };
  if (!parsed.isValid()) return { ok: false, reason: `"${raw}" is not a valid number in ${parsed.country ?? `+${parsed.countryCallingCode}`}` };
  if (parsed.ext) note = [note, `extension ${parsed.ext} removed`].filter(Boolean).join('; ');
  return note ? { ok: true, e164: parsed.number, note } : { ok: true, e164: parsed.number };
}

/** Format an E.164 number for display in its national style (falls back to the E.164 text). */
export function formatNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
