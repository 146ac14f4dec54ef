import type { PortFields } from '../model';
import { usStateCode } from './usStates';
import { countryOfNumber } from './numbers';

/** Where the port's LOA stands: none attached, only a generated one nobody signed, or a signed one. */
export type LoaStatus = 'none' | 'unsigned' | 'signed';

export interface ReadinessInput {
  fields: PortFields;
  numberCount: number;
  loa: LoaStatus;
  hasBill: boolean;
  /** Country of the port's numbers (e.g. from its first number), used when Country is empty. */
  numberCountry: string | null;
  /** Today's date on the user's calendar (YYYY-MM-DD), to refuse a transfer date in the past. */
  today: string;
}

export type ReadinessField = keyof PortFields | 'numbers' | 'loa' | 'bill';

export interface ReadinessProblem {
  /** The field (or `numbers`, `loa`, `bill`) the problem is about: the detail jumps to it. */
  field: ReadinessField;
  message: string;
}

/** Fields the losing carrier matches on an LOA (and the winning carrier it names); a port missing any is rejected. */
const REQUIRED: readonly (readonly [keyof PortFields, string])[] = [
  ['losingCarrier', 'Losing carrier is missing'],
  ['winningCarrier', 'New (winning) carrier is missing: the LOA names who the numbers move to'],
  ['billingName', 'Name on the bill (person or company) is missing'],
  ['authorizedPerson', 'Authorized person who signs the LOA is missing'],
  ['billingPhone', 'Billing telephone number (BTN) is missing'],
  ['street', 'Service address street is missing'],
  ['locality', 'Service address city is missing'],
  ['region', 'Service address state/region is missing'],
  ['postalCode', 'Service address postal code is missing'],
  ['accountNumber', 'Account number with the losing carrier is missing'],
];

/** Postal code shapes carriers check, per country; other countries are not checked. */
const POSTAL: Record<string, { pattern: RegExp; message: string }> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, message: 'US ZIP code must be 5 digits (or ZIP+4, 12345-6789)' },
  CA: { pattern: /^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$/, message: 'Canadian postal code must read like K1A 0B1' },
};

/** The address's country: the field when filled, else the numbers' country. */
export function effectiveCountry(fields: Pick<PortFields, 'country'>, numberCountry: string | null): string {
  return fields.country.trim().toUpperCase() || (numberCountry ?? '').toUpperCase();
}

function fieldProblems(input: Omit<ReadinessInput, 'loa' | 'hasBill'>, checkDate: boolean): ReadinessProblem[] {
  const { fields } = input;
  const problems: ReadinessProblem[] = [];
  if (input.numberCount === 0) problems.push({ field: 'numbers', message: 'No numbers to port' });
  for (const [field, message] of REQUIRED) {
    const value = fields[field];
    if (typeof value === 'string' && value.trim() === '') problems.push({ field, message });
  }
  const country = effectiveCountry(fields, input.numberCountry);
  const postal = POSTAL[country];
  if (postal && fields.postalCode.trim() !== '' && !postal.pattern.test(fields.postalCode.trim())) {
    problems.push({ field: 'postalCode', message: `${postal.message}; "${fields.postalCode.trim()}" is not` });
  }
  if (country === 'US' && fields.region.trim() !== '' && usStateCode(fields.region) === null) {
    problems.push({ field: 'region', message: `"${fields.region.trim()}" is not a US state: use its two-letter code (e.g. IL)` });
  }
  if (checkDate && fields.transferDate !== '' && fields.transferDate < input.today) {
    problems.push({ field: 'transferDate', message: `Requested transfer date ${fields.transferDate} is in the past` });
  }
  return problems;
}

/**
 * What stops a port from being submitted, in the words a porting specialist uses (and the order
 * of the detail form). An empty list means ready to submit.
 */
export function submitProblems(input: ReadinessInput): ReadinessProblem[] {
  const problems = fieldProblems(input, true);
  if (input.loa === 'none') problems.push({ field: 'loa', message: 'Signed LOA is not attached' });
  if (input.loa === 'unsigned') {
    problems.push({ field: 'loa', message: 'The LOA was generated but not signed: open it and apply the signature, or attach the signed copy' });
  }
  if (!input.hasBill) problems.push({ field: 'bill', message: 'Copy of a recent bill is not attached' });
  return problems;
}

/** The fields the LOA prints (no documents, no transfer date): what the letter cannot do without. */
export function loaProblems(fields: PortFields, numberCount: number, numberCountry: string | null): ReadinessProblem[] {
  return fieldProblems({ fields, numberCount, numberCountry, today: '' }, false);
}

/** The LOA status of a set of attachments: signed if any LOA is, unsigned if only generated ones exist. */
export function loaStatusOf(attachments: readonly { kind: string; unsigned: boolean }[]): LoaStatus {
  const loas = attachments.filter((a) => a.kind === 'loa');
  if (loas.length === 0) return 'none';
  return loas.some((a) => !a.unsigned) ? 'signed' : 'unsigned';
}

/** What a port's full detail holds that readiness reads. */
export interface ReadinessSubject extends PortFields {
  state: string;
  numbers: readonly { e164: string }[];
  attachments: readonly { kind: string; unsigned: boolean }[];
  firstNumber: string | null;
}

/**
 * Readiness of one port as the window's detail and the CLI show it: only drafts and rejected ports
 * (those that will be submitted) are checked.
 */
export function portProblems(port: ReadinessSubject, today: string): ReadinessProblem[] {
  if (port.state !== 'unconfirmed' && port.state !== 'rejected') return [];
  return submitProblems({
    fields: port,
    numberCount: port.numbers.length,
    loa: loaStatusOf(port.attachments),
    hasBill: port.attachments.some((a) => a.kind === 'bill'),
    numberCountry: port.firstNumber ? countryOfNumber(port.firstNumber) : null,
    today,
  });
}
