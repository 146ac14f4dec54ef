import { z } from 'zod';
import { cleanText } from './domain/text';

/** Port request states, in the order a port normally travels (Kazoo's names; Telnyx maps onto them). */
export const PORT_STATES = [
  'unconfirmed',
  'submitted',
  'pending',
  'scheduled',
  'completed',
  'rejected',
  'canceled',
] as const;
export const PortStateSchema = z.enum(PORT_STATES);
export type PortState = z.infer<typeof PortStateSchema>;

export const REMOTE_KINDS = ['kazoo', 'telnyx'] as const;
export const RemoteKindSchema = z.enum(REMOTE_KINDS);
export type RemoteKind = z.infer<typeof RemoteKindSchema>;

/**
 * Whether year, month (1-12) and day name a day that exists. Date.parse and Date.UTC roll
 * 2026-02-30 over to March 2nd: a real date is one that round-trips unchanged.
 */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A calendar date as the carriers exchange it (no time zone): YYYY-MM-DD. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => isCalendarDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))), 'is not a real calendar date');

/** Text from outside, as stored: see {@link cleanText} (controls, escapes, bidi overrides, invisibles). */
export const cleanString = (options: { multiline?: boolean } = {}) => z.string().overwrite((s) => cleanText(s, options));

/** Text of at most `max` characters; too long, the message says by how much (the form and the table's cells show it). */
const text = (max: number) =>
  cleanString()
    .trim()
    .max(max, { error: (issue) => `is too long: ${typeof issue.input === 'string' ? issue.input.length : 'over'} characters, at most ${max}` });

/**
 * The editable fields of a port request: one internal model covering Kazoo's `bill`/LOA fields
 * and Telnyx's end-user/location fields. Empty string means "not filled in".
 */
export const PortFieldsSchema = z.object({
  name: text(128).min(1, 'is required'),
  losingCarrier: text(128),
  winningCarrier: text(128),
  accountName: text(128),
  billingName: text(128),
  authorizedPerson: text(128),
  billingPhone: text(32),
  // The street line in parts (see domain/address.ts); `street` is the name, or the whole line
  // when the parts were never split.
  streetNumber: text(32),
  streetPreDir: text(16),
  street: text(256),
  streetType: text(32),
  streetPostDir: text(16),
  /** The unit: apartment, suite, floor. */
  extendedAddress: text(256),
  locality: text(128),
  region: text(64),
  postalCode: text(32),
  country: text(2),
  accountNumber: text(64),
  pin: text(32),
  transferDate: IsoDateSchema.or(z.literal('')),
  focDate: IsoDateSchema.or(z.literal('')),
  notificationEmails: z.array(z.email('must each be an e-mail address')).max(20, 'may list at most 20 addresses'),
  referenceNumber: text(128),
  customerReference: text(128),
});
export type PortFields = z.infer<typeof PortFieldsSchema>;
export const PortFieldsPatchSchema = PortFieldsSchema.partial();
export type PortFieldsPatch = z.infer<typeof PortFieldsPatchSchema>;

export const EMPTY_PORT_FIELDS: Omit<PortFields, 'name'> = {
  losingCarrier: '',
  winningCarrier: '',
  accountName: '',
  billingName: '',
  authorizedPerson: '',
  billingPhone: '',
  streetNumber: '',
  streetPreDir: '',
  street: '',
  streetType: '',
  streetPostDir: '',
  extendedAddress: '',
  locality: '',
  region: '',
  postalCode: '',
  country: '',
  accountNumber: '',
  pin: '',
  transferDate: '',
  focDate: '',
  notificationEmails: [],
  referenceNumber: '',
  customerReference: '',
};

/** Where a port stands with the remote: what the board's sync badge shows. */
export const SyncStatusSchema = z.enum(['local', 'pending', 'synced', 'conflict', 'error']);
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const PortNumberSchema = z.object({
  e164: z.string(),
  status: z.string(),
  carrier: z.string(),
});
export type PortNumber = z.infer<typeof PortNumberSchema>;

