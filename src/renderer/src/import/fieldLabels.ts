import type { ImportFieldName } from '../../../shared/rpc/methods/import';

/** What each mapping choice is called in the column selects, in the order they are offered. */
export const FIELD_LABELS: ReadonlyArray<[ImportFieldName, string]> = [
  ['number', 'Number(s) to port'],
  ['name', 'Port name / company'],
  ['accountName', 'Account name'],
  ['billingName', 'Billing name'],
  ['authorizedPerson', 'Authorized person'],
  ['billingPhone', 'Billing phone (BTN)'],
  ['streetNumber', 'Street number'],
  ['streetPreDir', 'Street direction before (N, SW)'],
  ['street', 'Street (name or whole line)'],
  ['streetType', 'Street type (Ave, St)'],
  ['streetPostDir', 'Street direction after'],
  ['extendedAddress', 'Address line 2 / unit'],
  ['locality', 'City'],
  ['region', 'State / region'],
  ['postalCode', 'ZIP / postal code'],
  ['country', 'Country'],
  ['losingCarrier', 'Losing carrier'],
  ['winningCarrier', 'Winning carrier'],
  ['accountNumber', 'Account number'],
  ['pin', 'PIN / passcode'],
  ['transferDate', 'Requested transfer date'],
  ['focDate', 'FOC date'],
  ['notificationEmails', 'Notification e-mails'],
  ['referenceNumber', 'Reference number (PON)'],
  ['customerReference', 'Customer reference'],
];

export function fieldLabel(field: ImportFieldName | null): string {
  return field === null ? 'Ignored' : (FIELD_LABELS.find(([f]) => f === field)?.[1] ?? field);
}
