import { createHmac } from 'node:crypto';
import type { z } from 'zod';
import type { TelnyxObjectStore, TelnyxRecord } from '../store/telnyxObjects';
import { uuid } from '../util/ids';
import { carrierOf, toE164 } from '../util/phone';
import { createPrng, hash32 } from '../util/prng';
import { TelnyxError, notFound, unprocessable } from './errors';
import { isAllowedFoc } from './focDates';
import {
  REQUIRED_DOCUMENTS,
  emptyLoaFields,
  missingFields,
  type CommentDoc,
  type DocumentDoc,
  type DraftDoc,
  type DraftSubDoc,
  type LoaFields,
  type PortRequestDoc,
  type SubRequestDoc,
  type SubRequestStatus,
  type UploadDoc,
} from './model';
import { checkPortability } from './portability';
import { LoaPatchSchema } from './schema';

const LINK_TTL_MS = 3600_000;
const UPLOAD_TTL_MS = 3600_000;
const EDITABLE_SUB: readonly string[] = ['unassigned', 'in-process', 'submitted', 'exception'];
const CANCELLABLE_SUB: readonly string[] = ['unassigned', 'in-process', 'submitted', 'exception', 'foc-date-confirmed'];
const CLOSED_SUB: readonly string[] = ['ported', 'cancelled'];
/** Signs upload policies; only this sandbox checks them, like S3 checks Telnyx's. */
const UPLOAD_SIGNING_KEY = 'portdesk-sandbox-files-service';
/** Who Telnyx's porting staff comments as (the portal's exception notes). */
export const TELNYX_STAFF_USER = 'telnyx-porting-team';

/** The form an upload request grants: where to POST the file and the signed fields to send with it. */
export interface UploadGrant {
  key: string;
  policy: string;
  signature: string;
}

const signPolicy = (policy: string): string => createHmac('sha256', UPLOAD_SIGNING_KEY).update(policy).digest('hex');
const isDocumentFile = (data: Buffer): boolean => {
  const head = data.subarray(0, 5);
  return head.toString('latin1') === '%PDF-' || (head[0] === 0xff && head[1] === 0xd8) || head.subarray(0, 4).toString('latin1') === '\x89PNG';
};

/** Turn the first zod issue into a 422 naming the field. */
export function zodToTelnyx(error: z.ZodError): TelnyxError {
  const issue = error.issues[0];
  const path = issue ? issue.path.map(String) : [];
  const field = path.join('.') || 'body';
  return unprocessable(`${field}: ${issue?.message ?? 'invalid'}`, `/${path.join('/')}`);
}

/** Telnyx-family porting use cases over the object store. Every list is scoped to `accountIds`. */
export class TelnyxPorting {
  private readonly listings = new Map<string, { version: number; rows: unknown[] }>();

  constructor(
    private readonly store: TelnyxObjectStore,
    private readonly now: () => number,
  ) {}

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Numbers on sub requests that are neither ported nor cancelled. */
  activeNumbers(): Set<string> {
    const out = new Set<string>();
    for (const s of this.store.list<SubRequestDoc>('sub_request')) {
      if (!CLOSED_SUB.includes(s.doc.status)) for (const n of s.doc.numbers) out.add(n);
    }
    return out;
  }

  portability(raw: string[]): ReturnType<typeof checkPortability>[] {
    const active = this.activeNumbers();
    return raw.map((r) => checkPortability(r, active));
  }

  private owned<T>(kind: Parameters<TelnyxObjectStore['get']>[0], id: string, accountIds: string[], label: string): TelnyxRecord<T> {
    const rec = this.store.get<T>(kind, id);
    if (!rec || !accountIds.includes(rec.accountId)) throw notFound(label, id);
    return rec;
  }

