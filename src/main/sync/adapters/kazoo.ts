import { createHash, hash } from 'node:crypto';
import { z } from 'zod';
import { PORT_STATES, type PortFields, type PortState } from '../../../shared/model';
import { RemoteError, transientBecause } from '../errors';
import { Turns } from '../turns';
import { moveRefusal } from '../../../shared/domain/states';
import { undatedScheduleHelp } from '../../../shared/domain/undatedSchedule';
import { DEFAULT_REQUEST_TIMEOUT_MS, requestBytes, requestJson, type ErrorReader } from '../http';
import { STREET_PART_KEYS, hasSplitParts, nameInLine, streetLine, type StreetParts } from '../../../shared/domain/address';
import type { AdapterContext, AttachmentUpload, Capabilities, LocalComment, LocalSnapshot, MoveRequest, RemoteAdapter, RemoteAttachment, RemoteComment, RemoteConfig, RemotePort, UnreadableRemote } from './types';

/** Seconds between 0000-01-01 (Erlang's Gregorian calendar) and the Unix epoch. */
const GREGORIAN_OFFSET = 62_167_219_200;
/** Field Kazoo keeps on the document (it stores arbitrary JSON) to recognise PortDesk's own creates. */
export const KAZOO_MARKER_FIELD = 'portdesk_client_id';
/** Field on a comment PortDesk posted, so a retried post after a lost answer finds it. */
export const KAZOO_COMMENT_MARKER = 'portdesk_comment_id';
/** Kazoo's default upload limit; a larger download is not an attachment PortDesk accepts. */
const MAX_DOWNLOAD_BYTES = 8_000_000;

export const KAZOO_CAPABILITIES: Capabilities = {
  descendants: true,
  loaGeneration: true,
  comments: true,
  focWindows: false,
  portabilityChecks: false,
  movableTo: ['submitted', 'pending', 'scheduled', 'completed', 'rejected', 'canceled'],
  matchByNumbers: false,
  attachmentsBeforeSubmit: false,
  fields: [
    'name', 'losingCarrier', 'winningCarrier', 'accountName', 'billingName', 'authorizedPerson', 'billingPhone', 'streetNumber',
    'streetPreDir', 'street', 'streetType', 'streetPostDir', 'extendedAddress', 'locality', 'region', 'postalCode', 'country', 'accountNumber', 'pin', 'transferDate', 'focDate',
    'notificationEmails', 'referenceNumber', 'customerReference',
  ],
};

/** YYYY-MM-DD -> Gregorian seconds at 00:00 UTC. */
export function dateToGregorian(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000 + GREGORIAN_OFFSET;
}

/** Gregorian seconds -> YYYY-MM-DD (UTC). */
export function gregorianToDate(seconds: number): string {
  return new Date((seconds - GREGORIAN_OFFSET) * 1000).toISOString().slice(0, 10);
}

/**
 * Fields that map to the port are read strictly: a field of the wrong type makes the document
 * unreadable (reported, the local port kept) instead of blanking the field here. Null is absent
 * (kazooToPort reads every optional field with `??`).
 *
 * Written for speed as well as completeness: a pull checks every document of every listing
 * (10,000 on a large account). Plain objects keep only the keys read (the document itself is
 * kept apart where it is needed), no transforms, and `numbers`, a JSON object whose keys are
 * strings by construction, is checked as an object rather than key by key: measured about ten
 * times faster than loose objects with null-to-undefined transforms and a record schema.
 */
const str = z.string().nullish();
const num = z.number().nullish();
const jsonObject = z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'Expected an object');
export const KazooDocSchema = z.object({
  id: z.string(),
  account_id: z.string().optional(),
  name: z.string(),
  // A state PortDesk does not know makes the document unreadable, never a guess.
  port_state: z.enum(PORT_STATES),
  numbers: jsonObject,
  carrier: str,
  winning_carrier: str,
  account_name: str,
  signee_name: str,
  reference_number: str,
  customer_reference: str,
  transfer_date: num,
  scheduled_date: num,
  bill: z
    .object({
      name: str, street_number: str, street_pre_dir: str, street_address: str, street_type: str, street_post_dir: str,
      address: str, extended_address: str, locality: str, region: str, postal_code: str, country: str,
      account_number: str, pin: str, btn: str, carrier: str,
    })
    .nullish(),
  notifications: z
    .object({ email: z.object({ send_to: z.union([z.string(), z.array(z.string())]).optional() }).optional() })
    .optional()
    .catch(undefined),
  [KAZOO_MARKER_FIELD]: str,
  _read_only: z.object({ account_id: str, account_name: str, port_authority: str }).optional().catch(undefined),
  uploads: z.record(z.string(), z.object({ content_type: z.string().catch('application/pdf'), length: z.number().catch(0) })).optional().catch(undefined),
  comments: z
    .array(
      z.object({
        content: z.string(),
        is_private: z.boolean().catch(false),
        action_required: z.boolean().catch(false),
        timestamp: z.number().catch(0),
        author: str,
        [KAZOO_COMMENT_MARKER]: str,
      }),
    )
    .optional()
    .catch(undefined),
});
type KazooDoc = z.infer<typeof KazooDocSchema>;

/**
 * Why this exists: zod's first pass over a 10,000-document listing costs 130-190 ms, nearly all of
 * it V8 warming up zod's generic parsers (10 ms the second time), a large share of a pull that has
 * to fit in 1 s (issue 19). This check of a document already in the shape KazooDocSchema accepts
 * returns exactly what KazooDocSchema would (same keys in the same order, unknown keys stripped,
 * `numbers` the same object), and undefined for anything else, which then goes to zod: every
 * rejection and its message stay zod's. It claims only JSON's plain objects and arrays, and leaves
 * to zod every value a `.catch` would replace, but for a comment's flags when absent (false). test/unit/sync/kazoo-doc-guard.test.ts runs both
 * over valid, broken and hostile documents.
 */
