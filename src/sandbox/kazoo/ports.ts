import type { z } from 'zod';
import type { AccountStore } from '../store/accounts';
import type { KazooPortStore, PortRecord } from '../store/kazooPorts';
import { kazooId, md5 } from '../util/ids';
import { toE164 } from '../util/phone';
import { toGregorian } from '../util/time';
import { KazooError, illegalMove, validationError } from './envelope';
import { PortDocSchema, READ_ONLY_FIELDS, TransitionDataSchema } from './schema';
import {
  DELETABLE_STATES,
  EDITABLE_STATES,
  RESERVING_STATES,
  canMove,
  isPortState,
  type PortState,
} from './stateMachine';

/** Options for a state move. */
export interface MoveOptions {
  data?: unknown;
  acceptCharges?: boolean;
  /** Who asked (account id, or "carrier" for the simulated carrier). */
  who: string;
  /** The carrier clock moves ports without charges being asked for. */
  skipCharges?: boolean;
}

/** Kazoo port request use cases over the store: validation, state machine, revisions. */
export class KazooPorts {
  constructor(
    private readonly store: KazooPortStore,
    private readonly accounts: AccountStore,
    private readonly now: () => number,
  ) {}

  /** `N-hash`, changing with every write. */
  revision(rec: PortRecord): string {
    return `${rec.rev}-${md5(`${rec.id}:${rec.rev}:${rec.updated}`)}`;
  }

  /** The document as clients see it. */
  view(rec: PortRecord): Record<string, unknown> {
    const uploads: Record<string, { content_type: string; length: number }> = {};
    for (const a of this.store.attachments(rec.id)) uploads[a.name] = { content_type: a.contentType, length: a.length };
    return {
      ...rec.doc,
      account_id: rec.accountId,
      created: rec.created,
      id: rec.id,
      port_state: rec.state,
      sent: rec.doc.sent === true,
      updated: rec.updated,
      uploads,
    };
  }

  get(accountId: string, id: string): PortRecord {
    const rec = this.store.get(id);
    if (!rec || rec.accountId !== accountId) throw new KazooError(404, 'bad_identifier', { cause: id, message: 'bad identifier' });
    return rec;
  }

  create(accountId: string, input: unknown, who: string): PortRecord {
    const { doc, numbers } = this.validateDoc(input);
    const now = toGregorian(this.now());
    const rec: PortRecord = {
      id: kazooId(),
      accountId,
      state: 'unconfirmed',
      rev: 1,
      created: now,
      updated: now,
      doc: { ...doc, sent: false },
    };
    this.assertNumbersFree(numbers, rec.id);
    this.store.save(rec, numbers);
    this.store.addTransition(rec.id, { at: now, from: null, to: 'unconfirmed', reason: null, who });
    return rec;
  }

  edit(rec: PortRecord, input: unknown): PortRecord {
    if (!EDITABLE_STATES.includes(rec.state as PortState)) {
      throw new KazooError(400, 'invalid request', {
        port_state: {
          enum: { cause: rec.state, message: `A port request cannot be edited once it is ${rec.state}` },
        },
      });
    }
    const { doc, numbers } = this.validateDoc(input);
    this.assertNumbersFree(numbers, rec.id);
    const next: PortRecord = {
      ...rec,
      rev: rec.rev + 1,
      updated: Math.max(toGregorian(this.now()), rec.updated),
      doc: { ...doc, sent: rec.doc.sent === true },
    };
    this.store.save(next, numbers);
    return next;
  }

  remove(rec: PortRecord): void {
    if (!DELETABLE_STATES.includes(rec.state as PortState)) {
      throw new KazooError(400, 'invalid request', {
        port_state: { enum: { cause: rec.state, message: `A port request cannot be deleted while it is ${rec.state}` } },
      });
    }
    this.store.delete(rec.id);
  }

  /** Apply `PATCH .../{target}` with Kazoo's rules (legal move, charges, scheduling, numbers). */
  move(rec: PortRecord, target: string, opts: MoveOptions): PortRecord {
    if (!isPortState(target) || target === 'unconfirmed') throw illegalMove(target);
    const from = rec.state as PortState;
    if (!canMove(from, target)) throw illegalMove(target);
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
    const next: PortRecord = { ...rec, state: target, rev: rec.rev + 1, updated: now, doc };
    this.store.save(next, Object.keys(doc.numbers as Record<string, unknown>));
    this.store.addTransition(rec.id, { at: now, from, to: target, reason: data.reason ?? null, who: opts.who });
    return next;
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
    if (doc.comments) {
      const stamp = toGregorian(this.now());
      doc.comments = (doc.comments as Record<string, unknown>[]).map((c) => ({ timestamp: stamp, ...c }));
    }
    return { doc, numbers: Object.keys(numbers) };
  }
}

/** Turn zod issues into Kazoo's `{field: {rule: {message}}}` 400 body. */
export function zodToKazoo(error: z.ZodError): KazooError {
  const data: Record<string, Record<string, { message: string }>> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'data';
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
