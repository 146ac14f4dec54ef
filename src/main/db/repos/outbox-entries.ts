import { z } from 'zod';
import { PortStateSchema, type PortFields } from '../../../shared/model';
import { PORT_FIELD_KEYS } from './port-columns';

/**
 * What an outbox row may hold: one payload shape per operation, with a version. Rows are checked
 * when written (a service bug fails its own transaction) and when read back (a row from an older
 * or damaged database blocks its port with a readable message instead of crashing a sync run).
 *
 * Version 1 is the first typed shape; rows written before payloads carried `v` read as version 1.
 * A change of shape adds version 2 beside it and an upgrade of version 1 rows at read time.
 */
export const OUTBOX_VERSION = 1;
const v = z.literal(OUTBOX_VERSION).default(OUTBOX_VERSION);

// Field values as stored: the services validated them on the way in, and pulled values are kept
// verbatim, so the outbox checks their types only (a remote's date format must not block a port).
const text = z.string();
type FieldShape = Record<Exclude<keyof PortFields, 'notificationEmails'>, z.ZodString> & { notificationEmails: z.ZodArray<z.ZodString> };
/** Fields added after rows were first stored (migration 11): a version stored before reads them as empty. */
const ADDED_LATER: ReadonlySet<keyof PortFields> = new Set(['streetNumber', 'streetPreDir', 'streetType', 'streetPostDir']);
const fieldSchema = (k: keyof PortFields) => (k === 'notificationEmails' ? z.array(text) : text);
/** Port fields as stored: every key, types checked, values as they are. */
export const StoredFieldsSchema = z.object(Object.fromEntries(PORT_FIELD_KEYS.map((k) => [k, ADDED_LATER.has(k) ? text.default('') : fieldSchema(k)])) as FieldShape);
// Built apart from StoredFieldsSchema: a patch names only the keys it changes (no defaults filled in).
const PatchSchema = z.object(Object.fromEntries(PORT_FIELD_KEYS.map((k) => [k, fieldSchema(k)])) as FieldShape).partial();
/** A whole port version as stored beside the port or a conflict: fields, numbers, state. */
export const StoredPortVersionSchema = z.object({ fields: StoredFieldsSchema, numbers: z.array(z.string()), state: PortStateSchema });
export type StoredPortVersion = z.output<typeof StoredPortVersionSchema>;
/**
 * A merge base as `ports.sync_base` holds it: its empty fields left out ({@link mergeBaseText}),
 * read back as empty. Bases stored whole, before, read the same.
 */
type BaseFieldShape = Record<Exclude<keyof PortFields, 'notificationEmails'>, z.ZodDefault<z.ZodString>> & { notificationEmails: z.ZodDefault<z.ZodArray<z.ZodString>> };
export const MergeBaseSchema = z.object({
  fields: z.object(Object.fromEntries(PORT_FIELD_KEYS.map((k) => [k, k === 'notificationEmails' ? z.array(text).default([]) : text.default('')])) as BaseFieldShape),
  numbers: z.array(z.string()),
  state: PortStateSchema,
});
/**
 * A merge base's text without its empty fields. Every pulled port stores one, and most of a
 * port's two dozen fields are empty: whole, it was two thirds of the port's row, written again
 * into the WAL and the file for each of a 10,000-port pull's new ports.
 */
export function mergeBaseText(version: StoredPortVersion): string {
  const fields: Partial<Record<keyof PortFields, string | string[]>> = {};
  for (const key of PORT_FIELD_KEYS) {
    const value = version.fields[key];
    if (value.length > 0) fields[key] = value;
  }
  return JSON.stringify({ fields, numbers: version.numbers, state: version.state });
}
const documentType = z.enum(['loa', 'invoice']).nullable();
const kind = z.enum(['loa', 'bill', 'other']);
const content = { attachmentId: text, name: text, kind, sha256: text, size: z.number().int().nonnegative(), contentType: text, documentType };