export function plainKazooDoc(d: unknown): KazooDoc | undefined {
  if (!isJsonObject(d)) return undefined;
  const { id, name, port_state: state, numbers } = d;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof state !== 'string' || !KNOWN_STATES.has(state)) return undefined;
  if (typeof numbers !== 'object' || numbers === null || Array.isArray(numbers)) return undefined;
  const out: Record<string, unknown> = { id };
  const account = d.account_id;
  if (account === undefined ? 'account_id' in d : typeof account !== 'string') return undefined;
  if (account !== undefined) out.account_id = account;
  out.name = name;
  out.port_state = state;
  out.numbers = numbers;
  if (!copyNullish(d, DOC_TEXT_KEYS, 'string', out) || !copyNullish(d, DOC_DATE_KEYS, 'number', out)) return undefined;
  const bill = d.bill;
  if (bill === null) out.bill = null;
  else if (bill !== undefined) {
    const b = {};
    if (!isJsonObject(bill) || !copyNullish(bill, BILL_KEYS, 'string', b)) return undefined;
    out.bill = b;
  } else if ('bill' in d) return undefined;
  const notifications = plainNotifications(d);
  if (notifications === false) return undefined;
  if (notifications !== undefined) out.notifications = notifications;
  if (!copyNullish(d, MARKER_KEYS, 'string', out)) return undefined;
  const readOnly = d._read_only;
  if (readOnly !== undefined) {
    const r = {};
    if (!isJsonObject(readOnly) || !copyNullish(readOnly, READ_ONLY_KEYS, 'string', r)) return undefined;
    out._read_only = r;
  } else if ('_read_only' in d) return undefined;
  const uploads = d.uploads;
  if (uploads !== undefined) {
    if (!isJsonObject(uploads)) return undefined;
    const u: Record<string, { content_type: string; length: number }> = {};
    for (const key of Object.keys(uploads)) {
      const upload = uploads[key];
      // zod skips a `__proto__` key of a record; leaving it to zod keeps this loop plain.
      if (key === '__proto__' || !isJsonObject(upload)) return undefined;
      const { content_type: type, length } = upload;
      if (typeof type !== 'string' || typeof length !== 'number' || !Number.isFinite(length)) return undefined;
      u[key] = { content_type: type, length };
    }
    out.uploads = u;
  } else if ('uploads' in d) return undefined;
  const comments = d.comments;
  if (comments !== undefined) {
    if (!Array.isArray(comments) || Object.getPrototypeOf(comments) !== Array.prototype) return undefined;
    const c: Record<string, unknown>[] = [];
    for (let i = 0; i < comments.length; i += 1) {
      const comment: unknown = comments[i];
      if (!isJsonObject(comment)) return undefined;
      const { content, is_private: isPrivate = false, action_required: actionRequired = false, timestamp } = comment;
      // Kazoo's comment.json requires only author, content and timestamp: a comment without its
      // flags is the usual case, read as zod's `.catch(false)` reads it, not sent to zod whole.
      if (typeof content !== 'string' || typeof isPrivate !== 'boolean' || typeof actionRequired !== 'boolean') return undefined;
      if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return undefined;
      const kept: Record<string, unknown> = { content, is_private: isPrivate, action_required: actionRequired, timestamp };
      if (!copyNullish(comment, COMMENT_TEXT_KEYS, 'string', kept)) return undefined;
      c.push(kept);
    }
    out.comments = c;
  } else if ('comments' in d) return undefined;
  return out as KazooDoc;
}

const KNOWN_STATES: ReadonlySet<string> = new Set(PORT_STATES);
const DOC_TEXT_KEYS = ['carrier', 'winning_carrier', 'account_name', 'signee_name', 'reference_number', 'customer_reference'] as const;
const DOC_DATE_KEYS = ['transfer_date', 'scheduled_date'] as const;
const BILL_KEYS = ['name', 'street_number', 'street_pre_dir', 'street_address', 'street_type', 'street_post_dir', 'address', 'extended_address', 'locality', 'region', 'postal_code', 'country', 'account_number', 'pin', 'btn', 'carrier'] as const;
const MARKER_KEYS = [KAZOO_MARKER_FIELD] as const;
const READ_ONLY_KEYS = ['account_id', 'account_name', 'port_authority'] as const;
const COMMENT_TEXT_KEYS = ['author', KAZOO_COMMENT_MARKER] as const;

/** A plain object as JSON.parse makes them; anything else (class instances, null prototypes, other realms) goes to zod. */
function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/** Copies `keys` of `from` that are null or of `type` as zod's `.nullish()` does (an absent key stays absent); false for any other value. */
function copyNullish(from: Record<string, unknown>, keys: readonly string[], type: 'string' | 'number', to: Record<string, unknown>): boolean {
  for (const key of keys) {
    const v = from[key];
    if (v === undefined) {
      if (key in from) return false;
    } else if (v === null || (typeof v === type && (type === 'string' || Number.isFinite(v)))) to[key] = v;
    else return false;
  }
  return true;
}

/** `notifications` as KazooDocSchema gives it, undefined when absent, false when zod should decide (its `.catch` included). */
function plainNotifications(d: Record<string, unknown>): KazooDoc['notifications'] | false {
  const n = d.notifications;
  if (n === undefined) return 'notifications' in d ? false : undefined;
  if (!isJsonObject(n)) return false;
  const email = n.email;
  if (email === undefined) return 'email' in n ? false : {};
  if (!isJsonObject(email)) return false;
  const sendTo = email.send_to;
  if (sendTo === undefined) return 'send_to' in email ? false : { email: {} };
  if (typeof sendTo === 'string') return { email: { send_to: sendTo } };
  if (!Array.isArray(sendTo) || Object.getPrototypeOf(sendTo) !== Array.prototype) return false;
  const list: string[] = [];
  for (let i = 0; i < sendTo.length; i += 1) {
    const to: unknown = sendTo[i];
    if (typeof to !== 'string') return false;
    list.push(to);
  }
  return { email: { send_to: list } };
}

