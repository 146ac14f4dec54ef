import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PORT_STATES, type PortFields, type PortState } from '../../../shared/model';
import { RemoteError } from '../errors';
import { requestBytes, requestJson, type ErrorReader } from '../http';
import type { AttachmentUpload, Capabilities, LocalComment, LocalSnapshot, MoveRequest, RemoteAdapter, RemoteAttachment, RemoteComment, RemoteConfig, RemotePort } from './types';

/** Seconds between 0000-01-01 (Erlang's Gregorian calendar) and the Unix epoch. */
const GREGORIAN_OFFSET = 62_167_219_200;
/** Field Kazoo keeps on the document (it stores arbitrary JSON) to recognise PortDesk's own creates. */
export const KAZOO_MARKER_FIELD = 'portdesk_client_id';
/** Field on a comment PortDesk posted, so a retried post after a lost answer finds it. */
export const KAZOO_COMMENT_MARKER = 'portdesk_comment_id';
/** Kazoo's default upload limit; a larger download is not an attachment PortDesk accepts. */
const MAX_DOWNLOAD_BYTES = 8_000_000;
const COMPLETED_PAGE_SIZE = 500;

export const KAZOO_CAPABILITIES: Capabilities = {
  descendants: true,
  loaGeneration: true,
  comments: true,
  focWindows: false,
  portabilityChecks: false,
  movableTo: ['submitted', 'pending', 'scheduled', 'completed', 'rejected', 'canceled'],
  fields: [
    'name', 'losingCarrier', 'winningCarrier', 'accountName', 'billingName', 'authorizedPerson', 'billingPhone', 'street',
    'extendedAddress', 'locality', 'region', 'postalCode', 'country', 'accountNumber', 'pin', 'transferDate', 'focDate',
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

const str = z.string().optional().catch(undefined);
const KazooDocSchema = z.looseObject({
  id: z.string(),
  account_id: z.string().optional(),
  name: z.string().catch(''),
  port_state: z.enum(PORT_STATES).catch('unconfirmed'),
  numbers: z.record(z.string(), z.unknown()).catch({}),
  carrier: str,
  winning_carrier: str,
  account_name: str,
  signee_name: str,
  reference_number: str,
  customer_reference: str,
  transfer_date: z.number().optional().catch(undefined),
  scheduled_date: z.number().optional().catch(undefined),
  bill: z
    .looseObject({
      name: str, street_address: str, extended_address: str, locality: str, region: str, postal_code: str, country: str,
      account_number: str, pin: str, btn: str, carrier: str,
    })
    .optional()
    .catch(undefined),
  notifications: z
    .looseObject({ email: z.looseObject({ send_to: z.union([z.string(), z.array(z.string())]).optional() }).optional() })
    .optional()
    .catch(undefined),
  [KAZOO_MARKER_FIELD]: str,
  uploads: z.record(z.string(), z.looseObject({ content_type: z.string().catch('application/pdf'), length: z.number().catch(0) })).optional().catch(undefined),
  comments: z
    .array(
      z.looseObject({
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

const EnvelopeSchema = z.looseObject({ data: z.unknown(), revision: z.string().optional(), next_start_key: z.union([z.string(), z.number()]).optional() });
/** Entries of `GET .../port_requests/{id}/timeline` this adapter reads: transitions (comments are skipped). */
const TimelineSchema = z.array(
  z.looseObject({
    type: z.string(),
    transition: z.looseObject({ new: z.string(), reason: z.string().nullable().optional() }).optional(),
  }),
);
/** Reasons are shown on a card and in a banner; anything longer is a mistake, not a reason. */
const MAX_REASON = 1024;
const GroupsSchema = z.array(z.looseObject({ account_id: z.string(), port_requests: z.array(z.unknown()) }));

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

/** Kazoo document -> internal model. */
export function kazooToPort(doc: KazooDoc, revision: string, fallbackAccount: string): RemotePort {
  const bill = doc.bill ?? {};
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
    street: bill.street_address ?? '',
    extendedAddress: bill.extended_address ?? '',
    locality: bill.locality ?? '',
    region: bill.region ?? '',
    postalCode: bill.postal_code ?? '',
    country: bill.country ?? '',
    accountNumber: bill.account_number ?? '',
    pin: bill.pin ?? '',
    transferDate: doc.transfer_date !== undefined ? gregorianToDate(doc.transfer_date) : '',
    focDate: doc.scheduled_date !== undefined ? gregorianToDate(doc.scheduled_date) : '',
    notificationEmails: sendTo === undefined ? [] : Array.isArray(sendTo) ? sendTo : [sendTo],
    referenceNumber: doc.reference_number ?? '',
    customerReference: doc.customer_reference ?? '',
  };
  return {
    remoteObjectId: doc.id,
    revision,
    accountId: doc.account_id ?? fallbackAccount,
    state: doc.port_state,
    fields,
    numbers: Object.keys(doc.numbers).sort(),
    marker: doc[KAZOO_MARKER_FIELD] ?? null,
    attachments: Object.entries(doc.uploads ?? {}).map(([name, u]): RemoteAttachment => ({ remoteName: name, name, kind: null, size: u.length, contentType: u.content_type, marker: null })),
    comments: (doc.comments ?? []).map((c): RemoteComment => ({
      // Kazoo comments have no id: PortDesk's marker, else when and what was said.
      remoteId: c[KAZOO_COMMENT_MARKER] ?? `kz-${c.timestamp}-${createHash('sha1').update(c.content).digest('hex').slice(0, 12)}`,
      body: c.content,
      author: c.author ?? '',
      isPrivate: c.is_private,
      actionRequired: c.action_required,
      createdAt: c.timestamp > 0 ? (c.timestamp - GREGORIAN_OFFSET) * 1000 : 0,
      marker: c[KAZOO_COMMENT_MARKER] ?? null,
    })),
  };
}

/**
 * Internal model -> Kazoo document, merged over the document as the server has it so fields
 * other clients set (and the numbers' per-number data) survive a full-document POST.
 */
export function portToKazoo(snapshot: LocalSnapshot, base: Record<string, unknown> = {}): Record<string, unknown> {
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
      street_address: optional(f.street),
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
const READ_ONLY_FIELDS = ['id', 'port_state', 'sent', 'uploads', 'created', 'updated', 'account_id'];

/** Kazoo Crossbar `port_requests` over {root}/v2/accounts/{ACCOUNT_ID}. */
export class KazooAdapter implements RemoteAdapter {
  readonly kind = 'kazoo' as const;
  readonly capabilities = KAZOO_CAPABILITIES;
  private readonly api: string;

  constructor(private readonly config: RemoteConfig) {
    this.api = `${config.baseUrl}/v2/accounts/${encodeURIComponent(config.accountId)}`;
  }

  private async call(method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE', path: string, json?: unknown): Promise<z.infer<typeof EnvelopeSchema>> {
    const res = await requestJson({ method, url: `${this.api}${path}`, headers: { 'x-auth-token': this.config.token }, json }, readKazooError);
    const env = EnvelopeSchema.safeParse(res.body);
    if (!env.success) throw new RemoteError({ kind: 'transient', status: res.status, message: 'Kazoo answered without the usual envelope' });
    return env.data;
  }

  private toPort(data: unknown): { port: RemotePort; raw: Record<string, unknown> } {
    const doc = KazooDocSchema.safeParse(data);
    if (!doc.success) throw new RemoteError({ kind: 'permanent', status: 200, message: 'Kazoo returned a port request PortDesk cannot read' });
    const port = { ...kazooToPort(doc.data, documentRevision(data), this.config.accountId), raw: data };
    return { port, raw: data as Record<string, unknown> };
  }

  async listAll(): Promise<RemotePort[]> {
    // The root's completed pages do not depend on the open listing: fetch both at once, then the
    // completed pages of the sub-accounts that listing names, those concurrently too.
    const [open, rootCompleted] = await Promise.all([
      this.call('GET', '/descendants/port_requests?by_types=unconfirmed,submitted,pending,scheduled,rejected,canceled'),
      this.completed(this.config.accountId),
    ]);
    const groups = GroupsSchema.parse(open.data);
    const subAccounts = [...new Set(groups.map((g) => g.account_id))].filter((a) => a !== this.config.accountId);
    const docs: unknown[] = groups.flatMap((g) => g.port_requests.map((p) => ({ account_id: g.account_id, ...(p as object) })));
    docs.push(...rootCompleted);
    for (const list of await Promise.all(subAccounts.map((a) => this.completed(a)))) docs.push(...list);
    const seen = new Set<string>();
    const out: RemotePort[] = [];
    for (const d of docs) {
      const parsed = KazooDocSchema.safeParse(d);
      if (!parsed.success || seen.has(parsed.data.id)) continue;
      seen.add(parsed.data.id);
      out.push(kazooToPort(parsed.data, documentRevision(d), this.config.accountId));
    }
    return out;
  }

  /** The paginated `completed` listing of one account, every page. */
  private async completed(accountId: string): Promise<unknown[]> {
    const out: unknown[] = [];
    let startKey: string | undefined;
    const base = `${this.config.baseUrl}/v2/accounts/${encodeURIComponent(accountId)}/port_requests/completed?page_size=${COMPLETED_PAGE_SIZE}`;
    for (let page = 0; page < 10_000; page += 1) {
      const url = startKey === undefined ? base : `${base}&start_key=${encodeURIComponent(startKey)}`;
      const res = await requestJson({ method: 'GET', url, headers: { 'x-auth-token': this.config.token } }, readKazooError);
      const env = EnvelopeSchema.parse(res.body);
      for (const g of GroupsSchema.parse(env.data)) out.push(...g.port_requests.map((p) => ({ account_id: g.account_id, ...(p as object) })));
      if (env.next_start_key === undefined) return out;
      startKey = String(env.next_start_key);
    }
    throw new RemoteError({ kind: 'transient', status: 0, message: 'The completed listing did not end after 10,000 pages' });
  }

  async get(remoteObjectId: string): Promise<RemotePort> {
    return (await this.getRaw(remoteObjectId)).port;
  }

  private async getRaw(remoteObjectId: string): Promise<{ port: RemotePort; raw: Record<string, unknown> }> {
    const env = await this.call('GET', `/port_requests/${encodeURIComponent(remoteObjectId)}`);
    return this.toPort(env.data);
  }

  async findCreated(snapshot: LocalSnapshot): Promise<RemotePort | null> {
    const first = snapshot.numbers[0];
    if (!first) return null;
    const env = await this.call('GET', `/descendants/port_requests?by_number=${encodeURIComponent(first)}`);
    const list = z.array(z.unknown()).catch([]).parse(env.data);
    for (const d of list) {
      const parsed = KazooDocSchema.safeParse(d);
      if (parsed.success && parsed.data[KAZOO_MARKER_FIELD] === snapshot.localId) return this.get(parsed.data.id);
    }
    return null;
  }

  async create(snapshot: LocalSnapshot): Promise<RemotePort> {
    const env = await this.call('PUT', '/port_requests', { data: portToKazoo({ ...snapshot, state: 'unconfirmed' }) });
    return this.toPort(env.data).port;
  }

  async update(current: RemotePort, snapshot: LocalSnapshot): Promise<RemotePort> {
    const raw = isRecord(current.raw) ? current.raw : (await this.getRaw(current.remoteObjectId)).raw;
    const env = await this.call('POST', `/port_requests/${encodeURIComponent(current.remoteObjectId)}`, { data: portToKazoo(snapshot, raw) });
    return this.toPort(env.data).port;
  }

  async move(current: RemotePort, move: MoveRequest): Promise<RemotePort> {
    const data: Record<string, unknown> = {};
    if (move.reason) data.reason = move.reason;
    if (move.to === 'scheduled' && move.date) data.scheduled_date = dateToGregorian(move.date);
    const body: Record<string, unknown> = { data };
    if (move.acceptCharges) body.accept_charges = true;
    const env = await this.call('PATCH', `/port_requests/${encodeURIComponent(current.remoteObjectId)}/${move.to}`, body);
    return this.toPort(env.data).port;
  }

  async remove(remoteObjectId: string): Promise<void> {
    await this.call('DELETE', `/port_requests/${encodeURIComponent(remoteObjectId)}`);
  }

  acceptsExtras(): boolean {
    return true;
  }

  async extras(remoteObjectId: string): Promise<{ attachments: RemoteAttachment[]; comments: RemoteComment[] }> {
    const port = await this.get(remoteObjectId);
    return { attachments: port.attachments ?? [], comments: port.comments ?? [] };
  }

  /** The reason given with the latest move into `state`, from the request's timeline (transitions, oldest first). */
  async stateReason(remoteObjectId: string, state: PortState): Promise<string | null> {
    const env = await this.call('GET', `/port_requests/${encodeURIComponent(remoteObjectId)}/timeline`);
    const entries = TimelineSchema.safeParse(env.data);
    if (!entries.success) throw new RemoteError({ kind: 'permanent', status: 200, message: 'Kazoo returned a timeline PortDesk cannot read' });
    const last = entries.data.filter((e) => e.type === 'transition' && e.transition?.new === state).at(-1);
    const reason = last?.transition?.reason?.trim();
    return reason ? reason.slice(0, MAX_REASON) : null;
  }

  /**
   * Kazoo keys attachments by file name: PUT under a name that exists overwrites it, so a retried
   * upload after a lost answer lands on the same attachment and needs no lookup.
   */
  async putAttachment(remoteObjectId: string, file: AttachmentUpload, opts: { replacing: string | null }): Promise<string> {
    const base = `${this.api}/port_requests/${encodeURIComponent(remoteObjectId)}/attachments`;
    const name = opts.replacing ?? withPdfExtension(file.name);
    const url = opts.replacing ? `${base}/${encodeURIComponent(opts.replacing)}` : `${base}?filename=${encodeURIComponent(name)}`;
    const res = await requestJson(
      { method: opts.replacing ? 'POST' : 'PUT', url, headers: { 'x-auth-token': this.config.token }, bytes: { data: file.bytes, contentType: 'application/pdf' }, timeoutMs: 120_000 },
      readKazooError,
    );
    EnvelopeSchema.parse(res.body);
    return name;
  }

  async deleteAttachment(remoteObjectId: string, remoteName: string): Promise<boolean> {
    try {
      await this.call('DELETE', `/port_requests/${encodeURIComponent(remoteObjectId)}/attachments/${encodeURIComponent(remoteName)}`);
    } catch (err) {
      // Already gone (an earlier attempt whose answer was lost, or someone else): done.
      if (!(err instanceof RemoteError && err.kind === 'not_found')) throw err;
    }
    return true;
  }

  downloadAttachment(remoteObjectId: string, remoteName: string): Promise<Uint8Array> {
    const url = `${this.api}/port_requests/${encodeURIComponent(remoteObjectId)}/attachments/${encodeURIComponent(remoteName)}`;
    return requestBytes({ method: 'GET', url, headers: { 'x-auth-token': this.config.token }, timeoutMs: 120_000, maxBytes: MAX_DOWNLOAD_BYTES }, readKazooError);
  }

  /** Kazoo builds an LOA PDF from the request's own data: `GET .../port_requests/{id}/loa`. */
  fetchLoa(remoteObjectId: string): Promise<Uint8Array> {
    const url = `${this.api}/port_requests/${encodeURIComponent(remoteObjectId)}/loa`;
    return requestBytes({ method: 'GET', url, headers: { 'x-auth-token': this.config.token, accept: 'application/pdf' }, timeoutMs: 60_000, maxBytes: MAX_DOWNLOAD_BYTES }, readKazooError);
  }

  /**
   * Kazoo keeps comments in the document, so posting one is a full-document POST of the document
   * as it stands plus the comment (allowed only where the request may be edited). The comment
   * carries PortDesk's id, so a retry first checks whether it already arrived.
   */
  async addComment(remoteObjectId: string, comment: LocalComment): Promise<string> {
    const { raw } = await this.getRaw(remoteObjectId);
    const existing = Array.isArray(raw.comments) ? (raw.comments as unknown[]) : [];
    if (existing.some((c) => isRecord(c) && c[KAZOO_COMMENT_MARKER] === comment.commentId)) return comment.commentId;
    const doc: Record<string, unknown> = { ...raw };
    for (const ro of READ_ONLY_FIELDS) delete doc[ro];
    doc.comments = [...existing, { content: comment.body, is_private: comment.isPrivate, action_required: comment.actionRequired, [KAZOO_COMMENT_MARKER]: comment.commentId }];
    await this.call('POST', `/port_requests/${encodeURIComponent(remoteObjectId)}`, { data: doc });
    return comment.commentId;
  }
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

/**
 * Listings carry one revision for the whole list, not one per document, so a document's
 * revision is a hash of its canonical content (the same whether it came from a listing or a
 * GET); `updated` alone misses edits within the same second.
 */
export function contentRevision(doc: unknown): string {
  return hashRevision(canonicalJson(doc));
}

function hashRevision(canonicalText: string): string {
  return `h-${createHash('sha1').update(canonicalText).digest('hex').slice(0, 20)}`;
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
    for (let i = 0; i < value.length; i += 1) out += `${i > 0 ? ',' : ''}${canonical(value[i], null) ?? ''}`;
    return `${out}]`;
  }
  const rec = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(rec).sort()) {
    const v = rec[key];
    if (v === undefined || omit?.has(key)) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonical(v, null)}`;
  }
  return `${out}}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