export const PortCreatePayload = z.object({ v, fields: StoredFieldsSchema, numbers: z.array(text) });
export const PortUpdatePayload = z.object({ v, patch: PatchSchema, resolved: z.boolean().optional() });
export const PortNumbersPayload = z.object({ v, add: z.array(text), remove: z.array(text) });
export const PortMovePayload = z.object({
  v,
  from: PortStateSchema,
  to: PortStateSchema,
  reason: text.nullable(),
  /** FOC date to send with a schedule (YYYY-MM-DD), or null. */
  date: text.nullable(),
  acceptCharges: z.boolean().optional(),
});
/** A delete outlives its port row: the remote is named here. */
export const PortDeletePayload = z.object({ v, remoteId: text.nullable(), remoteObjectId: text });
export const AttachmentAddPayload = z.object({ v, ...content });
export const AttachmentReplacePayload = z.object({ v, ...content, remoteName: text, version: z.number().int().optional(), reason: z.enum(['replaced', 'annotated']).optional() });
// Rows queued by the engine itself (an upload that raced a local delete) carry no kind.
export const AttachmentDeletePayload = z.object({ v, attachmentId: text, remoteName: text, documentType });
export const CommentAddPayload = z.object({ v, commentId: text, body: text, isPrivate: z.boolean(), actionRequired: z.boolean() });

/** One queued change: the operation and its payload, as a discriminated union on `op`. */
export const OutboxChangeSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('port.create'), payload: PortCreatePayload }),
  z.object({ op: z.literal('port.update'), payload: PortUpdatePayload }),
  z.object({ op: z.literal('port.numbers'), payload: PortNumbersPayload }),
  z.object({ op: z.literal('port.move'), payload: PortMovePayload }),
  z.object({ op: z.literal('port.delete'), payload: PortDeletePayload }),
  z.object({ op: z.literal('attachment.add'), payload: AttachmentAddPayload }),
  z.object({ op: z.literal('attachment.replace'), payload: AttachmentReplacePayload }),
  z.object({ op: z.literal('attachment.delete'), payload: AttachmentDeletePayload }),
  z.object({ op: z.literal('comment.add'), payload: CommentAddPayload }),
]);
export type OutboxChange = z.output<typeof OutboxChangeSchema>;
/** What callers write: the version is filled in. */
export type OutboxChangeInput = z.input<typeof OutboxChangeSchema>;
export type OutboxOp = OutboxChange['op'];
export type OutboxPayload<Op extends OutboxOp> = Extract<OutboxChange, { op: Op }>['payload'];

export const OUTBOX_OPS = OutboxChangeSchema.options.map((o) => o.shape.op.value) as readonly OutboxOp[];

/** Field ops whose effect is "make the remote document look like the local port". */
export const FIELD_OPS: readonly OutboxOp[] = ['port.create', 'port.update', 'port.numbers'];
/** Ops about a port's attachments and comments rather than the port itself. */
export const EXTRA_OPS: readonly OutboxOp[] = ['attachment.add', 'attachment.replace', 'attachment.delete', 'comment.add'];

/** Parse a change; on failure, a sentence naming the operation and the first problem. */
export function parseOutboxChange(op: string, payload: unknown): { ok: true; change: OutboxChange } | { ok: false; message: string } {
  const parsed = OutboxChangeSchema.safeParse({ op, payload });
  if (parsed.success) return { ok: true, change: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 1 ? ` (${issue.path.slice(1).join('.')})` : '';
  const known = (OUTBOX_OPS as readonly string[]).includes(op);
  return {
    ok: false,
    message: known
      ? `PortDesk cannot read this port's queued ${op} change${where}: ${issue?.message ?? 'bad payload'}; the port is not pushed until it is fixed`
      : `This port has a queued change of a kind this version of PortDesk does not know ("${op}"); the port is not pushed until it is fixed`,
  };
}