  /** Validate numbers for a draft: each valid, portable and listed once. */
  private validateNumbers(list: { phone_number: string }[]): string[] {
    const active = this.activeNumbers();
    const seen = new Set<string>();
    return list.map((item, i) => {
      const pointer = `/phone_numbers/${i}/phone_number`;
      const result = checkPortability(item.phone_number, active);
      if (result.non_portable_reason === 'invalid_phone_number') {
        throw unprocessable(`${item.phone_number} is not a valid phone number`, pointer);
      }
      if (!result.portable) throw unprocessable(`${result.e164_number} is not portable: ${result.non_portable_reason}`, pointer);
      if (seen.has(result.e164_number)) throw unprocessable(`${result.e164_number} is listed twice`, pointer);
      seen.add(result.e164_number);
      return result.e164_number;
    });
  }

  // ---- drafts ----

  createDraft(accountId: string, numbersIn: { phone_number: string }[]): DraftDoc {
    const numbers = this.validateNumbers(numbersIn);
    const draft: DraftDoc = { id: uuid(), created_at: this.iso(), status: 'pending', numbers, port_request_id: null };
    this.store.put('draft', { id: draft.id, accountId, parentId: null, doc: draft });
    this.splitIntoSubs(accountId, draft);
    return draft;
  }

  /** One draft sub request per losing carrier. */
  private splitIntoSubs(accountId: string, draft: DraftDoc): void {
    const byCarrier = new Map<string, string[]>();
    for (const n of draft.numbers) byCarrier.set(carrierOf(n), [...(byCarrier.get(carrierOf(n)) ?? []), n]);
    for (const [carrier, numbers] of byCarrier) {
      const sub: DraftSubDoc = { id: uuid(), draft_id: draft.id, numbers, carrier_name: carrier, created_at: this.iso(), ...emptyLoaFields() };
      this.store.put('draft_sub', { id: sub.id, accountId, parentId: draft.id, doc: sub });
    }
  }

  listDrafts(accountIds: string[]): { draft: DraftDoc; subs: DraftSubDoc[] }[] {
    return this.listed('draft', accountIds, () => {
      const subs = byParent(this.store.list<DraftSubDoc>('draft_sub', { accountIds }));
      return this.store.list<DraftDoc>('draft', { accountIds }).map((d) => ({ draft: d.doc, subs: subs.get(d.id) ?? [] }));
    });
  }

  /**
   * A listing's rows, read once per version of the store: a client reads a listing a page at a
   * time (100 pages for 10,000 requests), and each page filters and slices the same rows.
   * Callers build their answers from the rows and never change them.
   */
  private listed<T>(kind: 'draft' | 'port_request', accountIds: string[], read: () => T[]): T[] {
    const key = `${kind}|${accountIds.join(',')}`;
    const hit = this.listings.get(key);
    if (hit && hit.version === this.store.version) return hit.rows as T[];
    const rows = read();
    this.listings.set(key, { version: this.store.version, rows });
    return rows;
  }

  draftSubs(draftId: string): DraftSubDoc[] {
    return this.store.list<DraftSubDoc>('draft_sub', { parentId: draftId }).map((r) => r.doc);
  }

  getDraft(accountIds: string[], id: string): TelnyxRecord<DraftDoc> {
    return this.owned<DraftDoc>('draft', id, accountIds, 'Draft port request');
  }

  getDraftSub(accountIds: string[], draftId: string, subId: string): TelnyxRecord<DraftSubDoc> {
    this.getDraft(accountIds, draftId);
    const sub = this.store.get<DraftSubDoc>('draft_sub', subId);
    if (!sub || sub.parentId !== draftId) throw notFound('Draft sub request', subId);
    return sub;
  }

  patchDraftSub(accountIds: string[], draftId: string, subId: string, body: unknown): DraftSubDoc {
    const draft = this.getDraft(accountIds, draftId);
    if (draft.doc.status !== 'pending') throw unprocessable('A submitted draft port request can no longer be changed');
    const sub = this.getDraftSub(accountIds, draftId, subId);
    const next = { ...sub.doc, ...this.validLoaPatch(body) } as DraftSubDoc;
    this.store.put('draft_sub', { ...sub, doc: next });
    return next;
  }

