import type { Db } from '../store/db';
import type { AccountStore } from '../store/accounts';
import type { KazooPortStore, PortRecord } from '../store/kazooPorts';
import type { Authenticator } from '../http/auth';
import { binary, header, parseJsonBody, type Reply, type RequestCtx } from '../http/reply';
import type { Router } from '../http/router';
import { md5 } from '../util/ids';
import { toE164 } from '../util/phone';
import { KazooError, badIdentifier, kazooFailure, kazooSuccess, validationError } from './envelope';
import { filterModified, groupByAccount, listingAccounts, paginate } from './listing';
import { buildLoaPdf } from './loa';
import { KazooPorts } from './ports';
import { KazooEnvelopeSchema } from './schema';
import { DELETABLE_STATES, isPortState, statesForFilter, type PortState } from './stateMachine';
import { timelineOf } from './timeline';

export interface KazooDeps {
  db: Db;
  accounts: AccountStore;
  store: KazooPortStore;
  ports: KazooPorts;
  auth: Authenticator;
}

interface Authed {
  token: string;
  accountId: string;
}

type KazooHandler = (ctx: RequestCtx, who: Authed) => Reply | Promise<Reply>;

const ATTACHMENT_TYPES = ['application/pdf', 'application/x-pdf', 'application/octet-stream', 'text/plain'];
const CLOSED_FOR_ATTACHMENTS: readonly PortState[] = ['completed', 'canceled'];

