import { AppError } from '../../shared/errors';
import type { PortFields } from '../../shared/model';
import type { Repos } from '../db/repos';
import { FIELD_OPS } from '../db/repos/outbox-entries';
import type { ConflictRow, StoredSide } from '../db/repos/conflicts-repo';
import type { LocalSnapshot, RemotePort } from './adapters/types';

/** One side of a conflict: the port's fields, numbers and state. */
export type ConflictSide = StoredSide;
export type StoredConflict = ConflictRow;

/** Which side wins for each differing field; `numbers` and `state` are choosable too. */
export type ConflictChoices = Partial<Record<keyof PortFields | 'numbers' | 'state', 'local' | 'remote'>>;

/** Keep both versions: the local one stays on the port, the remote one goes beside it. */
export function recordConflict(repos: Repos, local: LocalSnapshot, remote: RemotePort, now: number): void {
  const localSide: ConflictSide = { fields: local.fields, numbers: local.numbers, state: local.state };
  const remoteSide: ConflictSide = { fields: remote.fields, numbers: remote.numbers, state: remote.state };
  repos.db.transaction(() => {
    repos.conflicts.put(local.localId, localSide, remoteSide, remote.revision, now);
    repos.ports.markConflict(local.localId, 'Changed here and on the remote since the last sync: choose which version to keep');
    repos.events.add({
      portId: local.localId,
      at: now,
      kind: 'conflict',
      fromState: null,
      toState: null,
      message: `Conflict: changed here and on the remote (${conflictingKeys({ portId: local.localId, local: localSide, remote: remoteSide, remoteRevision: remote.revision, detectedAt: now }, repos.ports.mergeBase(local.localId).base).join(', ') || 'no visible difference'})`,
      actor: 'sync',
    });
  })();
}

/** Refresh the remote side of a kept conflict when the remote changes again. */
export function refreshConflictRemote(repos: Repos, portId: string, remote: RemotePort): void {
  repos.conflicts.refreshRemote(portId, { fields: remote.fields, numbers: remote.numbers, state: remote.state }, remote.revision);
}

/** The keys on which the two sides differ (fields, then numbers and state). */
export function differingKeys(a: ConflictSide, b: ConflictSide): (keyof PortFields | 'numbers' | 'state')[] {
  const keys: (keyof PortFields | 'numbers' | 'state')[] = (Object.keys(a.fields) as (keyof PortFields)[]).filter(
    (k) => JSON.stringify(a.fields[k]) !== JSON.stringify(b.fields[k]),
  );
  if ([...a.numbers].sort().join() !== [...b.numbers].sort().join()) keys.push('numbers');
  if (a.state !== b.state) keys.push('state');
  return keys;
}

/**
 * The keys the specialist must choose for: those that differ and changed on both sides since the
 * base the port last agreed on (a key changed here only stays local and is pushed after the
 * resolution). Without a base, every differing key.
 */
export function conflictingKeys(conflict: StoredConflict, base: ConflictSide | null): (keyof PortFields | 'numbers' | 'state')[] {
  const keys = differingKeys(conflict.local, conflict.remote);
  if (!base) return keys;
  const value = (side: ConflictSide, k: keyof PortFields | 'numbers' | 'state'): string =>
    k === 'numbers' ? [...side.numbers].sort().join() : k === 'state' ? side.state : JSON.stringify(side.fields[k]);
  return keys.filter((k) => k !== 'state' && value(conflict.local, k) !== value(base, k) && value(conflict.remote, k) !== value(base, k));
}

/** The merged version: for every conflicting key the chosen side (not choosing is refused); other keys stay local unless chosen. */
export function mergeSides(conflict: StoredConflict, choices: ConflictChoices, base: ConflictSide | null = null): ConflictSide {
  const missing = conflictingKeys(conflict, base).filter((k) => choices[k] === undefined);
  if (missing.length > 0) {
    throw new AppError('VALIDATION', `Choose local or remote for: ${missing.join(', ')}`, { fields: missing });
  }
  const pick = <K extends keyof PortFields>(k: K): PortFields[K] => (choices[k] === 'remote' ? conflict.remote.fields[k] : conflict.local.fields[k]);
  const fields = Object.fromEntries((Object.keys(conflict.local.fields) as (keyof PortFields)[]).map((k) => [k, pick(k)])) as PortFields;
  return {
    fields,
    numbers: choices.numbers === 'remote' ? conflict.remote.numbers : conflict.local.numbers,
    state: choices.state === 'remote' ? conflict.remote.state : conflict.local.state,
  };
}

/**
 * Apply a resolution in one transaction: the port takes the merged version, its base becomes
 * the remote version that was seen, and its queue is rebuilt: one update carrying the merged
 * fields first, then every other queued change in its original order (comments, attachments,
 * moves; moves are dropped only when the remote state was chosen).
 */
export function applyResolution(repos: Repos, conflict: StoredConflict, merged: ConflictSide, now: number): void {
  const { portId } = conflict;
  const { db, ports, numbers, outbox, events } = repos;
  db.transaction(() => {
    ports.writeFields(portId, merged.fields, now);
    ports.markResolved(portId, conflict.remoteRevision);
    ports.setMergeBase(portId, conflict.remote);
    const current = numbers.e164s(portId);
    const want = new Set(merged.numbers);
    for (const n of current) if (!want.has(n)) numbers.remove(portId, n);
    const have = new Set(current);
    const state = ports.get(portId)?.state ?? merged.state;
    for (const n of merged.numbers) if (!have.has(n)) numbers.insert(portId, n, state !== 'completed' && state !== 'canceled');
    if (merged.state !== state) ports.setStateOnly(portId, merged.state);
    // The merged fields go first (they replace the queued field changes), then everything else still wanted, in order.
    const dropMoves = merged.state === conflict.remote.state;
    const kept = outbox.rows(portId).filter((r) => r.change !== null && !FIELD_OPS.includes(r.change.op) && !(dropMoves && r.change.op === 'port.move'));
    outbox.deleteOfPort(portId);
    outbox.append({ portId, entity: 'port', entityId: portId, op: 'port.update', payload: { patch: merged.fields, resolved: true }, baseRevision: conflict.remoteRevision, now });
    outbox.reinsert(kept, conflict.remoteRevision);
    repos.conflicts.delete(portId);
    events.add({ portId, at: now, kind: 'conflict', fromState: null, toState: null, message: 'Conflict resolved; the chosen version will be pushed', actor: 'you' });
  })();
}