  /** Submit a draft: every sub request must be complete; creates the port request. */
  submitDraft(accountIds: string[], id: string): DraftDoc {
    const rec = this.getDraft(accountIds, id);
    if (rec.doc.status !== 'pending') throw unprocessable('This draft port request has already been submitted');
    const subs = this.draftSubs(id);
    const incomplete = subs
      .map((s) => ({ id: s.id, missing: missingFields(s) }))
      .filter((s) => s.missing.length > 0);
    if (incomplete.length > 0) {
      const detail = incomplete.map((s) => `sub request ${s.id} is missing ${s.missing.join(', ')}`).join('; ');
      throw unprocessable(`Draft port request is incomplete: ${detail}`, '/sub_requests');
    }
    const types = new Set(this.draftDocuments(accountIds, id).map((d) => d.document_type));
    const lacking = REQUIRED_DOCUMENTS.filter((t) => !types.has(t));
    if (lacking.length > 0) {
      throw unprocessable(`Draft port request is missing supporting documents: ${lacking.join(', ')}`, '/supporting_documents');
    }
    const active = this.activeNumbers();
    const taken = rec.doc.numbers.find((n) => active.has(n));
    if (taken) throw unprocessable(`${taken} is already on an active port request`, '/phone_numbers');
    const pr = this.createPortRequest(rec.accountId, subs.map((s) => ({ loa: s, numbers: s.numbers, carrier: s.carrier_name })));
    // The draft's documents become the port request's, under the same ids.
    for (const d of this.store.list<DocumentDoc>('document', { parentId: draftDocParent(id) })) this.store.put('document', { ...d, parentId: pr.id });
    const draft: DraftDoc = { ...rec.doc, status: 'submitted', port_request_id: pr.id };
    this.store.put('draft', { ...rec, doc: draft });
    return draft;
  }

  // ---- draft documents (upload request, file store, then the draft's supporting_documents) ----

  /** Grant an upload: a key under the caller's account and a signed policy naming it. */
  createUpload(accountId: string, contentType: string): UploadGrant {
    const id = uuid();
    const up: UploadDoc = { id, key: `direct-uploads/${accountId}/${id}`, content_type: contentType, expires_at: this.now() + UPLOAD_TTL_MS, stored: false };
    this.store.put('upload', { id, accountId, parentId: null, doc: up });
    const policy = Buffer.from(JSON.stringify({ expiration: new Date(up.expires_at).toISOString(), key: up.key, content_type: contentType })).toString('base64');
    return { key: up.key, policy, signature: signPolicy(policy) };
  }

  /** The file store's POST: the signed policy must name this key and still be valid. */
  storeUpload(fields: Record<string, string>, file: Buffer | undefined): void {
    const policy = fields.policy ?? '';
    if (!policy || fields['x-amz-signature'] !== signPolicy(policy)) throw new TelnyxError(403, 'The request signature does not match the policy');
    const granted = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as { key?: string; expiration?: string };
    if (granted.key !== fields.key) throw new TelnyxError(403, 'The key is not the one the policy grants');
    if (Date.parse(granted.expiration ?? '') < this.now()) throw new TelnyxError(403, 'The upload policy has expired');
    if (!file || file.length === 0) throw new TelnyxError(400, 'The form has no file');
    const rec = this.store.list<UploadDoc>('upload').find((u) => u.doc.key === fields.key);
    if (!rec) throw new TelnyxError(403, 'No upload was requested for this key');
    this.store.putBlob(rec.id, rec.doc.content_type, file);
    this.store.put('upload', { ...rec, doc: { ...rec.doc, stored: true } });
  }

  /** Documents of a draft; once submitted they are its port request's. */
  draftDocuments(accountIds: string[], draftId: string): DocumentDoc[] {
    const draft = this.getDraft(accountIds, draftId);
    const parent = draft.doc.port_request_id ?? draftDocParent(draftId);
    return this.store.list<DocumentDoc>('document', { parentId: parent }).map((r) => r.doc);
  }

