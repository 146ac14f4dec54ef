import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connection';
import type { OutboxOp } from '../db/repos/outbox-repo';
import { PORT_FIELD_COLUMNS, PORT_FIELD_KEYS, fieldsFromRow, toColumnValue } from '../db/repos/port-columns';
import type { PortFields, PortState } from '../../shared/model';
import type { LocalSnapshot, RemotePort } from './adapters/types';

export interface QueuedRow {
  seq: number;
  portId: string;
  op: OutboxOp;
  payload: Record<string, unknown>;
  attempts: number;
  nextAttemptAt: number;
  status: 'queued' | 'blocked';
}

export interface LinkedPort {
  id: string;
  remoteObjectId: string | null;
  remoteRevision: string | null;
  state: PortState;
  dirty: boolean;
  syncStatus: string;
}

/** Field ops whose effect is "make the remote document look like the local port". */
export const FIELD_OPS: readonly OutboxOp[] = ['port.create', 'port.update', 'port.numbers'];

/**
 * The SQL the sync engine needs, prepared once. Every method is one short synchronous
 * statement or transaction, so a crash between two of them leaves a state the next run resumes.
 */
export class SyncStore {
  private readonly stmts;

  constructor(readonly db: Db) {
    this.stmts = {
      pendingPorts: db.prepare(
        `SELECT DISTINCT o.port_id AS portId FROM outbox o LEFT JOIN ports p ON p.id = o.port_id
         WHERE (p.remote_id = @remoteId OR (p.id IS NULL AND json_extract(o.payload, '$.remoteId') = @remoteId))
           AND o.status = 'queued' AND o.port_id NOT IN (SELECT port_id FROM conflicts)
           AND o.port_id NOT IN (SELECT port_id FROM outbox WHERE status = 'blocked')
         ORDER BY o.seq`,
      ),
      rowsOf: db.prepare('SELECT seq, port_id, op, payload, attempts, next_attempt_at, status FROM outbox WHERE port_id = ? ORDER BY seq'),
      port: db.prepare('SELECT * FROM ports WHERE id = ?'),
      numbers: db.prepare('SELECT e164 FROM numbers WHERE port_id = ? ORDER BY e164'),
      bumpAttempt: db.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?'),
      retryLater: db.prepare('UPDATE outbox SET last_error = ?, next_attempt_at = ? WHERE seq = ?'),
      deleteRow: db.prepare('DELETE FROM outbox WHERE seq = ?'),
      deleteFieldRowsUpTo: db.prepare(`DELETE FROM outbox WHERE port_id = ? AND seq <= ? AND op IN ('port.create','port.update','port.numbers')`),
      block: db.prepare("UPDATE outbox SET status = 'blocked', last_error = ? WHERE seq = ?"),
      portError: db.prepare("UPDATE ports SET sync_status = 'error', sync_error = ? WHERE id = ?"),
      link: db.prepare('UPDATE ports SET remote_object_id = ?, remote_revision = ?, remote_account_id = ? WHERE id = ?'),
      remaining: db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE port_id = ?'),
      markSynced: db.prepare("UPDATE ports SET dirty = 0, sync_status = 'synced', sync_error = NULL WHERE id = ?"),
      markPendingOk: db.prepare("UPDATE ports SET sync_status = 'pending', sync_error = NULL WHERE id = ? AND sync_status <> 'conflict'"),
      byRemote: db.prepare('SELECT id FROM ports WHERE remote_id = ? AND remote_object_id = ?'),
      getState: db.prepare('SELECT value FROM sync_state WHERE remote_id = ? AND key = ?'),
      setState: db.prepare('INSERT INTO sync_state (remote_id, key, value) VALUES (?, ?, ?) ON CONFLICT (remote_id, key) DO UPDATE SET value = excluded.value'),
      delState: db.prepare('DELETE FROM sync_state WHERE remote_id = ? AND key = ?'),
      counts: db.prepare(
        `SELECT
           (SELECT COUNT(*) FROM outbox o JOIN ports p ON p.id = o.port_id WHERE p.remote_id = @r AND o.status = 'queued') AS queued,
           (SELECT COUNT(*) FROM outbox o JOIN ports p ON p.id = o.port_id WHERE p.remote_id = @r AND o.status = 'blocked') AS blocked,
           (SELECT COUNT(*) FROM conflicts c JOIN ports p ON p.id = c.port_id WHERE p.remote_id = @r) AS conflicts`,
      ),
      revisions: db.prepare('SELECT remote_object_id AS objectId, remote_revision AS revision FROM ports WHERE remote_id = ? AND remote_object_id IS NOT NULL'),
      attachment: db.prepare('SELECT id, name, remote_name AS remoteName FROM attachments WHERE id = ?'),
      setAttachmentRemoteName: db.prepare('UPDATE attachments SET remote_name = ? WHERE id = ?'),
      setCommentRemoteId: db.prepare('UPDATE comments SET remote_id = ? WHERE id = ?'),
      appendRow: db.prepare(
        `INSERT INTO outbox (mutation_id, port_id, entity, entity_id, op, payload, base_revision, created_at)
         VALUES (?, ?, 'attachment', ?, 'attachment.delete', ?, NULL, ?)`,
      ),
      orphanDeletes: db.prepare(
        `SELECT COUNT(*) AS n FROM outbox o LEFT JOIN ports p ON p.id = o.port_id
         WHERE p.id IS NULL AND json_extract(o.payload, '$.remoteId') = ? AND o.status = 'queued'`,
      ),
    };
  }

