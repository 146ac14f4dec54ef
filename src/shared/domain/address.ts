import type { PortFields } from '../model';

/**
 * The parts of a street line in the order they are written ("1543 N Oak Ave SW"), as Kazoo 4.3's
 * bill splits them (street_number, street_pre_dir, street_address, street_type, street_post_dir).
 * `street` is the street name, or the whole line when the parts were never split (data from
 * before the split, or a remote that keeps one line).
 */
export const STREET_PART_KEYS = ['streetNumber', 'streetPreDir', 'street', 'streetType', 'streetPostDir'] as const;
export type StreetParts = Pick<PortFields, (typeof STREET_PART_KEYS)[number]>;

/** The parts around the street name: what a one-line remote cannot keep apart. */
const AROUND_NAME = ['streetNumber', 'streetPreDir', 'streetType', 'streetPostDir'] as const;

const joinParts = (parts: readonly string[]): string =>
  parts
    .map((p) => p.trim())
    .filter(Boolean)
    .join(' ');

/** "1543 N Oak Ave SW": every part, in order, none dropped. */
export function streetLine(parts: StreetParts): string {
  return joinParts(STREET_PART_KEYS.map((k) => parts[k]));
}

/** "1543 N Oak Ave SW Apt 4": the street line and the unit, as an LOA's address line reads. */
export function addressLine(fields: StreetParts & Pick<PortFields, 'extendedAddress'>): string {
  return joinParts([streetLine(fields), fields.extendedAddress]);
}

/** True when any part besides the street name is filled in. */
export function hasSplitParts(parts: StreetParts): boolean {
  return AROUND_NAME.some((k) => parts[k].trim() !== '');
}

/**
 * A one-line street read back into parts, given versions of the parts it may have been written
 * from (the local port's, the last agreed, what was sent): the first whose line it is gives its
 * parts; otherwise the line is the street and the other parts are empty. Never a guess at how an
 * unknown line splits.
 */
export function splitStreetLine(line: string, candidates: readonly StreetParts[]): StreetParts {
  const trimmed = line.trim();
  for (const c of candidates) {
    if (hasSplitParts(c) && streetLine(c) === trimmed) return pickParts(c);
  }
  return { streetNumber: '', streetPreDir: '', street: trimmed, streetType: '', streetPostDir: '' };
}

/**
 * The street name inside a line written from parts (Kazoo 4.2 keeps the whole line in
 * `street_address` and, beside it, the parts PortDesk wrote): the line minus the parts around the
 * name, or null when the line no longer carries them (someone rewrote it since).
 */
export function nameInLine(line: string, around: Omit<StreetParts, 'street'>): string | null {
  const before = joinParts([around.streetNumber, around.streetPreDir]);
  const after = joinParts([around.streetType, around.streetPostDir]);
  let rest = line.trim();
  if (before) {
    if (!rest.startsWith(`${before} `) && rest !== before) return null;
    rest = rest.slice(before.length).trimStart();
  }
  if (after) {
    if (!rest.endsWith(` ${after}`) && rest !== after) return null;
    rest = rest.slice(0, rest.length - after.length).trimEnd();
  }
  return rest;
}

/**
 * Fields read from a remote that keeps one street line, with the parts put back where the line
 * is one of `candidates` written out (see {@link splitStreetLine}); fields already split stay.
 */
export function alignStreet<F extends StreetParts>(fields: F, candidates: readonly StreetParts[]): F {
  if (hasSplitParts(fields) || candidates.length === 0) return fields;
  return { ...fields, ...splitStreetLine(fields.street, candidates) };
}

function pickParts(p: StreetParts): StreetParts {
  return { streetNumber: p.streetNumber, streetPreDir: p.streetPreDir, street: p.street, streetType: p.streetType, streetPostDir: p.streetPostDir };
}
