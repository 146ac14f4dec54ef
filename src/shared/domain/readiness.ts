import type { PortFields } from '../model';

export interface ReadinessInput {
  fields: PortFields;
  numberCount: number;
  hasLoa: boolean;
  hasBill: boolean;
}

export interface ReadinessProblem {
  /** The field (or `numbers`, `loa`, `bill`) the problem is about, for highlighting in forms. */
  field: keyof PortFields | 'numbers' | 'loa' | 'bill';
  message: string;
}

/** Fields the losing carrier matches on an LOA; a port missing any is rejected, so we refuse to submit. */
const REQUIRED: readonly (readonly [keyof PortFields, string])[] = [
  ['losingCarrier', 'Losing carrier is missing'],
  ['billingName', 'Name on the bill (person or company) is missing'],
  ['authorizedPerson', 'Authorized person who signs the LOA is missing'],
  ['billingPhone', 'Billing telephone number (BTN) is missing'],
  ['street', 'Service address street is missing'],
  ['locality', 'Service address city is missing'],
  ['region', 'Service address state/region is missing'],
  ['postalCode', 'Service address postal code is missing'],
  ['accountNumber', 'Account number with the losing carrier is missing'],
];

/**
 * What stops a port from being submitted, in the words a porting specialist uses.
 * An empty list means ready to submit.
 */
export function submitProblems(input: ReadinessInput): ReadinessProblem[] {
  const problems: ReadinessProblem[] = [];
  if (input.numberCount === 0) problems.push({ field: 'numbers', message: 'No numbers to port' });
  for (const [field, message] of REQUIRED) {
    const value = input.fields[field];
    if (typeof value === 'string' && value.trim() === '') problems.push({ field, message });
  }
  if (input.fields.postalCode.trim() !== '' && input.fields.country.toUpperCase() === 'US' && !/^\d{5}(-\d{4})?$/.test(input.fields.postalCode.trim())) {
    problems.push({ field: 'postalCode', message: 'US postal code must be 5 digits (or ZIP+4)' });
  }
  if (!input.hasLoa) problems.push({ field: 'loa', message: 'Signed LOA is not attached' });
  if (!input.hasBill) problems.push({ field: 'bill', message: 'Copy of a recent bill is not attached' });
  return problems;
}

/** The LOA fields only (no documents), for LOA generation: which fields the letter cannot do without. */
export function loaProblems(fields: PortFields, numberCount: number): ReadinessProblem[] {
  return submitProblems({ fields, numberCount, hasLoa: true, hasBill: true });
}