  /** Ports with queued (not blocked) changes for this remote, oldest change first; conflicted ports wait. */
  pendingPorts(remoteId: string): string[] {
    return (this.stmts.pendingPorts.all({ remoteId }) as { portId: string }[]).map((r) => r.portId);
  }

  rows(portId: string): QueuedRow[] {
    return (this.stmts.rowsOf.all(portId) as Record<string, unknown>[]).map((r) => ({
      seq: Number(r.seq),
      portId: String(r.port_id),
      op: r.op as OutboxOp,
      payload: JSON.parse(String(r.payload)) as Record<string, unknown>,
      attempts: Number(r.attempts),
      nextAttemptAt: Number(r.next_attempt_at),
      status: r.status as 'queued' | 'blocked',
    }));
  }

  port(portId: string): LinkedPort | undefined {
    const r = this.stmts.port.get(portId) as Record<string, unknown> | undefined;
    if (!r) return undefined;
    return {
      id: String(r.id),
      remoteObjectId: (r.remote_object_id as string | null) ?? null,
      remoteRevision: (r.remote_revision as string | null) ?? null,
      state: r.state as PortState,
      dirty: Number(r.dirty) === 1,
      syncStatus: String(r.sync_status),
    };
  }

  snapshot(portId: string): LocalSnapshot | undefined {
    const r = this.stmts.port.get(portId) as Record<string, unknown> | undefined;
    if (!r) return undefined;
    const numbers = (this.stmts.numbers.all(portId) as { e164: string }[]).map((n) => n.e164);
    return { localId: portId, state: r.state as PortState, fields: fieldsFromRow(r), numbers };
  }

  /** Count an attempt before sending it: after a crash, attempts > 0 means "it may have arrived". */
  bumpAttempt(seq: number): void {
    this.stmts.bumpAttempt.run(seq);
  }

  retryLater(seq: number, message: string, at: number): void {
    this.stmts.retryLater.run(message, at, seq);
  }

  /** Stop this port's queue at `seq` and show the server's message on the port. */
  block(seq: number, portId: string, message: string): void {
    this.db.transaction(() => {
      this.stmts.block.run(message, seq);
      this.stmts.portError.run(message, portId);
    })();
  }

