import type { z } from 'zod';
import type { AccountStore } from '../store/accounts';
import type { AttachmentMeta, KazooPortStore, PortRecord } from '../store/kazooPorts';
import { kazooId, md5 } from '../util/ids';
import { toE164 } from '../util/phone';
import { toGregorian } from '../util/time';
import { KazooError, illegalMove, validationError } from './envelope';
import { portAuthorityOf } from '../accounts';
import { CommentsSchema, PortDocSchema, READ_ONLY_FIELDS, TransitionDataSchema } from './schema';
import {
  DELETABLE_STATES,
  EDITABLE_STATES,
  RESERVING_STATES,
  canMove,
  isPortState,
  type PortState,
} from './stateMachine';

/** Which Kazoo the sandbox plays: 4.0–4.2 (tag 4.2.48) or 4.3 (tag 4.3.99). */
export type KazooVersion = '4.2' | '4.3';

export interface KazooProfile {
  version: KazooVersion;
  /** The system setting `allow_port_transition_from_submitted_to_scheduled` (knm_port_request.erl; off by default). */
  allowSubmittedToScheduled: boolean;
}

/** Who makes a call: the token's account and user; the simulated carrier acts as the port authority. */
export type Actor = { accountId: string; userId: string | null } | 'carrier';

/** Options for a state move. */
export interface MoveOptions {
  data?: unknown;
  acceptCharges?: boolean;
  who: Actor;
  /** The account in the request path: Kazoo saves the document under it (see {@link KazooPorts.reparent}). */
  pathAccount?: string;
  /** The carrier clock moves ports without charges being asked for. */
  skipCharges?: boolean;
}

const USER_NOT_ALLOWED = "you're not allowed to change to new state from current state, please contact your port authority";

/** Kazoo port request use cases over the store: validation, state machine, authority, revisions. */
export class KazooPorts {
  constructor(
    private readonly store: KazooPortStore,
    private readonly accounts: AccountStore,
    private readonly now: () => number,
    readonly profile: KazooProfile = { version: '4.3', allowSubmittedToScheduled: false },
  ) {}

  /** `N-hash`, changing with every write. */
  revision(rec: PortRecord): string {
    return `${rec.rev}-${md5(`${rec.id}:${rec.rev}:${rec.updated}`)}`;
  }

  /** Port authority recorded on the request at create (`pvt_port_authority`). */
  authorityOf(rec: PortRecord): string {
    return typeof rec.doc.pvt_port_authority === 'string' ? rec.doc.pvt_port_authority : portAuthorityOf(this.accounts, rec.accountId);
  }

  /** The master account: Kazoo's super-duper admin (the root of the sandbox tree). */
  private isSuperduper(accountId: string): boolean {
    const acc = this.accounts.get(accountId);
    return acc !== undefined && acc.parentId === null;
  }

