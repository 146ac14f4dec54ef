import type { CountryCode } from 'libphonenumber-js/max';
import { normalizeNumber, type NumberParse } from '../../shared/domain/numbers';
import type { ProblemCode, Severity } from './problems';
import { splitRange, expandRange, type RangeAllowance } from './ranges';
import { MAX_RANGE_SIZE } from './limits';

/** A number read from a cell, normalised. */
export interface ParsedNumber {
  e164: string;
  /** ISO country, when known; used to flag mixed countries. */
  country?: string;
}

/** A problem of one cell, before the planner gives it a row and column. */
export interface CellIssue {
  severity: Severity;
  code: ProblemCode;
  message: string;
}

export interface NumberCell {
  numbers: ParsedNumber[];
  issues: CellIssue[];
  /** Count of numbers (or ranges) that could not be read. */
  invalid: number;
}

export interface NumberCellOptions {
  defaultCountry: CountryCode;
  maxRangeSize?: number;
  /** The import's overall range caps (see {@link rangeBudget}); none when fixing one row. */
  rangeAllowance?: RangeAllowance;
}

/** Cheap test for the overwhelmingly common cell: one number, no range, no list, no letters. */
const SIMPLE = /^\+?[\d\s().]+(?:-[\d\s().]+)*$/;
const LIST_SEPARATOR = /[,;|\n]|\s+and\s+|\s+&\s+/i;
const EXTENSION_PIECE = /^\s*(?:ext\.?|extension|x)\s*\d/i;

function failureCode(parse: Extract<NumberParse, { ok: false }>): ProblemCode {
  if (parse.code === 'letters') return 'number-letters';
  if (parse.code === 'too-long') return 'number-too-long';
  return 'number-invalid';
}

/**
 * Read every number in one cell: a single number, a list (`a, b; c`), or ranges, each expanded.
 * Notes (vanity conversion, removed extension, foreign country) come back as warnings.
 */
export function parseNumberCell(text: string, options: NumberCellOptions): NumberCell {
  const out: NumberCell = { numbers: [], issues: [], invalid: 0 };
  const trimmed = text.trim();
  if (trimmed === '') return out;
  if (SIMPLE.test(trimmed) && !splitRange(trimmed)) {
    addSingle(out, trimmed, options);
    return out;
  }
  for (const piece of splitList(trimmed)) {
    const range = splitRange(piece);
    if (range && normalizeNumber(range.start, options.defaultCountry).ok) addRange(out, piece, range, options);
    else addSingle(out, piece, options);
  }
  return out;
}

function splitList(text: string): string[] {
  const pieces: string[] = [];
  for (const raw of text.split(LIST_SEPARATOR)) {
    const piece = raw.trim();
    if (piece === '') continue;
    // "202-555-0100, ext 12" is one number whose extension follows a comma.
    if (EXTENSION_PIECE.test(piece) && pieces.length > 0) pieces[pieces.length - 1] += ` ${piece}`;
    else pieces.push(piece);
  }
  return pieces;
}

function addSingle(out: NumberCell, text: string, options: NumberCellOptions): void {
  const parsed = normalizeNumber(text, options.defaultCountry);
  if (!parsed.ok) {
    out.invalid++;
    out.issues.push({ severity: 'error', code: failureCode(parsed), message: parsed.reason });
    return;
  }
  out.numbers.push(parsed.country ? { e164: parsed.e164, country: parsed.country } : { e164: parsed.e164 });
  if (parsed.vanity) {
    out.issues.push({ severity: 'warning', code: 'number-vanity', message: `vanity number "${text}" converted to ${parsed.e164}` });
  }
  if (parsed.extension) {
    out.issues.push({
      severity: 'warning',
      code: 'number-extension',
      message: `extension ${parsed.extension} removed from "${text}" (extensions are not ported; the main number ${parsed.e164} is)`,
    });
  }
  if (parsed.country && parsed.country !== options.defaultCountry) {
    out.issues.push({
      severity: 'warning',
      code: 'number-other-country',
      message: `${parsed.e164} is a ${parsed.country} number, not ${options.defaultCountry} (the import's country); a port request covers numbers of one country`,
    });
  }
}

function addRange(out: NumberCell, text: string, range: { start: string; end: string }, options: NumberCellOptions): void {
  const expansion = expandRange(range, options.maxRangeSize ?? MAX_RANGE_SIZE, options.rangeAllowance);
  if (!expansion.ok) {
    out.invalid++;
    out.issues.push({ severity: 'error', code: expansion.code, message: expansion.message });
    return;
  }
  const bad: string[] = [];
  const countries = new Set<string>();
  for (const digits of expansion.digits) {
    const parsed = normalizeNumber(digits, options.defaultCountry);
    if (!parsed.ok) {
      bad.push(digits);
      continue;
    }
    out.numbers.push(parsed.country ? { e164: parsed.e164, country: parsed.country } : { e164: parsed.e164 });
    if (parsed.country && parsed.country !== options.defaultCountry) countries.add(parsed.country);
  }
  if (bad.length > 0) {
    out.invalid += bad.length;
    out.issues.push({
      severity: 'error',
      code: 'number-invalid',
      message: `${bad.length} of the ${expansion.digits.length} numbers in range "${text}" are not valid (first: ${bad[0]})`,
    });
  }
  if (countries.size > 0) {
    out.issues.push({
      severity: 'warning',
      code: 'number-other-country',
      message: `range "${text}" has ${[...countries].join(', ')} numbers, not ${options.defaultCountry} (the import's country)`,
    });
  }
}