/** KazooDocSchema.safeParse, through {@link plainKazooDoc} first. */
function parseKazooDoc(d: unknown): ReturnType<typeof KazooDocSchema.safeParse> {
  const plain = plainKazooDoc(d);
  return plain !== undefined ? { success: true, data: plain } : KazooDocSchema.safeParse(d);
}

const EnvelopeSchema = z.looseObject({ data: z.unknown(), revision: z.string().optional(), next_start_key: z.union([z.string(), z.number()]).optional() });
/**
 * Entries of `GET .../port_requests/{id}/timeline` this adapter reads: transitions, whose reason
 * Kazoo stores at the top level of the entry and again under `authorization`
 * (knm_port_request:transition_metadata_jobj); comments are skipped.
 */
const TimelineSchema = z.array(
  z.looseObject({
    type: z.string().optional(),
    reason: z.string().nullable().optional().catch(undefined),
    authorization: z.looseObject({ reason: z.string().nullable().optional().catch(undefined) }).optional().catch(undefined),
    transition: z.looseObject({ new: z.string(), reason: z.string().nullable().optional().catch(undefined) }).optional(),
  }),
);
/** `GET /v2/token_auth` (cb_token_auth): the token's account and user. */
const TokenSchema = z.looseObject({ account_id: z.string(), owner_id: z.string().optional() });
const UserSchema = z.looseObject({ first_name: z.string().optional(), last_name: z.string().optional(), username: z.string().optional() });
/** Reasons are shown on a card and in a banner; anything longer is a mistake, not a reason. */
const MAX_REASON = 1024;
const GroupsSchema = z.array(z.looseObject({ account_id: z.string(), account_name: z.string().optional().catch(undefined), port_requests: z.array(z.unknown()) }));

/** An account's name as Kazoo gives it; Kazoo answers "unknown" when it could not read the account (cb_port_requests:get_account_names). */
function accountNameOf(name: string | null | undefined): string | undefined {
  const trimmed = name?.trim();
  return trimmed && trimmed !== 'unknown' ? trimmed : undefined;
}

/** A listed document with the group it came in. */
interface Listed {
  doc: unknown;
  accountId: string;
  accountName: string | null;
}

/** Kazoo error body -> the most specific text the server gave, plus its short `message` verbatim. */
export const readKazooError: ErrorReader = (status, body) => {
  const env = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const serverMessage = typeof env.message === 'string' ? env.message : typeof body === 'string' ? body : `HTTP ${status}`;
  const data = env.data;
  if (status === 402) {
    const charges = typeof data === 'object' && data !== null ? Number((data as Record<string, unknown>).activation_charges) : NaN;
    const amount = Number.isFinite(charges) ? charges : undefined;
    return {
      message: amount !== undefined ? `${serverMessage}: activation charges of ${amount.toFixed(2)} must be accepted` : serverMessage,
      serverMessage,
      ...(amount !== undefined ? { charges: amount } : {}),
    };
  }
  const details = detailMessages(data);
  const message = details.length > 0 ? `${details.join('; ')} (${serverMessage})` : serverMessage;
  // Kazoo answers an illegal state move with a 500 carrying a validation body: retrying cannot help.
  const illegalMove = status === 500 && serverMessage === 'invalid request' && details.length > 0;
  return { message, serverMessage, ...(illegalMove ? { kind: 'permanent' as const } : {}) };
};

/** Messages nested in Kazoo's `{field: {rule: {message, cause}}}` validation bodies. */
function detailMessages(data: unknown): string[] {
  if (typeof data !== 'object' || data === null) return [];
  const rec = data as Record<string, unknown>;
  if (typeof rec.message === 'string') return [rec.message];
  const out: string[] = [];
  for (const [field, rules] of Object.entries(rec)) {
    if (typeof rules !== 'object' || rules === null) continue;
    for (const rule of Object.values(rules as Record<string, unknown>)) {
      if (typeof rule === 'object' && rule !== null && typeof (rule as Record<string, unknown>).message === 'string') {
        out.push(`${field}: ${String((rule as Record<string, unknown>).message)}`);
      }
    }
  }
  return out;
}

/** Kazoo document -> internal model (the bill's street read as `version` writes it). */
export function kazooToPort(doc: KazooDoc, revision: string, fallbackAccount: string, connectionAccount?: string, version: KazooVersion = '4.3'): RemotePort {
  const bill: Partial<NonNullable<KazooDoc['bill']>> = doc.bill ?? {};
  const street = billStreet(bill, version);
  const sendTo = doc.notifications?.email?.send_to;
  // Every field written out rather than spread over EMPTY_PORT_FIELDS: the spread builds a
  // dictionary-mode object, several times slower over a 10,000-port listing.
  const fields: PortFields = {
    name: doc.name,
    losingCarrier: doc.carrier ?? bill.carrier ?? '',
    winningCarrier: doc.winning_carrier ?? '',
    accountName: doc.account_name ?? '',
    billingName: bill.name ?? '',
    authorizedPerson: doc.signee_name ?? '',
    billingPhone: bill.btn ?? '',
    streetNumber: street.streetNumber,
    streetPreDir: street.streetPreDir,
    street: street.street,
    streetType: street.streetType,
    streetPostDir: street.streetPostDir,
    extendedAddress: bill.extended_address ?? '',
    locality: bill.locality ?? '',
    region: bill.region ?? '',
    postalCode: bill.postal_code ?? '',
    country: bill.country ?? '',
    accountNumber: bill.account_number ?? '',
    pin: bill.pin ?? '',
    transferDate: doc.transfer_date != null ? gregorianToDate(doc.transfer_date) : '',
    focDate: doc.scheduled_date != null ? gregorianToDate(doc.scheduled_date) : '',
    notificationEmails: sendTo === undefined ? [] : Array.isArray(sendTo) ? sendTo : [sendTo],
    referenceNumber: doc.reference_number ?? '',
    customerReference: doc.customer_reference ?? '',
  };
  return {
    remoteObjectId: doc.id,
    revision,
    accountId: doc.account_id ?? doc._read_only?.account_id ?? fallbackAccount,
    accountName: accountNameOf(doc._read_only?.account_name),
    ...(doc._read_only?.port_authority != null && connectionAccount !== undefined ? { authority: doc._read_only.port_authority === connectionAccount } : {}),
    state: doc.port_state,
    fields,
    numbers: Object.keys(doc.numbers).sort(),
    marker: doc[KAZOO_MARKER_FIELD] ?? null,
    attachments: Object.entries(doc.uploads ?? {}).map(([name, u]): RemoteAttachment => ({ remoteName: name, name, kind: null, size: u.length, contentType: u.content_type, marker: null })),
    comments: (doc.comments ?? []).map((c): RemoteComment => ({
      // Kazoo comments have no id: PortDesk's marker, else when and what was said.
      remoteId: c[KAZOO_COMMENT_MARKER] ?? `kz-${c.timestamp}-${hash('sha1', c.content).slice(0, 12)}`,
      body: c.content,
      author: c.author ?? '',
      isPrivate: c.is_private,
      actionRequired: c.action_required,
      createdAt: c.timestamp > 0 ? (c.timestamp - GREGORIAN_OFFSET) * 1000 : 0,
      marker: c[KAZOO_COMMENT_MARKER] ?? null,
    })),
  };
}