  /**
   * The document as `viewer` sees it (knm_port_request:public_fields): private (`pvt_*`) keys
   * dropped, the server's fields set, 4.3's `_read_only` added; listings also leak `account_id`
   * (cb_port_requests:leak_pvt_fields). Private comments are left out for viewers who are neither
   * the port authority nor the super-duper admin (filter_private_comments).
   */
  view(rec: PortRecord, opts: { viewer?: string; listing?: boolean; attachments?: readonly AttachmentMeta[] } = {}): Record<string, unknown> {
    const uploads: Record<string, { content_type: string; length: number }> = {};
    for (const a of opts.attachments ?? this.store.attachments(rec.id)) uploads[a.name] = { content_type: a.contentType, length: a.length };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rec.doc)) if (!k.startsWith('pvt_') && !k.startsWith('_')) out[k] = v;
    Object.assign(out, { created: rec.created, id: rec.id, port_state: rec.state, sent: rec.doc.sent === true, updated: rec.updated, uploads });
    if (this.profile.version === '4.3') {
      const authority = this.authorityOf(rec);
      out._read_only = {
        account_id: rec.accountId,
        account_name: this.accounts.get(rec.accountId)?.name ?? '',
        port_authority: authority,
        port_authority_name: this.accounts.get(authority)?.name ?? '',
      };
    }
    if (opts.listing) out.account_id = rec.accountId;
    if (opts.viewer !== undefined && Array.isArray(out.comments) && !this.seesPrivate(rec, opts.viewer)) {
      const privateKey = this.profile.version === '4.3' ? 'is_private' : 'superduper_comment';
      out.comments = (out.comments as Record<string, unknown>[]).filter((c) => c[privateKey] !== true && c.superduper_comment !== true);
    }
    return out;
  }

  private seesPrivate(rec: PortRecord, viewer: string): boolean {
    if (this.isSuperduper(viewer)) return true;
    return this.profile.version === '4.3' && this.authorityOf(rec) === viewer;
  }

  /** Load by id. Kazoo keeps every request in one database and loads it by id alone, whatever account the path names. */
  get(id: string): PortRecord {
    const rec = this.store.get(id);
    if (!rec) throw new KazooError(404, 'bad_identifier', { cause: id, message: 'bad identifier' });
    return rec;
  }

  create(accountId: string, input: unknown, who: Exclude<Actor, 'carrier'>): PortRecord {
    const { doc, numbers } = this.validateDoc(input);
    const now = toGregorian(this.now());
    const authority = portAuthorityOf(this.accounts, accountId);
    const rec: PortRecord = {
      id: kazooId(),
      accountId,
      state: 'unconfirmed',
      rev: 1,
      created: now,
      updated: now,
      doc: {
        ...doc,
        sent: false,
        pvt_tree: this.accounts.tree(accountId),
        pvt_port_authority: authority,
        pvt_port_authority_name: this.accounts.get(authority)?.name ?? '',
      },
    };
    if (this.profile.version === '4.3') rec.doc.comments = this.acceptComments([], doc.comments, rec, who);
    this.assertNumbersFree(numbers, rec.id);
    this.store.save(rec, numbers);
    this.store.addTransition(rec.id, { at: now, from: null, to: 'unconfirmed', reason: null, who: who.accountId, userId: who.userId });
    return rec;
  }

  /**
   * `POST .../{id}`: a full edit, only while unconfirmed or rejected (can_update_port_request;
   * the refusal is a 400 validation error keyed by the state), saved under the path's account.
   */
  edit(rec: PortRecord, input: unknown, who: Exclude<Actor, 'carrier'>, pathAccount: string): PortRecord {
    if (!EDITABLE_STATES.includes(rec.state as PortState) && !this.isSuperduper(who.accountId)) {
      throw new KazooError(400, 'invalid request', {
        [rec.state]: { type: { cause: rec.state, message: 'Updating port requests not allowed in current port state' } },
      });
    }
    const { doc, numbers } = this.validateDoc(input);
    this.assertNumbersFree(numbers, rec.id);
    const keep: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rec.doc)) if (k.startsWith('pvt_')) keep[k] = v;
    const comments = this.profile.version === '4.3' ? this.acceptComments(rec.doc.comments, doc.comments, rec, who) : doc.comments;
    const next = this.reparent({ ...rec, rev: rec.rev + 1, updated: Math.max(toGregorian(this.now()), rec.updated), doc: { ...doc, ...keep, comments, sent: rec.doc.sent === true } }, pathAccount);
    if (next.doc.comments === undefined) delete next.doc.comments;
    this.store.save(next, numbers);
    return next;
  }

  /**
   * 4.3 `PATCH .../{id}`: the body is merged over the stored document and validated against the
   * schema (crossbar_doc:patch_and_validate); there is no state check, and new comments are added
   * this way. Saved under the path's account like every write.
   */
  patch(rec: PortRecord, input: unknown, who: Exclude<Actor, 'carrier'>, pathAccount: string): PortRecord {
    const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
    const merged: Record<string, unknown> = { ...this.view(rec), ...body };
    const { doc, numbers } = this.validateDoc(merged);
    this.assertNumbersFree(numbers, rec.id);
    const keep: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rec.doc)) if (k.startsWith('pvt_')) keep[k] = v;
    const comments = this.acceptComments(rec.doc.comments, body.comments ?? rec.doc.comments, rec, who);
    const next = this.reparent({ ...rec, rev: rec.rev + 1, updated: Math.max(toGregorian(this.now()), rec.updated), doc: { ...doc, ...keep, comments, sent: rec.doc.sent === true } }, pathAccount);
    this.store.save(next, numbers);
    return next;
  }

  /**
   * Store a request's state and top-level fields as given, past every check: what a newer Kazoo
   * (a state this one does not know) or a client writing around the schema leaves in the shared
   * database, for clients' tests (admin only). Numbers keep their index when `numbers` is no object.
   */
  storeAsIs(rec: PortRecord, change: { portState?: string; set?: Record<string, unknown> }): PortRecord {
    const doc = { ...rec.doc, ...change.set };
    const next: PortRecord = { ...rec, state: change.portState ?? rec.state, rev: rec.rev + 1, updated: Math.max(toGregorian(this.now()), rec.updated), doc };
    const numbers = typeof doc.numbers === 'object' && doc.numbers !== null ? Object.keys(doc.numbers) : Object.keys((rec.doc.numbers ?? {}) as object);
    this.store.save(next, numbers);
    return next;
  }

  remove(rec: PortRecord): void {
    if (!DELETABLE_STATES.includes(rec.state as PortState)) {
      throw new KazooError(405, 'invalid_method', { message: 'port request is not modifiable in this state' });
    }
    this.store.delete(rec.id);
  }

  /**
   * Apply `PATCH .../{id}/{state}` with Kazoo's rules: who may move (4.3's
   * is_user_allowed_to_move_state), the legal moves, charges, scheduling, numbers. Refusals and
   * illegal moves are 400 validation errors on `port_state` (cb_port_requests:move_state).
   */
  move(rec: PortRecord, target: string, opts: MoveOptions): PortRecord {
    if (!isPortState(target) || target === 'unconfirmed') throw illegalMove(target);
    const from = rec.state as PortState;
    const actor = opts.who === 'carrier' ? { accountId: this.authorityOf(rec), userId: null } : opts.who;
    if (this.profile.version === '4.3' && !this.mayMove(rec, target, actor.accountId)) {
      throw new KazooError(400, 'invalid request', { port_state: { enum: { cause: target, message: USER_NOT_ALLOWED } } });
    }
    if (!canMove(from, target, { submittedToScheduled: this.profile.allowSubmittedToScheduled })) throw illegalMove(target);
    const parsed = TransitionDataSchema.safeParse(opts.data ?? {});
    if (!parsed.success) throw zodToKazoo(parsed.error);
    const data = parsed.data;
    const doc = { ...rec.doc };
    if (target === 'submitted') {
      if (!opts.skipCharges) this.assertChargesAccepted(rec.accountId, opts.acceptCharges === true);
      this.assertNumbersFree(Object.keys(doc.numbers as Record<string, unknown>), rec.id);
    }
    if (target === 'scheduled') {
      const date = data.scheduled_date ?? scheduleOnToGregorian(data.schedule_on) ?? (doc.scheduled_date as number | undefined);
      if (date === undefined) {
        throw validationError('scheduled_date', 'required', 'scheduled_date or schedule_on is required to schedule a port');
      }
      doc.scheduled_date = date;
      if (data.schedule_on) doc.schedule_on = data.schedule_on;
      doc.transfer_date = date;
    }
    if (target === 'scheduled' || target === 'completed') doc.sent = true;
    const now = Math.max(toGregorian(this.now()), rec.updated);
    const moved: PortRecord = { ...rec, state: target, rev: rec.rev + 1, updated: now, doc };
    const next = opts.pathAccount === undefined ? moved : this.reparent(moved, opts.pathAccount);
    this.store.save(next, Object.keys(doc.numbers as Record<string, unknown>));
    this.store.addTransition(rec.id, { at: now, from, to: target, reason: data.reason ?? null, who: actor.accountId, userId: actor.userId });
    return next;
  }

  /** knm_port_request:is_user_allowed_to_move_state (4.3). */
  mayMove(rec: PortRecord, target: PortState, accountId: string): boolean {
    if (target === 'submitted' || target === 'unconfirmed') return true;
    const authority = this.authorityOf(rec);
    if (accountId === authority || this.isSuperduper(accountId)) return true;
    return target === 'canceled' && rec.state === 'unconfirmed' && this.accounts.isWithin(rec.accountId, accountId);
  }

  /**
   * cb_port_requests:save sets the document's account tree from the account in the request path
   * (and crossbar_doc:save its account id): a write under another account's path moves the request
   * into that account.
   */
  private reparent(rec: PortRecord, pathAccount: string): PortRecord {
    if (rec.accountId === pathAccount) return rec;
    return { ...rec, accountId: pathAccount, doc: { ...rec.doc, pvt_tree: this.accounts.tree(pathAccount) } };
  }

  /**
   * 4.3's comment rules (comment.json; cb_port_requests:validate_comments): every comment needs
   * `author`, `content` and an integer `timestamp`; only comments newer than the stored ones are
   * new; private or action-required ones only from the port authority (403 otherwise), never
   * both at once (400). New comments get the commenter's account, user and full name.
   */
  private acceptComments(stored: unknown, given: unknown, rec: PortRecord, who: Exclude<Actor, 'carrier'>): Record<string, unknown>[] | undefined {
    const old = Array.isArray(stored) ? (stored as Record<string, unknown>[]) : [];
    if (given === undefined) return stored === undefined ? undefined : old;
    const parsed = CommentsSchema.safeParse(given);
    if (!parsed.success) throw zodToKazoo(parsed.error, 'comments');
    const lastStamp = old.reduce((m, c) => Math.max(m, typeof c.timestamp === 'number' ? c.timestamp : 0), -Infinity);
    const fresh = parsed.data.filter((c) => c.timestamp > lastStamp);
    const authority = this.authorityOf(rec) === who.accountId || this.isSuperduper(who.accountId);
    if (!authority && fresh.some((c) => c.is_private === true || c.action_required === true || c.superduper_comment === true)) {
      throw new KazooError(403, 'forbidden', {
        comments: { forbidden: { cause: 'comments', message: "you're not allowed to make private comment or set action_required" } },
      });
    }
    if (authority && fresh.some((c) => c.is_private === true && c.action_required === true)) {
      throw validationError('comments', 'rejected', 'setting action_required on private comment is not allowed', 'comments');
    }
    const user = who.userId ? this.accounts.user(who.userId) : undefined;
    const stamped = fresh.map((c) => {
      const out: Record<string, unknown> = { ...c, is_private: c.is_private === true || c.superduper_comment === true, account_id: who.accountId };
      delete out.superduper_comment;
      if (user) Object.assign(out, { user_id: user.id, author: `${user.firstName} ${user.lastName}` });
      return out;
    });
    return [...old, ...stamped].sort((a, b) => Number(a.timestamp) - Number(b.timestamp));
  }

  /** Record an attachment change: bumps the revision of the request. */
  touch(rec: PortRecord): PortRecord {
    const next: PortRecord = { ...rec, rev: rec.rev + 1, updated: Math.max(toGregorian(this.now()), rec.updated) };
    this.store.save(next, Object.keys(rec.doc.numbers as Record<string, unknown>));
    return next;
  }

  private assertChargesAccepted(accountId: string, accepted: boolean): void {
    const account = this.accounts.get(accountId);
    const charges = account?.activationCharges ?? 0;
    if (charges > 0 && !accepted) {
      throw new KazooError(402, 'accept charges', {
        activation_charges: charges,
        number_services: { port: { activation_charges: charges } },
      });
    }
  }

  /** A number may sit on only one request that is submitted, pending, scheduled or rejected. */
  private assertNumbersFree(numbers: string[], selfId: string): void {
    for (const n of numbers) {
      for (const other of this.store.byNumber(n)) {
        if (other.id === selfId) continue;
        // Unconfirmed drafts do not reserve numbers, so two drafts may share one.
        if (RESERVING_STATES.includes(other.state as PortState)) {
          throw validationError('numbers', 'unique', `Number is on a port request already: ${other.id}`, n);
        }
      }
    }
  }

  private validateDoc(input: unknown): { doc: Record<string, unknown>; numbers: string[] } {
    const parsed = PortDocSchema.safeParse(input ?? {});
    if (!parsed.success) throw zodToKazoo(parsed.error);
    const doc: Record<string, unknown> = { ...parsed.data };
    for (const f of READ_ONLY_FIELDS) delete doc[f];
    const raw = parsed.data.numbers;
    const keys = Object.keys(raw);
    if (keys.length === 0) throw validationError('numbers', 'minProperties', 'At least one number is required', 1);
    const numbers: Record<string, unknown> = {};
    for (const key of keys) {
      const e164 = toE164(key);
      if (!e164) throw validationError('numbers', 'pattern', `Not a valid phone number: ${key}`, key);
      numbers[e164] = raw[key];
    }
    doc.numbers = numbers;
    for (const k of Object.keys(doc)) if (k.startsWith('pvt_') || k.startsWith('_')) delete doc[k];
    return { doc, numbers: Object.keys(numbers) };
  }
}

/** Turn zod issues into Kazoo's `{field: {rule: {message}}}` 400 body. */
export function zodToKazoo(error: z.ZodError, prefix?: string): KazooError {
  const data: Record<string, Record<string, { message: string }>> = {};
  for (const issue of error.issues) {
    const field = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.') || 'data';
    const rule = issue.code === 'invalid_type' && issue.message.includes('undefined') ? 'required' : issue.code;
    data[field] = { ...(data[field] ?? {}), [rule]: { message: issue.message } };
  }
  return new KazooError(400, 'invalid request', data);
}

function scheduleOnToGregorian(on: { date_time: string; timezone: string } | undefined): number | undefined {
  if (!on) return undefined;
  const ms = Date.parse(on.date_time);
  return Number.isNaN(ms) ? undefined : toGregorian(ms);
}
