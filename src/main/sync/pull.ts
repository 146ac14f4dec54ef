import { randomUUID } from 'node:crypto';
import { stateLabel } from '../../shared/domain/states';
import type { Db } from '../db/connection';
import { PORT_FIELD_COLUMNS, PORT_FIELD_KEYS, toColumnValue } from '../db/repos/port-columns';
import { mappedFields, sameContent, type RemoteAdapter, type RemotePort } from './adapters/types';
import { recordConflict, refreshConflictRemote } from './conflicts';
import { fieldAssignments, type SyncStore } from './store';
import { ExtrasApplier, fillExtras } from './pull-extras';
import { fillStateReasons } from './pull-reasons';

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
  return applyPull(ctx, remotes);
}

export function applyPull(ctx: PullContext, remotes: RemotePort[]): PullResult {
  const { store, remoteId } = ctx;
  const db = store.db;
  const now = ctx.now();
  const result: PullResult = { changed: [], removed: [], created: 0, conflicts: 0, held: null, failures: [] };
  const cols = PORT_FIELD_KEYS.map((k) => PORT_FIELD_COLUMNS[k]);
  const s = {
    // Positional parameters: binding by name costs a property lookup per column per row, 10,000 times.
    insertPort: db.prepare(
      `INSERT INTO ports (id, state, state_reason, remote_id, remote_object_id, remote_revision, remote_account_id, created_at, updated_at, dirty, sync_status, ${cols.join(', ')})
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'synced', ${cols.map(() => '?').join(', ')})`,
    ),
    insertNumber: db.prepare('INSERT INTO numbers (port_id, e164, status, carrier, open) VALUES (?, ?, \'\', \'\', ?)'),
    deleteNumber: db.prepare('DELETE FROM numbers WHERE port_id = ? AND e164 = ?'),
    event: db.prepare('INSERT INTO events (port_id, at, kind, from_state, to_state, message, actor) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    byMarker: db.prepare('SELECT id FROM ports WHERE id = ? AND remote_id = ? AND remote_object_id IS NULL'),
    outboxCount: db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE port_id = ?'),
    hasConflict: db.prepare('SELECT 1 FROM conflicts WHERE port_id = ?'),
    setRevision: db.prepare('UPDATE ports SET remote_object_id = ?, remote_revision = ?, remote_account_id = ? WHERE id = ?'),
    setState: db.prepare('UPDATE ports SET state = ?, state_reason = ?, updated_at = ? WHERE id = ?'),
    setReason: db.prepare('UPDATE ports SET state_reason = ? WHERE id = ?'),
    synced: db.prepare("UPDATE ports SET dirty = 0, sync_status = 'synced', sync_error = NULL WHERE id = ?"),
    linked: db.prepare('SELECT id, remote_object_id AS objectId FROM ports WHERE remote_id = ? AND remote_object_id IS NOT NULL'),
    gone: db.prepare("SELECT substr(key, 6) AS objectId FROM sync_state WHERE remote_id = ? AND key LIKE 'gone:%'"),
    openNumbers: db.prepare('SELECT e164 FROM numbers WHERE open = 1'),
    deletePort: db.prepare('DELETE FROM ports WHERE id = ?'),
  };
  const caps = ctx.adapter.capabilities;
  const holds = (state: string): number => (state === 'completed' || state === 'canceled' ? 0 : 1);
  // Looked up once per pull rather than once per port: a pull of 10,000 ports stays in SQLite's fast path.
  const byObject = new Map((s.linked.all(remoteId) as { id: string; objectId: string }[]).map((r) => [r.objectId, r.id]));
  const knownRevisions = store.revisions(remoteId);
  const goneObjects = new Set((s.gone.all(remoteId) as { objectId: string }[]).map((r) => r.objectId));
  const openNumbers = new Set((s.openNumbers.all() as { e164: string }[]).map((r) => r.e164));
  const extras = new ExtrasApplier(db, remoteId, now);
  const addNumber = (portId: string, e164: string, state: string): void => {
    // A number another local port holds open is kept closed here rather than refused.
    const open = holds(state) === 1 && !openNumbers.has(e164) ? 1 : 0;
    s.insertNumber.run(portId, e164, open);
    if (open) openNumbers.add(e164);
  };

  /**
   * A remote port new to PortDesk. No savepoint: the port row is written first, so a failure
   * after it is undone by deleting that row (its numbers, events and extras cascade).
   */
  const insertNew = (remote: RemotePort, seen: Set<string>): void => {
    const id = randomUUID();
    const params: unknown[] = [id, remote.state, remote.stateReason ?? null, remoteId, remote.remoteObjectId, remote.revision, remote.accountId, now, now];
    for (const k of PORT_FIELD_KEYS) params.push(toColumnValue(k, remote.fields[k]));
    s.insertPort.run(params);
    try {
      for (const n of remote.numbers) addNumber(id, n, remote.state);
      s.event.run(id, now, 'created', null, remote.state, `Found on the remote (${stateLabel(remote.state)})`, 'remote');
      extras.apply(id, remote, false);
    } catch (err) {
      s.deletePort.run(id);
      throw err;
    }
    seen.add(id);
    byObject.set(remote.remoteObjectId, id);
    result.created += 1;
    result.changed.push(id);
  };

  // Which fields change varies per port; each distinct assignment list is prepared once per pull.
  const updateStmts = new Map<string, ReturnType<Db['prepare']>>();
  const updateFields = (sql: string): ReturnType<Db['prepare']> => {
    let stmt = updateStmts.get(sql);
    if (!stmt) {
      stmt = db.prepare(`UPDATE ports SET ${sql}, updated_at = @now WHERE id = @id`);
      updateStmts.set(sql, stmt);
    }
    return stmt;
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
    if (s.hasConflict.get(localId)) {
      refreshConflictRemote(db, localId, remote);
      return;
    }
    const queued = (s.outboxCount.get(localId) as { n: number }).n > 0;
    if (queued) {
      // Our own write whose answer was lost, or an edit that already matches: just take the revision.
      // A create whose answer was lost is linked here; push then brings it up to date.
      if (sameContent(caps, remote, snap) || port.remoteRevision === null) {
        s.setRevision.run(remote.remoteObjectId, remote.revision, remote.accountId, localId);
        return;
      }
      recordConflict(db, snap, remote, now);
      result.conflicts += 1;
      result.changed.push(localId);
      return;
    }
    const changedFields = caps.fields.filter((k) => JSON.stringify(remote.fields[k]) !== JSON.stringify(snap.fields[k]));
    if (changedFields.length > 0) {
      const { sql, params } = fieldAssignments(mappedFields(caps, remote.fields));
      updateFields(sql).run({ ...params, now, id: localId });
      s.event.run(localId, now, 'edited', null, null, `Changed on the remote: ${changedFields.join(', ')}`, 'remote');
    }
    const have = new Set(snap.numbers);
    const want = new Set(remote.numbers);
    const added = remote.numbers.filter((n) => !have.has(n));
    const gone = snap.numbers.filter((n) => !want.has(n));
    for (const n of gone) s.deleteNumber.run(localId, n);
    for (const n of added) addNumber(localId, n, port.state);
    if (added.length + gone.length > 0) {
      s.event.run(localId, now, 'numbers', null, null, `Numbers changed on the remote: ${added.length} added, ${gone.length} removed`, 'remote');
    }
    if (remote.state !== port.state) {
      s.setState.run(remote.state, remote.stateReason ?? null, now, localId);
      const reason = remote.stateReason ? `: ${remote.stateReason}` : '';
      s.event.run(localId, now, 'state', port.state, remote.state, `Moved to ${stateLabel(remote.state)} on the remote${reason}`, 'remote');
    } else if (remote.stateReason !== undefined) {
      s.setReason.run(remote.stateReason, localId);
    }
    s.setRevision.run(remote.remoteObjectId, remote.revision, remote.accountId, localId);
    s.synced.run(localId);
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
        const localId = byObject.get(remote.remoteObjectId) ?? (remote.marker && s.byMarker.get(remote.marker, remoteId) ? remote.marker : undefined);
        if (localId) applyInSavepoint(remote, localId, seen);
        else insertNew(remote, seen);
      } catch (err) {
        const portId = byObject.get(remote.remoteObjectId) ?? null;
        result.failures.push({ portId, remoteObjectId: remote.remoteObjectId, message: err instanceof Error ? err.message : String(err) });
      }
    }
    const linked = (s.linked.all(remoteId) as { id: string }[]).map((r) => r.id);
    const missing = linked.filter((id) => !seen.has(id) && (s.outboxCount.get(id) as { n: number }).n === 0 && !s.hasConflict.get(id));
    if (missing.length >= FAILSAFE_MIN && missing.length > linked.length * FAILSAFE_SHARE && !ctx.confirmRemovals) {
      result.held = { wouldRemove: missing.length, of: linked.length };
      return;
    }
    for (const id of missing) s.deletePort.run(id);
    result.removed.push(...missing);
  })();
  result.changed = [...new Set(result.changed)];
  return result;
}