/** The bill's street keys: 4.3's split street and the 4.0 docs' one-line `address`. */
const BILL_STREET_KEYS = ['street_number', 'street_pre_dir', 'street_address', 'street_type', 'street_post_dir', 'address'] as const;
type BillStreet = Partial<Record<(typeof BILL_STREET_KEYS)[number], string | undefined>>;

/**
 * The bill's street as parts. 4.3 keeps each part in its own field (street_address is the street
 * name). 4.0-4.2 keep one line (`street_address`, the 4.0 docs' `address`); the parts PortDesk
 * writes beside it count only while the line still carries them (someone may have rewritten the
 * line since), otherwise the line is the street. No part is ever dropped.
 */
export function billStreet(bill: BillStreet | Partial<Record<keyof BillStreet, string | null>>, version: KazooVersion): StreetParts {
  const around = { streetNumber: bill.street_number ?? '', streetPreDir: bill.street_pre_dir ?? '', streetType: bill.street_type ?? '', streetPostDir: bill.street_post_dir ?? '' };
  const line = bill.street_address ?? bill.address ?? '';
  if (version === '4.3') return { ...around, street: line };
  const name = hasSplitParts({ ...around, street: '' }) ? nameInLine(line, around) : null;
  return name === null ? { streetNumber: '', streetPreDir: '', street: line, streetType: '', streetPostDir: '' } : { ...around, street: name };
}

/**
 * The bill's street keys as written back. Parts unchanged since the server's document keep the
 * server's keys verbatim. Otherwise 4.3 gets each part in its field; 4.0-4.2 get the whole line in
 * `street_address` (what their LOA and notices print) with the parts beside it under 4.3's names
 * (Kazoo keeps unknown fields), so they come back apart. `address` follows the line where the
 * document has it.
 */
function billStreetFields(f: StreetParts, baseBill: Record<string, unknown>, version: KazooVersion): Record<string, string | undefined> {
  const base: BillStreet = Object.fromEntries(BILL_STREET_KEYS.map((k) => [k, typeof baseBill[k] === 'string' ? baseBill[k] : undefined]));
  const was = billStreet(base, version);
  if (STREET_PART_KEYS.every((k) => was[k] === f[k])) return base;
  const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());
  const line = optional(streetLine(f));
  const out: Record<string, string | undefined> = {
    street_number: optional(f.streetNumber),
    street_pre_dir: optional(f.streetPreDir),
    street_type: optional(f.streetType),
    street_post_dir: optional(f.streetPostDir),
    address: base.address === undefined ? undefined : line,
  };
  const onlyAddress = base.address !== undefined && base.street_address === undefined;
  out.street_address = version === '4.3' ? optional(f.street) : onlyAddress ? undefined : line;
  return out;
}

/**
 * Internal model -> Kazoo document, merged over the document as the server has it so fields
 * other clients set (and the numbers' per-number data) survive a full-document POST.
 */
export function portToKazoo(snapshot: LocalSnapshot, base: Record<string, unknown> = {}, version: KazooVersion = '4.3'): Record<string, unknown> {
  const f = snapshot.fields;
  const baseNumbers = (typeof base.numbers === 'object' && base.numbers !== null ? base.numbers : {}) as Record<string, unknown>;
  const numbers: Record<string, unknown> = {};
  for (const n of snapshot.numbers) numbers[n] = baseNumbers[n] ?? {};
  const doc: Record<string, unknown> = { ...base };
  for (const ro of READ_ONLY_FIELDS) delete doc[ro];
  const baseBill = (typeof base.bill === 'object' && base.bill !== null ? base.bill : {}) as Record<string, unknown>;
  const optional = (value: string): string | undefined => (value === '' ? undefined : value);
  Object.assign(doc, {
    name: f.name,
    numbers,
    carrier: optional(f.losingCarrier),
    winning_carrier: optional(f.winningCarrier),
    account_name: optional(f.accountName),
    signee_name: optional(f.authorizedPerson),
    reference_number: optional(f.referenceNumber),
    customer_reference: optional(f.customerReference),
    transfer_date: f.transferDate ? dateToGregorian(f.transferDate) : undefined,
    bill: {
      ...baseBill,
      name: optional(f.billingName),
      btn: optional(f.billingPhone),
      ...billStreetFields(f, baseBill, version),
      extended_address: optional(f.extendedAddress),
      locality: optional(f.locality),
      region: optional(f.region),
      postal_code: optional(f.postalCode),
      country: optional(f.country),
      account_number: optional(f.accountNumber),
      pin: optional(f.pin),
      carrier: optional(f.losingCarrier),
    },
    notifications: f.notificationEmails.length > 0 ? { email: { send_to: f.notificationEmails } } : undefined,
    [KAZOO_MARKER_FIELD]: snapshot.localId,
  });
  if (f.focDate && snapshot.state === 'scheduled') doc.scheduled_date = dateToGregorian(f.focDate);
  return JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
}

