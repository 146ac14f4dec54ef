import {
  parsePhoneNumberFromString,
  getCountries,
  getCountryCallingCode,
  type CountryCode,
} from 'libphonenumber-js/max';

/** Why a number was refused, for callers that react differently (e.g. a typo hint vs. two numbers run together). */
export type NumberFailure =
  | 'empty'
  | 'letters'
  | 'too-long'
  | 'too-short'
  | 'not-a-number'
  | 'wrong-length'
  | 'invalid';

export type NumberParse =
  | {
      ok: true;
      e164: string;
      /** ISO country the number belongs to, when libphonenumber can tell. */
      country?: CountryCode;
      /** Human note about what was changed (vanity letters, extension). */
      note?: string;
      /** Extension that was removed, digits only. */
      extension?: string;
      /** True when letters were converted to digits (1-800-FLOWERS). */
      vanity?: boolean;
    }
  | { ok: false; reason: string; code: NumberFailure };

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

const EXTENSION = /\s*(?:,\s*)?(?:ext\.?|extension|x|#)\s*(\d{1,7})\s*$/i;
/** Only separators people actually type between digit groups. */
const PLAIN = /^\+?[\d\s().\-/]+$/;

interface NanpEntry {
  valid: boolean;
  country: CountryCode | undefined;
}

/**
 * libphonenumber's full parse costs ~15-25 µs; 100k rows would take seconds. North American
 * numbers are allocated per NPA-NXX (the first six national digits) and libphonenumber's NANP
 * patterns never look past them (the last four digits are always `\d{4}`), so validity and
 * country are memoised per default country + NPA-NXX. A bounded map keeps memory flat.
 */
const nanpCache = new Map<string, NanpEntry>();
const NANP_CACHE_LIMIT = 200_000;

function nanpNational(digits: string, plus: boolean, defaultIsNanp: boolean): string | undefined {
  if (plus) return digits.length === 11 && digits[0] === '1' ? digits.slice(1) : undefined;
  if (!defaultIsNanp) return undefined;
  if (digits.length === 10) return digits;
  if (digits.length === 11 && digits[0] === '1') return digits.slice(1);
  return undefined;
}

function fastNanp(candidate: string, defaultCountry: CountryCode): NumberParse | undefined {
  if (!PLAIN.test(candidate)) return undefined;
  const plus = candidate.trimStart().startsWith('+');
  const digits = candidate.replace(/\D/g, '');
  const national = nanpNational(digits, plus, callingCodeOf(defaultCountry) === '1');
  // National numbers starting 0/1 are impossible in NANP; let the full parser word the reason.
  if (national === undefined || national < '2') return undefined;
  const key = `${defaultCountry}:${national.slice(0, 6)}`;
  let entry = nanpCache.get(key);
  if (!entry) {
    const parsed = parsePhoneNumberFromString(`+1${national}`, defaultCountry);
    if (!parsed) return undefined;
    entry = { valid: parsed.isValid(), country: parsed.country };
    if (nanpCache.size >= NANP_CACHE_LIMIT) nanpCache.clear();
    nanpCache.set(key, entry);
  }
  if (!entry.valid) return undefined;
  const e164 = `+1${national}`;
  return entry.country ? { ok: true, e164, country: entry.country } : { ok: true, e164 };
}

/** What the full parse says of a candidate; `where` names the country (or +code) a failure is about. */
type FullParse = { ok: true; e164: string; country: CountryCode | undefined; ext: string | undefined } | { ok: false; code: 'not-a-number' | 'wrong-length' | 'invalid'; where: string };

function fullParse(candidate: string, defaultCountry: CountryCode): FullParse {
  const parsed = parsePhoneNumberFromString(candidate, defaultCountry);
  if (!parsed) return { ok: false, code: 'not-a-number', where: '' };
  const where = parsed.country ?? `+${parsed.countryCallingCode}`;
  if (!parsed.isPossible()) return { ok: false, code: 'wrong-length', where };
  if (!parsed.isValid()) return { ok: false, code: 'invalid', where };
  return { ok: true, e164: parsed.number, country: parsed.country, ext: parsed.ext };
}

/**
 * The full parse of a plain candidate (digits, the separators of {@link PLAIN}, a leading +),
 * kept per default country, + and digits: libphonenumber reads such text as its digits and that
 * +, nothing else, so cells that differ only in how they are punctuated share one outcome (the
 * message is still worded with each cell as written). A file repeating a placeholder or a
 * mistyped number parses it once (the bench's 5,000 invalid cells are 275 values). Bounded like
 * the NANP cache.
 */
const plainCache = new Map<string, FullParse>();
const PLAIN_CACHE_LIMIT = 50_000;

function plainParse(candidate: string, digits: string, defaultCountry: CountryCode): FullParse {
  const key = `${defaultCountry}:${candidate.startsWith('+') ? '+' : ''}${digits}`;
  let outcome = plainCache.get(key);
  if (!outcome) {
    outcome = fullParse(candidate, defaultCountry);
    if (plainCache.size >= PLAIN_CACHE_LIMIT) plainCache.clear();
    // An extension would come from more than the digits: such an outcome is not shared.
    if (!outcome.ok || outcome.ext === undefined) plainCache.set(key, outcome);
  }
  return outcome;
}

const callingCodes = new Map<string, string>();
function callingCodeOf(country: CountryCode): string {
  let code = callingCodes.get(country);
  if (code === undefined) {
    code = getCountryCallingCode(country);
    callingCodes.set(country, code);
  }
  return code;
}

/**
 * Normalise a telephone number written any common way (`2025559000`, `+1 202-555-9000`,
 * `(202) 555.9000`, `1-800-FLOWERS`, `202-555-9000 x12`) to E.164, using `defaultCountry` when no
 * `+` prefix is given. Fails with a reason a specialist understands rather than guessing.
 */
export function normalizeNumber(input: string, defaultCountry: CountryCode = 'US'): NumberParse {
  const raw = input.trim();
  if (raw === '') return { ok: false, code: 'empty', reason: 'is empty' };
  const fast = fastNanp(raw, defaultCountry);
  if (fast) return fast;

  let candidate = raw;
  let extension: string | undefined;
  const ext = EXTENSION.exec(raw);
  if (ext && /\d/.test(raw.slice(0, ext.index))) {
    extension = ext[1];
    candidate = raw.slice(0, ext.index).trim();
  }
  let vanity = false;
  if (/[a-z]/i.test(candidate)) {
    // A vanity number is digits followed by a word of 3+ letters (1-800-FLOWERS); a stray letter
    // among digits is almost always a typo (O for 0, l for 1) and must not be "converted".
    if (!/^\+?[\d\s().-]*\d[\d\s().-]*[A-Za-z]{3}[A-Za-z\d\s().-]*$/.test(candidate)) {
      const letters = [...new Set(candidate.match(/[a-z]/gi) ?? [])].join('');
      const hint = /\d/.test(candidate) && letters.length <= 2 ? ` ("${letters}"; a typo for a digit?)` : '';
      return { ok: false, code: 'letters', reason: `"${raw}" contains letters${hint} and is not a phone number` };
    }
    candidate = candidate.replace(/[A-Za-z]/g, (c) => VANITY[c.toUpperCase()] ?? c);
    vanity = true;
  }
  const digits = candidate.replace(/\D/g, '');
  if (digits.length > 15) {
    return {
      ok: false,
      code: 'too-long',
      reason: `"${raw}" has ${digits.length} digits; a phone number has at most 15 (two numbers run together, or an account or SIM number?)`,
    };
  }
  if (digits.length < 4) return { ok: false, code: 'too-short', reason: `"${raw}" is too short to be a phone number` };
  const parsed = !vanity && extension === undefined && PLAIN.test(candidate) ? plainParse(candidate, digits, defaultCountry) : fullParse(candidate, defaultCountry);
  if (!parsed.ok) {
    if (parsed.code === 'not-a-number') return { ok: false, code: 'not-a-number', reason: `"${raw}" is not a phone number` };
    if (parsed.code === 'wrong-length') return { ok: false, code: 'wrong-length', reason: `"${raw}" has the wrong number of digits for ${parsed.where}` };
    return { ok: false, code: 'invalid', reason: `"${raw}" is not a valid number in ${parsed.where}` };
  }
  extension ??= parsed.ext;
  const notes: string[] = [];
  if (vanity) notes.push(`vanity number "${raw}" converted to ${parsed.e164}`);
  if (extension) notes.push(`extension ${extension} removed`);
  const result: NumberParse = { ok: true, e164: parsed.e164 };
  if (parsed.country) result.country = parsed.country;
  if (notes.length > 0) result.note = notes.join('; ');
  if (extension) result.extension = extension;
  if (vanity) result.vanity = true;
  return result;
}

/** Format an E.164 number for display in its national style (falls back to the E.164 text). */
export function formatNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** The ISO country an E.164 number belongs to (NANP numbers are told apart by area code), or null. */
export function countryOfNumber(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.country ?? null;
}
