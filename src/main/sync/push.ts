import { backoffDelay, type BackoffPolicy } from './backoff';
import { recordConflict } from './conflicts';
import { mergeInputs, threeWayMerge } from './merge';
import { takeRemote, versionOf } from './take-remote';
import { holdsNumbers } from '../../shared/domain/states';
import { RemoteError } from './errors';
import { sameContent, type LocalSnapshot, type RemoteAdapter, type RemotePort } from './adapters/types';
import { FIELD_OPS, type QueuedRow, type SyncStore } from './store';
import { EXTRA_OPS, pushExtra } from './push-extras';
import type { ContentStore } from '../documents/contentStore';
import { CreateSettling, LATE_CREATE_MARGIN_MS, mayStillLand } from './late-create';
import { cleanRemotePort } from './clean-remote';

export interface PushContext {
  store: SyncStore;
  adapter: RemoteAdapter;
  remoteId: string;
  now: () => number;
  backoff: BackoffPolicy;
  random?: () => number;
  /** Where attachment bytes are read from for uploads. */
  content: ContentStore;
  /** How long past the adapter's request timeout an unanswered create may still land (default {@link LATE_CREATE_MARGIN_MS}). */
  lateCreateMarginMs?: number;
  /** Ports whose create request is on the wire from this process right now (its answer is still to come). */
  creating?: Set<string>;
}

/** Why comment rows of a Telnyx draft wait (they go once it is submitted). */
const DEFERRED_MESSAGE = 'Comments wait until the port request is submitted (the remote keeps none on drafts)';

/** How one port's queue ended this round. */
export type PortPushOutcome =
  | { kind: 'done' }
  | { kind: 'waiting'; until: number; message: string; network: boolean; certificate?: boolean; notConnected?: boolean }
  | { kind: 'blocked'; message: string }
  | { kind: 'conflict' }
  | { kind: 'auth'; message: string }
  | { kind: 'more' };

/** Most outbox rows handled for one port per round, so one busy port cannot starve the others. */
const MAX_STEPS_PER_PORT = 50;

/**
 * Drain one port's outbox rows in order. Consecutive field changes (create, edits, numbers)
 * collapse into one "make the remote look like the local port" write; moves go one by one.
 * Every attempt is counted (committed) before it is sent, so after a crash or a lost answer the
 * next try first looks for what the previous one may have done (the marker on a create, the
 * state on a move) and never creates a second request.
 */
export async function pushPort(ctx: PushContext, portId: string): Promise<PortPushOutcome> {
  for (let step = 0; step < MAX_STEPS_PER_PORT; step += 1) {
    const all = ctx.store.repos.outbox.rows(portId);
    const objectId = all.length > 0 ? (ctx.store.port(portId)?.remoteObjectId ?? null) : null;
    const rows = pushOrder(ctx.adapter, objectId, all);
    const head = rows[0];
    if (!head) return all.length === 0 ? { kind: 'done' } : { kind: 'waiting', until: Infinity, message: DEFERRED_MESSAGE, network: false };
    if (head.status === 'blocked') return { kind: 'blocked', message: 'blocked' };
    if (head.invalid !== null) {
      // Never sent: a row PortDesk cannot read stops its port, with why, and the run goes on.
      ctx.store.block(head.seq, portId, head.invalid);
      return { kind: 'blocked', message: head.invalid };
    }
    if (head.nextAttemptAt > ctx.now()) return { kind: 'waiting', until: head.nextAttemptAt, message: 'waiting to retry', network: false };
    const retried = head.attempts > 0;
    ctx.store.repos.outbox.bumpAttempt(head.seq);
    try {
      const outcome = await pushRow(ctx, head, rows, retried);
      if (outcome) return outcome;
    } catch (err) {
      return failed(ctx, head, err);
    }
  }
  return { kind: 'more' };
}