/** Fields Kazoo owns: never sent back in a full-document POST. */
const READ_ONLY_FIELDS = ['id', 'port_state', 'sent', 'uploads', 'created', 'updated', 'account_id', '_read_only'];

/**
 * What this adapter learned about a server, kept per server and account for the process's life.
 * `version` is only ever a probe in flight or one that answered: a failed probe is forgotten at
 * once, so the next call (the row's next attempt, after its backoff) probes again.
 */
interface ServerFacts {
  version?: Promise<KazooVersion>;
  author?: Promise<string>;
}
export type KazooVersion = '4.2' | '4.3';
const SERVER_FACTS = new Map<string, ServerFacts>();
const CANNOT_TELL = 'cannot tell yet whether the earlier create landed';

/**
 * Kazoo Crossbar `port_requests` over {root}/v2/accounts/{ACCOUNT_ID}, 4.0–4.2 and 4.3 alike.
 * Every per-port call goes under the port's own account (4.3 re-parents a request written under
 * another account's path), which the engine keeps per port (seam 2).
 */
export class KazooAdapter implements RemoteAdapter {
  readonly kind = 'kazoo' as const;
  readonly capabilities = KAZOO_CAPABILITIES;

  get requestTimeoutMs(): number {
    return this.config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  private readonly facts: ServerFacts;
  /** Accounts of the requests this adapter has seen (listings, GETs), ahead of the engine's store. */
  private readonly seen = new Map<string, string>();
  /** Account id -> name, as the grouped listings give them. */
  private readonly accountNames = new Map<string, string>();
  /** What the latest listing carried but could not read. */
  private unreadable: UnreadableRemote[] = [];

  constructor(
    private readonly config: RemoteConfig,
    private readonly ctx: AdapterContext = { accountOf: () => null },
  ) {
    const key = `${config.baseUrl}|${config.accountId}|${createHash('sha1').update(config.token).digest('hex')}`;
    const facts = SERVER_FACTS.get(key) ?? {};
    SERVER_FACTS.set(key, facts);
    this.facts = facts;
  }

  private accountUrl(accountId: string): string {
    return `${this.config.baseUrl}/v2/accounts/${encodeURIComponent(accountId)}`;
  }

  /** The account a request lives in: as last seen, else as stored locally, else the connection's. */
  private accountOf(remoteObjectId: string): string {
    return this.seen.get(remoteObjectId) ?? this.ctx.accountOf(remoteObjectId) ?? this.config.accountId;
  }

  private portUrl(remoteObjectId: string, rest = ''): string {
    return `${this.accountUrl(this.accountOf(remoteObjectId))}/port_requests/${encodeURIComponent(remoteObjectId)}${rest}`;
  }

  private async callUrl(method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE', url: string, json?: unknown, readError: ErrorReader = readKazooError): Promise<z.infer<typeof EnvelopeSchema>> {
    const res = await requestJson({ method, url, headers: { 'x-auth-token': this.config.token }, json, timeoutMs: this.requestTimeoutMs, trustedCa: this.config.trustedCa }, readError);
    const env = EnvelopeSchema.safeParse(res.body);
    if (!env.success) throw new RemoteError({ kind: 'transient', status: res.status, message: 'Kazoo answered without the usual envelope' });
    return env.data;
  }

  /**
   * 4.0–4.2 serve `GET .../port_requests/{state}` as a listing; 4.3 reads the token as a request
   * id and answers Crossbar's own 404 `bad_identifier` (cb_port_requests.erl at tags 4.2.48 and
   * 4.3.99, cb_context `add_system_error`). Only those two answers decide: a 5xx, a reset, a
   * 404 that is not Kazoo's error envelope (a proxy's page while Crossbar restarts) or a 200 that
   * is not a listing throws, and nothing is pinned.
   */
  private async probeVersion(): Promise<KazooVersion> {
    let crossbar404 = false;
    const readError: ErrorReader = (status, body) => {
      crossbar404 = status === 404 && isRecord(body) && body.status === 'error';
      return readKazooError(status, body);
    };
    const url = `${this.accountUrl(this.config.accountId)}/port_requests/submitted`;
    try {
      const env = await this.callUrl('GET', url, undefined, readError);
      if (Array.isArray(env.data)) return '4.2';
      throw new RemoteError({ kind: 'transient', status: 200, message: 'Kazoo answered the version probe with something other than a listing' });
    } catch (err) {
      if (err instanceof RemoteError && err.kind === 'not_found' && crossbar404) return '4.3';
      if (err instanceof RemoteError && err.kind === 'not_found') {
        throw new RemoteError({ kind: 'transient', status: 404, message: `Cannot tell the Kazoo version yet: ${new URL(url).host} answered 404 without Kazoo's error body` });
      }
      throw err;
    }
  }

  /**
   * Kazoo's version (also read by tests). Callers at once share one probe; a probe that failed
   * is not kept, so the next call probes again instead of failing until a restart.
   */
  version(): Promise<KazooVersion> {
    const facts = this.facts;
    if (!facts.version) {
      const probe = this.probeVersion();
      facts.version = probe;
      probe.catch(() => {
        if (facts.version === probe) facts.version = undefined;
      });
    }
    return facts.version;
  }

  private toPort(data: unknown, urlAccount: string, version: KazooVersion): { port: RemotePort; raw: Record<string, unknown> } {
    const doc = parseKazooDoc(data);
    if (!doc.success) throw new RemoteError({ kind: 'permanent', status: 200, message: `Kazoo returned a port request PortDesk cannot read (${describeIssue(doc.error)})` });
    const port = { ...kazooToPort(doc.data, documentRevision(data), urlAccount, this.config.accountId, version), raw: data };
    this.seen.set(port.remoteObjectId, port.accountId);
    return { port, raw: data as Record<string, unknown> };
  }

  /** Grouped listing -> documents, each with the account its group names. */
  private async grouped(url: string): Promise<Listed[]> {
    const env = await this.callUrl('GET', url);
    const groups = GroupsSchema.safeParse(env.data);
    if (!groups.success) throw new RemoteError({ kind: 'transient', status: 200, message: 'Kazoo answered a listing PortDesk cannot read' });
    for (const g of groups.data) {
      const name = accountNameOf(g.account_name);
      if (name) this.accountNames.set(g.account_id, name);
    }
    return groups.data.flatMap((g) => g.port_requests.map((doc) => ({ doc, accountId: g.account_id, accountName: accountNameOf(g.account_name) ?? null })));
  }

  /**
   * The account's own requests and its sub-accounts' (4.3's `descendants` listing holds only the
   * latter). 4.3: `by_types=all`, completed and canceled over the last 31 days of `modified`.
   * 4.2: the all-states listing (unconfirmed, completed, canceled over 31 days) plus the
   * unconfirmed listing, which is not windowed. Older completed requests are absent, not gone:
   * the engine refreshes known ports individually (seam 1). Documents that cannot be read are
   * left out rather than guessed at, and kept for {@link unreadableInListing}.
   */
  async listAll(): Promise<RemotePort[]> {
    const version = await this.version();
    const own = this.accountUrl(this.config.accountId);
    const urls =
      version === '4.3'
        ? [`${own}/port_requests?by_types=all`, `${own}/descendants/port_requests?by_types=all`]
        : [`${own}/port_requests`, `${own}/port_requests/unconfirmed`, `${own}/descendants/port_requests`, `${own}/descendants/port_requests/unconfirmed`];
    const docs = (await Promise.all(urls.map((u) => this.grouped(u)))).flat();
    const seen = new Set<string>();
    const out: RemotePort[] = [];
    const unreadable = new Map<string, UnreadableRemote>();
    // Thousands of documents are checked and hashed here: the event loop gets a turn every slice.
    const turns = new Turns();
    for (const { doc: d, accountId, accountName } of docs) {
      await turns.check();
      const parsed = parseKazooDoc(d);
      if (!parsed.success) {
        const id = isRecord(d) && typeof d.id === 'string' ? d.id : `(no id, in account ${accountId})`;
        unreadable.set(id, { remoteObjectId: id, accountId, accountName, reason: `Kazoo sent a port request PortDesk cannot read (${describeIssue(parsed.error)})` });
        continue;
      }
      if (seen.has(parsed.data.id)) continue;
      seen.add(parsed.data.id);
      // The group's account is the request's (a listing adds it to each document, leak_pvt_fields).
      parsed.data.account_id = accountId;
      const port = kazooToPort(parsed.data, listedRevision(d), this.config.accountId, this.config.accountId, version);
      this.seen.set(port.remoteObjectId, port.accountId);
      port.accountName ??= this.accountNames.get(port.accountId);
      out.push(port);
    }
    this.unreadable = [...unreadable.values()];
    return out;
  }

  unreadableInListing(): UnreadableRemote[] {
    return this.unreadable;
  }

  async get(remoteObjectId: string): Promise<RemotePort> {
    return (await this.getRaw(remoteObjectId)).port;
  }

  private async getRaw(remoteObjectId: string): Promise<{ port: RemotePort; raw: Record<string, unknown> }> {
    const account = this.accountOf(remoteObjectId);
    const [env, version] = await Promise.all([this.callUrl('GET', this.portUrl(remoteObjectId)), this.version()]);
    return this.toPort(env.data, account, version);
  }

  /**
   * A create PortDesk made lands in the connection's account, unconfirmed and just modified, so
   * the account's own listing shows it (by_number would not in 4.3: it matches sub-accounts'
   * requests only). Any failure to look is thrown as transient: never a guess that none landed.
   */
  async findCreated(snapshot: LocalSnapshot): Promise<RemotePort | null> {
    try {
      const version = await this.version();
      const own = this.accountUrl(this.config.accountId);
      const urls = version === '4.3' ? [`${own}/port_requests?by_types=all`] : [`${own}/port_requests`, `${own}/port_requests/unconfirmed`];
      const docs = (await Promise.all(urls.map((u) => this.grouped(u)))).flat();
      for (const { doc: d, accountId } of docs) {
        if (!isRecord(d) || d[KAZOO_MARKER_FIELD] !== snapshot.localId || typeof d.id !== 'string') continue;
        this.seen.set(d.id, accountId);
        return await this.get(d.id);
      }
      return null;
    } catch (err) {
      throw transientBecause(CANNOT_TELL, err);
    }
  }

  async create(snapshot: LocalSnapshot, sending?: () => void): Promise<RemotePort> {
    const version = await this.version();
    sending?.();
    const env = await this.callUrl('PUT', `${this.accountUrl(this.config.accountId)}/port_requests`, { data: portToKazoo({ ...snapshot, state: 'unconfirmed' }, {}, version) });
    return this.toPort(env.data, this.config.accountId, version).port;
  }

  async update(current: RemotePort, snapshot: LocalSnapshot): Promise<RemotePort> {
    if (current.accountId) this.seen.set(current.remoteObjectId, current.accountId);
    const raw = isRecord(current.raw) ? current.raw : (await this.getRaw(current.remoteObjectId)).raw;
    const account = this.accountOf(current.remoteObjectId);
    const version = await this.version();
    const env = await this.callUrl('POST', this.portUrl(current.remoteObjectId), { data: portToKazoo(snapshot, raw, version) });
    return this.toPort(env.data, account, version).port;
  }

  async move(current: RemotePort, move: MoveRequest, snapshot: LocalSnapshot): Promise<RemotePort> {
    if (current.accountId) this.seen.set(current.remoteObjectId, current.accountId);
    const data: Record<string, unknown> = {};
    if (move.reason) data.reason = move.reason;
    if (move.to === 'scheduled' && move.date) data.scheduled_date = dateToGregorian(move.date);
    const body: Record<string, unknown> = { data };
    if (move.acceptCharges) body.accept_charges = true;
    const account = this.accountOf(current.remoteObjectId);
    // The version first: a failed probe must not leave a move sent with its answer unread.
    const version = await this.version();
    let env: z.infer<typeof EnvelopeSchema>;
    try {
      env = await this.callUrl('PATCH', this.portUrl(current.remoteObjectId, `/${move.to}`), body);
    } catch (err) {
      // Scheduling needs a date the request does not have (cb_port_requests' validation of
      // scheduled_date / schedule_on): the move's own was cleared as not a real date
      // (migrations 16 and 19). The server's words, then how to give it one.
      if (move.to === 'scheduled' && !move.date && err instanceof RemoteError && err.status === 400 && err.message.includes('scheduled_date')) {
        throw new RemoteError({ kind: 'permanent', status: err.status, message: `${err.message}. ${undatedScheduleHelp(snapshot.localId)}`, serverMessage: err.serverMessage });
      }
      throw err;
    }
    return this.toPort(env.data, account, version).port;
  }

  async remove(remoteObjectId: string): Promise<void> {
    await this.callUrl('DELETE', this.portUrl(remoteObjectId));
  }

  /** Kazoo's state machine and who may make the move (4.3: the port authority, or anyone while unconfirmed). */
  cancelRefusal(remote: RemotePort): string | null {
    if (remote.state === 'canceled') return null;
    return moveRefusal({ name: remote.remoteObjectId, state: remote.state, remoteAuthority: remote.authority ?? null }, 'canceled');
  }

  acceptsExtras(): boolean {
    return true;
  }

  async extras(remoteObjectId: string): Promise<{ attachments: RemoteAttachment[]; comments: RemoteComment[] }> {
    const port = await this.get(remoteObjectId);
    return { attachments: port.attachments ?? [], comments: port.comments ?? [] };
  }

  /** The reason given with the latest move into `state`: the top-level `reason` of its timeline entry. */
  async stateReason(remoteObjectId: string, state: PortState): Promise<string | null> {
    const env = await this.callUrl('GET', this.portUrl(remoteObjectId, '/timeline'));
    const entries = TimelineSchema.safeParse(env.data);
    if (!entries.success) throw new RemoteError({ kind: 'permanent', status: 200, message: 'Kazoo returned a timeline PortDesk cannot read' });
    const last = entries.data.filter((e) => e.transition?.new === state && (e.type === undefined || e.type === 'transition')).at(-1);
    const reason = (last?.reason ?? last?.authorization?.reason ?? last?.transition?.reason)?.trim();
    return reason ? reason.slice(0, MAX_REASON) : null;
  }

  /**
   * Kazoo keys attachments by file name: PUT under a name that exists overwrites it, so a retried
   * upload after a lost answer lands on the same attachment and needs no lookup.
   */
  async putAttachment(remoteObjectId: string, file: AttachmentUpload, opts: { replacing: string | null }): Promise<string> {
    const base = this.portUrl(remoteObjectId, '/attachments');
    const name = opts.replacing ?? withPdfExtension(file.name);
    const url = opts.replacing ? `${base}/${encodeURIComponent(opts.replacing)}` : `${base}?filename=${encodeURIComponent(name)}`;
    const res = await requestJson(
      { method: opts.replacing ? 'POST' : 'PUT', url, headers: { 'x-auth-token': this.config.token }, bytes: { data: file.bytes, contentType: 'application/pdf' }, timeoutMs: 120_000, trustedCa: this.config.trustedCa },
      readKazooError,
    );
    EnvelopeSchema.parse(res.body);
    return name;
  }

  async deleteAttachment(remoteObjectId: string, remoteName: string): Promise<boolean> {
    try {
      await this.callUrl('DELETE', this.portUrl(remoteObjectId, `/attachments/${encodeURIComponent(remoteName)}`));
    } catch (err) {
      // Already gone (an earlier attempt whose answer was lost, or someone else): done.
      if (!(err instanceof RemoteError && err.kind === 'not_found')) throw err;
    }
    return true;
  }

  downloadAttachment(remoteObjectId: string, remoteName: string): Promise<Uint8Array> {
    const url = this.portUrl(remoteObjectId, `/attachments/${encodeURIComponent(remoteName)}`);
    return requestBytes({ method: 'GET', url, headers: { 'x-auth-token': this.config.token }, timeoutMs: 120_000, maxBytes: MAX_DOWNLOAD_BYTES, trustedCa: this.config.trustedCa }, readKazooError);
  }

  /** Kazoo builds an LOA PDF from the request's own data: `GET .../port_requests/{id}/loa`. */
  fetchLoa(remoteObjectId: string): Promise<Uint8Array> {
    const url = this.portUrl(remoteObjectId, '/loa');
    return requestBytes({ method: 'GET', url, headers: { 'x-auth-token': this.config.token, accept: 'application/pdf' }, timeoutMs: 60_000, maxBytes: MAX_DOWNLOAD_BYTES, trustedCa: this.config.trustedCa }, readKazooError);
  }

  /**
   * The connection's user name, the comment author comment.json requires: the token's user
   * (`GET /v2/token_auth` -> owner_id, then `GET .../users/{owner_id}`), else the account id.
   * 4.3 writes the user's full name over it anyway (cb_port_requests:add_commentors_info).
   */
  private author(): Promise<string> {
    this.facts.author ??= (async () => {
      try {
        const tok = TokenSchema.parse((await this.callUrl('GET', `${this.config.baseUrl}/v2/token_auth`)).data);
        if (!tok.owner_id) return 'PortDesk';
        const user = UserSchema.parse((await this.callUrl('GET', `${this.accountUrl(tok.account_id)}/users/${encodeURIComponent(tok.owner_id)}`)).data);
        return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.username || 'PortDesk';
      } catch {
        this.facts.author = undefined;
        return 'PortDesk';
      }
    })();
    return this.facts.author;
  }

  /**
   * Kazoo keeps comments in the document. 4.3 takes new ones with a PATCH of the request
   * (any state); 4.0–4.2 only with a full-document POST, where the request may be edited. Each
   * carries author and timestamp (comment.json) and PortDesk's id, so a retry first checks
   * whether it already arrived.
   */
  async addComment(remoteObjectId: string, comment: LocalComment): Promise<string> {
    const [{ raw }, version, author] = await Promise.all([this.getRaw(remoteObjectId), this.version(), this.author()]);
    const existing = Array.isArray(raw.comments) ? (raw.comments as unknown[]) : [];
    if (existing.some((c) => isRecord(c) && c[KAZOO_COMMENT_MARKER] === comment.commentId)) return comment.commentId;
    // Kazoo takes as new only comments newer than the stored ones (get_new_comments).
    const latest = existing.reduce<number>((m, c) => (isRecord(c) && typeof c.timestamp === 'number' ? Math.max(m, c.timestamp) : m), 0);
    const timestamp = Math.max(Math.floor(Date.now() / 1000) + GREGORIAN_OFFSET, latest + 1);
    const added: Record<string, unknown> = { author, content: comment.body, timestamp, [KAZOO_COMMENT_MARKER]: comment.commentId };
    if (comment.isPrivate) added.is_private = true;
    if (comment.actionRequired) added.action_required = true;
    if (version === '4.3') {
      await this.callUrl('PATCH', this.portUrl(remoteObjectId), { data: { comments: [...existing, added] } });
      return comment.commentId;
    }
    const doc: Record<string, unknown> = { ...raw };
    for (const ro of READ_ONLY_FIELDS) delete doc[ro];
    doc.comments = [...existing, added];
    await this.callUrl('POST', this.portUrl(remoteObjectId), { data: doc });
    return comment.commentId;
  }
}


function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'document'}: ${issue.message}` : 'unreadable';
}

/** Kazoo appends `.pdf` to attachment names that lack it. */
function withPdfExtension(name: string): string {
  return name.toLowerCase().endsWith('.pdf') ? name : `${name}.pdf`;
}

/**
 * The revision PortDesk compares ports by: the document without what changes when only
 * attachments or comments do (`uploads`, `comments`, `updated`). Those are reconciled on their
 * own, so an uploaded LOA or a posted comment never looks like an edit of the port's fields.
 */
export function documentRevision(doc: unknown): string {
  return hashRevision(canonical(doc, ATTACHMENT_AND_COMMENT_KEYS));
}

/** Top-level keys that change with attachments and comments only (see documentRevision). */
const ATTACHMENT_AND_COMMENT_KEYS: ReadonlySet<string> = new Set(['uploads', 'comments', 'updated']);

/** A listed document's {@link documentRevision}: a listing adds `account_id` to each document (leak_pvt_fields), a GET does not. */
function listedRevision(doc: unknown): string {
  return hashRevision(canonical(doc, LISTED_OMITTED_KEYS));
}
const LISTED_OMITTED_KEYS: ReadonlySet<string> = new Set([...ATTACHMENT_AND_COMMENT_KEYS, 'account_id']);

/**
 * Listings carry one revision for the whole list, not one per document, so a document's
 * revision is a hash of its canonical content (the same whether it came from a listing or a
 * GET); `updated` alone misses edits within the same second.
 */
export function contentRevision(doc: unknown): string {
  return hashRevision(canonicalJson(doc));
}

function hashRevision(canonicalText: string): string {
  return `h-${hash('sha1', canonicalText).slice(0, 20)}`;
}

/** JSON with object keys sorted, so equal documents hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  return canonical(value, null);
}

/**
 * canonicalJson leaving out `omit` at the top level. Written as string appends over sorted keys
 * (no copy of the document, no entry arrays): it runs for every document of every listing.
 */
function canonical(value: unknown, omit: ReadonlySet<string> | null): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) out += ',';
      out += canonical(value[i], null) ?? '';
    }
    return `${out}]`;
  }
  const rec = value as Record<string, unknown>;
  let out = '{';
  for (const key of sortKeys(Object.keys(rec))) {
    const v = rec[key];
    if (v === undefined || omit?.has(key)) continue;
    if (out.length > 1) out += ',';
    out += quotedKey(key) + canonical(v, null);
  }
  return `${out}}`;
}

/** `"key":` of keys already met; documents of a listing share most of theirs. */
const QUOTED_KEYS = new Map<string, string>();
/** Keys are the remote's to choose (numbers are keys too): the map stops growing here. */
const MAX_QUOTED_KEYS = 2048;

/** `"key":`, quoted once per key rather than once per document (a sixth of a revision's time, measured). */
function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (QUOTED_KEYS.size < MAX_QUOTED_KEYS) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}

/**
 * Keys in code-unit order, as Array.prototype.sort orders them. A document's objects have a few
 * keys each, where an insertion sort beats the built-in sort's setup (a fifth of the revision's
 * time over a 10,000-document listing, measured).
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 24) return keys.sort();
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i] as string;
    let j = i - 1;
    for (; j >= 0 && (keys[j] as string) > key; j -= 1) keys[j + 1] = keys[j] as string;
    keys[j + 1] = key;
  }
  return keys;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
