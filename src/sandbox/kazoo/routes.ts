import type { Db } from '../store/db';
import type { AccountStore } from '../store/accounts';
import type { KazooPortStore, PortRecord } from '../store/kazooPorts';
import type { Authenticator } from '../http/auth';
import { binary, header, parseJsonBody, type Reply, type RequestCtx } from '../http/reply';
import type { Router } from '../http/router';
import { md5 } from '../util/ids';
import { toE164 } from '../util/phone';
import { KazooError, badIdentifier, kazooFailure, kazooListing, kazooSuccess, validationError } from './envelope';
import { groupByAccount, groupsJson, inScope, isRanged, modifiedWindow, statesForByTypes } from './listing';
import { buildLoaPdf } from './loa';
import { ListedDocs } from './listedDocs';
import { KazooPorts } from './ports';
import { KazooEnvelopeSchema } from './schema';
import { DELETABLE_STATES, PORT_STATES, isPortState, type PortState } from './stateMachine';
import { timelineOf } from './timeline';

export interface KazooDeps {
  db: Db;
  accounts: AccountStore;
  store: KazooPortStore;
  ports: KazooPorts;
  auth: Authenticator;
  now: () => number;
}

interface Authed {
  token: string;
  accountId: string;
  userId: string | null;
}

type KazooHandler = (ctx: RequestCtx, who: Authed) => Reply | Promise<Reply>;

const ATTACHMENT_TYPES = ['application/pdf', 'application/x-pdf', 'application/octet-stream', 'text/plain'];
const CLOSED_FOR_ATTACHMENTS: readonly PortState[] = ['completed', 'canceled'];

