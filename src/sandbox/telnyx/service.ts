import type { z } from 'zod';
import type { TelnyxObjectStore, TelnyxRecord } from '../store/telnyxObjects';
import { uuid } from '../util/ids';
import { carrierOf, toE164 } from '../util/phone';
import { createPrng, hash32 } from '../util/prng';
import { TelnyxError, notFound, unprocessable } from './errors';
import { isAllowedFoc } from './focDates';
import {
  emptyLoaFields,
  missingFields,
  type CommentDoc,
  type DocumentDoc,
  type DraftDoc,
  type DraftSubDoc,
  type LoaFields,
  type PortRequestDoc,
  type SubRequestDoc,
} from './model';
import { checkPortability } from './portability';
import { LoaPatchSchema } from './schema';

const LINK_TTL_MS = 3600_000;
const EDITABLE_SUB: readonly string[] = ['unassigned', 'submitted', 'exception'];
const CANCELLABLE_SUB: readonly string[] = ['unassigned', 'submitted', 'exception', 'foc-date-confirmed'];
const CLOSED_SUB: readonly string[] = ['ported', 'cancelled'];

/** Turn the first zod issue into a 422 naming the field. */
export function zodToTelnyx(error: z.ZodError): TelnyxError {
  const issue = error.issues[0];
  const path = issue ? issue.path.map(String) : [];
  const field = path.join('.') || 'body';
  return unprocessable(`${field}: ${issue?.message ?? 'invalid'}`, `/${path.join('/')}`);
}

/** Telnyx-family porting use cases over the object store. Every list is scoped to `accountIds`. */
export class TelnyxPorting {
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

  createDraft(accountId: string, numbersIn: { phone_number: string }[], customerReference?: string): DraftDoc {
    const numbers = this.validateNumbers(numbersIn);
    const draft: DraftDoc = {
      id: uuid(),
      created_at: this.iso(),
      status: 'pending',
      numbers,
      customer_reference: customerReference ?? null,
      port_request_id: null,
    };
    this.store.put('draft', { id: draft.id, accountId, parentId: null, doc: draft });
    this.splitIntoSubs(accountId, draft, []);
    return draft;
  }

  /** One draft sub request per losing carrier; existing subs keep their LOA data. */
  private splitIntoSubs(accountId: string, draft: DraftDoc, existing: DraftSubDoc[]): void {
    const byCarrier = new Map<string, string[]>();
    for (const n of draft.numbers) byCarrier.set(carrierOf(n), [...(byCarrier.get(carrierOf(n)) ?? []), n]);
    for (const sub of existing) {
      if (!byCarrier.has(sub.carrier_name)) this.store.put('draft_sub', { id: sub.id, accountId, parentId: `deleted:${draft.id}`, doc: sub });
    }
    for (const [carrier, numbers] of byCarrier) {
      const prev = existing.find((s) => s.carrier_name === carrier);
      const sub: DraftSubDoc = prev
        ? { ...prev, numbers }
        : { id: uuid(), draft_id: draft.id, numbers, carrier_name: carrier, created_at: this.iso(), ...emptyLoaFields() };
      this.store.put('draft_sub', { id: sub.id, accountId, parentId: draft.id, doc: sub });
    }
  }

  listDrafts(accountIds: string[]): { draft: DraftDoc; subs: DraftSubDoc[] }[] {
    return this.store.list<DraftDoc>('draft', { accountIds }).map((d) => ({ draft: d.doc, subs: this.draftSubs(d.id) }));
  }

  draftSubs(draftId: string): DraftSubDoc[] {
    return this.store.list<DraftSubDoc>('draft_sub', { parentId: draftId }).map((r) => r.doc);
  }

  getDraft(accountIds: string[], id: string): TelnyxRecord<DraftDoc> {
    return this.owned<DraftDoc>('draft', id, accountIds, 'Draft port request');
  }

  patchDraft(accountIds: string[], id: string, patch: { phone_numbers?: { phone_number: string }[]; customer_reference?: string }): DraftDoc {
    const rec = this.getDraft(accountIds, id);
    if (rec.doc.status !== 'pending') throw unprocessable('A submitted draft port request can no longer be changed');
    const draft = { ...rec.doc };
    if (patch.customer_reference !== undefined) draft.customer_reference = patch.customer_reference;
    if (patch.phone_numbers) draft.numbers = this.validateNumbers(patch.phone_numbers);
    this.store.put('draft', { ...rec, doc: draft });
    if (patch.phone_numbers) this.splitIntoSubs(rec.accountId, draft, this.draftSubs(draft.id));
    return draft;
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
    const active = this.activeNumbers();
    const taken = rec.doc.numbers.find((n) => active.has(n));
    if (taken) throw unprocessable(`${taken} is already on an active port request`, '/phone_numbers');
    const pr = this.createPortRequest(rec.accountId, rec.doc.customer_reference, subs.map((s) => ({ loa: s, numbers: s.numbers, carrier: s.carrier_name })));
    const draft: DraftDoc = { ...rec.doc, status: 'submitted', port_request_id: pr.id };
    this.store.put('draft', { ...rec, doc: draft });
    return draft;
  }

  /** Create a port request and its sub requests (used by draft submit and by the demo seed). */
  createPortRequest(
    accountId: string,
    customerReference: string | null,
    parts: { loa: LoaFields; numbers: string[]; carrier: string }[],
    status: SubRequestDoc['status'] = 'unassigned',
  ): PortRequestDoc {
    const at = this.iso();
    const id = uuid();
    const key = (prefix: string, s: string): string => `${prefix}_${createPrng(hash32(s)).hex(8)}`;
    const pr: PortRequestDoc = { id, support_key: key('pr', id), customer_reference: customerReference, created_at: at, updated_at: at };
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
        status_reason: null,
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
    return this.store
      .list<PortRequestDoc>('port_request', { accountIds })
      .map((r) => ({ pr: r.doc, subs: this.subRequests(r.id) }));
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
    if (rec.doc.status === 'exception') {
      next.status = 'submitted';
      next.status_reason = null;
    }
    return this.saveSub(rec, next);
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

  addDocument(accountIds: string[], prId: string, type: DocumentDoc['document_type'], body: string, data: Buffer): DocumentDoc {
    const pr = this.getPortRequest(accountIds, prId);
    if (data.subarray(0, 5).toString('latin1') !== '%PDF-') throw unprocessable('file: supporting documents must be PDF files', '/file');
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

  /** A download token valid for one hour of server time. */
  createLink(accountIds: string[], prId: string, docId: string): string {
    this.getDocument(accountIds, prId, docId);
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
