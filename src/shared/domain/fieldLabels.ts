import type { PortFields } from '../model';

/** Each port field in the words of the detail form and the LOA (timeline, CLI, messages). */
export const FIELD_LABELS: Record<keyof PortFields, string> = {
  name: 'Name',
  losingCarrier: 'Losing carrier',
  winningCarrier: 'New (winning) carrier',
  transferDate: 'Requested transfer date',
  focDate: 'FOC date',
  referenceNumber: 'Carrier reference',
  customerReference: 'Customer reference',
  accountName: 'Account name',
  billingName: 'Name on the bill',
  authorizedPerson: 'Authorized person',
  billingPhone: 'Billing telephone (BTN)',
  accountNumber: 'Account number',
  pin: 'PIN / passcode',
  streetNumber: 'Street number',
  streetPreDir: 'Direction before',
  street: 'Street',
  streetType: 'Street type',
  streetPostDir: 'Direction after',
  extendedAddress: 'Unit (apt, suite, floor)',
  locality: 'City',
  region: 'State / region',
  postalCode: 'Postal code',
  country: 'Country',
  notificationEmails: 'Notification e-mails',
};

/** "Edited: Authorized person, PIN / passcode": what a timeline entry for an edit says. */
export function editedMessage(fields: readonly (keyof PortFields)[]): string {
  return `Edited: ${fields.map((f) => FIELD_LABELS[f]).join(', ')}`;
}

/**
 * A timeline message in plain words: entries written before edits were worded with labels read
 * "Edited authorizedPerson, pin" and are shown as "Edited: Authorized person, PIN / passcode".
 */
export function plainTimelineMessage(message: string): string {
  const legacy = /^Edited ([A-Za-z]+(?:, [A-Za-z]+)*)$/.exec(message);
  if (!legacy) return message;
  const keys = legacy[1]!.split(', ');
  return keys.every((k) => k in FIELD_LABELS) ? editedMessage(keys as (keyof PortFields)[]) : message;
}
