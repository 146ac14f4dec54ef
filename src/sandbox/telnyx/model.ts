/** Stored Telnyx-family documents (phone number objects are composed on read). */

/** Sub request statuses of Telnyx v1 (docs/sandbox.md names the source). */
export const SUB_REQUEST_STATUSES = [
  'unassigned',
  'in-process',
  'submitted',
  'foc-date-confirmed',
  'ported',
  'exception',
  'cancel-pending',
  'cancelled',
] as const;
export type SubRequestStatus = (typeof SUB_REQUEST_STATUSES)[number];

/** LOA and billing fields shared by sub requests and draft sub requests. */
export interface LoaFields {
  foc_date_requested_by_user: string;
  person_or_company_name: string;
  auth_person_name: string;
  billing_phone_number: string;
  street_address: string;
  extended_address: string;
  locality: string;
  administrative_area: string;
  postal_code: string;
  country_code: string;
  default_connection_id: string;
  default_message_profile_id: string;
  porting_option: { type: string; remaining_numbers_action: string; new_billing_phone_number: string };
  pin_passcode: string;
  account_number: string;
  description: string;
  tax_identifier: string;
  business_identifier: string;
}

export interface PortRequestDoc {
  id: string;
  support_key: string;
  created_at: string;
  updated_at: string;
}

export interface SubRequestDoc extends LoaFields {
  id: string;
  port_request_id: string;
  numbers: string[];
  foc_date: string;
  status: SubRequestStatus;
  support_key: string;
  carrier_name: string;
  created_at: string;
  updated_at: string;
  customer_rating: number | null;
  customer_rating_comment: string;
}

export interface DraftDoc {
  id: string;
  created_at: string;
  status: 'pending' | 'submitted';
  numbers: string[];
  port_request_id: string | null;
}

export interface DraftSubDoc extends LoaFields {
  id: string;
  draft_id: string;
  numbers: string[];
  carrier_name: string;
  created_at: string;
}

export interface CommentDoc {
  id: string;
  body: string;
  sub_request_id: string | null;
  user_id: string;
  created_at: string;
}

export interface DocumentDoc {
  id: string;
  body: string;
  document_type: 'loa' | 'invoice';
  created_at: string;
}

/** A granted upload request: the signed key a file may be stored under, once. */
export interface UploadDoc {
  id: string;
  key: string;
  content_type: string;
  expires_at: number;
  /** Set once the file was stored under the key. */
  stored: boolean;
}

/** Document types a draft needs before it can be submitted (North American numbers). */
export const REQUIRED_DOCUMENTS = ['loa', 'invoice'] as const;

/** Fields a draft sub request needs before its draft can be submitted. */
export const REQUIRED_LOA_FIELDS = [
  'foc_date_requested_by_user',
  'person_or_company_name',
  'auth_person_name',
  'billing_phone_number',
  'street_address',
  'locality',
  'administrative_area',
  'postal_code',
  'country_code',
  'default_connection_id',
] as const satisfies readonly (keyof LoaFields)[];

/** Empty LOA fields for a new draft sub request. */
export function emptyLoaFields(): LoaFields {
  return {
    foc_date_requested_by_user: '',
    person_or_company_name: '',
    auth_person_name: '',
    billing_phone_number: '',
    street_address: '',
    extended_address: '',
    locality: '',
    administrative_area: '',
    postal_code: '',
    country_code: '',
    default_connection_id: '',
    default_message_profile_id: '',
    porting_option: { type: 'full', remaining_numbers_action: '', new_billing_phone_number: '' },
    pin_passcode: '',
    account_number: '',
    description: '',
    tax_identifier: '',
    business_identifier: '',
  };
}

/** The required fields still empty on `fields`. */
export function missingFields(fields: LoaFields): string[] {
  return REQUIRED_LOA_FIELDS.filter((k) => fields[k].trim() === '');
}
