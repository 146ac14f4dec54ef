import { checkpoint, withManualCheckpoints } from '../db/connection';
import { orderedUuid } from '../db/ordered-uuid';
import { stateLabel } from '../../shared/domain/states';
import type { PortState, TimelineEvent } from '../../shared/model';
import { mappedFields, sameContent, type RemoteAdapter, type RemotePort } from './adapters/types';
import { recordConflict, refreshConflictRemote } from './conflicts';
import { mergeInputs, numberKey, threeWayMerge } from './merge';
import { takeAll, takeRemote, versionOf } from './take-remote';
import type { SyncStore } from './store';
import type { LinkedPort, PortNumberSet } from '../db/repos/ports-repo';
import { ExtrasApplier, fillExtras } from './pull-extras';
import { fillStateReasons } from './pull-reasons';
import { cleanRemotePort } from './clean-remote';
import { RemoteError } from './errors';
import { pool } from './pool';
import { PullGets } from './pull-gets';
import { duplicateCopies, lateCopyWindowMs, recordDuplicates, sameNumberCopies, unclaimedCopy } from './duplicates';
import { Turns } from './turns';

export interface PullContext {
  store: SyncStore;
  adapter: RemoteAdapter;
  remoteId: string;
  now: () => number;
  /** Let a pull remove most of this remote's local ports (the specialist confirmed it). */
  confirmRemovals?: boolean;
}

export interface PullResult {
  changed: string[];
  removed: string[];
  created: number;
  conflicts: number;
  /** Set when the fail-safe held back removals: how many would have gone, of how many. */
  held: { wouldRemove: number; of: number } | null;
  /** Remote requests that could not be read or applied, with why (portId null: not linked to a local port). */
  failures: PullFailure[];
}

export interface PullFailure {
  portId: string | null;
  remoteObjectId: string;
  /** The remote account the request is in ('' when unknown), and its name when the listing gave it. */
  accountId: string;
  accountName: string | null;
  message: string;
}

/** Removals held back when they would take more than this share of the remote's ports... */
const FAILSAFE_SHARE = 0.5;
/** ...and at least this many (a remote with 3 ports may legitimately lose 2). */
const FAILSAFE_MIN = 10;
/** Chunks of a pull between two checkpoints: about SQLite's own 1,000 pages of WAL for new ports. */
const CHECKPOINT_EVERY = 4;

/**
 * Fetch every remote port and reconcile by revision, one transaction per time slice ({@link Turns})
 * with a turn of the event loop between them (each known port in its own savepoint, so one bad
 * document does not stop the rest; a new port is undone by deleting its row). Unchanged revisions are skipped;
 * a port with queued local changes whose remote copy now says something else becomes a conflict
 * with both versions kept; otherwise the remote version is applied and its state changes go on
 * the timeline as the remote's doing.
 */
export async function pull(ctx: PullContext): Promise<PullResult> {
  const listed = await ctx.adapter.listAll();
  // Every pass over all ports below is a step of its own: in one go, those of a background pull
  // of 10,000 unchanged Telnyx requests held the loop 60-70 ms at a time.
  const turns = new Turns();
  await turns.next();
  const unreadableListed = ctx.adapter.unreadableInListing?.() ?? [];
  const linked = ctx.store.repos.ports.linked(ctx.remoteId);
  await turns.check();
  // One pace for every per-request GET of this pull: a 429 holds them all.
  const gets = new PullGets();
  const unlisted = await refreshUnlisted(ctx, listed, linked, gets);
  const remotes = [...listed, ...unlisted.found];
  // Revisions as of the last pull: which requests changed since (both fetches are for those).
  const known = new Map(linked.map((r) => [r.objectId, r.revision]));
  await turns.check();
  await fillExtras(ctx.store, ctx.adapter, ctx.remoteId, remotes, known, gets, turns);
  await fillStateReasons(ctx.adapter, remotes, known, gets);
  // Cleaned after the extras are in, so pulled comments and attachment names are cleaned too.
  const cleaned: RemotePort[] = [];
  for (const remote of remotes) {
    await turns.check();
    cleaned.push(cleanRemotePort(remote));
  }
  const result = await applyPull(ctx, cleaned, { listed: new Set(listed.map((r) => r.remoteObjectId)), notFound: unlisted.notFound });
  // A document the remote sent that cannot be read (an unknown state, a broken field) changes
  // nothing here: a linked port stays as it was, marked with why; every one is reported, the
  // requests new to PortDesk too (they are not made into ports until they can be read).
  const { ports } = ctx.store.repos;
  const fetched = new Set(remotes.map((r) => r.remoteObjectId));
  const unreadable = [
    ...unlisted.unreadable.map((f) => ({ ...f, accountId: ports.accountOf(ctx.remoteId, f.remoteObjectId) ?? '', accountName: null })),
    ...unreadableListed
      .filter((u) => !fetched.has(u.remoteObjectId) && !unlisted.unreadable.some((f) => f.remoteObjectId === u.remoteObjectId))
      .map((u) => ({ portId: ports.idByObject(ctx.remoteId, u.remoteObjectId) ?? null, remoteObjectId: u.remoteObjectId, accountId: u.accountId, accountName: u.accountName, message: u.reason })),
  ];
  ctx.store.db.transaction(() => {
    for (const f of unreadable) {
      if (f.portId) ports.markError(f.portId, `Not updated from the remote: ${f.message}`);
      result.failures.push(f);
    }
  })();
  return result;
}