  /** Attach an uploaded file to a pending draft. */
  addDraftDocument(accountIds: string[], draftId: string, input: { document_type: DocumentDoc['document_type']; key: string; body?: string | undefined }): DocumentDoc {
    const draft = this.getDraft(accountIds, draftId);
    if (draft.doc.status !== 'pending') throw unprocessable('A submitted draft port request can no longer be changed');
    const up = this.store.list<UploadDoc>('upload', { accountIds: [draft.accountId] }).find((u) => u.doc.key === input.key);
    if (!up || !up.doc.stored) throw unprocessable(`key: no uploaded file under ${input.key}`, '/key');
    const blob = this.store.getBlob(up.id);
    if (!blob || !isDocumentFile(blob.data)) throw unprocessable('The uploaded file is not a PDF or an image', '/key');
    const doc: DocumentDoc = { id: uuid(), body: input.body ?? '', document_type: input.document_type, created_at: this.iso() };
    this.store.putBlob(doc.id, blob.contentType, blob.data);
    this.store.put('document', { id: doc.id, accountId: draft.accountId, parentId: draftDocParent(draftId), doc });
    return doc;
  }

  getDraftDocument(accountIds: string[], draftId: string, docId: string): DocumentDoc {
    const found = this.draftDocuments(accountIds, draftId).find((d) => d.id === docId);
    if (!found) throw notFound('Supporting document', docId);
    return found;
  }

  /** Create a port request and its sub requests (used by draft submit and by the demo seed). */
  createPortRequest(
    accountId: string,
    parts: { loa: LoaFields; numbers: string[]; carrier: string }[],
    status: SubRequestDoc['status'] = 'unassigned',
  ): PortRequestDoc {
    const at = this.iso();
    const id = uuid();
    const key = (prefix: string, s: string): string => `${prefix}_${createPrng(hash32(s)).hex(8)}`;
    const pr: PortRequestDoc = { id, support_key: key('pr', id), created_at: at, updated_at: at };
    this.store.put('port_request', { id, accountId, parentId: null, doc: pr });
    for (const part of parts) {
      const subId = uuid();
      const loa = { ...part.loa } as Partial<DraftSubDoc>;
      delete loa.id;
      delete loa.draft_id;
      delete loa.numbers;
      delete loa.carrier_name;
      delete loa.created_at;
      const sub: SubRequestDoc = {
        ...(loa as LoaFields),
        id: subId,
        port_request_id: id,
        numbers: part.numbers,
        foc_date: '',
        status,
        support_key: key('sr', subId),
        carrier_name: part.carrier,
        created_at: at,
        updated_at: at,
        customer_rating: null,
        customer_rating_comment: '',
      };
      this.store.put('sub_request', { id: subId, accountId, parentId: id, doc: sub });
    }
    return pr;
  }

  private validLoaPatch(body: unknown): Partial<LoaFields> {
    const parsed = LoaPatchSchema.safeParse(body ?? {});
    if (!parsed.success) throw zodToTelnyx(parsed.error);
    const patch = parsed.data;
    if (patch.billing_phone_number !== undefined && patch.billing_phone_number !== '' && !toE164(patch.billing_phone_number)) {
      throw unprocessable(`billing_phone_number: ${patch.billing_phone_number} is not a valid phone number`, '/billing_phone_number');
    }
    if (patch.foc_date_requested_by_user !== undefined && patch.foc_date_requested_by_user !== '' && !isAllowedFoc(patch.foc_date_requested_by_user, this.now())) {
      throw unprocessable(
        `foc_date_requested_by_user: ${patch.foc_date_requested_by_user} is not an allowed FOC date`,
        '/foc_date_requested_by_user',
      );
    }
    const out: Record<string, unknown> = { ...patch };
    if (patch.billing_phone_number) out.billing_phone_number = toE164(patch.billing_phone_number);
    if (patch.administrative_area) out.administrative_area = patch.administrative_area.toUpperCase();
    if (patch.country_code) out.country_code = patch.country_code.toUpperCase();
    if (patch.porting_option) {
      out.porting_option = {
        type: patch.porting_option.type,
        remaining_numbers_action: patch.porting_option.remaining_numbers_action ?? '',
        new_billing_phone_number: patch.porting_option.new_billing_phone_number ?? '',
      };
    }
    return out as Partial<LoaFields>;
  }

