import { z } from 'zod';
import { adminGuard } from '../http/admin';
import { json, type Reply, type RequestCtx } from '../http/reply';
import type { Router } from '../http/router';
import type { Db } from '../store/db';
import type { TelnyxObjectStore } from '../store/telnyxObjects';
import { TelnyxError, notFound } from './errors';
import { SUB_REQUEST_STATUSES, type DraftDoc, type SubRequestDoc } from './model';
import { type TelnyxPorting, zodToTelnyx } from './service';
import { draftView, portRequestView, subRequestView } from './views';

export interface PortalDeps {
  adminToken: string;
  db: Db;
  store: TelnyxObjectStore;
  porting: TelnyxPorting;
}

const StatusSchema = z
  .object({
    status: z.enum(SUB_REQUEST_STATUSES),
    /** An exception's explanation (posted as Telnyx staff's comment on the sub request). */
    text: z.string().optional(),
    /** foc-date-confirmed: the confirmed date (ISO 8601); defaults to the requested one. */
    foc_date: z.string().optional(),
  })
  .strict();
const DocumentSchema = z.object({ document_type: z.enum(['loa', 'invoice']), body: z.string().optional(), file: z.string().min(1) }).strict();

/**
 * What Telnyx's web portal and porting staff do outside the v1 API, for tests and trainers:
 * submit a draft, move sub requests (exception with its text, FOC confirmed, ported, cancelled)
 * and add a document to a port request. Under /__admin/telnyx, main token only, never faulted.
 */
export function registerTelnyxPortalRoutes(router: Router, deps: PortalDeps): void {
  const guard = adminGuard(deps.adminToken);
  const run =
    (handler: (ctx: RequestCtx, body: unknown) => Reply) =>
    (ctx: RequestCtx, body: unknown): Reply => {
      try {
        return deps.db.transaction(() => handler(ctx, body))();
      } catch (err) {
        if (err instanceof TelnyxError) return json(err.status, { error: String(err.status), message: err.detail });
        throw err;
      }
    };
  const parse = <T>(schema: z.ZodType<T>, body: unknown): T => {
    const r = schema.safeParse(body);
    if (!r.success) throw zodToTelnyx(r.error);
    return r.data;
  };
  const accountOfDraft = (id: string): string => {
    const rec = deps.store.get<DraftDoc>('draft', id);
    if (!rec) throw notFound('Draft port request', id);
    return rec.accountId;
  };

  router.add(
    'POST',
    '/telnyx/drafts/:id/submit',
    guard(
      run((ctx) => {
        const id = ctx.params.id ?? '';
        const draft = deps.porting.submitDraft([accountOfDraft(id)], id);
        return json(200, draftView(draft, deps.porting.draftSubs(id)));
      }),
    ),
  );

  router.add(
    'POST',
    '/telnyx/sub_requests/:id/status',
    guard(
      run((ctx, body) => {
        const input = parse(StatusSchema, body);
        const rec = deps.store.get<SubRequestDoc>('sub_request', ctx.params.id ?? '');
        if (!rec) throw notFound('Sub request', ctx.params.id ?? '');
        return json(200, subRequestView(deps.porting.setSubStatus(rec, input.status, { text: input.text, focDate: input.foc_date })));
      }),
    ),
  );

  router.add(
    'POST',
    '/telnyx/port_requests/:id/supporting_documents',
    guard(
      run((ctx, body) => {
        const input = parse(DocumentSchema, body);
        const id = ctx.params.id ?? '';
        const pr = deps.porting.getPortRequest(deps.store.list('port_request').filter((r) => r.id === id).map((r) => r.accountId), id);
        const doc = deps.porting.addDocument([pr.accountId], id, input.document_type, input.body ?? '', Buffer.from(input.file, 'base64'));
        return json(201, { document: doc, port_request: portRequestView(pr.doc, deps.porting.subRequests(id), { phoneNumbers: true, subRequests: true }) });
      }),
    ),
  );
}