/** Linked ports missing from a listing, refreshed one by one at most this many at a time. */
const REFRESH_CONCURRENCY = 8;
/** Up to this many unlisted ports are all refreshed; beyond it only those not final locally. */
const REFRESH_ALL_UP_TO = 200;

/**
 * A listing is not proof of absence (Kazoo 4.3 lists completed and canceled requests only in a
 * 31-day window; Telnyx pages): each linked port missing from it is asked for by id. Found, it
 * is applied like a listed one; only a NOT_FOUND answer makes it a removal candidate. Ports
 * final locally are skipped when there are many (a completed port does not change).
 */
async function refreshUnlisted(
  ctx: PullContext,
  listed: readonly RemotePort[],
  linked: readonly LinkedPort[],
  gets: PullGets,
): Promise<{ found: RemotePort[]; notFound: Set<string>; unreadable: { portId: string; remoteObjectId: string; message: string }[] }> {
  const seen = new Set(listed.map((r) => r.remoteObjectId));
  const gone = new Set(ctx.store.repos.syncState.keysWithPrefix(ctx.remoteId, 'gone:'));
  const missing = linked.filter((p) => !seen.has(p.objectId) && !gone.has(p.objectId));
  const todo = missing.length <= REFRESH_ALL_UP_TO ? missing : missing.filter((p) => p.state !== 'completed' && p.state !== 'canceled');
  const found: RemotePort[] = [];
  const notFound = new Set<string>();
  const unreadable: { portId: string; remoteObjectId: string; message: string }[] = [];
  await pool(todo, REFRESH_CONCURRENCY, async (p) => {
    try {
      found.push(await gets.get(() => ctx.adapter.get(p.objectId)));
    } catch (err) {
      if (err instanceof RemoteError && err.kind === 'not_found') notFound.add(p.objectId);
      else if (err instanceof RemoteError && err.kind === 'permanent') unreadable.push({ portId: p.id, remoteObjectId: p.objectId, message: err.message });
      else throw err;
    }
  });
  return { found, notFound, unreadable };
}

export interface PullListing {
  /** Remote object ids the listing itself carried (the rest of `remotes` were fetched one by one). */
  listed: ReadonlySet<string>;
  /** Linked remote objects the remote answered NOT_FOUND for: the only removal candidates. */
  notFound: ReadonlySet<string>;
}

/**
 * Remote ports are applied in transactions that each run one slice of time ({@link Turns}), with
 * a turn of the event loop between two: a pull of 10,000 ports is no single long block. Each port
 * stands on its own (its savepoint), so a crash between chunks leaves whole ports applied and the
 * next pull goes on by revision; removals, which need every port seen, come last in their own
 * transaction.
 */
