import type { PortFields } from '../../../shared/model';
import { FIELD_LABELS } from '../../../shared/domain/fieldLabels';

export type TextField = Exclude<keyof PortFields, 'notificationEmails'>;

export interface FieldDef {
  key: TextField;
  label: string;
  type?: 'date';
  wide?: boolean;
  /** An example of what goes in, for the parts of an address people rarely split. */
  placeholder?: string;
}

/** The detail form, grouped as a specialist reads an LOA. */
export const FIELD_GROUPS: { title: string; fields: FieldDef[] }[] = [
  {
    title: 'Request',
    fields: [
      { key: 'name', label: FIELD_LABELS.name, wide: true },
      { key: 'losingCarrier', label: FIELD_LABELS.losingCarrier },
      { key: 'winningCarrier', label: FIELD_LABELS.winningCarrier },
      { key: 'transferDate', label: FIELD_LABELS.transferDate, type: 'date' },
      { key: 'focDate', label: FIELD_LABELS.focDate, type: 'date' },
      { key: 'referenceNumber', label: FIELD_LABELS.referenceNumber },
      { key: 'customerReference', label: FIELD_LABELS.customerReference },
    ],
  },
  {
    title: 'Account and billing',
    fields: [
      { key: 'accountName', label: FIELD_LABELS.accountName },
      { key: 'billingName', label: FIELD_LABELS.billingName },
      { key: 'authorizedPerson', label: FIELD_LABELS.authorizedPerson },
      { key: 'billingPhone', label: FIELD_LABELS.billingPhone },
      { key: 'accountNumber', label: FIELD_LABELS.accountNumber },
      { key: 'pin', label: FIELD_LABELS.pin },
    ],
  },
  {
    title: 'Service address',
    fields: [
      { key: 'streetNumber', label: FIELD_LABELS.streetNumber, placeholder: '1543' },
      { key: 'streetPreDir', label: FIELD_LABELS.streetPreDir, placeholder: 'N' },
      { key: 'street', label: FIELD_LABELS.street, wide: true, placeholder: 'Oak (or the whole line: 1543 N Oak Ave)' },
      { key: 'streetType', label: FIELD_LABELS.streetType, placeholder: 'Ave' },
      { key: 'streetPostDir', label: FIELD_LABELS.streetPostDir, placeholder: 'SW' },
      { key: 'extendedAddress', label: FIELD_LABELS.extendedAddress, wide: true, placeholder: 'Apt 4' },
      { key: 'locality', label: FIELD_LABELS.locality },
      { key: 'region', label: FIELD_LABELS.region },
      { key: 'postalCode', label: FIELD_LABELS.postalCode },
      { key: 'country', label: FIELD_LABELS.country },
    ],
  },
];
