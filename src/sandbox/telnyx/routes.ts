import type { AccountStore } from '../store/accounts';
import type { Db } from '../store/db';
import type { Authenticator } from '../http/auth';
import { parseMultipart } from '../http/multipart';
import { binary, header, json, parseJsonBody, type Reply, type RequestCtx } from '../http/reply';
import type { Router } from '../http/router';
import { portalUserOf } from './auth';
import { TelnyxError, telnyxFailure, unprocessable } from './errors';
import { allowedFocWindows } from './focDates';
import { CommentCreateSchema, DraftCreateSchema, DraftDocumentSchema, PortabilityCheckSchema, UploadRequestSchema } from './schema';
import { type TelnyxPorting, zodToTelnyx } from './service';
import { draftSubView, draftView, portRequestView, subRequestView } from './views';

export interface TelnyxDeps {
  db: Db;
  accounts: AccountStore;
  porting: TelnyxPorting;
  auth: Authenticator;
  /** Absolute root URL of the Telnyx family (what a client configures), for links. */
  baseUrl: () => string;
  now: () => number;
}

/** Path prefix of the porting operations below the Telnyx root. */
export const TELNYX_PORTING_PREFIX = '/origination/porting';
/** Where the sandbox's file store (Telnyx's S3 bucket) takes browser-style form uploads. */
export const FILES_SERVICE_PATH = '/files-service';
/** Largest page the server sends, whatever `per_page` asks (the client follows `Total-Pages`). */
export const PER_PAGE_CAP = 100;

interface Authed {
  accountId: string;
  scope: string[];
}

type TelnyxHandler = (ctx: RequestCtx, who: Authed) => Reply;

const bool = (v: string | null, dflt: boolean): boolean => (v === null ? dflt : v === 'true' || v === '1');

