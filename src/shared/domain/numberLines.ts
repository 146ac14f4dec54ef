import type { CountryCode } from 'libphonenumber-js/max';
import { normalizeNumber } from './numbers';

/** What became of one pasted entry, shown before anything is created. */
export type LineCheck =
  | { line: number; input: string; status: 'valid'; e164: string; extension?: string; note?: string }
  | { line: number; input: string; status: 'invalid'; reason: string }
  | { line: number; input: string; status: 'duplicate'; e164: string; firstLine: number };

/** An extension written as its own entry after a comma ("202-555-9000, ext 22") belongs to the number before it. */
const EXTENSION_ONLY = /^(?:ext\.?|extension|x|#)\s*\d{1,7}$/i;

/**
 * Split pasted text into entries (one per line, or separated by commas, semicolons or tabs, as
 * spreadsheet cells paste) and check each: valid (with the extension that was dropped), invalid
 * with the reason, or a duplicate of an earlier entry. Entries are numbered from 1 in paste order.
 */
export function checkNumberLines(text: string, country: CountryCode = 'US'): LineCheck[] {
  const entries: string[] = [];
  for (const piece of text.split(/[\n\r,;\t]+/)) {
    const entry = piece.trim();
    if (entry === '') continue;
    if (EXTENSION_ONLY.test(entry) && entries.length > 0) entries[entries.length - 1] += ` ${entry}`;
    else entries.push(entry);
  }
  const firstLineOf = new Map<string, number>();
  return entries.map((input, i): LineCheck => {
    const line = i + 1;
    const parsed = normalizeNumber(input, country);
    if (!parsed.ok) return { line, input, status: 'invalid', reason: parsed.reason };
    const first = firstLineOf.get(parsed.e164);
    if (first !== undefined) return { line, input, status: 'duplicate', e164: parsed.e164, firstLine: first };
    firstLineOf.set(parsed.e164, line);
    const check: LineCheck = { line, input, status: 'valid', e164: parsed.e164 };
    if (parsed.extension) check.extension = parsed.extension;
    if (parsed.note) check.note = parsed.note;
    return check;
  });
}

/** The distinct valid numbers of a check, in paste order. */
export function validNumbers(checks: readonly LineCheck[]): string[] {
  return checks.flatMap((c) => (c.status === 'valid' ? [c.e164] : []));
}