export async function applyPull(ctx: PullContext, remotes: RemotePort[], listing: PullListing = { listed: new Set(remotes.map((r) => r.remoteObjectId)), notFound: new Set() }): Promise<PullResult> {
  // Each pass over all remote ports below (loading, matching, copies) is a step of its own, as
  // are the chunks; the first starts a slice, whatever the caller did since its last turn.
  const turns = new Turns();
  await turns.next();
  const { store, remoteId } = ctx;
  const { repos, db } = store;
  const { ports, numbers, events, outbox, conflicts } = repos;
  const now = ctx.now();
  const result: PullResult = { changed: [], removed: [], created: 0, conflicts: 0, held: null, failures: [] };
  const caps = ctx.adapter.capabilities;
  const holds = (state: string): boolean => state !== 'completed' && state !== 'canceled';
  const event = (portId: string, kind: TimelineEvent['kind'], message: string, fromState: PortState | null = null, toState: PortState | null = null): void =>
    events.add({ portId, at: now, kind, fromState, toState, message, actor: 'remote' });
  // Looked up once per pull rather than once per port: a pull of 10,000 ports stays in SQLite's fast path.
  const linked = ports.linked(remoteId);
  const byObject = new Map(linked.map((r) => [r.objectId, r.id]));
  const knownRevisions = new Map(linked.map((r) => [r.objectId, r.revision]));
  await turns.check();
  const goneObjects = new Set(repos.syncState.keysWithPrefix(remoteId, 'gone:'));
  // Deleted here while this pull was listing: the delete is queued, the listing still has the
  // remote copy, which must not come back as a new port. Read after `linked`: a port deleted after
  // that is one `linked` holds, whose row is then missing.
  const deleting = outbox.deletingObjects(remoteId);
  const openNumbers = numbers.openSet();
  await turns.check();
  const extras = await ExtrasApplier.load(repos, remoteId, now, turns);
  const addNumber = (portId: string, e164: string, state: string): void => {
    // A number another local port holds open is kept closed here rather than refused.
    const open = holds(state) && !openNumbers.has(e164);
    numbers.insert(portId, e164, open);
    if (open) openNumbers.add(e164);
  };

  /**
   * A remote port new to PortDesk. No savepoint: the port row is written first, so a failure
   * after it is undone by deleting that row (its numbers, events and extras cascade).
   */
  const insertNew = (remote: RemotePort, seen: Set<string>): void => {
    const id = orderedUuid();
    ports.insertPulled({
      id,
      state: remote.state,
      stateReason: remote.stateReason ?? null,
      remoteId,
      remoteObjectId: remote.remoteObjectId,
      revision: remote.revision,
      accountId: remote.accountId,
      fields: remote.fields,
      base: versionOf(remote),
      authority: remote.authority,
      remoteStatus: remote.remoteStatus,
      remoteStatusDetail: remote.remoteStatusDetail,
      now,
    });
    try {
      for (const n of remote.numbers) addNumber(id, n, remote.state);
      event(id, 'created', `Found on the remote (${stateLabel(remote.state)})`, null, remote.state);
      for (const note of remote.notes ?? []) event(id, 'sync', note);
      extras.apply(id, remote, false);
    } catch (err) {
      ports.delete(id);
      throw err;
    }
    seen.add(id);
    byObject.set(remote.remoteObjectId, id);
    result.created += 1;
    result.changed.push(id);
  };

  /**
   * Link a local port to the remote port its numbers matched. It keeps its id, name and local-only
   * fields; applying the remote port then brings its revision and state.
   */
  const relinkByNumbers = (localId: string, remote: RemotePort): void => {
    const port = ports.get(localId);
    if (!port) return;
    remote.fields = { ...remote.fields, name: port.name };
    const before = port.remoteObjectId;
    ports.link(localId, remote.remoteObjectId, '', remote.accountId);
    byObject.set(remote.remoteObjectId, localId);
    event(localId, 'sync', before ? `Now linked to ${remote.remoteObjectId} on the remote (same numbers as ${before})` : `Linked to ${remote.remoteObjectId} on the remote (same numbers)`);
  };

  /** A remote port already linked locally (or PortDesk's own create, found by its marker). */
  const applyOne = (remote: RemotePort, localId: string, seen: Set<string>): void => {
    seen.add(localId);
    // Attachments and comments do not change the revision (see documentRevision): reconcile them first.
    if (extras.apply(localId, remote, true)) result.changed.push(localId);
    if (knownRevisions.get(remote.remoteObjectId) === remote.revision) return;
    const port = store.port(localId);
    if (!port) return;
    const snap = store.snapshotOf(port);
    if (port.remoteObjectId === remote.remoteObjectId && port.remoteRevision === remote.revision) return;
    if (conflicts.has(localId)) {
      refreshConflictRemote(repos, localId, remote);
      return;
    }
    const queued = outbox.remaining(localId) > 0;
    if (queued && !port.remoteRevision) {
      // A create whose answer was lost is linked here, as is one just matched by its numbers (no
      // revision yet: '' from relinkByNumbers); push then brings it up to date from this base.
      ports.link(localId, remote.remoteObjectId, remote.revision, remote.accountId);
      ports.setRemoteAuthority(localId, remote.authority);
      ports.setRemoteStatus(localId, remote);
      ports.setMergeBase(localId, versionOf(remote));
      return;
    }
    // With changes queued, merge field by field against the version last agreed on: only what
    // changed remotely alone is taken; PortDesk's own echo (a write whose answer was lost) is
    // never a remote change; a key changed on both sides to different values is a conflict.
    const merge = queued ? threeWayMerge(caps.fields, ...mergeInputs(repos, localId), snap, versionOf(remote)) : takeAll(caps.fields, snap, remote);
    const took = takeRemote(repos, snap, remote, merge, now, addNumber);
    for (const note of remote.notes ?? []) event(localId, 'sync', note);
    if (merge.conflicts.length > 0) {
      const fresh = store.snapshot(localId);
      if (fresh) recordConflict(repos, fresh, remote, now);
      result.conflicts += 1;
      result.changed.push(localId);
      return;
    }
    if (!merge.takeState && remote.stateReason !== undefined && remote.state === port.state) ports.setStateReason(localId, remote.stateReason);
    ports.link(localId, remote.remoteObjectId, remote.revision, remote.accountId);
    ports.setRemoteAuthority(localId, remote.authority);
    ports.setRemoteStatus(localId, remote);
    ports.setMergeBase(localId, versionOf(remote));
    if (queued) {
      if (took) result.changed.push(localId);
      return;
    }
    ports.markSynced(localId);
    result.changed.push(localId);
  };

  const applyInSavepoint = db.transaction(applyOne);
  // This remote's ports by number set, read at most once (before any remote port is applied): for
  // matching new remote ports and for finding copies without a marker.
  let numberSets: PortNumberSet[] | undefined;
  const portNumberSets = (): PortNumberSet[] => (numberSets ??= ports.numberSets(remoteId));
  const matches = caps.matchByNumbers ? matchByNumbers(remotes, listing.listed) : new Map<string, string>();
  /** Remote ports new to PortDesk linked to a local port by their exact number set (seam 4). */
  function matchByNumbers(list: readonly RemotePort[], listed: ReadonlySet<string>): Map<string, string> {
    const unknown = list.filter((r) => listed.has(r.remoteObjectId) && !byObject.has(r.remoteObjectId) && !(r.marker && ports.get(r.marker)?.remoteId === remoteId));
    const out = new Map<string, string>();
    if (unknown.length === 0) return out;
    // A candidate is unlinked, or linked to an object this listing no longer carries (a submitted draft).
    const byNumbers = new Map<string, string[]>();
    for (const p of portNumberSets()) {
      if (!p.numbers || (p.objectId !== null && listed.has(p.objectId))) continue;
      byNumbers.set(p.numbers, [...(byNumbers.get(p.numbers) ?? []), p.id]);
    }
    for (const r of unknown) {
      const key = numberKey(r.numbers);
      const candidates = byNumbers.get(key);
      // Only an unambiguous match links; two local ports with the same numbers are left alone.
      if (candidates?.length === 1 && candidates[0]) {
        out.set(r.remoteObjectId, candidates[0]);
        byNumbers.delete(key);
      }
    }
    return out;
  }
  await turns.check();
  const matched = new Set(matches.keys());
  const relinked = new Set(matches.values());
  // A second remote copy of one of PortDesk's creates is never a new port: it is listed to cancel.
  const duplicates = duplicateCopies(remotes, byObject, (marker) => {
    const port = ports.get(marker);
    return port?.remoteId === remoteId ? { linkedTo: port.remoteObjectId } : null;
  });
  await turns.check();
  // Without a marker (Telnyx), by the exact number set and when the copy was made; only linked ports in progress can have one.
  if (caps.matchByNumbers && remotes.some((r) => unclaimedCopy(r, byObject, matched))) {
    const open = portNumberSets().filter((p): p is PortNumberSet & { objectId: string } => p.objectId !== null && holds(p.state));
    for (const [objectId, portId] of sameNumberCopies(remotes, byObject, matched, open, lateCopyWindowMs(ctx.adapter.requestTimeoutMs))) duplicates.set(objectId, portId);
    await turns.check();
  }
  db.transaction(() => {
    recordDuplicates(repos.syncState, remoteId, remotes, duplicates, now, (r) => ctx.adapter.cancelRefusal(r));
    // Sub-account names as the remote gives them: a renamed account refreshes its ports' cards.
    result.changed.push(...repos.remoteAccounts.record(remoteId, accountNames(remotes)));
  })();
  const seen = new Set<string>();
  const applyListed = (remote: RemotePort): void => {
    if (goneObjects.has(remote.remoteObjectId) || deleting.has(remote.remoteObjectId) || duplicates.has(remote.remoteObjectId)) return;
    try {
      const matched = matches.get(remote.remoteObjectId);
      if (matched) {
        relinkByNumbers(matched, remote);
        applyInSavepoint(remote, matched, seen);
        return;
      }
      // Brand-new ports skip the savepoint (see insertNew); a known port may take several
      // dependent writes (conflict, fields, numbers, state) that must land together or not at all.
      const localId = byObject.get(remote.remoteObjectId) ?? (remote.marker && ports.isUnlinkedOf(remote.marker, remoteId) ? remote.marker : undefined);
      // A port fetched by id whose local port was just linked to its successor: nothing to apply.
      if (localId && relinked.has(localId) && !listing.listed.has(remote.remoteObjectId)) return;
      if (localId) applyInSavepoint(remote, localId, seen);
      else insertNew(remote, seen);
    } catch (err) {
      const portId = byObject.get(remote.remoteObjectId) ?? null;
      result.failures.push({ portId, remoteObjectId: remote.remoteObjectId, accountId: remote.accountId, accountName: null, message: err instanceof Error ? err.message : String(err) });
    }
  };
  await turns.check();
  /** Ports from `from` on, in one transaction, until the slice is used up; answers where it stopped. */
  const applyChunk = db.transaction((from: number): number => {
    let next = from;
    while (next < remotes.length) {
      applyListed(remotes[next] as RemotePort);
      next += 1;
      if (turns.due()) break;
    }
    return next;
  });
  // The chunks' pages go from the WAL into the file in a turn of their own, every few chunks. Left
  // to SQLite, every commit that takes the WAL past 1,000 pages (about every other chunk) also
  // copies them and syncs the file: that chunk then held the loop half as long again, more with a
  // slow disk. A checkpoint after every chunk copied again the pages every chunk touches (those of
  // the indexes by number, and by remote id, where new keys land anywhere): every CHECKPOINT_EVERY
  // chunks, a 10,000-port pull spent about half as long in checkpoints (measured).
  await withManualCheckpoints(db, async () => {
    for (let from = 0, chunks = 1; from < remotes.length; chunks += 1) {
      from = applyChunk(from);
      await turns.next();
      if (chunks % CHECKPOINT_EVERY !== 0 && from < remotes.length) continue;
      checkpoint(db);
      await turns.next();
    }
  });
  // Only what the remote answered NOT_FOUND for may go (seam 1): absence from a listing proves nothing.
  if (listing.notFound.size > 0) {
    db.transaction(() => {
      const linkedNow = ports.linked(remoteId);
      const missing = linkedNow.filter((p) => !seen.has(p.id) && listing.notFound.has(p.objectId) && outbox.remaining(p.id) === 0 && !conflicts.has(p.id)).map((p) => p.id);
      if (missing.length >= FAILSAFE_MIN && missing.length > linkedNow.length * FAILSAFE_SHARE && !ctx.confirmRemovals) {
        result.held = { wouldRemove: missing.length, of: linkedNow.length };
        return;
      }
      for (const id of missing) ports.delete(id);
      result.removed.push(...missing);
    })();
  }
  result.changed = [...new Set(result.changed)];
  return result;
}

/** Account id -> name, from the ports whose remote named their account. */
function accountNames(remotes: readonly RemotePort[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of remotes) if (r.accountName) names.set(r.accountId, r.accountName);
  return names;
}
