import { z } from 'zod';

const phoneList = z.array(z.object({ phone_number: z.string() })).min(1);

export const PortabilityCheckSchema = z.object({ phone_numbers: phoneList });

/** Unknown fields are ignored, as everywhere in v1 (zod objects strip them). */
export const DraftCreateSchema = z.object({ phone_numbers: phoneList });

/**
 * LOA/billing fields a sub request PUT may change; omitted fields stay as they are, fields the
 * v1 update does not list (`description`, anything else) are ignored.
 */
export const LoaPatchSchema = z
  .object({
    foc_date_requested_by_user: z.string(),
    person_or_company_name: z.string().max(255),
    auth_person_name: z.string().max(255),
    billing_phone_number: z.string(),
    street_address: z.string().max(255),
    extended_address: z.string().max(255),
    locality: z.string().max(255),
    administrative_area: z.string().regex(/^[A-Za-z]{2}$/, 'must be a two-letter state abbreviation'),
    postal_code: z.string().min(3).max(10),
    country_code: z.string().regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
    default_connection_id: z.string(),
    default_message_profile_id: z.string(),
    porting_option: z
      .object({
        type: z.enum(['full', 'partial']),
        remaining_numbers_action: z.enum(['keep', 'disconnect', '']).optional(),
        new_billing_phone_number: z.string().optional(),
      })
      .strict(),
    pin_passcode: z.string().max(20),
    account_number: z.string().max(64),
    tax_identifier: z.string(),
    business_identifier: z.string(),
    customer_rating: z.number().int().min(1).max(5),
    customer_rating_comment: z.string().max(1000),
  })
  .partial();

export const CommentCreateSchema = z.object({
  body: z.string().trim().min(1, 'body must not be empty').max(5000),
  sub_request_id: z.string().nullable().optional(),
});

export const UploadRequestSchema = z.object({ content_type: z.string().min(1, 'content_type is required') });

/** A draft's new supporting document: the key of a file stored through an upload request. */
export const DraftDocumentSchema = z.object({
  document_type: z.enum(['loa', 'invoice']),
  key: z.string().min(1),
  body: z.string().max(255).optional(),
});
