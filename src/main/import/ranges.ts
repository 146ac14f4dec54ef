import { MAX_RANGE_NUMBERS_PER_IMPORT, MAX_RANGE_NUMBERS_PER_PORT, MAX_RANGE_SIZE } from './limits';

/** The two ends of a written range, as typed. */
export interface RangeText {
  start: string;
  end: string;
}

const WORD_RANGE = /^(.*?\d)\s*(?:to|through|thru|\u2013|\u2014|\.\.)\s*(\+?[\d(][\d\s().\-]*)$/i;
/** `2025550100-0199`: a dash is a range only after an unbroken run of digits... */
const DASH_RANGE = /^(\+?\d{7,15})\s*-\s*(\d{1,15})$/;
/** ...or when it stands alone between spaces: `202-555-0100 - 0199`. */
const SPACED_DASH_RANGE = /^(.*\d)\s+-\s+(\+?[\d(][\d\s().\-]*)$/;

/** Split `text` into range ends when it is written as a range; undefined for a single number. */
export function splitRange(text: string): RangeText | undefined {
  const m = WORD_RANGE.exec(text) ?? DASH_RANGE.exec(text) ?? SPACED_DASH_RANGE.exec(text);
  if (!m) return undefined;
  return { start: m[1]!.trim(), end: m[2]!.trim() };
}

/** Asked before a range is expanded: null to allow `count` more numbers, or why not. */
export type RangeAllowance = (count: number) => string | null;

/**
 * The overall caps on range expansion, per port (group key) and per import; one per import run.
 * Counted before expanding, so a refused range costs nothing.
 */
export function rangeBudget(perPort: number = MAX_RANGE_NUMBERS_PER_PORT, perImport: number = MAX_RANGE_NUMBERS_PER_IMPORT): (port: string) => RangeAllowance {
  let used = 0;
  const byPort = new Map<string, number>();
  const n = (x: number) => x.toLocaleString('en-US');
  return (port) => (count) => {
    const inPort = byPort.get(port) ?? 0;
    if (inPort + count > perPort) return `ranges may add at most ${n(perPort)} numbers to one port (${n(inPort)} already); split the port or check the range`;
    if (used + count > perImport) return `ranges may add at most ${n(perImport)} numbers to one import (${n(used)} already); split the file`;
    byPort.set(port, inPort + count);
    used += count;
    return null;
  };
}

export type RangeExpansion =
  | { ok: true; digits: string[] }
  | { ok: false; code: 'range-invalid' | 'range-too-large'; message: string };

/**
 * Expand a range to the digit strings it covers. The end may be abbreviated to its last digits
 * (`2025550100` to `0199`), which replace the start's last digits. Both ends are inclusive.
 */
export function expandRange(range: RangeText, maxSize: number = MAX_RANGE_SIZE, budget?: RangeAllowance): RangeExpansion {
  const plus = range.start.startsWith('+') ? '+' : '';
  const start = range.start.replace(/\D/g, '');
  let end = range.end.replace(/\D/g, '');
  const written = `${range.start} to ${range.end}`;
  if (end.length > start.length) {
    return { ok: false, code: 'range-invalid', message: `range "${written}": its end has more digits than its start` };
  }
  end = start.slice(0, start.length - end.length) + end;
  // At most 15 digits each, so plain numbers are exact (< 2^53).
  const from = Number(start);
  const to = Number(end);
  if (to < from) return { ok: false, code: 'range-invalid', message: `range "${written}" ends before it starts` };
  const count = to - from + 1;
  if (count > maxSize) {
    return {
      ok: false,
      code: 'range-too-large',
      message: `range "${written}" covers ${count.toLocaleString('en-US')} numbers; at most ${maxSize.toLocaleString('en-US')} per range are accepted (split it if it is intended)`,
    };
  }
  const refused = budget?.(count);
  if (refused) return { ok: false, code: 'range-too-large', message: `range "${written}" covers ${count.toLocaleString('en-US')} numbers; ${refused}` };
  const digits: string[] = [];
  for (let n = from; n <= to; n++) digits.push(plus + String(n).padStart(start.length, '0'));
  return { ok: true, digits };
}