async function pushRow(ctx: PushContext, head: QueuedRow, rows: QueuedRow[], retried: boolean): Promise<PortPushOutcome | undefined> {
  const { store, adapter } = ctx;
  const { outbox } = store.repos;
  const change = head.change;
  if (change?.op === 'port.delete') {
    const { remoteObjectId } = change.payload;
    try {
      if (remoteObjectId) await adapter.remove(remoteObjectId);
    } catch (err) {
      if (!(err instanceof RemoteError && err.kind === 'not_found')) throw err;
    }
    store.db.transaction(() => {
      if (remoteObjectId) store.setState(ctx.remoteId, `gone:${remoteObjectId}`, String(ctx.now()));
      outbox.deleteRow(head.seq);
    })();
    return undefined;
  }
  const port = store.port(head.portId);
  const snap = store.snapshot(head.portId);
  if (!port || !snap || !change) {
    outbox.deleteRow(head.seq);
    return undefined;
  }
  if (FIELD_OPS.includes(change.op)) {
    let last = head.seq;
    for (const r of rows) {
      if (!r.change || !FIELD_OPS.includes(r.change.op)) break;
      last = r.seq;
    }
    const remote = await writeFields(ctx, port.remoteObjectId, snap, retried);
    if (remote === 'conflict') return { kind: 'conflict' };
    store.pushed(head.portId, remote, { fieldRowsUpTo: last });
    return undefined;
  }
  if (!port.remoteObjectId) {
    // Never created remotely (e.g. assigned to this remote after it was made): create first.
    const created = await writeFields(ctx, null, snap, retried);
    if (created === 'conflict') return { kind: 'conflict' };
    store.pushed(head.portId, created, {});
    return undefined;
  }
  if (change.op !== 'port.move') {
    await pushExtra(ctx, head, port.remoteObjectId, retried);
    return undefined;
  }
  const { to } = change.payload;
  let current: RemotePort;
  if (retried) {
    current = await adapter.get(port.remoteObjectId);
    if (current.state === to) {
      store.pushed(head.portId, current, { seq: head.seq });
      return undefined;
    }
  } else {
    current = { remoteObjectId: port.remoteObjectId, revision: port.remoteRevision ?? '', accountId: '', state: port.state, fields: snap.fields, numbers: snap.numbers, marker: snap.localId };
  }
  const moved = await adapter.move(current, { to, reason: change.payload.reason, date: change.payload.date, acceptCharges: change.payload.acceptCharges === true }, snap);
  store.pushed(head.portId, moved, { seq: head.seq });
  return undefined;
}

function isExtra(row: QueuedRow): boolean {
  return row.change !== null && EXTRA_OPS.includes(row.change.op);
}

const isAttachment = (row: QueuedRow): boolean => isExtra(row) && row.change?.op !== 'comment.add';

/**
 * The rows to push, in order. Extras the request cannot take yet step aside, so the submit queued
 * after them can go. Where documents go before submit (a Telnyx draft), attachments queued after
 * a submit go ahead of it: the submit waits for them.
 */
function pushOrder(adapter: RemoteAdapter, objectId: string | null, all: QueuedRow[]): QueuedRow[] {
  const rows = objectId ? all.filter((r) => !isExtra(r) || adapter.acceptsExtras(objectId, isAttachment(r) ? 'attachment' : 'comment')) : all;
  if (!adapter.capabilities.attachmentsBeforeSubmit) return rows;
  const submit = rows.findIndex((r) => r.change?.op === 'port.move' && r.change.payload.to === 'submitted');
  if (submit < 0) return rows;
  const after = rows.slice(submit);
  return [...rows.slice(0, submit), ...after.filter(isAttachment), ...after.filter((r) => !isAttachment(r))];
}

/**
 * Make the remote document match the local snapshot. A port never linked is created, unless a
 * retry finds the one an earlier attempt created. A linked port is compared first: if the remote
 * changed since our base revision and now says something else, that is a conflict.
 */