/** Register the Crossbar `port_requests` API under /v2/accounts/{ACCOUNT_ID}, as the profile's Kazoo version serves it. */
export function registerKazooRoutes(router: Router, deps: KazooDeps): void {
  const { db, accounts, store, ports } = deps;
  const version = ports.profile.version;
  // The server strips the family prefix (/v2) before routing.
  const base = '/accounts/:accountId';

  const authenticate = (ctx: RequestCtx): Authed | Reply => {
    const token = header(ctx.headers, 'x-auth-token');
    const auth = deps.auth.check(token);
    if (!auth.ok) {
      return kazooFailure(token ?? '', 401, 'invalid_credentials', {
        message: auth.reason === 'expired' ? 'authentication token expired' : 'invalid credentials',
      });
    }
    ctx.caller.token = auth.token;
    ctx.caller.accountId = auth.accountId;
    return { token: auth.token, accountId: auth.accountId, userId: auth.ownerId };
  };

  const wrap =
    (handler: KazooHandler, scoped = true) =>
    async (ctx: RequestCtx): Promise<Reply> => {
      const who = authenticate(ctx);
      if (!('userId' in who)) return who;
      const accountId = ctx.params.accountId ?? '';
      try {
        if (scoped) {
          if (!accounts.get(accountId)) throw badIdentifier(accountId);
          if (!accounts.isWithin(accountId, who.accountId)) {
            throw new KazooError(403, 'forbidden', { message: 'token is not authorized for this account' });
          }
        }
        return await handler(ctx, who);
      } catch (err) {
        if (err instanceof KazooError) return kazooFailure(who.token, err.http, err.kazooMessage, err.data);
        throw err;
      }
    };

  const envelope = (ctx: RequestCtx): { data: unknown; acceptCharges: boolean } => {
    const body = parseJsonBody(ctx.body);
    if (body instanceof Error) throw new KazooError(400, 'parse_error', { message: 'failed to parse request body' });
    if (body === undefined) return { data: undefined, acceptCharges: false };
    const parsed = KazooEnvelopeSchema.safeParse(body);
    if (!parsed.success) throw validationError('data', 'type', 'The request body must be {"data": {...}}');
    return { data: parsed.data.data, acceptCharges: parsed.data.accept_charges === true };
  };

  const listedDocs = new ListedDocs(ports);
  const listed = (who: Authed) => (r: PortRecord) => ports.view(r, { viewer: who.accountId, listing: true });

  /**
   * `by_number`: a flat list. 4.3 (load_summary_by_number over `listing_by_number`) keeps the
   * requests whose account tree holds the path's account (so not the account's own), all of them
   * for the super-duper admin; 4.2 (`all_port_in_numbers`) looks the number up in the account
   * itself, or in it and its sub-accounts under `descendants`.
   */
  const byNumber = (ctx: RequestCtx, who: Authed, descendants: boolean, raw: string): Reply => {
    const accountId = ctx.params.accountId ?? '';
    const e164 = toE164(raw);
    if (!e164) throw validationError('by_number', 'pattern', `Not a valid phone number: ${raw}`, raw);
    const found = store.byNumber(e164).filter((r) => {
      if (version === '4.3') return inScope(r, accountId, true) || accounts.get(who.accountId)?.parentId === null;
      return descendants ? accounts.isWithin(r.accountId, accountId) : r.accountId === accountId;
    });
    return kazooListing(who.token, JSON.stringify(found.map(listed(who))), { page_size: found.length });
  };

  /** A listing of `states`; the ranged ones over the `modified` window (crossbar_view:load_range). */
  const listStates = (ctx: RequestCtx, who: Authed, descendants: boolean, states: readonly PortState[], allListing: boolean): Reply => {
    const accountId = ctx.params.accountId ?? '';
    const q = ctx.url.searchParams;
    const needsWindow = states.some((st) => isRanged(st, version, allListing));
    const window = needsWindow ? modifiedWindow(q, deps.now()) : undefined;
    const rows = store
      .listable(states, accountId, descendants)
      .filter((r) => inScope(listedDocs.record(r), accountId, descendants))
      .filter((r) => !window || !isRanged(r.state as PortState, version, allListing) || (r.updated >= window.from && r.updated <= window.to));
    const attachments = store.attachmentsByPort();
    const groups = groupByAccount(accounts, rows, (r) => listedDocs.json(r, who.accountId, attachments.get(r.id) ?? []));
    return kazooListing(who.token, groupsJson(groups));
  };

  const list = (ctx: RequestCtx, who: Authed, descendants: boolean): Reply => {
    const q = ctx.url.searchParams;
    const number = q.get('by_number');
    if (number !== null) return byNumber(ctx, who, descendants, number);
    // 4.2 ignores by_types: its summary is every state (load_summary_by_type(<<"all">>)).
    if (version === '4.2') return listStates(ctx, who, descendants, PORT_STATES, true);
    return listStates(ctx, who, descendants, statesForByTypes(q.get('by_types')), false);
  };

  const one = (ctx: RequestCtx): PortRecord => ports.get(ctx.params.id ?? '');
  const done = (who: Authed, rec: PortRecord, status = 200): Reply =>
    kazooSuccess(who.token, ports.view(rec, { viewer: who.accountId }), ports.revision(rec), {}, status);
  const actor = (who: Authed) => ({ accountId: who.accountId, userId: who.userId });

  // GET /v2/token_auth answers the public fields of the token's auth doc (cb_token_auth).
  router.add(
    'GET',
    '/token_auth',
    wrap((_ctx, who) => kazooSuccess(who.token, { account_id: who.accountId, owner_id: who.userId ?? undefined, method: 'cb_user_auth' }, md5(who.token)), false),
  );
  router.add(
    'GET',
    `${base}/users/:userId`,
    wrap((ctx, who) => {
      const user = accounts.user(ctx.params.userId ?? '');
      if (!user || user.accountId !== ctx.params.accountId) throw badIdentifier(ctx.params.userId ?? '');
      const data = { id: user.id, first_name: user.firstName, last_name: user.lastName, username: `${user.firstName}.${user.lastName}`.toLowerCase() };
      return kazooSuccess(who.token, data, md5(JSON.stringify(data)));
    }),
  );

  router.add('GET', `${base}/port_requests`, wrap((ctx, who) => list(ctx, who, false)));
  router.add('GET', `${base}/descendants/port_requests`, wrap((ctx, who) => list(ctx, who, true)));
  router.add(
    'GET',
    `${base}/descendants/port_requests/:state`,
    wrap((ctx, who) => {
      const state = ctx.params.state ?? '';
      // 4.2's validate/2 on a state token under descendants: listing_by_descendant_state.
      if (version === '4.2' && isPortState(state)) return listStates(ctx, who, true, [state], false);
      throw badIdentifier(state);
    }),
  );

  router.add(
    'PUT',
    `${base}/port_requests`,
    wrap((ctx, who) => {
      const { data } = envelope(ctx);
      const rec = db.transaction(() => ports.create(ctx.params.accountId ?? '', data, actor(who)))();
      return done(who, rec, 201);
    }),
  );

  router.add(
    'GET',
    `${base}/port_requests/:id`,
    wrap((ctx, who) => {
      const id = ctx.params.id ?? '';
      // 4.2 serves listings by state here; 4.3 reads every token as a request id.
      if (version === '4.2' && isPortState(id)) return listStates(ctx, who, false, [id], false);
      return done(who, one(ctx));
    }),
  );

  router.add(
    'POST',
    `${base}/port_requests/:id`,
    wrap((ctx, who) => {
      const { data } = envelope(ctx);
      const rec = db.transaction(() => ports.edit(one(ctx), data, actor(who), ctx.params.accountId ?? ''))();
      return done(who, rec);
    }),
  );

  router.add(
    'PATCH',
    `${base}/port_requests/:id`,
    wrap((ctx, who) => {
      if (version === '4.2') throw new KazooError(405, 'invalid_method', { message: 'invalid method' });
      const { data } = envelope(ctx);
      const rec = db.transaction(() => ports.patch(one(ctx), data, actor(who), ctx.params.accountId ?? ''))();
      return done(who, rec);
    }),
  );

  router.add(
    'DELETE',
    `${base}/port_requests/:id`,
    wrap((ctx, who) => {
      const rec = one(ctx);
      const view = ports.view(rec, { viewer: who.accountId });
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
        ports.move(one(ctx), ctx.params.state ?? '', { data, acceptCharges, who: actor(who), pathAccount: ctx.params.accountId ?? '' }),
      )();
      return done(who, rec);
    }),
  );

  router.add(
    'GET',
    `${base}/port_requests/:id/timeline`,
    wrap((ctx, who) => {
      const rec = one(ctx);
      const visible = ports.view(rec, { viewer: who.accountId }).comments;
      return kazooSuccess(who.token, timelineOf(visible, store.transitions(rec.id), accounts), ports.revision(rec));
    }),
  );

  router.add(
    'GET',
    `${base}/port_requests/:id/loa`,
    wrap(async (ctx) => {
      const rec = one(ctx);
      const accountName = accounts.get(rec.accountId)?.name ?? '';
      const pdf = await buildLoaPdf({ accountName, port: ports.view(rec), version });
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
