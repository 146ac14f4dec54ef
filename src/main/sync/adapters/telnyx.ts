import { z } from 'zod';
import { EMPTY_PORT_FIELDS, type PortFields, type PortState } from '../../../shared/model';
import { RemoteError, transientBecause } from '../errors';
import { DEFAULT_REQUEST_TIMEOUT_MS, requestBytes, requestJson, type ErrorReader, type HttpRequest, type HttpResponse } from '../http';
import { contentRevision } from './kazoo';
import { alignStreet, streetLine } from '../../../shared/domain/address';
import { Turns } from '../turns';
import { PullGets } from '../pull-gets';
import type { AdapterContext, AttachmentUpload, Capabilities, LocalComment, LocalSnapshot, MoveRequest, RemoteAdapter, RemoteAttachment, RemoteComment, RemoteConfig, RemotePort } from './types';

/** What each listing call asks for; the server may send fewer per page (its cap) and says how many pages in `Total-Pages`. */
const PER_PAGE = 250;
/** Telnyx's upload limit; a larger download is not a document PortDesk accepts. */
const MAX_DOWNLOAD_BYTES = 8_000_000;
/** `name [portdesk:<attachment id>:<sha256 prefix>]`: the document's label says which upload it was. */
const DOC_MARKER = /\s*\[portdesk:([^:\]]+):([0-9a-f]+)\]$/;
const MAX_PAGES = 1000;
/** Listing pages in flight at once once the first answer has said how many there are. */
const PAGE_CONCURRENCY = 4;
/** Sub request statuses in which v1 still takes edits. */
const EDITABLE = new Set(['unassigned', 'in-process', 'submitted', 'exception']);
const CLOSED = new Set(['ported', 'cancelled']);
export const CANNOT_TELL = 'cannot tell yet whether the earlier create landed';

export const TELNYX_CAPABILITIES: Capabilities = {
  descendants: false,
  loaGeneration: false,
  comments: true,
  focWindows: true,
  portabilityChecks: true,
  // Every other state is set by Telnyx's porting team and the losing carrier.
  movableTo: ['submitted', 'canceled'],
  // v1 has no client reference: a draft submitted in the portal is known again by its numbers.
  matchByNumbers: true,
  // v1 takes documents on the draft only, before submit (docs/sandbox.md).
  attachmentsBeforeSubmit: true,
  // No v1 field holds the port's name (`description` is not writable), so the name stays local.
  fields: ['billingName', 'authorizedPerson', 'billingPhone', 'streetNumber', 'streetPreDir', 'street', 'streetType', 'streetPostDir', 'extendedAddress', 'locality', 'region', 'postalCode', 'country', 'accountNumber', 'pin', 'transferDate', 'focDate'],
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
  phone_numbers: z.array(PhoneSchema).catch([]),
});
type Sub = z.infer<typeof SubSchema>;
const DraftSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  created_at: z.string().nullish().catch(undefined),
  port_request_id: z.string().nullish(),
  phone_numbers: z.array(PhoneSchema).catch([]),
  sub_requests: z.array(SubSchema).catch([]),
});
type Draft = z.infer<typeof DraftSchema>;
const CommentSchema = z.looseObject({ id: z.string(), body: z.string(), user_id: z.string().nullish(), sub_request_id: z.string().nullish(), created_at: z.string().nullish() });
const DocumentSchema = z.looseObject({ id: z.string(), body: z.string().nullish(), document_type: z.string(), created_at: z.string().nullish() });
// Built once: a pull reads one listing page per 250 requests and up to two of these per request.
const ListingSchema = z.array(z.looseObject({ id: z.string() }));
const CommentsSchema = z.array(CommentSchema);
const DocumentsSchema = z.array(DocumentSchema);
const LinkSchema = z.looseObject({ url: z.url({ protocol: /^https?$/ }) });
const UploadGrantSchema = z.looseObject({ url: z.url({ protocol: /^https?$/ }), form_fields: z.record(z.string(), z.string()) });
const PortRequestSchema = z.looseObject({
  id: z.string(),
  created_at: z.string().nullish().catch(undefined),
  support_key: s,
  phone_numbers: z.array(PhoneSchema).catch([]),
  sub_requests: z.array(SubSchema).catch([]),
});
type PortRequest = z.infer<typeof PortRequestSchema>;

