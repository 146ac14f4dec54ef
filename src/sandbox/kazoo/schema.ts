import { z } from 'zod';

/**
 * Request envelope for PUT/POST/PATCH. Kazoo keeps arbitrary JSON on documents, so `data` is a
 * loose object: unknown client fields (e.g. `pvt_client_id`) are stored and returned.
 */
export const KazooEnvelopeSchema = z.looseObject({
  data: z.looseObject({}).optional(),
  accept_charges: z.boolean().optional(),
});

const emailTargets = z.union([z.string(), z.array(z.string())]);

/** Fields of a port request document that the sandbox checks; everything else passes through. */
export const PortDocSchema = z.looseObject({
  name: z.string().min(1).max(128),
  numbers: z.record(z.string(), z.looseObject({})),
  bill: z
    .looseObject({
      name: z.string().optional(),
      street_number: z.string().optional(),
      street_pre_dir: z.string().optional(),
      street_address: z.string().optional(),
      street_type: z.string().optional(),
      street_post_dir: z.string().optional(),
      extended_address: z.string().optional(),
      locality: z.string().optional(),
      region: z.string().optional(),
      postal_code: z.string().optional(),
      account_number: z.string().optional(),
      pin: z.string().optional(),
      btn: z.string().optional(),
      carrier: z.string().optional(),
    })
    .optional(),
  carrier: z.string().optional(),
  winning_carrier: z.string().optional(),
  reference_number: z.string().optional(),
  signee_name: z.string().optional(),
  signing_date: z.number().optional(),
  transfer_date: z.number().optional(),
  scheduled_date: z.number().optional(),
  notifications: z.looseObject({ email: z.looseObject({ send_to: emailTargets }).optional() }).optional(),
  // 4.2's schema: any objects; 4.3 checks them against comment.json (CommentsSchema).
  comments: z.array(z.looseObject({})).optional(),
});

/** comment.json (4.3): `author`, `content` and an integer `timestamp` are required. */
export const CommentsSchema = z.array(
  z.looseObject({
    author: z.string(),
    content: z.string(),
    timestamp: z.number().int(),
    is_private: z.boolean().optional(),
    action_required: z.boolean().optional(),
    superduper_comment: z.boolean().optional(),
  }),
);

/** Body of a state PATCH: optional reason and scheduling data. */
export const TransitionDataSchema = z.looseObject({
  reason: z.string().max(1024).optional(),
  scheduled_date: z.number().int().positive().optional(),
  schedule_on: z.looseObject({ date_time: z.string(), timezone: z.string() }).optional(),
});

/** Fields the server owns; client values for them are ignored. */
export const READ_ONLY_FIELDS = ['id', 'port_state', 'sent', 'uploads', 'created', 'updated', 'account_id'] as const;
