import type { AccountStore } from '../store/accounts';
import type { Db } from '../store/db';
import type { Authenticator } from '../http/auth';
import { binary, header, json, parseJsonBody, type Reply, type RequestCtx } from '../http/reply';
import type { Router } from '../http/router';
import { TelnyxError, telnyxFailure, unprocessable } from './errors';
import { allowedFocWindows } from './focDates';
import { CommentCreateSchema, DocumentJsonSchema, DraftCreateSchema, DraftPatchSchema, PortabilityCheckSchema } from './schema';
import { type TelnyxPorting, zodToTelnyx } from './service';
import { draftSubView, draftView, portRequestView, subRequestView } from './views';

export interface TelnyxDeps {
  db: Db;
  accounts: AccountStore;
  porting: TelnyxPorting;
  auth: Authenticator;
  /** Absolute base URL of the Telnyx family, for download links. */
  baseUrl: () => string;
  now: () => number;
}

/** Path prefix of the porting operations below the Telnyx base URL. */
export const TELNYX_PORTING_PREFIX = '/origination/porting';

interface Authed {
  accountId: string;
  scope: string[];
}

type TelnyxHandler = (ctx: RequestCtx, who: Authed) => Reply;

const bool = (v: string | null, dflt: boolean): boolean => (v === null ? dflt : v === 'true' || v === '1');

