import type { PortFields } from '../../../shared/model';

/** PortFields key -> ports column. One table keeps SQL and the model in step. */
export const PORT_FIELD_COLUMNS = {
  name: 'name',
  losingCarrier: 'losing_carrier',
  winningCarrier: 'winning_carrier',
  accountName: 'account_name',
  billingName: 'billing_name',
  authorizedPerson: 'authorized_person',
  billingPhone: 'billing_phone',
  streetNumber: 'street_number',
  streetPreDir: 'street_pre_dir',
  street: 'street',
  streetType: 'street_type',
  streetPostDir: 'street_post_dir',
  extendedAddress: 'extended_address',
  locality: 'locality',
  region: 'region',
  postalCode: 'postal_code',
  country: 'country',
  accountNumber: 'account_number',
  pin: 'pin',
  transferDate: 'transfer_date',
  focDate: 'foc_date',
  notificationEmails: 'notification_emails',
  referenceNumber: 'reference_number',
  customerReference: 'customer_reference',
} as const satisfies Record<keyof PortFields, string>;

export const PORT_FIELD_KEYS = Object.keys(PORT_FIELD_COLUMNS) as (keyof PortFields)[];

/** Column value for a field: e-mail lists are stored as JSON text. */
export function toColumnValue<K extends keyof PortFields>(key: K, value: PortFields[K]): string {
  return key === 'notificationEmails' ? JSON.stringify(value) : (value as string);
}

/** Read the PortFields out of a ports row. */
export function fieldsFromRow(row: Record<string, unknown>): PortFields {
  const out: Record<string, unknown> = {};
  for (const key of PORT_FIELD_KEYS) {
    const raw = row[PORT_FIELD_COLUMNS[key]];
    out[key] = key === 'notificationEmails' ? parseEmails(raw) : String(raw ?? '');
  }
  return out as PortFields;
}

function parseEmails(raw: unknown): string[] {
  try {
    const parsed: unknown = JSON.parse(String(raw ?? '[]'));
    return Array.isArray(parsed) ? parsed.filter((e): e is string => typeof e === 'string') : [];
  } catch {
    return [];
  }
}
