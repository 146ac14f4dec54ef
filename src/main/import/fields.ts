import { z } from 'zod';
import type { CountryCode } from 'libphonenumber-js/max';
import { PortFieldsSchema, isCalendarDate } from '../../shared/model';
import { normalizeNumber } from '../../shared/domain/numbers';
import { normalizeUsRegion } from '../../shared/domain/usStates';
import type { MappableField } from './columns';

export type FieldValue = Readonly<{ ok: true; value: string } | { ok: false; message: string }>;

const DATE_FIELDS = new Set<MappableField>(['focDate', 'transferDate']);
/** Countries writing dates month first; elsewhere 03/04/2025 is the 3rd of April. */
const MONTH_FIRST = new Set(['US', 'CA', 'PH', 'FM', 'MH', 'PW']);
const email = z.email();

/** Read a date as written in spreadsheets (ISO, 2025/03/04, 3/4/2025, 3/4/25) as YYYY-MM-DD. */
export function parseDate(text: string, country: CountryCode): string | undefined {
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(text);
  const local = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(text);
  if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (local) {
    const [a, b] = [Number(local[1]), Number(local[2])];
    [m, d] = MONTH_FIRST.has(country) ? [a, b] : [b, a];
    y = Number(local[3]);
    if (local[3]!.length === 2) y += 2000;
  } else {
    return undefined;
  }
  if (y < 1900 || !isCalendarDate(y, m, d)) return undefined;
  const value = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return value;
}

/** Values already read, by field, country and text; cleared when full, so memory stays flat. */
const seen = new Map<MappableField, Map<CountryCode, Map<string, FieldValue>>>();
let seenCount = 0;
const SEEN_LIMIT = 10_000;

/**
 * Normalise one mapped cell for a port field: dates to YYYY-MM-DD, the billing phone to E.164,
 * e-mail lists checked, lengths checked against the port model. A refused value is left out
 * of the port (with a warning), never stored half-right. A file repeats its carriers, accounts
 * and dates on row after row, so each value is read once (the schema check is most of an
 * import row's cost after its number); the values are kept by field and country, then text,
 * since one key joining the three built a new string for every cell.
 */
export function normalizeField(field: MappableField, text: string, country: CountryCode): FieldValue {
  let byCountry = seen.get(field);
  if (!byCountry) seen.set(field, (byCountry = new Map()));
  let byText = byCountry.get(country);
  if (!byText) byCountry.set(country, (byText = new Map()));
  let value = byText.get(text);
  if (value === undefined) {
    value = readField(field, text, country);
    if (seenCount >= SEEN_LIMIT) {
      for (const other of seen.values()) for (const values of other.values()) values.clear();
      seenCount = 0;
    }
    byText.set(text, value);
    seenCount++;
  }
  return value;
}

function readField(field: MappableField, text: string, country: CountryCode): FieldValue {
  if (DATE_FIELDS.has(field)) {
    const date = parseDate(text, country);
    return date ? { ok: true, value: date } : { ok: false, message: `"${text}" is not a date (expected e.g. 2025-03-04)` };
  }
  if (field === 'billingPhone') {
    const parsed = normalizeNumber(text, country);
    return parsed.ok ? { ok: true, value: parsed.e164 } : { ok: false, message: parsed.reason };
  }
  if (field === 'notificationEmails') {
    const list = text.split(/[\s,;]+/).filter(Boolean);
    const bad = list.find((e) => !email.safeParse(e).success);
    return bad === undefined ? { ok: true, value: list.join(', ') } : { ok: false, message: `"${bad}" is not an e-mail address` };
  }
  // Carriers match a US address's state on its two-letter code: "Illinois" is stored as IL.
  const value = field === 'country' ? text.toUpperCase() : field === 'region' && country === 'US' ? normalizeUsRegion(text) : text;
  if (field === 'country' && !/^[A-Z]{2}$/.test(value)) {
    return { ok: false, message: `"${text}" is not a two-letter country code (e.g. US)` };
  }
  const check = PortFieldsSchema.shape[field].safeParse(value);
  // The schema's output: the value as stored (controls, escapes and bidi overrides removed).
  return check.success ? { ok: true, value: String(check.data) } : { ok: false, message: `"${text}" ${check.error.issues[0]?.message ?? 'is not accepted'}` };
}

/** The e-mail list stored in a field value, as the port model wants it. */
export function emailList(value: string): string[] {
  return value === '' ? [] : value.split(', ');
}