/** Register the Telnyx-family porting API (paths documented in docs/sandbox.md). */
export function registerTelnyxRoutes(router: Router, deps: TelnyxDeps): void {
  const { db, accounts, porting } = deps;
  const p = TELNYX_PORTING_PREFIX;

  const wrap =
    (handler: TelnyxHandler) =>
    (ctx: RequestCtx): Reply => {
      const authz = header(ctx.headers, 'authorization') ?? '';
      const token = authz.toLowerCase().startsWith('bearer ') ? authz.slice(7).trim() : undefined;
      const auth = deps.auth.check(token);
      if (!auth.ok) {
        const detail = auth.reason === 'expired' ? 'The API key has expired' : 'Authentication failed: missing or invalid Bearer token';
        return telnyxFailure(401, detail);
      }
      ctx.caller.token = auth.token;
      ctx.caller.accountId = auth.accountId;
      try {
        const scope = accounts.subtree(auth.accountId).map((a) => a.id);
        return db.transaction(() => handler(ctx, { accountId: auth.accountId, scope }))();
      } catch (err) {
        if (err instanceof TelnyxError) return telnyxFailure(err.status, err.detail, err.pointer);
        throw err;
      }
    };

  const body = (ctx: RequestCtx): unknown => {
    const parsed = parseJsonBody(ctx.body);
    if (parsed instanceof Error) throw unprocessable('The request body is not valid JSON');
    return parsed;
  };
  const parse = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } }, v: unknown): T => {
    const r = schema.safeParse(v ?? {});
    if (!r.success) throw zodToTelnyx(r.error);
    return r.data;
  };
  const pageOf = <T>(ctx: RequestCtx, items: T[]): { items: T[]; headers: Record<string, string> } => {
    const page = Number(ctx.url.searchParams.get('page') ?? '1');
    const perPage = Number(ctx.url.searchParams.get('per_page') ?? '20');
    if (!Number.isInteger(page) || page < 1) throw unprocessable('page must be a positive integer', '/page');
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 250) throw unprocessable('per_page must be between 1 and 250', '/per_page');
    return {
      items: items.slice((page - 1) * perPage, page * perPage),
      headers: { 'x-total-count': String(items.length), 'x-page': String(page), 'x-per-page': String(perPage) },
    };
  };

  router.add(
    'POST',
    `${p}/portability_checks`,
    wrap((ctx) => {
      const input = parse(PortabilityCheckSchema, body(ctx));
      return json(201, [{ phone_numbers: porting.portability(input.phone_numbers.map((n) => n.phone_number)) }]);
    }),
  );

  // ---- port requests ----
  router.add(
    'GET',
    `${p}/port_requests`,
    wrap((ctx, who) => {
      const q = ctx.url.searchParams;
      const search = q.get('search')?.trim();
      const status = q.get('status');
      const ref = q.get('customer_reference');
      let rows = porting.listPortRequests(who.scope);
      if (status) rows = rows.filter((r) => r.subs.some((s) => s.status === status));
      if (ref) rows = rows.filter((r) => r.pr.customer_reference === ref);
      if (search) {
        if (search.toLowerCase().startsWith('pr_')) rows = rows.filter((r) => r.pr.support_key.startsWith(search.toLowerCase()));
        else {
          const digits = search.replace(/\D/g, '');
          rows = digits ? rows.filter((r) => r.subs.some((s) => s.numbers.some((n) => n.includes(digits)))) : [];
        }
      }
      const opts = { phoneNumbers: bool(q.get('include_phone_numbers'), true), subRequests: bool(q.get('include_sub_requests'), false) };
      const { items, headers } = pageOf(ctx, rows);
      return json(200, items.map((r) => portRequestView(r.pr, r.subs, opts)), headers);
    }),
  );

  router.add(
    'GET',
    `${p}/port_requests/:id`,
    wrap((ctx, who) => {
      const pr = porting.getPortRequest(who.scope, ctx.params.id ?? '');
      return json(200, portRequestView(pr.doc, porting.subRequests(pr.id), { phoneNumbers: true, subRequests: true }));
    }),
  );

  router.add(
    'GET',
    `${p}/port_requests/:id/sub_requests`,
    wrap((ctx, who) => {
      const pr = porting.getPortRequest(who.scope, ctx.params.id ?? '');
      return json(200, porting.subRequests(pr.id).map(subRequestView));
    }),
  );

  router.add(
    'GET',
    `${p}/port_requests/:id/sub_requests/:subId`,
    wrap((ctx, who) => json(200, subRequestView(porting.getSub(who.scope, ctx.params.id ?? '', ctx.params.subId ?? '').doc))),
  );

  router.add(
    'PATCH',
    `${p}/port_requests/:id/sub_requests/:subId`,
    wrap((ctx, who) => json(200, subRequestView(porting.patchSub(who.scope, ctx.params.id ?? '', ctx.params.subId ?? '', body(ctx))))),
  );

  router.add(
    'GET',
    `${p}/port_requests/:id/sub_requests/:subId/allowed_foc_dates`,
    wrap((ctx, who) => {
      porting.focDatesAllowed(who.scope, ctx.params.id ?? '', ctx.params.subId ?? '');
      return json(200, allowedFocWindows(deps.now()));
    }),
  );

  router.add(
    'POST',
    `${p}/port_requests/:id/sub_requests/:subId/cancel_request`,
    wrap((ctx, who) => json(200, subRequestView(porting.cancelSub(who.scope, ctx.params.id ?? '', ctx.params.subId ?? '')))),
  );

  router.add('GET', `${p}/port_requests/:id/comments`, wrap((ctx, who) => json(200, porting.comments(who.scope, ctx.params.id ?? ''))));
  router.add(
    'POST',
    `${p}/port_requests/:id/comments`,
    wrap((ctx, who) => {
      const input = parse(CommentCreateSchema, body(ctx));
      return json(201, porting.addComment(who.scope, ctx.params.id ?? '', who.accountId, input.body, input.sub_request_id ?? null));
    }),
  );

  router.add(
    'GET',
    `${p}/port_requests/:id/supporting_documents`,
    wrap((ctx, who) => json(200, porting.documents(who.scope, ctx.params.id ?? ''))),
  );
  router.add(
    'POST',
    `${p}/port_requests/:id/supporting_documents`,
    wrap((ctx, who) => {
      if (ctx.bodyTooLarge) throw new TelnyxError(413, 'Supporting documents may be at most 8000000 bytes');
      const type = (header(ctx.headers, 'content-type') ?? '').split(';')[0]?.trim();
      if (type === 'application/json') {
        const input = parse(DocumentJsonSchema, body(ctx));
        const data = Buffer.from(input.file, 'base64');
        return json(201, porting.addDocument(who.scope, ctx.params.id ?? '', input.document_type, input.body ?? '', data));
      }
      const docType = ctx.url.searchParams.get('document_type');
      if (docType !== 'loa' && docType !== 'invoice') throw unprocessable('document_type must be loa or invoice', '/document_type');
      const label = ctx.url.searchParams.get('body') ?? '';
      return json(201, porting.addDocument(who.scope, ctx.params.id ?? '', docType, label, ctx.body));
    }),
  );
  router.add(
    'GET',
    `${p}/port_requests/:id/supporting_documents/:docId`,
    wrap((ctx, who) => json(200, porting.getDocument(who.scope, ctx.params.id ?? '', ctx.params.docId ?? ''))),
  );
  router.add(
    'POST',
    `${p}/port_requests/:id/supporting_documents/:docId/download_link`,
    wrap((ctx, who) => {
      const token = porting.createLink(who.scope, ctx.params.id ?? '', ctx.params.docId ?? '');
      return json(201, { url: `${deps.baseUrl()}/downloads/${token}` });
    }),
  );

  // Download links work without a token, like pre-signed URLs.
  router.add('GET', '/downloads/:token', (ctx) => {
    try {
      const blob = porting.download(ctx.params.token ?? '');
      return binary(200, blob.contentType, blob.data);
    } catch (err) {
      if (err instanceof TelnyxError) return telnyxFailure(err.status, err.detail);
      throw err;
    }
  });

  // ---- drafts ----
  router.add(
    'GET',
    `${p}/draft_port_requests`,
    wrap((ctx, who) => {
      const q = ctx.url.searchParams;
      let rows = porting.listDrafts(who.scope);
      const status = q.get('status');
      const search = q.get('search')?.replace(/\D/g, '');
      const ref = q.get('customer_reference');
      if (status) rows = rows.filter((r) => r.draft.status === status);
      if (ref) rows = rows.filter((r) => r.draft.customer_reference === ref);
      if (search) rows = rows.filter((r) => r.draft.numbers.some((n) => n.includes(search)));
      const opts = { phoneNumbers: bool(q.get('include_phone_numbers'), true), subRequests: bool(q.get('include_sub_requests'), false) };
      const { items, headers } = pageOf(ctx, rows);
      return json(200, items.map((r) => draftView(r.draft, r.subs, opts)), headers);
    }),
  );
  router.add(
    'POST',
    `${p}/draft_port_requests`,
    wrap((ctx, who) => {
      const input = parse(DraftCreateSchema, body(ctx));
      const draft = porting.createDraft(who.accountId, input.phone_numbers, input.customer_reference);
      return json(201, draftView(draft, porting.draftSubs(draft.id)));
    }),
  );
  router.add(
    'GET',
    `${p}/draft_port_requests/:id`,
    wrap((ctx, who) => {
      const d = porting.getDraft(who.scope, ctx.params.id ?? '');
      return json(200, draftView(d.doc, porting.draftSubs(d.id)));
    }),
  );
  router.add(
    'PATCH',
    `${p}/draft_port_requests/:id`,
    wrap((ctx, who) => {
      const draft = porting.patchDraft(who.scope, ctx.params.id ?? '', parse(DraftPatchSchema, body(ctx)));
      return json(200, draftView(draft, porting.draftSubs(draft.id)));
    }),
  );
  router.add(
    'POST',
    `${p}/draft_port_requests/:id/submit`,
    wrap((ctx, who) => {
      const draft = porting.submitDraft(who.scope, ctx.params.id ?? '');
      return json(200, draftView(draft, porting.draftSubs(draft.id)));
    }),
  );
  router.add(
    'GET',
    `${p}/draft_port_requests/:id/sub_requests`,
    wrap((ctx, who) => {
      const d = porting.getDraft(who.scope, ctx.params.id ?? '');
      return json(200, porting.draftSubs(d.id).map(draftSubView));
    }),
  );
  router.add(
    'GET',
    `${p}/draft_port_requests/:id/sub_requests/:subId`,
    wrap((ctx, who) => json(200, draftSubView(porting.getDraftSub(who.scope, ctx.params.id ?? '', ctx.params.subId ?? '').doc))),
  );
  router.add(
    'PATCH',
    `${p}/draft_port_requests/:id/sub_requests/:subId`,
    wrap((ctx, who) => json(200, draftSubView(porting.patchDraftSub(who.scope, ctx.params.id ?? '', ctx.params.subId ?? '', body(ctx))))),
  );
}
