import { z } from 'zod';
import { EMPTY_PORT_FIELDS, type PortFields, type PortState } from '../../../shared/model';
import { RemoteError } from '../errors';
import { requestBytes, requestJson, type ErrorReader } from '../http';
import { contentRevision } from './kazoo';
import type { AttachmentUpload, Capabilities, LocalComment, LocalSnapshot, MoveRequest, RemoteAdapter, RemoteAttachment, RemoteComment, RemoteConfig, RemotePort } from './types';

/** customer_reference prefix carrying the local port id, so a create whose answer was lost is found again. */
export const TELNYX_MARKER_PREFIX = 'portdesk:';
const PER_PAGE = 250;
/** Telnyx's upload limit; a larger download is not a document PortDesk accepts. */
const MAX_DOWNLOAD_BYTES = 8_000_000;
/** `name [portdesk:<attachment id>:<sha256 prefix>]`: the document's label says which upload it was. */
const DOC_MARKER = /\s*\[portdesk:([^:\]]+):([0-9a-f]+)\]$/;
const MAX_PAGES = 1000;

export const TELNYX_CAPABILITIES: Capabilities = {
  descendants: false,
  loaGeneration: false,
  comments: true,
  focWindows: true,
  portabilityChecks: true,
  // Pending, scheduled, completed and rejected are set by Telnyx and the losing carrier.
  movableTo: ['submitted', 'canceled'],
  fields: ['name', 'billingName', 'authorizedPerson', 'billingPhone', 'street', 'extendedAddress', 'locality', 'region', 'postalCode', 'country', 'accountNumber', 'pin', 'transferDate', 'focDate'],
};

const s = z.string().nullish().transform((v) => v ?? '');
const PhoneSchema = z.looseObject({ phone_number: z.string() });
const SubSchema = z.looseObject({
  id: z.string(),
  status: z.string().optional(),
  foc_date: s,
  foc_date_requested_by_user: s,
  person_or_company_name: s,
  auth_person_name: s,
  billing_phone_number: s,
  street_address: s,
  extended_address: s,
  locality: s,
  administrative_area: s,
  postal_code: s,
  country_code: s,
  pin_passcode: s,
  account_number: s,
  description: s,
  phone_numbers: z.array(PhoneSchema).catch([]),
});
type Sub = z.infer<typeof SubSchema>;
const DraftSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  customer_reference: z.string().nullish(),
  port_request_id: z.string().nullish(),
  phone_numbers: z.array(PhoneSchema).catch([]),
  sub_requests: z.array(SubSchema).catch([]),
});
const CommentSchema = z.looseObject({ id: z.string(), body: z.string(), user_id: z.string().nullish(), created_at: z.string().nullish() });
const DocumentSchema = z.looseObject({ id: z.string(), body: z.string().nullish(), document_type: z.string(), created_at: z.string().nullish() });
const LinkSchema = z.looseObject({ url: z.url({ protocol: /^https?$/ }) });
const PortRequestSchema = z.looseObject({
  id: z.string(),
  customer_reference: z.string().nullish(),
  phone_numbers: z.array(PhoneSchema).catch([]),
  sub_requests: z.array(SubSchema).catch([]),
});

/** Telnyx error body `{errors:[{detail}], message}` -> the server's detail verbatim. */
export const readTelnyxError: ErrorReader = (status, body) => {
  const rec = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const errors = Array.isArray(rec.errors) ? (rec.errors as Record<string, unknown>[]) : [];
  const details = errors.map((e) => (typeof e.detail === 'string' ? e.detail : typeof e.title === 'string' ? e.title : '')).filter(Boolean);
  const message = typeof rec.message === 'string' ? rec.message : details.join('; ') || (typeof body === 'string' && body ? body : `HTTP ${status}`);
  return { message, serverMessage: message };
};

/** Sub request statuses -> one local state (the least advanced open sub decides). */
export function telnyxState(statuses: string[]): PortState {
  if (statuses.length === 0) return 'submitted';
  if (statuses.every((st) => st === 'cancelled' || st === 'cancel-pending')) return 'canceled';
  const open = statuses.filter((st) => st !== 'cancelled' && st !== 'cancel-pending');
  if (open.some((st) => st === 'exception')) return 'rejected';
  if (open.some((st) => st === 'unassigned')) return 'submitted';
  if (open.some((st) => st === 'submitted')) return 'pending';
  if (open.some((st) => st === 'foc-date-confirmed')) return 'scheduled';
  return 'completed';
}