/** Register the Crossbar `port_requests` API under /v2/accounts/{ACCOUNT_ID}. */
export function registerKazooRoutes(router: Router, deps: KazooDeps): void {
  const { db, accounts, store, ports } = deps;
  // The server strips the family prefix (/v2) before routing.
  const base = '/accounts/:accountId';

  const wrap =
    (handler: KazooHandler) =>
    async (ctx: RequestCtx): Promise<Reply> => {
      const token = header(ctx.headers, 'x-auth-token');
      const auth = deps.auth.check(token);
      if (!auth.ok) {
        return kazooFailure(token ?? '', 401, 'invalid_credentials', {
          message: auth.reason === 'expired' ? 'authentication token expired' : 'invalid credentials',
        });
      }
      ctx.caller.token = auth.token;
      ctx.caller.accountId = auth.accountId;
      const accountId = ctx.params.accountId ?? '';
      try {
        if (!accounts.get(accountId)) throw badIdentifier(accountId);
        if (!accounts.isWithin(accountId, auth.accountId)) {
          throw new KazooError(403, 'forbidden', { message: 'token is not authorized for this account' });
        }
        return await handler(ctx, { token: auth.token, accountId: auth.accountId });
      } catch (err) {
        if (err instanceof KazooError) return kazooFailure(auth.token, err.http, err.kazooMessage, err.data);
        throw err;
      }
    };

  const envelope = (ctx: RequestCtx): { data: unknown; acceptCharges: boolean } => {
    const body = parseJsonBody(ctx.body);
    if (body instanceof Error) throw new KazooError(400, 'invalid request', { message: 'malformed JSON body' });
    if (body === undefined) return { data: undefined, acceptCharges: false };
    const parsed = KazooEnvelopeSchema.safeParse(body);
    if (!parsed.success) throw validationError('data', 'type', 'The request body must be {"data": {...}}');
    return { data: parsed.data.data, acceptCharges: parsed.data.accept_charges === true };
  };

  const listRevision = (data: unknown): string => md5(JSON.stringify(data));

  const list = (ctx: RequestCtx, who: Authed, descendants: boolean, state?: PortState): Reply => {
    const accountId = ctx.params.accountId ?? '';
    const q = ctx.url.searchParams;
    const byNumber = q.get('by_number');
    const scope = listingAccounts(accounts, accountId, descendants);
    const scopeIds = new Set(scope.map((a) => a.id));
    if (byNumber !== null) {
      const e164 = toE164(byNumber);
      if (!e164) throw validationError('by_number', 'pattern', `Not a valid phone number: ${byNumber}`, byNumber);
      const found = store.byNumber(e164).filter((r) => scopeIds.has(r.accountId));
      const data = found.map((r) => ports.view(r));
      return kazooSuccess(who.token, data, listRevision(data), { page_size: data.length });
    }
    const states = state ? [state] : statesForFilter(q.get('by_types') ?? undefined);
    if (!states) throw validationError('by_types', 'enum', `Unknown by_types filter: ${q.get('by_types')}`);
    let records = store.list([...scopeIds], states);
    if (state === 'completed' || state === 'canceled') {
      records = filterModified(records, q.get('modified_from') ?? undefined, q.get('modified_to') ?? undefined);
    }
    if (state === 'completed') {
      const pageSize = Number(q.get('page_size') ?? '50');
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
        throw validationError('page_size', 'range', 'page_size must be an integer from 1 to 1000');
      }
      const startKey = q.get('start_key') ?? undefined;
      const { page, nextStartKey } = paginate(records, pageSize, startKey);
      const data = groupByAccount(scope, page, (r) => ports.view(r));
      const extra: Record<string, unknown> = { page_size: page.length };
      if (startKey !== undefined) extra.start_key = startKey;
      if (nextStartKey !== undefined) extra.next_start_key = nextStartKey;
      return kazooSuccess(who.token, data, listRevision(data), extra);
    }
    const data = groupByAccount(scope, records, (r) => ports.view(r));
    const extra = state ? { page_size: records.length } : {};
    return kazooSuccess(who.token, data, listRevision(data), extra);
  };

  const one = (ctx: RequestCtx): PortRecord => ports.get(ctx.params.accountId ?? '', ctx.params.id ?? '');
  const done = (who: Authed, rec: PortRecord, status = 200): Reply =>
    kazooSuccess(who.token, ports.view(rec), ports.revision(rec), {}, status);

  router.add('GET', `${base}/port_requests`, wrap((ctx, who) => list(ctx, who, false)));
  router.add('GET', `${base}/descendants/port_requests`, wrap((ctx, who) => list(ctx, who, true)));

  router.add(
    'PUT',
    `${base}/port_requests`,
    wrap((ctx, who) => {
      const { data } = envelope(ctx);
      const rec = db.transaction(() => ports.create(ctx.params.accountId ?? '', data, who.accountId))();
      return done(who, rec, 201);
    }),
  );

  router.add(
    'GET',
    `${base}/port_requests/:id`,
    wrap((ctx, who) => {
      const id = ctx.params.id ?? '';
      if (isPortState(id)) return list(ctx, who, false, id);
      return done(who, one(ctx));
    }),
  );

  router.add(
    'POST',
    `${base}/port_requests/:id`,
    wrap((ctx, who) => {
      const { data } = envelope(ctx);
      const rec = db.transaction(() => ports.edit(one(ctx), data))();
      return done(who, rec);
    }),
  );

  router.add(
    'DELETE',
    `${base}/port_requests/:id`,
    wrap((ctx, who) => {
      const rec = one(ctx);
      const view = ports.view(rec);
      db.transaction(() => ports.remove(rec))();
      return kazooSuccess(who.token, view, ports.revision(rec));
    }),
  );

  router.add(
    'PATCH',
    `${base}/port_requests/:id/:state`,
    wrap((ctx, who) => {
      const { data, acceptCharges } = envelope(ctx);
      const rec = db.transaction(() =>
        ports.move(one(ctx), ctx.params.state ?? '', { data, acceptCharges, who: who.accountId }),
      )();
      return done(who, rec);
    }),
  );

  router.add(
    'GET',
    `${base}/port_requests/:id/timeline`,
    wrap((ctx, who) => {
      const rec = one(ctx);
      return kazooSuccess(who.token, timelineOf(rec, store.transitions(rec.id)), ports.revision(rec));
    }),
  );

  router.add(
    'GET',
    `${base}/port_requests/:id/loa`,
    wrap(async (ctx) => {
      const rec = one(ctx);
      const accountName = accounts.get(rec.accountId)?.name ?? '';
      const pdf = await buildLoaPdf({ accountName, port: ports.view(rec) });
      const accept = header(ctx.headers, 'accept') ?? '';
      const type = accept.includes('application/x-pdf') ? 'application/x-pdf' : 'application/pdf';
      return binary(200, type, pdf, { 'content-disposition': `attachment; filename="loa-${rec.id}.pdf"` });
    }),
  );

  router.add(
    'GET',
    `${base}/port_requests/:id/attachments`,
    wrap((ctx, who) => {
      const rec = one(ctx);
      const data = ports.view(rec).uploads;
      return kazooSuccess(who.token, data, ports.revision(rec));
    }),
  );

  const storeAttachment = (ctx: RequestCtx, who: Authed, name: string, mustExist: boolean): Reply => {
    const rec = one(ctx);
    if (CLOSED_FOR_ATTACHMENTS.includes(rec.state as PortState)) {
      throw new KazooError(400, 'invalid request', {
        port_state: { enum: { cause: rec.state, message: `Attachments cannot change once a port is ${rec.state}` } },
      });
    }
    if (ctx.bodyTooLarge) {
      throw new KazooError(413, 'file size exceeded', { message: 'Attachments may be at most 8000000 bytes' });
    }
    const type = (header(ctx.headers, 'content-type') ?? 'application/octet-stream').split(';')[0]?.trim() ?? '';
    if (!ATTACHMENT_TYPES.includes(type)) {
      throw new KazooError(415, 'invalid media type', {
        content_type: { enum: { cause: type, message: `Accepted types: ${ATTACHMENT_TYPES.join(', ')}` } },
      });
    }
    if (ctx.body.length === 0) throw validationError('attachment', 'required', 'The attachment body is empty');
    if (mustExist && !store.getAttachment(rec.id, name)) throw badIdentifier(name);
    const next = db.transaction(() => {
      store.putAttachment(rec.id, name, type === 'application/x-pdf' ? 'application/pdf' : type, ctx.body);
      return ports.touch(rec);
    })();
    return kazooSuccess(who.token, {}, ports.revision(next));
  };

  router.add(
    'PUT',
    `${base}/port_requests/:id/attachments`,
    wrap((ctx, who) => {
      const given = ctx.url.searchParams.get('filename') ?? `attachment-${Date.now()}`;
      return storeAttachment(ctx, who, withPdfExtension(given), false);
    }),
  );

  router.add(
    'POST',
    `${base}/port_requests/:id/attachments/:name`,
    wrap((ctx, who) => storeAttachment(ctx, who, ctx.params.name ?? '', true)),
  );

  router.add(
    'GET',
    `${base}/port_requests/:id/attachments/:name`,
    wrap((ctx) => {
      const rec = one(ctx);
      const name = ctx.params.name ?? '';
      const att = store.getAttachment(rec.id, name) ?? store.getAttachment(rec.id, withPdfExtension(name));
      if (!att) throw badIdentifier(name);
      return binary(200, att.contentType, att.data, { 'content-disposition': `attachment; filename="${name}"` });
    }),
  );

  router.add(
    'DELETE',
    `${base}/port_requests/:id/attachments/:name`,
    wrap((ctx, who) => {
      const rec = one(ctx);
      if (!DELETABLE_STATES.includes(rec.state as PortState)) {
        throw new KazooError(400, 'invalid request', {
          port_state: { enum: { cause: rec.state, message: `Attachments cannot be deleted while a port is ${rec.state}` } },
        });
      }
      const name = ctx.params.name ?? '';
      const next = db.transaction(() => {
        if (!store.deleteAttachment(rec.id, name)) throw badIdentifier(name);
        return ports.touch(rec);
      })();
      return kazooSuccess(who.token, {}, ports.revision(next));
    }),
  );
}

/** Kazoo appends `.pdf` to attachment names that lack it. */
export function withPdfExtension(name: string): string {
  return name.toLowerCase().endsWith('.pdf') ? name : `${name}.pdf`;
}