async function writeFields(
  ctx: PushContext,
  remoteObjectId: string | null,
  snap: LocalSnapshot,
  retried: boolean,
): Promise<RemotePort | 'conflict'> {
  const { adapter, store } = ctx;
  const { repos } = store;
  const caps = adapter.capabilities;
  // Recorded before the request leaves: if its answer is lost, the write read back later is known as ours.
  const send = (version: LocalSnapshot): void => repos.ports.addSent(version.localId, { fields: version.fields, numbers: version.numbers, state: version.state });
  // What the remote says is compared and merged cleaned, as a pull does (clean-remote.ts).
  if (!remoteObjectId) {
    const earlier = await findEarlierCreate(ctx, snap, retried);
    const found = earlier && cleanRemotePort(earlier);
    if (found && sameContent(caps, found, snap)) return found;
    send(snap);
    return found ? adapter.update(found, snap) : createOnce(ctx, snap);
  }
  const current = cleanRemotePort(await adapter.get(remoteObjectId));
  if (sameContent(caps, current, snap)) return current;
  // The same field-by-field merge as pull: take what changed only remotely, keep what changed
  // only here, and stop on a key both changed; PortDesk's own earlier write is not a remote change.
  const merge = threeWayMerge(caps.fields, ...mergeInputs(repos, snap.localId), snap, versionOf(current));
  const now = ctx.now();
  repos.db.transaction(() => {
    takeRemote(repos, snap, current, { ...merge, takeState: null }, now, (portId, e164, state) => repos.numbers.insert(portId, e164, holdsNumbers(state) && !repos.numbers.openOwner(e164)));
    if (merge.conflicts.length > 0) recordConflict(repos, store.snapshot(snap.localId) ?? snap, current, now);
  })();
  if (merge.conflicts.length > 0) return 'conflict';
  const merged = store.snapshot(snap.localId) ?? snap;
  if (sameContent(caps, current, merged)) return current;
  send(merged);
  return adapter.update(current, merged);
}

/**
 * The create an earlier attempt made, if it landed. Looked for whenever a create was ever sent for
 * this port (a retry, a requeue that reset the count, another process's attempt). While an
 * unanswered one may still land, "not found" is not an answer yet: the row waits (the lookup is
 * repeated meanwhile) instead of creating a second request.
 */
async function findEarlierCreate(ctx: PushContext, snap: LocalSnapshot, retried: boolean): Promise<RemotePort | null> {
  const sent = ctx.store.repos.ports.createSent(snap.localId);
  if (!retried && sent.sentAt === null) return null;
  const found = await ctx.adapter.findCreated(snap);
  if (found) return found;
  if (sent.settlesAt !== null && ctx.now() < sent.settlesAt) throw new CreateSettling(sent.settlesAt);
  return null;
}

/**
 * Send a create, its time and how long it may take to land committed just before the creating
 * request leaves (a kill -9 mid-request leaves that record; a failure before it, e.g. a version
 * probe, records nothing). An answer of any kind means nothing of it is on its way any more.
 */
async function createOnce(ctx: PushContext, snap: LocalSnapshot): Promise<RemotePort> {
  const { ports } = ctx.store.repos;
  const before = ports.createSent(snap.localId);
  let sent = false;
  const sending = (): void => {
    const now = ctx.now();
    ports.sendingCreate(snap.localId, now, now + ctx.adapter.requestTimeoutMs + (ctx.lateCreateMarginMs ?? LATE_CREATE_MARGIN_MS));
    ctx.creating?.add(snap.localId);
    sent = true;
  };
  try {
    return await ctx.adapter.create(snap, sending);
  } catch (err) {
    // No connection was made (offline, refused): this attempt sent nothing, so it holds nothing back.
    if (sent && err instanceof RemoteError && err.notConnected) ports.createNotSent(snap.localId, before);
    else if (sent && !mayStillLand(err)) ports.createAnswered(snap.localId);
    throw err;
  } finally {
    ctx.creating?.delete(snap.localId);
  }
}

function failed(ctx: PushContext, head: QueuedRow, err: unknown): PortPushOutcome {
  const error =
    err instanceof RemoteError ? err : new RemoteError({ kind: 'permanent', status: 0, message: `PortDesk could not push this change: ${err instanceof Error ? err.message : String(err)}` });
  if (error.kind === 'transient') {
    const backoff = ctx.now() + backoffDelay(head.attempts + 1, ctx.backoff, error.retryAfterMs, ctx.random);
    // An earlier create settling: look again on the usual schedule, and once more the moment it has settled.
    const until = error instanceof CreateSettling ? Math.min(backoff, error.settlesAt) : backoff;
    ctx.store.repos.outbox.retryLater(head.seq, error.message, until);
    return {
      kind: 'waiting',
      until,
      message: error.message,
      network: error.status === 0 && !(error instanceof CreateSettling),
      ...(error.certificate ? { certificate: true } : {}),
      ...(error.notConnected ? { notConnected: true } : {}),
    };
  }
  if (error.kind === 'auth') return { kind: 'auth', message: error.message };
  const message =
    error.kind === 'not_found' ? `The port request is no longer on the remote (${error.message})` : error.message;
  ctx.store.block(head.seq, head.portId, message);
  return { kind: 'blocked', message };
}