/** The LOA fields of a (draft) sub request -> internal fields. */
function subToFields(sub: Sub | undefined): PortFields {
  return {
    ...EMPTY_PORT_FIELDS,
    name: sub?.description || 'Telnyx port request',
    billingName: sub?.person_or_company_name ?? '',
    authorizedPerson: sub?.auth_person_name ?? '',
    billingPhone: sub?.billing_phone_number ?? '',
    street: sub?.street_address ?? '',
    extendedAddress: sub?.extended_address ?? '',
    locality: sub?.locality ?? '',
    region: sub?.administrative_area ?? '',
    postalCode: sub?.postal_code ?? '',
    country: sub?.country_code ?? '',
    accountNumber: sub?.account_number ?? '',
    pin: sub?.pin_passcode ?? '',
    transferDate: (sub?.foc_date_requested_by_user ?? '').slice(0, 10),
    focDate: (sub?.foc_date ?? '').slice(0, 10),
  };
}

/**
 * Internal fields -> a sub request PATCH. Empty fields are left out: Telnyx validates each
 * field given (a two-letter state, a 3+ character postal code), and an empty one means
 * "not filled in yet" locally. The requested FOC date is sent mid-window (16:00 UTC).
 */
export function fieldsToLoaPatch(f: PortFields, defaultConnectionId?: string): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, value: string): void => {
    if (value.trim() !== '') out[key] = value.trim();
  };
  put('description', f.name);
  put('person_or_company_name', f.billingName);
  put('auth_person_name', f.authorizedPerson);
  put('billing_phone_number', f.billingPhone);
  put('street_address', f.street);
  put('extended_address', f.extendedAddress);
  put('locality', f.locality);
  put('administrative_area', f.region);
  put('postal_code', f.postalCode);
  put('country_code', f.country);
  put('account_number', f.accountNumber);
  put('pin_passcode', f.pin);
  if (f.transferDate) out.foc_date_requested_by_user = `${f.transferDate}T16:00:00.000Z`;
  if (defaultConnectionId) out.default_connection_id = defaultConnectionId;
  return out;
}

/** A supporting document -> attachment metadata (kind from its type, name from its label). */
export function documentToAttachment(d: z.infer<typeof DocumentSchema>): RemoteAttachment {
  const label = d.body ?? '';
  const marker = DOC_MARKER.exec(label);
  const name = label.replace(DOC_MARKER, '').trim() || `${d.document_type}-${d.id.slice(0, 8)}.pdf`;
  const kind = d.document_type === 'loa' ? 'loa' : d.document_type === 'invoice' ? 'bill' : null;
  return { remoteName: d.id, name, kind, size: 0, contentType: 'application/pdf', marker: marker?.[1] ?? null };
}

function docLabel(file: AttachmentUpload): string {
  return `${file.name} [portdesk:${file.attachmentId}:${file.sha256.slice(0, 12)}]`;
}

function markerOf(ref: string | null | undefined): string | null {
  return ref && ref.startsWith(TELNYX_MARKER_PREFIX) ? ref.slice(TELNYX_MARKER_PREFIX.length) : null;
}

/** Telnyx porting (drafts, port requests with sub requests) under {base}/origination/porting, Bearer auth. */
export class TelnyxAdapter implements RemoteAdapter {
  readonly kind = 'telnyx' as const;
  readonly capabilities = TELNYX_CAPABILITIES;
  private readonly api: string;

  constructor(private readonly config: RemoteConfig) {
    this.api = `${config.baseUrl}/origination/porting`;
  }

  private async call(method: 'GET' | 'POST' | 'PATCH', path: string, json?: unknown): Promise<unknown> {
    const res = await requestJson({ method, url: `${this.api}${path}`, headers: { authorization: `Bearer ${this.config.token}` }, json }, readTelnyxError);
    return res.body;
  }

  private draftToPort(raw: unknown): RemotePort {
    const d = DraftSchema.parse(raw);
    return {
      remoteObjectId: `draft:${d.id}`,
      revision: contentRevision(raw),
      accountId: this.config.accountId,
      state: 'unconfirmed',
      fields: subToFields(d.sub_requests[0]),
      numbers: d.phone_numbers.map((p) => p.phone_number).sort(),
      marker: markerOf(d.customer_reference),
      raw,
    };
  }

  private prToPort(raw: unknown): RemotePort {
    const pr = PortRequestSchema.parse(raw);
    return {
      remoteObjectId: `pr:${pr.id}`,
      revision: contentRevision(raw),
      accountId: this.config.accountId,
      state: telnyxState(pr.sub_requests.map((sub) => sub.status ?? '')),
      fields: subToFields(pr.sub_requests[0]),
      numbers: pr.phone_numbers.map((p) => p.phone_number).sort(),
      marker: markerOf(pr.customer_reference),
    };
  }