/** Register the Telnyx v1 porting API (paths and their sources in docs/sandbox.md). */
export function registerTelnyxRoutes(router: Router, deps: TelnyxDeps): void {
  const { db, accounts, porting } = deps;
  const p = TELNYX_PORTING_PREFIX;

  /** v1 auth: `x-api-user` (the portal user's e-mail) and `x-api-token`; v2's Bearer is refused. */
  const authenticate = (ctx: RequestCtx): { ok: true; accountId: string } | { ok: false; reply: Reply } => {
    const token = header(ctx.headers, 'x-api-token')?.trim();
    const user = header(ctx.headers, 'x-api-user')?.trim() ?? '';
    if (!token) {
      const bearer = /^bearer\s/i.test(header(ctx.headers, 'authorization') ?? '');
      const detail = bearer
        ? 'Authorization: Bearer is not accepted here; send the x-api-user and x-api-token headers'
        : 'Authentication failed: send the x-api-user and x-api-token headers';
      return { ok: false, reply: telnyxFailure(401, detail) };
    }
    const auth = deps.auth.check(token);
    if (!auth.ok) return { ok: false, reply: telnyxFailure(401, auth.reason === 'expired' ? 'The API token has expired' : 'Authentication failed: invalid API token') };
    const account = accounts.get(auth.accountId);
    if (!account || user.toLowerCase() !== portalUserOf(account).toLowerCase()) {
      return { ok: false, reply: telnyxFailure(401, 'Authentication failed: x-api-user is not the user this token belongs to') };
    }
    ctx.caller.token = auth.token;
    ctx.caller.accountId = auth.accountId;
    return { ok: true, accountId: auth.accountId };
  };

  const wrap =
    (handler: TelnyxHandler) =>
    (ctx: RequestCtx): Reply => {
      const auth = authenticate(ctx);
      if (!auth.ok) return auth.reply;
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
  /** One page, `per_page` capped server-side; totals in the `Total` and `Total-Pages` headers. */
  const pageOf = <T>(ctx: RequestCtx, items: T[]): { items: T[]; headers: Record<string, string> } => {
    const page = Number(ctx.url.searchParams.get('page') ?? '1');
    const asked = Number(ctx.url.searchParams.get('per_page') ?? '20');
    if (!Number.isInteger(page) || page < 1) throw unprocessable('page must be a positive integer', '/page');
    if (!Number.isInteger(asked) || asked < 1) throw unprocessable('per_page must be a positive integer', '/per_page');
    const perPage = Math.min(asked, PER_PAGE_CAP);
    return {
      items: items.slice((page - 1) * perPage, page * perPage),
      headers: { Total: String(items.length), 'Total-Pages': String(Math.max(1, Math.ceil(items.length / perPage))) },
    };
  };
  const digitsOf = (q: string): string => q.replace(/\D/g, '');
  const includes = (q: URLSearchParams): { phoneNumbers: boolean; subRequests: boolean } => ({
    phoneNumbers: bool(q.get('include_phone_numbers'), true),
    subRequests: bool(q.get('include_sub_requests'), false),
  });
  const link = (docId: string): Reply => json(201, { url: `${deps.baseUrl()}/downloads/${porting.createLink(docId)}` });

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
      let rows = porting.listPortRequests(who.scope);
      if (status) {
        if (status !== 'complete' && status !== 'incomplete') throw unprocessable('status must be complete or incomplete', '/status');
        const done = (st: string): boolean => st === 'ported' || st === 'cancelled';
        rows = rows.filter((r) => r.subs.every((s) => done(s.status)) === (status === 'complete'));
      }
      if (search) {
        if (search.toLowerCase().startsWith('pr_')) rows = rows.filter((r) => r.pr.support_key.startsWith(search.toLowerCase()));
        else {
          const digits = digitsOf(search);
          rows = digits ? rows.filter((r) => r.subs.some((s) => s.numbers.some((n) => n.includes(digits)))) : [];
        }
      }
      const { items, headers } = pageOf(ctx, rows);
      return json(200, items.map((r) => portRequestView(r.pr, r.subs, includes(q))), headers);
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
    'PUT',
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

  // The seed spec describes "request the cancellation of a sub request" without its path; this is
  // the sandbox's choice (docs/sandbox.md), and the adapter copes when a server lacks it.
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
    'GET',
    `${p}/port_requests/:id/supporting_documents/:docId`,
    wrap((ctx, who) => json(200, porting.getDocument(who.scope, ctx.params.id ?? '', ctx.params.docId ?? ''))),
  );
  router.add(
    'POST',
    `${p}/port_requests/:id/supporting_documents/:docId/download_links`,
    wrap((ctx, who) => link(porting.getDocument(who.scope, ctx.params.id ?? '', ctx.params.docId ?? '').id)),
  );

  // Download links work without credentials, like pre-signed URLs.
  router.add('GET', '/downloads/:token', (ctx) => {
    try {
      const blob = porting.download(ctx.params.token ?? '');
      return binary(200, blob.contentType, blob.data);
    } catch (err) {
      if (err instanceof TelnyxError) return telnyxFailure(err.status, err.detail);
      throw err;
    }
  });

  // ---- uploads: an upload request, then a form POST to the file store ----
  router.add(
    'POST',
    '/files/upload_requests',
    wrap((ctx, who) => {
      const input = parse(UploadRequestSchema, body(ctx));
      const grant = porting.createUpload(who.accountId, input.content_type);
      return json(201, {
        url: `${deps.baseUrl()}${FILES_SERVICE_PATH}`,
        http_method: 'POST',
        form_fields: {
          key: grant.key,
          policy: grant.policy,
          'x-amz-algorithm': 'AWS4-HMAC-SHA256',
          'x-amz-credential': 'sandbox/files-service/s3/aws4_request',
          'x-amz-date': new Date(deps.now()).toISOString().replace(/[-:]|\.\d+/g, ''),
          'x-amz-signature': grant.signature,
        },
      });
    }),
  );
  // The bucket checks the signed policy, not Telnyx credentials; it answers 204 like S3.
  router.add('POST', FILES_SERVICE_PATH, (ctx) => {
    try {
      if (ctx.bodyTooLarge) throw new TelnyxError(413, 'The file is larger than the upload limit');
      const form = parseMultipart(header(ctx.headers, 'content-type') ?? '', ctx.body);
      if (!form) throw new TelnyxError(400, 'Expected a multipart/form-data body');
      db.transaction(() => porting.storeUpload(form.fields, form.file?.data))();
      return { status: 204, headers: {}, body: Buffer.alloc(0) };
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
      const search = digitsOf(q.get('search') ?? '');
      if (status) rows = rows.filter((r) => r.draft.status === status);
      if (q.get('search')?.trim()) rows = search ? rows.filter((r) => r.draft.numbers.some((n) => n.includes(search))) : [];
      const { items, headers } = pageOf(ctx, rows);
      return json(200, items.map((r) => draftView(r.draft, r.subs, includes(q))), headers);
    }),
  );
  router.add(
    'POST',
    `${p}/draft_port_requests`,
    wrap((ctx, who) => {
      const input = parse(DraftCreateSchema, body(ctx));
      const draft = porting.createDraft(who.accountId, input.phone_numbers);
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
    'POST',
    `${p}/draft_port_requests/:id/submit`,
    wrap((ctx, who) => {
      const draft = porting.submitDraft(who.scope, ctx.params.id ?? '');
      return json(201, draftView(draft, porting.draftSubs(draft.id)));
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
    'PUT',
    `${p}/draft_port_requests/:id/sub_requests/:subId`,
    wrap((ctx, who) => json(200, draftSubView(porting.patchDraftSub(who.scope, ctx.params.id ?? '', ctx.params.subId ?? '', body(ctx))))),
  );
  router.add(
    'GET',
    `${p}/draft_port_requests/:id/sub_requests/:subId/allowed_foc_dates`,
    wrap((ctx, who) => {
      porting.getDraftSub(who.scope, ctx.params.id ?? '', ctx.params.subId ?? '');
      return json(200, allowedFocWindows(deps.now()));
    }),
  );
  router.add(
    'GET',
    `${p}/draft_port_requests/:id/supporting_documents`,
    wrap((ctx, who) => json(200, porting.draftDocuments(who.scope, ctx.params.id ?? ''))),
  );
  router.add(
    'POST',
    `${p}/draft_port_requests/:id/supporting_documents`,
    wrap((ctx, who) => json(201, porting.addDraftDocument(who.scope, ctx.params.id ?? '', parse(DraftDocumentSchema, body(ctx))))),
  );
  router.add(
    'GET',
    `${p}/draft_port_requests/:id/supporting_documents/:docId`,
    wrap((ctx, who) => json(200, porting.getDraftDocument(who.scope, ctx.params.id ?? '', ctx.params.docId ?? ''))),
  );
  router.add(
    'POST',
    `${p}/draft_port_requests/:id/supporting_documents/:docId/download_links`,
    wrap((ctx, who) => link(porting.getDraftDocument(who.scope, ctx.params.id ?? '', ctx.params.docId ?? '').id)),
  );
}
