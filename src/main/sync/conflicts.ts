import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { PortFieldsSchema, PortStateSchema, type PortFields } from '../../shared/model';
import type { Db } from '../db/connection';
import type { LocalSnapshot, RemotePort } from './adapters/types';
import { fieldAssignments } from './store';

/** One side of a conflict as stored: the port's fields, numbers and state. */
export const ConflictSideSchema = z.object({ fields: PortFieldsSchema, numbers: z.array(z.string()), state: PortStateSchema });
export type ConflictSide = z.infer<typeof ConflictSideSchema>;

export interface StoredConflict {
  portId: string;
  local: ConflictSide;
  remote: ConflictSide;
  remoteRevision: string | null;
  detectedAt: number;
}

/** Which side wins for each differing field; `numbers` and `state` are choosable too. */
export type ConflictChoices = Partial<Record<keyof PortFields | 'numbers' | 'state', 'local' | 'remote'>>;

/** Keep both versions: the local one stays on the port, the remote one goes beside it. */
export function recordConflict(db: Db, local: LocalSnapshot, remote: RemotePort, now: number): void {
  const localSide: ConflictSide = { fields: local.fields, numbers: local.numbers, state: local.state };
  const remoteSide: ConflictSide = { fields: remote.fields, numbers: remote.numbers, state: remote.state };
  db.transaction(() => {
    db.prepare(
      `INSERT INTO conflicts (port_id, local, remote, remote_revision, detected_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (port_id) DO UPDATE SET local = excluded.local, remote = excluded.remote, remote_revision = excluded.remote_revision`,
    ).run(local.localId, JSON.stringify(localSide), JSON.stringify(remoteSide), remote.revision, now);
    db.prepare("UPDATE ports SET sync_status = 'conflict', sync_error = ? WHERE id = ?").run('Changed here and on the remote since the last sync: choose which version to keep', local.localId);
    db.prepare("INSERT INTO events (port_id, at, kind, from_state, to_state, message, actor) VALUES (?, ?, 'conflict', NULL, NULL, ?, 'sync')").run(
      local.localId,
      now,
      `Conflict: changed here and on the remote (${differingKeys(localSide, remoteSide).join(', ') || 'no visible difference'})`,
    );
  })();
}

/** Refresh the remote side of a kept conflict when the remote changes again. */
export function refreshConflictRemote(db: Db, portId: string, remote: RemotePort): void {
  const side: ConflictSide = { fields: remote.fields, numbers: remote.numbers, state: remote.state };
  db.prepare('UPDATE conflicts SET remote = ?, remote_revision = ? WHERE port_id = ?').run(JSON.stringify(side), remote.revision, portId);
}

export function listConflicts(db: Db): StoredConflict[] {
  const rows = db.prepare('SELECT * FROM conflicts ORDER BY detected_at, port_id').all() as Record<string, unknown>[];
  return rows.map((r) => ({
    portId: String(r.port_id),
    local: ConflictSideSchema.parse(JSON.parse(String(r.local))),
    remote: ConflictSideSchema.parse(JSON.parse(String(r.remote))),
    remoteRevision: (r.remote_revision as string | null) ?? null,
    detectedAt: Number(r.detected_at),
  }));
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

/** The merged version: for every differing key the chosen side (local when not chosen is refused). */
export function mergeSides(conflict: StoredConflict, choices: ConflictChoices): ConflictSide {
  const missing = differingKeys(conflict.local, conflict.remote).filter((k) => choices[k] === undefined);
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
 * the remote revision that was seen, queued field changes collapse into one update carrying the
 * merged fields, and (when the remote state was chosen) queued moves are dropped.
 */
export function applyResolution(db: Db, conflict: StoredConflict, merged: ConflictSide, now: number): void {
  const { portId } = conflict;
  db.transaction(() => {
    const { sql, params } = fieldAssignments(merged.fields);
    db.prepare(`UPDATE ports SET ${sql}, updated_at = @now, dirty = 1, remote_revision = @rev, sync_status = 'pending', sync_error = NULL WHERE id = @id`).run({
      ...params,
      now,
      rev: conflict.remoteRevision,
      id: portId,
    });
    const current = (db.prepare('SELECT e164 FROM numbers WHERE port_id = ?').all(portId) as { e164: string }[]).map((r) => r.e164);
    const want = new Set(merged.numbers);
    for (const n of current) if (!want.has(n)) db.prepare('DELETE FROM numbers WHERE port_id = ? AND e164 = ?').run(portId, n);
    const have = new Set(current);
    const state = (db.prepare('SELECT state FROM ports WHERE id = ?').get(portId) as { state: string }).state;
    const open = state !== 'completed' && state !== 'canceled' ? 1 : 0;
    for (const n of merged.numbers) if (!have.has(n)) db.prepare('INSERT INTO numbers (port_id, e164, status, carrier, open) VALUES (?, ?, \'\', \'\', ?)').run(portId, n, open);
    if (merged.state !== state) db.prepare('UPDATE ports SET state = ? WHERE id = ?').run(merged.state, portId);
    // The merged fields go first, then the moves still wanted, in their original order.
    const moves = merged.state === conflict.remote.state
      ? []
      : (db.prepare("SELECT mutation_id, entity, entity_id, op, payload, base_revision, created_at FROM outbox WHERE port_id = ? AND op = 'port.move' ORDER BY seq").all(portId) as Record<string, unknown>[]);
    db.prepare('DELETE FROM outbox WHERE port_id = ?').run(portId);
    const insert = db.prepare(
      `INSERT INTO outbox (mutation_id, port_id, entity, entity_id, op, payload, base_revision, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run(randomUUID(), portId, 'port', portId, 'port.update', JSON.stringify({ patch: merged.fields, resolved: true }), conflict.remoteRevision, now);
    for (const m of moves) insert.run(m.mutation_id, portId, m.entity, m.entity_id, m.op, m.payload, conflict.remoteRevision, m.created_at);
    db.prepare('DELETE FROM conflicts WHERE port_id = ?').run(portId);
    db.prepare("INSERT INTO events (port_id, at, kind, from_state, to_state, message, actor) VALUES (?, ?, 'conflict', NULL, NULL, ?, 'you')").run(
      portId,
      now,
      'Conflict resolved; the chosen version will be pushed',
    );
  })();
}