  private async pages(path: string): Promise<unknown[]> {
    const out: unknown[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const sep = path.includes('?') ? '&' : '?';
      const items = z.array(z.unknown()).parse(await this.call('GET', `${path}${sep}page=${page}&per_page=${PER_PAGE}&include_sub_requests=true`));
      out.push(...items);
      if (items.length < PER_PAGE) return out;
    }
    throw new RemoteError({ kind: 'transient', status: 0, message: `Listing ${path} did not end after ${MAX_PAGES} pages` });
  }

  async listAll(): Promise<RemotePort[]> {
    const drafts = (await this.pages('/draft_port_requests?status=pending')).map((d) => this.draftToPort(d));
    const prs = (await this.pages('/port_requests')).map((p) => this.prToPort(p));
    return [...drafts, ...prs];
  }

  async get(remoteObjectId: string): Promise<RemotePort> {
    const [kind, id] = split(remoteObjectId);
    if (kind === 'draft') {
      const raw = await this.call('GET', `/draft_port_requests/${id}`);
      const draft = DraftSchema.parse(raw);
      // A draft submitted elsewhere lives on as its port request.
      if (draft.status === 'submitted' && draft.port_request_id) return this.get(`pr:${draft.port_request_id}`);
      return this.draftToPort(raw);
    }
    return this.prToPort(await this.call('GET', `/port_requests/${id}`));
  }

  async findCreated(snapshot: LocalSnapshot): Promise<RemotePort | null> {
    const ref = encodeURIComponent(`${TELNYX_MARKER_PREFIX}${snapshot.localId}`);
    const drafts = z.array(DraftSchema).parse(await this.call('GET', `/draft_port_requests?customer_reference=${ref}&include_sub_requests=true`));
    const draft = drafts[0];
    if (!draft) return null;
    return this.get(draft.status === 'submitted' && draft.port_request_id ? `pr:${draft.port_request_id}` : `draft:${draft.id}`);
  }

  async create(snapshot: LocalSnapshot): Promise<RemotePort> {
    const created = await this.call('POST', '/draft_port_requests', {
      phone_numbers: snapshot.numbers.map((phone_number) => ({ phone_number })),
      customer_reference: `${TELNYX_MARKER_PREFIX}${snapshot.localId}`,
    });
    return this.update(this.draftToPort(created), snapshot);
  }

  async update(current: RemotePort, snapshot: LocalSnapshot): Promise<RemotePort> {
    const [kind, id] = split(current.remoteObjectId);
    const patch = fieldsToLoaPatch(snapshot.fields, this.config.defaultConnectionId);
    if (kind === 'draft') {
      const want = [...snapshot.numbers].sort();
      if (want.join(',') !== current.numbers.join(',')) {
        await this.call('PATCH', `/draft_port_requests/${id}`, { phone_numbers: want.map((phone_number) => ({ phone_number })) });
      }
      const draft = DraftSchema.parse(await this.call('GET', `/draft_port_requests/${id}`));
      for (const sub of draft.sub_requests) await this.call('PATCH', `/draft_port_requests/${id}/sub_requests/${sub.id}`, patch);
      return this.get(current.remoteObjectId);
    }
    const pr = PortRequestSchema.parse(await this.call('GET', `/port_requests/${id}`));
    for (const sub of pr.sub_requests) {
      if (sub.status === 'unassigned' || sub.status === 'submitted' || sub.status === 'exception') {
        await this.call('PATCH', `/port_requests/${id}/sub_requests/${sub.id}`, patch);
      }
    }
    return this.get(current.remoteObjectId);
  }

  async move(current: RemotePort, move: MoveRequest, snapshot: LocalSnapshot): Promise<RemotePort> {
    const [kind, id] = split(current.remoteObjectId);
    if (move.to === 'submitted') {
      // Submitting a draft, or fixing a rejected (exception) request, which Telnyx resubmits on edit.
      const fresh = await this.update(current, snapshot);
      if (kind !== 'draft') return fresh;
      const draft = DraftSchema.parse(await this.call('POST', `/draft_port_requests/${id}/submit`));
      if (!draft.port_request_id) throw new RemoteError({ kind: 'transient', status: 200, message: 'Telnyx accepted the submit but named no port request yet' });
      return this.get(`pr:${draft.port_request_id}`);
    }
    if (move.to === 'canceled' && kind === 'pr') {
      const pr = PortRequestSchema.parse(await this.call('GET', `/port_requests/${id}`));
      for (const sub of pr.sub_requests) {
        if (sub.status !== 'cancelled' && sub.status !== 'cancel-pending' && sub.status !== 'ported') {
          await this.call('POST', `/port_requests/${id}/sub_requests/${sub.id}/cancel_request`);
        }
      }
      return this.get(current.remoteObjectId);
    }
    const why =
      move.to === 'canceled'
        ? 'Telnyx has no cancel for a draft port request that was never submitted; delete the port instead'
        : `On Telnyx, ${move.to} is set by Telnyx and the losing carrier, not by PortDesk`;
    throw new RemoteError({ kind: 'permanent', status: 0, message: why });
  }