/** A port request as the renderer sees it (summary: no numbers list, counts instead). */
export const PortSummarySchema = PortFieldsSchema.extend({
  id: z.string(),
  state: PortStateSchema,
  remoteId: z.string().nullable(),
  remoteObjectId: z.string().nullable(),
  remoteAccountId: z.string(),
  /** The connection's name (Settings), null for a local-only port. */
  remoteName: z.string().nullable(),
  /** The remote account's name as the remote gives it (a Kazoo sub-account), null until a pull has seen it. */
  remoteAccountName: z.string().nullable(),
  numberCount: z.number().int(),
  /** The port's lowest number (E.164), null without numbers: tells look-alike ports apart, gives the numbers' country. */
  firstNumber: z.string().nullable(),
  attachmentCount: z.number().int(),
  /** Whether an LOA / a bill is attached: what the board's readiness warning needs. */
  hasLoa: z.boolean(),
  /** Whether one of the LOAs is signed (a generated LOA is not until a signature is applied). */
  hasSignedLoa: z.boolean(),
  hasBill: z.boolean(),
  commentCount: z.number().int(),
  /** Local labels (never synced), sorted. */
  tags: z.array(z.string()),
  syncStatus: SyncStatusSchema,
  syncError: z.string().nullable(),
  /** Why the remote put the port in its current state (a carrier's rejection reason), if it said. */
  stateReason: z.string().nullable(),
  /** The remote's own status words (e.g. Telnyx `exception`), shown verbatim; null when it has none. */
  remoteStatus: z.string().nullable(),
  remoteStatusDetail: z.string().nullable(),
  /**
   * Whether this connection is the port authority of the request (Kazoo 4.3
   * `_read_only.port_authority`): false leaves only submit and cancel-while-unconfirmed; null when
   * the remote does not say (all moves the state machine allows).
   */
  remoteAuthority: z.boolean().nullable(),
  /**
   * The specialist keeps this port on this computer (created "local only", or "Keep local" in the
   * detail): it has no remote and is not given the first remote added. False for every port with a remote.
   */
  keptLocal: z.boolean(),
  /** When the port entered its current state (ms): what ageing counts from. */
  stateEnteredAt: z.number().int(),
  /** When a pull last recorded a change made on the remote (ms), if ever. */
  remoteChangedAt: z.number().int().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type PortSummary = z.infer<typeof PortSummarySchema>;

export const AttachmentSchema = z.object({
  id: z.string(),
  portId: z.string(),
  name: z.string(),
  kind: z.enum(['loa', 'bill', 'other']),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string().nullable(),
  createdAt: z.number().int(),
  /** An LOA PortDesk generated that nobody has signed yet (no signature applied, no signed file in its place). */
  unsigned: z.boolean(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const CommentSchema = z.object({
  id: z.string(),
  portId: z.string(),
  body: z.string(),
  author: z.string(),
  isPrivate: z.boolean(),
  actionRequired: z.boolean(),
  createdAt: z.number().int(),
});
export type Comment = z.infer<typeof CommentSchema>;

export const TimelineEventSchema = z.object({
  id: z.number().int(),
  portId: z.string(),
  at: z.number().int(),
  kind: z.enum(['created', 'edited', 'state', 'numbers', 'attachment', 'comment', 'sync', 'conflict', 'tags']),
  fromState: PortStateSchema.nullable(),
  toState: PortStateSchema.nullable(),
  message: z.string(),
  actor: z.string(),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

export const PortDetailSchema = PortSummarySchema.extend({
  numbers: z.array(PortNumberSchema),
  attachments: z.array(AttachmentSchema),
  comments: z.array(CommentSchema),
  timeline: z.array(TimelineEventSchema),
  remoteRevision: z.string().nullable(),
});
export type PortDetail = z.infer<typeof PortDetailSchema>;