/** Telnyx error body `{errors:[{detail}], message}` -> the server's detail verbatim. */
export const readTelnyxError: ErrorReader = (status, body) => {
  const rec = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const errors = Array.isArray(rec.errors) ? (rec.errors as Record<string, unknown>[]) : [];
  const details = errors.map((e) => (typeof e.detail === 'string' ? e.detail : typeof e.title === 'string' ? e.title : '')).filter(Boolean);
  const message = typeof rec.message === 'string' ? rec.message : details.join('; ') || (typeof body === 'string' && body ? body : `HTTP ${status}`);
  return { message, serverMessage: message };
};

/** The v1 headers: the portal user and the token (v1 takes no Bearer). */
export function telnyxAuthHeaders(config: Pick<RemoteConfig, 'user' | 'token'>): Record<string, string> {
  const user = config.user?.trim();
  if (!user) {
    throw new RemoteError({ kind: 'auth', status: 0, message: 'Telnyx v1 needs the API user (the portal e-mail) with the token: add it to this remote in Settings' });
  }
  return { 'x-api-user': user, 'x-api-token': config.token };
}

/** One sub request status -> a local state; a word PortDesk does not know is never taken for progress. */
function stateOf(status: string): PortState {
  switch (status) {
    case 'in-process': // Telnyx's porting team is working on it; the losing carrier has not seen it yet
    case 'unassigned':
      return 'submitted';
    case 'submitted': // sent to the losing carrier
      return 'pending';
    case 'foc-date-confirmed':
      return 'scheduled';
    case 'ported':
      return 'completed';
    case 'exception':
      return 'rejected';
    case 'cancel-pending':
    case 'cancelled':
      return 'canceled';
    default:
      return 'submitted';
  }
}

const PROGRESS: readonly PortState[] = ['submitted', 'pending', 'scheduled', 'completed'];

/** Sub request statuses -> one local state: an exception needs attention; otherwise the least advanced open sub decides. */
export function telnyxState(statuses: string[]): PortState {
  if (statuses.length === 0) return 'submitted';
  const open = statuses.filter((st) => stateOf(st) !== 'canceled');
  if (open.length === 0) return 'canceled';
  if (open.some((st) => st === 'exception')) return 'rejected';
  return open.map(stateOf).reduce((least, st) => (PROGRESS.indexOf(st) < PROGRESS.indexOf(least) ? st : least));
}

/** The sub requests' statuses as Telnyx words them, each once, in sub request order. */
export function telnyxStatusText(statuses: string[]): string {
  return [...new Set(statuses.filter(Boolean))].join(', ');
}