  /** Telnyx offers no delete for drafts or port requests; the engine forgets the remote copy instead. */
  async remove(): Promise<void> {
    return undefined;
  }

  /** Comments and supporting documents belong to port requests; a draft has neither. */
  acceptsExtras(remoteObjectId: string): boolean {
    return remoteObjectId.startsWith('pr:');
  }

  async extras(remoteObjectId: string): Promise<{ attachments: RemoteAttachment[]; comments: RemoteComment[] }> {
    const [, id] = split(remoteObjectId);
    const [docs, comments] = await Promise.all([this.documents(id), this.comments(id)]);
    return {
      attachments: docs.map(documentToAttachment),
      comments: comments.map((c) => ({
        remoteId: c.id,
        body: c.body,
        author: c.user_id ?? '',
        isPrivate: false,
        actionRequired: false,
        createdAt: c.created_at ? Date.parse(c.created_at) || 0 : 0,
        marker: null,
      })),
    };
  }

  private async documents(prId: string): Promise<z.infer<typeof DocumentSchema>[]> {
    return z.array(DocumentSchema).parse(await this.call('GET', `/port_requests/${prId}/supporting_documents`));
  }

  private async comments(prId: string): Promise<z.infer<typeof CommentSchema>[]> {
    return z.array(CommentSchema).parse(await this.call('GET', `/port_requests/${prId}/comments`));
  }

  /**
   * Upload a supporting document. Telnyx has no replace: new content is a new document (the old
   * one stays, and the engine stops showing it). Its label carries the attachment id and content
   * hash, so a retry after a lost answer finds the upload instead of making a second one.
   */
  async putAttachment(remoteObjectId: string, file: AttachmentUpload, opts: { retried: boolean }): Promise<string | null> {
    if (!file.documentType) return null;
    const [, id] = split(remoteObjectId);
    const label = docLabel(file);
    if (opts.retried) {
      const found = (await this.documents(id)).find((d) => d.body === label);
      if (found) return found.id;
    }
    const query = `document_type=${file.documentType}&body=${encodeURIComponent(label)}`;
    const res = await requestJson(
      {
        method: 'POST',
        url: `${this.api}/port_requests/${id}/supporting_documents?${query}`,
        headers: { authorization: `Bearer ${this.config.token}` },
        bytes: { data: file.bytes, contentType: 'application/pdf' },
        timeoutMs: 120_000,
      },
      readTelnyxError,
    );
    return DocumentSchema.parse(res.body).id;
  }

  /** Telnyx cannot delete supporting documents; the engine forgets the remote copy instead. */
  async deleteAttachment(): Promise<boolean> {
    return false;
  }

  /** Through a short-lived download link, fetched without the token (like a pre-signed URL). */
  async downloadAttachment(remoteObjectId: string, remoteName: string): Promise<Uint8Array> {
    const [, id] = split(remoteObjectId);
    const link = LinkSchema.parse(await this.call('POST', `/port_requests/${id}/supporting_documents/${encodeURIComponent(remoteName)}/download_link`));
    return requestBytes({ method: 'GET', url: link.url, headers: {}, timeoutMs: 120_000, maxBytes: MAX_DOWNLOAD_BYTES }, readTelnyxError);
  }

  /** Telnyx comments carry no client field: a retry looks for one with the same text first. */
  async addComment(remoteObjectId: string, comment: LocalComment, retried: boolean): Promise<string> {
    const [, id] = split(remoteObjectId);
    if (retried) {
      const found = (await this.comments(id)).find((c) => c.body === comment.body);
      if (found) return found.id;
    }
    return CommentSchema.parse(await this.call('POST', `/port_requests/${id}/comments`, { body: comment.body })).id;
  }
}

function split(remoteObjectId: string): ['draft' | 'pr', string] {
  const [kind, ...rest] = remoteObjectId.split(':');
  return [kind === 'draft' ? 'draft' : 'pr', encodeURIComponent(rest.join(':'))];
}