  // ---- port requests ----

  getPortRequest(accountIds: string[], id: string): TelnyxRecord<PortRequestDoc> {
    return this.owned<PortRequestDoc>('port_request', id, accountIds, 'Port request');
  }

  subRequests(portRequestId: string): SubRequestDoc[] {
    return this.store.list<SubRequestDoc>('sub_request', { parentId: portRequestId }).map((r) => r.doc);
  }

  listPortRequests(accountIds: string[]): { pr: PortRequestDoc; subs: SubRequestDoc[] }[] {
    return this.listed('port_request', accountIds, () => {
      // A port request's sub requests are in its account (createPortRequest).
      const subs = byParent(this.store.list<SubRequestDoc>('sub_request', { accountIds }));
      return this.store.list<PortRequestDoc>('port_request', { accountIds }).map((r) => ({ pr: r.doc, subs: subs.get(r.id) ?? [] }));
    });
  }

  getSub(accountIds: string[], prId: string, subId: string): TelnyxRecord<SubRequestDoc> {
    this.getPortRequest(accountIds, prId);
    const sub = this.store.get<SubRequestDoc>('sub_request', subId);
    if (!sub || sub.parentId !== prId) throw notFound('Sub request', subId);
    return sub;
  }

  /** Save a sub request change and bump its port request's `updated_at`. */
  saveSub(rec: TelnyxRecord<SubRequestDoc>, doc: SubRequestDoc): SubRequestDoc {
    const at = this.iso();
    const next = { ...doc, updated_at: at };
    this.store.put('sub_request', { ...rec, doc: next });
    const pr = this.store.get<PortRequestDoc>('port_request', doc.port_request_id);
    if (pr) this.store.put('port_request', { ...pr, doc: { ...pr.doc, updated_at: at } });
    return next;
  }

  patchSub(accountIds: string[], prId: string, subId: string, body: unknown): SubRequestDoc {
    const rec = this.getSub(accountIds, prId, subId);
    const patch = this.validLoaPatch(body);
    const isRating = Object.keys(patch).every((k) => k === 'customer_rating' || k === 'customer_rating_comment');
    if (!EDITABLE_SUB.includes(rec.doc.status) && !(isRating && CLOSED_SUB.concat('cancel-pending').includes(rec.doc.status))) {
      throw unprocessable(`Sub request ${subId} is ${rec.doc.status} and can no longer be edited`);
    }
    if (!isRating && (patch as { customer_rating?: number }).customer_rating !== undefined) {
      throw unprocessable('customer_rating can be given only once the sub request is ported or cancelled', '/customer_rating');
    }
    const next = { ...rec.doc, ...patch } as SubRequestDoc;
    // A corrected exception goes back to Telnyx's porting team.
    if (rec.doc.status === 'exception' && !isRating) next.status = 'in-process';
    return this.saveSub(rec, next);
  }

  /**
   * A status change made by Telnyx's staff or the losing carrier (the portal, the carrier clock).
   * An exception carries the staff's explanation as a comment on that sub request, the only place
   * v1 shows it; a confirmed FOC date is the requested one unless another is given.
   */
  setSubStatus(rec: TelnyxRecord<SubRequestDoc>, status: SubRequestStatus, opts: { text?: string | undefined; focDate?: string | undefined } = {}): SubRequestDoc {
    if (status === 'exception' && !opts.text?.trim()) throw unprocessable('An exception needs the text that explains it', '/text');
    const doc = { ...rec.doc, status };
    if (status === 'foc-date-confirmed') doc.foc_date = opts.focDate ?? (doc.foc_date_requested_by_user || this.iso());
    const saved = this.saveSub(rec, doc);
    if (status === 'exception' && opts.text) this.addComment([rec.accountId], rec.parentId ?? '', TELNYX_STAFF_USER, opts.text.trim(), rec.id);
    return saved;
  }