  /**
   * Record a successful push in one transaction: link/refresh the remote copy, drop the rows it
   * covered, and mark the port synced when nothing else is queued.
   */
  pushed(portId: string, remote: RemotePort, done: { seq?: number; fieldRowsUpTo?: number }): void {
    this.db.transaction(() => {
      this.stmts.link.run(remote.remoteObjectId, remote.revision, remote.accountId, portId);
      if (done.seq !== undefined) this.stmts.deleteRow.run(done.seq);
      if (done.fieldRowsUpTo !== undefined) this.stmts.deleteFieldRowsUpTo.run(portId, done.fieldRowsUpTo);
      const left = (this.stmts.remaining.get(portId) as { n: number }).n;
      if (left === 0) this.stmts.markSynced.run(portId);
      else this.stmts.markPendingOk.run(portId);
    })();
  }

  deleteRow(seq: number): void {
    this.stmts.deleteRow.run(seq);
  }

  /** A row pushed without touching the port document: drop it; the port is synced when nothing is left. */
  rowDone(row: QueuedRow): void {
    this.db.transaction(() => {
      this.stmts.deleteRow.run(row.seq);
      const left = (this.stmts.remaining.get(row.portId) as { n: number }).n;
      if (left === 0) this.stmts.markSynced.run(row.portId);
      else this.stmts.markPendingOk.run(row.portId);
    })();
  }

  /** Remote object id -> the revision last applied, for this remote's linked ports. */
  revisions(remoteId: string): Map<string, string | null> {
    return new Map((this.stmts.revisions.all(remoteId) as { objectId: string; revision: string | null }[]).map((r) => [r.objectId, r.revision]));
  }

  attachment(id: string): { id: string; name: string; remoteName: string | null } | undefined {
    return this.stmts.attachment.get(id) as { id: string; name: string; remoteName: string | null } | undefined;
  }

  setAttachmentRemoteName(id: string, remoteName: string): void {
    this.stmts.setAttachmentRemoteName.run(remoteName, id);
  }

  setCommentRemoteId(id: string, remoteId: string): void {
    this.stmts.setCommentRemoteId.run(remoteId, id);
  }

  /** Queue the removal of a remote file an in-flight upload left behind (its attachment went meanwhile). */
  queueAttachmentDelete(after: QueuedRow, payload: { attachmentId: string; remoteName: string; documentType: string | null }): void {
    this.stmts.appendRow.run(randomUUID(), after.portId, payload.attachmentId, JSON.stringify(payload), Date.now());
  }

  localIdOf(remoteId: string, remoteObjectId: string): string | undefined {
    return (this.stmts.byRemote.get(remoteId, remoteObjectId) as { id: string } | undefined)?.id;
  }

  getState(remoteId: string, key: string): string | undefined {
    return (this.stmts.getState.get(remoteId, key) as { value: string } | undefined)?.value;
  }

  setState(remoteId: string, key: string, value: string): void {
    this.stmts.setState.run(remoteId, key, value);
  }

  clearState(remoteId: string, key: string): void {
    this.stmts.delState.run(remoteId, key);
  }

  counts(remoteId: string): { queued: number; blocked: number; conflicts: number } {
    const c = this.stmts.counts.get({ r: remoteId }) as { queued: number; blocked: number; conflicts: number };
    const orphans = (this.stmts.orphanDeletes.get(remoteId) as { n: number }).n;
    return { queued: c.queued + orphans, blocked: c.blocked, conflicts: c.conflicts };
  }
}

/** Column assignments for writing PortFields (used by pull and conflict resolution). */
export function fieldAssignments(fields: Partial<PortFields>): { sql: string; params: Record<string, unknown> } {
  const keys = PORT_FIELD_KEYS.filter((k) => fields[k] !== undefined);
  const params: Record<string, unknown> = {};
  for (const k of keys) params[`f_${k}`] = toColumnValue(k, fields[k] as PortFields[typeof k]);
  return { sql: keys.map((k) => `${PORT_FIELD_COLUMNS[k]} = @f_${k}`).join(', '), params };
}