/** The LOA fields of a (draft) sub request -> internal fields; `name` only names a request PortDesk has not seen. */
function subToFields(sub: Sub | undefined, name: string): PortFields {
  return {
    ...EMPTY_PORT_FIELDS,
    name,
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
 * Internal fields -> a sub request PUT. Empty fields are left out: Telnyx validates each field
 * given (a two-letter state, a 3+ character postal code), and an empty one means "not filled in
 * yet" locally. The requested FOC date is sent mid-window (16:00 UTC). The name is not sent: v1
 * has no field for it.
 */
export function fieldsToLoaPatch(f: PortFields, defaultConnectionId?: string): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, value: string): void => {
    if (value.trim() !== '') out[key] = value.trim();
  };
  put('person_or_company_name', f.billingName);
  put('auth_person_name', f.authorizedPerson);
  put('billing_phone_number', f.billingPhone);
  // v1 keeps the street as one line ("First line of billing address"): every part, in order.
  put('street_address', streetLine(f));
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

const sortedNumbers = (phones: { phone_number: string }[]): string[] => [...new Set(phones.map((p) => p.phone_number))].sort();
const sameSet = (a: string[], b: string[]): boolean => a.length === b.length && a.every((n, i) => n === b[i]);

/** A browser-style form body (fields, then the file), as the file store's signed POST takes it. */
function formBody(fields: Record<string, string>, file: AttachmentUpload): { data: Uint8Array; contentType: string } {
  const boundary = `portdesk-${file.sha256.slice(0, 24)}`;
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const head = `${parts.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name.replace(/["\r\n]/g, '_')}"\r\nContent-Type: ${file.contentType}\r\n\r\n`;
  const data = Buffer.concat([Buffer.from(head), Buffer.from(file.bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { data, contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Telnyx v1 porting ("Mission Control"): drafts and port requests with sub requests under
 * {root}/origination/porting, `x-api-user` + `x-api-token` auth. Sources and the points they
 * leave open: docs/sandbox.md.
 */
export class TelnyxAdapter implements RemoteAdapter {
  readonly kind = 'telnyx' as const;
  readonly capabilities = TELNYX_CAPABILITIES;

  get requestTimeoutMs(): number {
    return this.config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  private readonly api: string;

  constructor(
    private readonly config: RemoteConfig,
    private readonly ctx: AdapterContext = { accountOf: () => null },
  ) {
    this.api = `${config.baseUrl}/origination/porting`;
  }

  private request(req: Omit<HttpRequest, 'headers'>): Promise<HttpResponse> {
    return requestJson({ timeoutMs: this.requestTimeoutMs, ...req, headers: telnyxAuthHeaders(this.config), trustedCa: this.config.trustedCa }, readTelnyxError);
  }

  private async call(method: 'GET' | 'POST' | 'PUT', path: string, json?: unknown): Promise<unknown> {
    return (await this.request({ method, url: `${this.api}${path}`, json })).body;
  }

  /** Parse an answer; a shape PortDesk cannot read is a transient failure (a proxy page, a half-deployed server). */
  private read<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
    const r = schema.safeParse(body);
    if (!r.success) throw new RemoteError({ kind: 'transient', status: 200, message: `Telnyx answered ${what} in a shape PortDesk cannot read` });
    return r.data;
  }

  /**
   * v1 keeps one street line: read back, it is split into the parts the local port (or the
   * version last agreed, or one sent) wrote it from, so PortDesk's own line is no remote change.
   */
  private streetParts(remoteObjectId: string, fields: PortFields, snapshot?: LocalSnapshot): PortFields {
    const hints = [...(snapshot ? [snapshot.fields] : []), ...(this.ctx.streetHints?.(remoteObjectId) ?? [])];
    return alignStreet(fields, hints);
  }

  /** The answer to a write, read with the written snapshot's street parts. */
  private withSnapshotParts(port: RemotePort, snapshot: LocalSnapshot): RemotePort {
    return { ...port, fields: this.streetParts(port.remoteObjectId, port.fields, snapshot) };
  }

  private draftToPort(d: Draft, raw: unknown): RemotePort {
    const numbers = sortedNumbers(d.phone_numbers);
    const createdAt = Date.parse(d.created_at ?? '');
    return {
      // A late create is a draft: its creation time tells it from a port PortDesk made before it (duplicates.ts).
      ...(Number.isFinite(createdAt) ? { createdAt } : {}),
      remoteObjectId: `draft:${d.id}`,
      revision: contentRevision(raw),
      accountId: this.config.accountId,
      state: 'unconfirmed',
      fields: this.streetParts(`draft:${d.id}`, subToFields(d.sub_requests[0], `Telnyx draft ${numbers[0] ?? d.id}`)),
      numbers,
      marker: null,
      // No remoteStatus: a draft's own word ("pending") would read as PortDesk's Pending.
      raw,
    };
  }

  private prToPort(pr: PortRequest, raw: unknown): RemotePort {
    const statuses = pr.sub_requests.map((sub) => sub.status ?? '');
    const createdAt = Date.parse(pr.created_at ?? '');
    return {
      // Made when its draft was submitted, after that draft: a late copy of the draft's create is
      // told by it once the kept copy is a port request (duplicates.ts).
      ...(Number.isFinite(createdAt) ? { createdAt } : {}),
      remoteObjectId: `pr:${pr.id}`,
      revision: contentRevision(raw),
      accountId: this.config.accountId,
      state: telnyxState(statuses),
      fields: this.streetParts(`pr:${pr.id}`, subToFields(pr.sub_requests[0], `Telnyx ${pr.support_key || pr.id}`)),
      numbers: sortedNumbers(pr.phone_numbers.length > 0 ? pr.phone_numbers : pr.sub_requests.flatMap((sub) => sub.phone_numbers)),
      marker: null,
      remoteStatus: telnyxStatusText(statuses),
      // No remoteStatusDetail: v1's port request (listed or not) has no field explaining a status;
      // get() and the pull's reasons read it from the staff comment.
    };
  }

  /**
   * Every page of a listing: pages run to the `Total-Pages` of the latest answer, whatever their
   * length (the server caps `per_page`); without that header, to the first empty page. Items are
   * keyed by id, so one that moved between pages while listing is kept once. Once a total is known,
   * up to {@link PAGE_CONCURRENCY} pages are asked for at once and read in page order, each as if
   * it had come alone (a page past where the latest total ends the listing is dropped): 10,000
   * requests are 100 pages, one round trip each, and a background pull lists them every minute.
   * With `gets`, a page that fails transiently is asked for again ({@link PullGets}); a lookup
   * (findCreated) is not.
   */
  private async pages(path: string, gets?: PullGets): Promise<unknown[]> {
    const out = new Map<string, unknown>();
    const sep = path.includes('?') ? '&' : '?';
    const fetchPage = (page: number): Promise<HttpResponse> => {
      const get = (): Promise<HttpResponse> => this.request({ method: 'GET', url: `${this.api}${path}${sep}page=${page}&per_page=${PER_PAGE}&include_sub_requests=true` });
      return gets ? gets.get(get) : get();
    };
    let totalPages: number | null = null;
    for (let page = 1; page <= MAX_PAGES; ) {
      const count: number = totalPages === null ? 1 : Math.min(PAGE_CONCURRENCY, totalPages - page + 1, MAX_PAGES - page + 1);
      const from = page;
      const answers: HttpResponse[] = await Promise.all(Array.from({ length: count }, (_, i) => fetchPage(from + i)));
      for (const res of answers) {
        const items = this.read(ListingSchema, res.body, `the listing ${path}`);
        for (const item of items) out.set(item.id, item);
        const header: number = Number(res.headers.get('total-pages') ?? NaN);
        totalPages = Number.isInteger(header) && header >= 0 ? header : null;
        page += 1;
        if (totalPages === null ? items.length === 0 : page > totalPages) return [...out.values()];
      }
    }
    throw new RemoteError({ kind: 'transient', status: 0, message: `Listing ${path} did not end after ${MAX_PAGES} pages` });
  }

  async listAll(): Promise<RemotePort[]> {
    // A large account lists in a hundred pages or more: one 503 or 429 among them is retried
    // there, not the whole pull.
    const gets = new PullGets();
    const drafts = await this.pages('/draft_port_requests?status=pending', gets);
    const prs = await this.pages('/port_requests', gets);
    // Each of thousands of requests is checked and hashed: the event loop gets a turn every slice.
    const turns = new Turns();
    const out: RemotePort[] = [];
    for (const raw of drafts) {
      await turns.check();
      out.push(this.draftToPort(this.read(DraftSchema, raw, 'a draft'), raw));
    }
    for (const raw of prs) {
      await turns.check();
      out.push(this.prToPort(this.read(PortRequestSchema, raw, 'a port request'), raw));
    }
    return out;
  }

  async get(remoteObjectId: string): Promise<RemotePort> {
    const [kind, id] = split(remoteObjectId);
    if (kind === 'draft') {
      const raw = await this.call('GET', `/draft_port_requests/${id}`);
      const draft = this.read(DraftSchema, raw, 'a draft');
      // A draft submitted elsewhere (the portal) lives on as its port request.
      if (draft.status !== 'pending' && draft.port_request_id) return this.get(`pr:${draft.port_request_id}`);
      return this.draftToPort(draft, raw);
    }
    const raw = await this.call('GET', `/port_requests/${id}`);
    const port = this.prToPort(this.read(PortRequestSchema, raw, 'a port request'), raw);
    // A single request is read with its explanation (an exception's staff comment), or says it has none.
    if (port.state === 'rejected') port.stateReason = await this.stateReason(remoteObjectId);
    port.remoteStatusDetail = port.stateReason ?? '';
    return port;
  }

  /**
   * The draft an earlier create made, found by what v1 can search: its numbers. Only a draft
   * holding exactly the snapshot's numbers counts; a pending one is preferred (the newest), else
   * a submitted one whose port request is still open. Any failure to look is "cannot tell yet".
   */
  async findCreated(snapshot: LocalSnapshot): Promise<RemotePort | null> {
    const want = [...new Set(snapshot.numbers)].sort();
    const probe = want[0];
    if (!probe) return null; // v1 refuses a draft without numbers: no earlier create can have landed
    try {
      const found = (await this.pages(`/draft_port_requests?search=${encodeURIComponent(probe)}`))
        .map((raw) => ({ raw, d: this.read(DraftSchema, raw, 'a draft') }))
        .filter(({ d }) => sameSet(sortedNumbers(d.phone_numbers), want));
      const pending = found.filter(({ d }) => d.status === 'pending').at(-1);
      if (pending) return this.withSnapshotParts(this.draftToPort(pending.d, pending.raw), snapshot);
      for (const { d } of found.reverse()) {
        if (!d.port_request_id) continue;
        const port = await this.get(`pr:${d.port_request_id}`);
        if (port.state !== 'completed' && port.state !== 'canceled') return this.withSnapshotParts(port, snapshot);
      }
      return null;
    } catch (err) {
      if (err instanceof RemoteError && err.kind === 'auth') throw err;
      throw transientBecause(`Telnyx: ${CANNOT_TELL}`, err);
    }
  }

  /**
   * A draft for the snapshot, then its sub requests filled in. Any attempt after one that sent its
   * POST is preceded by the engine's {@link findCreated} (whatever the attempt count, e.g. after a requeue).
   */
  async create(snapshot: LocalSnapshot, sending?: () => void): Promise<RemotePort> {
    sending?.();
    const raw = await this.call('POST', '/draft_port_requests', { phone_numbers: snapshot.numbers.map((phone_number) => ({ phone_number })) });
    return this.update(this.draftToPort(this.read(DraftSchema, raw, 'the new draft'), raw), snapshot);
  }

  async update(current: RemotePort, snapshot: LocalSnapshot): Promise<RemotePort> {
    const [kind, id] = split(current.remoteObjectId);
    if (!sameSet(current.numbers, [...new Set(snapshot.numbers)].sort())) {
      throw new RemoteError({
        kind: 'permanent',
        status: 0,
        message: "Telnyx's v1 API cannot change the numbers of a draft or port request: change them in the Telnyx portal, or make a new port with these numbers",
      });
    }
    const patch = fieldsToLoaPatch(snapshot.fields, this.config.defaultConnectionId);
    if (kind === 'draft') {
      const draft = this.read(DraftSchema, await this.call('GET', `/draft_port_requests/${id}`), 'a draft');
      for (const sub of draft.sub_requests) await this.call('PUT', `/draft_port_requests/${id}/sub_requests/${encodeURIComponent(sub.id)}`, patch);
      return this.withSnapshotParts(await this.get(current.remoteObjectId), snapshot);
    }
    const pr = this.read(PortRequestSchema, await this.call('GET', `/port_requests/${id}`), 'a port request');
    for (const sub of pr.sub_requests) {
      if (EDITABLE.has(sub.status ?? '')) await this.call('PUT', `/port_requests/${id}/sub_requests/${encodeURIComponent(sub.id)}`, patch);
    }
    return this.withSnapshotParts(await this.get(current.remoteObjectId), snapshot);
  }

  async move(current: RemotePort, move: MoveRequest, snapshot: LocalSnapshot): Promise<RemotePort> {
    const [kind, id] = split(current.remoteObjectId);
    if (move.to === 'submitted') {
      // Submitting a draft, or answering an exception: an edit sends it back to Telnyx's team.
      const fresh = await this.update(current, snapshot);
      if (kind !== 'draft') return fresh;
      const draft = this.read(DraftSchema, await this.call('POST', `/draft_port_requests/${id}/submit`), 'the submitted draft');
      if (!draft.port_request_id) throw new RemoteError({ kind: 'transient', status: 200, message: 'Telnyx accepted the submit but named no port request yet' });
      return this.withSnapshotParts(await this.get(`pr:${draft.port_request_id}`), snapshot);
    }
    if (move.to === 'canceled' && kind === 'pr') {
      const pr = this.read(PortRequestSchema, await this.call('GET', `/port_requests/${id}`), 'a port request');
      for (const sub of pr.sub_requests) {
        if (CLOSED.has(sub.status ?? '') || sub.status === 'cancel-pending') continue;
        try {
          await this.call('POST', `/port_requests/${id}/sub_requests/${encodeURIComponent(sub.id)}/cancel_request`);
        } catch (err) {
          // v1's sources do not name the cancellation path; a server without it says so with 404/405.
          if (err instanceof RemoteError && (err.status === 404 || err.status === 405)) {
            throw new RemoteError({ kind: 'permanent', status: err.status, message: `This Telnyx server takes no cancellation through its v1 API (${err.message}): cancel the request in the Telnyx portal` });
          }
          throw err;
        }
      }
      return this.withSnapshotParts(await this.get(current.remoteObjectId), snapshot);
    }
    const why =
      move.to === 'canceled'
        ? `Telnyx's v1 API can neither cancel nor delete draft ${id} (never submitted): delete the draft in the Telnyx portal, and delete this port in PortDesk, which then forgets the draft (deleting the port alone leaves the draft on Telnyx)`
        : `On Telnyx, ${move.to} is set by Telnyx and the losing carrier, not by PortDesk`;
    throw new RemoteError({ kind: 'permanent', status: 0, message: why });
  }

  /** Telnyx offers no delete for drafts or port requests; the engine forgets the remote copy instead. */
  async remove(): Promise<void> {
    return undefined;
  }

  /**
   * v1 has no call that cancels or deletes a draft (telnyx-porting.md; real-servers.md "Paths"):
   * the specialist deletes it in the portal. A port request's sub requests take a cancellation
   * until they are ported.
   */
  cancelRefusal(remote: RemotePort): string | null {
    const [kind, id] = split(remote.remoteObjectId);
    if (kind === 'draft') return `Telnyx's v1 API cannot cancel a draft port request: delete draft ${id} in the Telnyx portal, then dismiss this duplicate`;
    return remote.state === 'completed' ? `Port request ${id} has ported on Telnyx: there is nothing to cancel` : null;
  }

  /** A draft takes supporting documents (not comments); a port request shows both but takes only comments. */
  acceptsExtras(remoteObjectId: string, kind: 'attachment' | 'comment'): boolean {
    return remoteObjectId.startsWith('pr:') || kind === 'attachment';
  }

  async extras(remoteObjectId: string): Promise<{ attachments: RemoteAttachment[]; comments: RemoteComment[] }> {
    const [kind, id] = split(remoteObjectId);
    const [docs, comments] = await Promise.all([this.documents(kind, id), kind === 'pr' ? this.comments(id) : Promise.resolve([])]);
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

  /**
   * Telnyx's explanation of an exception. v1's sub request has no field for it; the porting team
   * writes it as a comment on the sub request, so the newest comment on an exception sub is it.
   */
  async stateReason(remoteObjectId: string): Promise<string | null> {
    const [kind, id] = split(remoteObjectId);
    if (kind !== 'pr') return null;
    const pr = this.read(PortRequestSchema, await this.call('GET', `/port_requests/${id}`), 'a port request');
    const exceptions = new Set(pr.sub_requests.filter((sub) => sub.status === 'exception').map((sub) => sub.id));
    if (exceptions.size === 0) return null;
    const notes = (await this.comments(id)).filter((c) => c.sub_request_id && exceptions.has(c.sub_request_id));
    return notes.sort((a, b) => (Date.parse(a.created_at ?? '') || 0) - (Date.parse(b.created_at ?? '') || 0)).at(-1)?.body ?? null;
  }

  private async documents(kind: 'draft' | 'pr', id: string): Promise<z.infer<typeof DocumentSchema>[]> {
    const base = kind === 'draft' ? 'draft_port_requests' : 'port_requests';
    return this.read(DocumentsSchema, await this.call('GET', `/${base}/${id}/supporting_documents`), 'the supporting documents');
  }

  private async comments(prId: string): Promise<z.infer<typeof CommentSchema>[]> {
    return this.read(CommentsSchema, await this.call('GET', `/port_requests/${prId}/comments`), 'the comments');
  }

  /**
   * Attach an LOA or bill to a draft the v1 way: an upload request, the file POSTed to the store
   * it names with the signed form fields, then the draft's supporting document naming the key.
   * A port request takes no documents through v1 (answers null: the file stays local). The label
   * carries the attachment id and content hash, so a retry finds the upload instead of adding it twice.
   */
  async putAttachment(remoteObjectId: string, file: AttachmentUpload, opts: { retried: boolean }): Promise<string | null> {
    const [kind, id] = split(remoteObjectId);
    if (!file.documentType || kind !== 'draft') return null;
    const label = docLabel(file);
    if (opts.retried) {
      const found = (await this.documents('draft', id)).find((d) => d.body === label);
      if (found) return found.id;
    }
    const grantRaw = (await this.request({ method: 'POST', url: `${this.config.baseUrl}/files/upload_requests`, json: { content_type: file.contentType } })).body;
    const grant = this.read(UploadGrantSchema, grantRaw, 'the upload request');
    const key = grant.form_fields.key;
    if (!key) throw new RemoteError({ kind: 'transient', status: 201, message: 'Telnyx granted an upload without a key' });
    // The store checks the signed policy, not Telnyx credentials.
    await requestJson({ method: 'POST', url: grant.url, headers: {}, bytes: formBody(grant.form_fields, file), timeoutMs: 120_000, trustedCa: this.config.trustedCa }, readTelnyxError);
    const doc = await this.call('POST', `/draft_port_requests/${id}/supporting_documents`, { document_type: file.documentType, key, body: label });
    return this.read(DocumentSchema, doc, 'the new supporting document').id;
  }

  /** Telnyx cannot delete supporting documents; the engine forgets the remote copy instead. */
  async deleteAttachment(): Promise<boolean> {
    return false;
  }

  /** Through a short-lived download link (`download_links`), fetched without credentials like a pre-signed URL. */
  async downloadAttachment(remoteObjectId: string, remoteName: string): Promise<Uint8Array> {
    const [kind, id] = split(remoteObjectId);
    const base = kind === 'draft' ? 'draft_port_requests' : 'port_requests';
    const link = this.read(LinkSchema, await this.call('POST', `/${base}/${id}/supporting_documents/${encodeURIComponent(remoteName)}/download_links`), 'the download link');
    return requestBytes({ method: 'GET', url: link.url, headers: {}, timeoutMs: 120_000, maxBytes: MAX_DOWNLOAD_BYTES, trustedCa: this.config.trustedCa }, readTelnyxError);
  }

  /** Telnyx comments carry no client field: a retry looks for one with the same text first. */
  async addComment(remoteObjectId: string, comment: LocalComment, retried: boolean): Promise<string> {
    const [, id] = split(remoteObjectId);
    if (retried) {
      const found = (await this.comments(id)).find((c) => c.body === comment.body);
      if (found) return found.id;
    }
    return this.read(CommentSchema, await this.call('POST', `/port_requests/${id}/comments`, { body: comment.body }), 'the new comment').id;
  }
}

function split(remoteObjectId: string): ['draft' | 'pr', string] {
  const [kind, ...rest] = remoteObjectId.split(':');
  return [kind === 'draft' ? 'draft' : 'pr', encodeURIComponent(rest.join(':'))];
}