  cancelSub(accountIds: string[], prId: string, subId: string): SubRequestDoc {
    const rec = this.getSub(accountIds, prId, subId);
    if (!CANCELLABLE_SUB.includes(rec.doc.status)) {
      throw unprocessable(`Sub request ${subId} is ${rec.doc.status} and cannot be cancelled`);
    }
    return this.saveSub(rec, { ...rec.doc, status: 'cancel-pending' });
  }

  focDatesAllowed(accountIds: string[], prId: string, subId: string): void {
    const rec = this.getSub(accountIds, prId, subId);
    if (CLOSED_SUB.includes(rec.doc.status) || rec.doc.status === 'cancel-pending') {
      throw unprocessable(`Sub request ${subId} is ${rec.doc.status}; FOC dates no longer apply`);
    }
  }

  // ---- comments and documents ----

  comments(accountIds: string[], prId: string): CommentDoc[] {
    this.getPortRequest(accountIds, prId);
    return this.store.list<CommentDoc>('comment', { parentId: prId }).map((r) => r.doc);
  }

  addComment(accountIds: string[], prId: string, userId: string, body: string, subRequestId: string | null): CommentDoc {
    const pr = this.getPortRequest(accountIds, prId);
    if (subRequestId && !this.subRequests(prId).some((s) => s.id === subRequestId)) {
      throw unprocessable(`sub_request_id ${subRequestId} does not belong to port request ${prId}`, '/sub_request_id');
    }
    const c: CommentDoc = { id: uuid(), body, sub_request_id: subRequestId, user_id: userId, created_at: this.iso() };
    this.store.put('comment', { id: c.id, accountId: pr.accountId, parentId: prId, doc: c });
    return c;
  }

  documents(accountIds: string[], prId: string): DocumentDoc[] {
    this.getPortRequest(accountIds, prId);
    return this.store.list<DocumentDoc>('document', { parentId: prId }).map((r) => r.doc);
  }

  /** A document added to a port request in Telnyx's portal (v1's API has no such write). */
  addDocument(accountIds: string[], prId: string, type: DocumentDoc['document_type'], body: string, data: Buffer): DocumentDoc {
    const pr = this.getPortRequest(accountIds, prId);
    if (!isDocumentFile(data)) throw unprocessable('file: supporting documents must be PDF files or images', '/file');
    const doc: DocumentDoc = { id: uuid(), body, document_type: type, created_at: this.iso() };
    this.store.putBlob(doc.id, 'application/pdf', data);
    this.store.put('document', { id: doc.id, accountId: pr.accountId, parentId: prId, doc });
    return doc;
  }

  getDocument(accountIds: string[], prId: string, docId: string): DocumentDoc {
    this.getPortRequest(accountIds, prId);
    const rec = this.store.get<DocumentDoc>('document', docId);
    if (!rec || rec.parentId !== prId) throw notFound('Supporting document', docId);
    return rec.doc;
  }

  /** A download token valid for one hour of server time, for a document already looked up. */
  createLink(docId: string): string {
    const token = uuid().replace(/-/g, '');
    this.store.putLink(token, docId, this.now() + LINK_TTL_MS);
    return token;
  }

  download(token: string): { contentType: string; data: Buffer } {
    const link = this.store.getLink(token);
    if (!link) throw new TelnyxError(404, 'Download link not found');
    if (this.now() > link.expiresAt) throw new TelnyxError(403, 'Download link has expired; create a new one');
    const blob = this.store.getBlob(link.documentId);
    if (!blob) throw new TelnyxError(404, 'Document not found');
    return blob;
  }
}

/** Parent key of a pending draft's documents. */
function draftDocParent(draftId: string): string {
  return `draft:${draftId}`;
}

/** Records' documents by parent id, in the records' (creation) order. */
function byParent<T>(records: TelnyxRecord<T>[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of records) {
    if (r.parentId === null) continue;
    const list = out.get(r.parentId);
    if (list) list.push(r.doc);
    else out.set(r.parentId, [r.doc]);
  }
  return out;
}
