import type { PortFields } from '../../../shared/model';

export type TextField = Exclude<keyof PortFields, 'notificationEmails'>;

export interface FieldDef {
  key: TextField;
  label: string;
  type?: 'date';
  wide?: boolean;
}

/** The detail form, grouped as a specialist reads an LOA. */
export const FIELD_GROUPS: { title: string; fields: FieldDef[] }[] = [
  {
    title: 'Request',
    fields: [
      { key: 'name', label: 'Name', wide: true },
      { key: 'losingCarrier', label: 'Losing carrier' },
      { key: 'winningCarrier', label: 'New (winning) carrier' },
      { key: 'transferDate', label: 'Requested transfer date', type: 'date' },
      { key: 'focDate', label: 'FOC date', type: 'date' },
      { key: 'referenceNumber', label: 'Carrier reference' },
      { key: 'customerReference', label: 'Customer reference' },
    ],
  },
  {
    title: 'Account and billing',
    fields: [
      { key: 'accountName', label: 'Account name' },
      { key: 'billingName', label: 'Name on the bill' },
      { key: 'authorizedPerson', label: 'Authorized person' },
      { key: 'billingPhone', label: 'Billing telephone (BTN)' },
      { key: 'accountNumber', label: 'Account number' },
      { key: 'pin', label: 'PIN / passcode' },
    ],
  },
  {
    title: 'Service address',
    fields: [
      { key: 'street', label: 'Street', wide: true },
      { key: 'extendedAddress', label: 'Suite, floor', wide: true },
      { key: 'locality', label: 'City' },
      { key: 'region', label: 'State / region' },
      { key: 'postalCode', label: 'Postal code' },
      { key: 'country', label: 'Country' },
    ],
  },
];
