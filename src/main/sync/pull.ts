import { randomUUID } from 'node:crypto';
import { stateLabel } from '../../shared/domain/states';
import type { PortState, TimelineEvent } from '../../shared/model';
import { mappedFields, sameContent, type RemoteAdapter, type RemotePort } from './adapters/types';
import { recordConflict, refreshConflictRemote } from './conflicts';
import type { SyncStore } from './store';
import { ExtrasApplier, fillExtras } from './pull-extras';
import { fillStateReasons } from './pull-reasons';
import { cleanRemotePort } from './clean-remote';

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
  /** Ports whose remote version could not be applied, with why. */
  failures: { portId: string | null; remoteObjectId: string; message: string }[];
}

/** Removals held back when they would take more than this share of the remote's ports... */
const FAILSAFE_SHARE = 0.5;
/** ...and at least this many (a remote with 3 ports may legitimately lose 2). */
const FAILSAFE_MIN = 10;

/**
 * Fetch every remote port and reconcile by revision, all in one transaction (each known port in
 * its own savepoint, so one bad document does not stop the rest; a new port is undone by deleting
 * its row). Unchanged revisions are skipped;
 * a port with queued local changes whose remote copy now says something else becomes a conflict
 * with both versions kept; otherwise the remote version is applied and its state changes go on
 * the timeline as the remote's doing.
 */
export async function pull(ctx: PullContext): Promise<PullResult> {
  const remotes = await ctx.adapter.listAll();
  // Revisions as of the last pull: which requests changed since (both fetches are for those).
  const known = ctx.store.revisions(ctx.remoteId);
  await fillExtras(ctx.store, ctx.adapter, ctx.remoteId, remotes, known);
  await fillStateReasons(ctx.adapter, remotes, known);
  // Cleaned after the extras are in, so pulled comments and attachment names are cleaned too.
  return applyPull(ctx, remotes.map(cleanRemotePort));
}

export function applyPull(ctx: PullContext, remotes: RemotePort[]): PullResult {
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
  const goneObjects = new Set(repos.syncState.keysWithPrefix(remoteId, 'gone:'));
  const openNumbers = numbers.openSet();
  const extras = new ExtrasApplier(repos, remoteId, now);
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
    const id = randomUUID();
    ports.insertPulled({ id, state: remote.state, stateReason: remote.stateReason ?? null, remoteId, remoteObjectId: remote.remoteObjectId, revision: remote.revision, accountId: remote.accountId, fields: remote.fields, now });
    ports.setRemoteAuthority(id, remote.authority);
    try {
      for (const n of remote.numbers) addNumber(id, n, remote.state);
      event(id, 'created', `Found on the remote (${stateLabel(remote.state)})`, null, remote.state);
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

  /** A remote port already linked locally (or PortDesk's own create, found by its marker). */
  const applyOne = (remote: RemotePort, localId: string, seen: Set<string>): void => {
    seen.add(localId);
    // Attachments and comments do not change the revision (see documentRevision): reconcile them first.
    if (extras.apply(localId, remote, true)) result.changed.push(localId);
    if (knownRevisions.get(remote.remoteObjectId) === remote.revision) return;
    const port = store.port(localId);
    const snap = store.snapshot(localId);
    if (!port || !snap) return;
    if (port.remoteObjectId === remote.remoteObjectId && port.remoteRevision === remote.revision) return;
    if (conflicts.has(localId)) {
      refreshConflictRemote(repos, localId, remote);
      return;
    }
    const queued = outbox.remaining(localId) > 0;
    if (queued) {
      // Our own write whose answer was lost, or an edit that already matches: just take the revision.
      // A create whose answer was lost is linked here; push then brings it up to date.
      if (sameContent(caps, remote, snap) || port.remoteRevision === null) {
        ports.link(localId, remote.remoteObjectId, remote.revision, remote.accountId);
        ports.setRemoteAuthority(localId, remote.authority);
        return;
      }
      recordConflict(repos, snap, remote, now);
      result.conflicts += 1;
      result.changed.push(localId);
      return;
    }
    const changedFields = caps.fields.filter((k) => JSON.stringify(remote.fields[k]) !== JSON.stringify(snap.fields[k]));
    if (changedFields.length > 0) {
      ports.writeFields(localId, mappedFields(caps, remote.fields), now);
      event(localId, 'edited', `Changed on the remote: ${changedFields.join(', ')}`);
    }
    const have = new Set(snap.numbers);
    const want = new Set(remote.numbers);
    const added = remote.numbers.filter((n) => !have.has(n));
    const gone = snap.numbers.filter((n) => !want.has(n));
    for (const n of gone) numbers.remove(localId, n);
    for (const n of added) addNumber(localId, n, port.state);
    if (added.length + gone.length > 0) {
      event(localId, 'numbers', `Numbers changed on the remote: ${added.length} added, ${gone.length} removed`);
    }
    if (remote.state !== port.state) {
      ports.setPulledState(localId, remote.state, remote.stateReason ?? null, now);
      const reason = remote.stateReason ? `: ${remote.stateReason}` : '';
      event(localId, 'state', `Moved to ${stateLabel(remote.state)} on the remote${reason}`, port.state, remote.state);
    } else if (remote.stateReason !== undefined) {
      ports.setStateReason(localId, remote.stateReason);
    }
    ports.link(localId, remote.remoteObjectId, remote.revision, remote.accountId);
    ports.setRemoteAuthority(localId, remote.authority);
    ports.markSynced(localId);
    result.changed.push(localId);
  };

  const applyInSavepoint = db.transaction(applyOne);
  db.transaction(() => {
    const seen = new Set<string>();
    for (const remote of remotes) {
      if (goneObjects.has(remote.remoteObjectId)) continue;
      try {
        // Brand-new ports skip the savepoint (see insertNew); a known port may take several
        // dependent writes (conflict, fields, numbers, state) that must land together or not at all.
        const localId = byObject.get(remote.remoteObjectId) ?? (remote.marker && ports.isUnlinkedOf(remote.marker, remoteId) ? remote.marker : undefined);
        if (localId) applyInSavepoint(remote, localId, seen);
        else insertNew(remote, seen);
      } catch (err) {
        const portId = byObject.get(remote.remoteObjectId) ?? null;
        result.failures.push({ portId, remoteObjectId: remote.remoteObjectId, message: err instanceof Error ? err.message : String(err) });
      }
    }
    const linkedNow = ports.linked(remoteId).map((r) => r.id);
    const missing = linkedNow.filter((id) => !seen.has(id) && outbox.remaining(id) === 0 && !conflicts.has(id));
    if (missing.length >= FAILSAFE_MIN && missing.length > linkedNow.length * FAILSAFE_SHARE && !ctx.confirmRemovals) {
      result.held = { wouldRemove: missing.length, of: linkedNow.length };
      return;
    }
    for (const id of missing) ports.delete(id);
    result.removed.push(...missing);
  })();
  result.changed = [...new Set(result.changed)];
  return result;
}
