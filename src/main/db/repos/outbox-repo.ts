import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Db } from '../connection';
import { OutboxChangeSchema, parseOutboxChange, type OutboxChange, type OutboxChangeInput, type OutboxOp } from './outbox-entries';

export type { OutboxOp } from './outbox-entries';

export interface OutboxEntry {
  seq: number;
  mutationId: string;
  portId: string;
  entity: string;
  entityId: string;
  op: OutboxOp;
  payload: unknown;
  baseRevision: string | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: number;
  status: 'queued' | 'blocked';
  createdAt: number;
}

export type NewOutboxEntry = OutboxChangeInput & {
  portId: string;
  entity: 'port' | 'attachment' | 'comment';
  entityId: string;
  baseRevision: string | null;
  now: number;
};

/** A row as the sync engine reads it: the typed change, or why it could not be read. */
export interface QueuedRow {
  seq: number;
  mutationId: string;
  portId: string;
  entity: string;
  entityId: string;
  op: string;
  /** Null when the stored payload fails validation; `invalid` says why. */
  change: OutboxChange | null;
  invalid: string | null;
  baseRevision: string | null;
  attempts: number;
  nextAttemptAt: number;
  status: 'queued' | 'blocked';
  createdAt: number;
}

export interface QueueCounts {
  queued: number;
  blocked: number;
  conflicts: number;
}

const FIELD_OPS_SQL = "('port.create','port.update','port.numbers')";

/**
 * The outbox of local changes. Callers append inside the same transaction as the change it
 * describes, so a change and its outbox row are committed (or lost) together. Payloads are
 * validated against {@link OutboxChangeSchema} on the way in and on the way out.
 */
export class OutboxRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO outbox (mutation_id, port_id, entity, entity_id, op, payload, base_revision, attempts, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      count: db.prepare('SELECT COUNT(*) AS n FROM outbox'),
      list: db.prepare('SELECT * FROM outbox ORDER BY seq'),
      drop: db.prepare('DELETE FROM outbox WHERE entity = ? AND entity_id = ?'),
      pendingPorts: db.prepare(
        `SELECT DISTINCT o.port_id AS portId FROM outbox o LEFT JOIN ports p ON p.id = o.port_id
         WHERE (p.remote_id = @remoteId OR (p.id IS NULL AND json_extract(o.payload, '$.remoteId') = @remoteId))
           AND o.status = 'queued' AND o.port_id NOT IN (SELECT port_id FROM conflicts)
           AND o.port_id NOT IN (SELECT port_id FROM outbox WHERE status = 'blocked')
         ORDER BY o.seq`,
      ),
      rowsOf: db.prepare('SELECT * FROM outbox WHERE port_id = ? ORDER BY seq'),
      bumpAttempt: db.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE seq = ?'),
      retryLater: db.prepare('UPDATE outbox SET last_error = ?, next_attempt_at = ? WHERE seq = ?'),
      deleteRow: db.prepare('DELETE FROM outbox WHERE seq = ?'),
      deleteFieldRowsUpTo: db.prepare(`DELETE FROM outbox WHERE port_id = ? AND seq <= ? AND op IN ${FIELD_OPS_SQL}`),
      deleteOfPort: db.prepare('DELETE FROM outbox WHERE port_id = ?'),
      deleteByMutation: db.prepare('DELETE FROM outbox WHERE mutation_id = ?'),
      block: db.prepare("UPDATE outbox SET status = 'blocked', last_error = ? WHERE seq = ?"),
      remaining: db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE port_id = ?'),
      hasCreate: db.prepare("SELECT 1 FROM outbox WHERE port_id = ? AND op = 'port.create'"),
      counts: db.prepare(
        `SELECT
           (SELECT COUNT(*) FROM outbox o JOIN ports p ON p.id = o.port_id WHERE p.remote_id = @r AND o.status = 'queued') AS queued,
           (SELECT COUNT(*) FROM outbox o JOIN ports p ON p.id = o.port_id WHERE p.remote_id = @r AND o.status = 'blocked') AS blocked,
           (SELECT COUNT(*) FROM conflicts c JOIN ports p ON p.id = c.port_id WHERE p.remote_id = @r) AS conflicts`,
      ),
      orphanDeletes: db.prepare(
        `SELECT COUNT(*) AS n FROM outbox o LEFT JOIN ports p ON p.id = o.port_id
         WHERE p.id IS NULL AND json_extract(o.payload, '$.remoteId') = ? AND o.status = 'queued'`,
      ),
      unassigned: db.prepare('SELECT COUNT(*) AS n FROM outbox o JOIN ports p ON p.id = o.port_id WHERE p.remote_id IS NULL'),
      queuedEntities: db.prepare('SELECT DISTINCT entity_id AS id FROM outbox WHERE entity = ?'),
      deletingObjects: db.prepare("SELECT json_extract(payload, '$.remoteObjectId') AS id FROM outbox WHERE op = 'port.delete' AND json_extract(payload, '$.remoteId') = ?"),
      requeue: db.prepare("UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = 0, last_error = NULL WHERE port_id = ? AND status = 'blocked'"),
      acceptCharges: db.prepare(
        "UPDATE outbox SET payload = json_set(payload, '$.acceptCharges', json('true')) WHERE port_id = ? AND op = 'port.move' AND json_extract(payload, '$.to') = 'submitted'",
      ),
      dateSchedule: db.prepare(
        "UPDATE outbox SET payload = json_set(payload, '$.date', ?) WHERE port_id = ? AND op = 'port.move' AND json_extract(payload, '$.to') = 'scheduled' AND json_extract(payload, '$.date') IS NULL",
      ),
      forgetRemote: db.prepare("DELETE FROM outbox WHERE port_id IN (SELECT id FROM ports WHERE remote_id = ?) OR json_extract(payload, '$.remoteId') = ?"),
    };
  }

  /** Append a change (validated: a malformed payload is a bug in the caller and fails its transaction). */
  append(entry: NewOutboxEntry): string {
    const parsed = OutboxChangeSchema.safeParse({ op: entry.op, payload: entry.payload });
    if (!parsed.success) {
      throw new AppError('INTERNAL', `Refused to queue an invalid ${entry.op} change: ${parsed.error.issues[0]?.message ?? 'bad payload'}`, { op: entry.op });
    }
    const mutationId = randomUUID();
    this.s.insert.run(mutationId, entry.portId, entry.entity, entry.entityId, parsed.data.op, JSON.stringify(parsed.data.payload), entry.baseRevision, 0, entry.now);
    return mutationId;
  }

  /**
   * Put rows back (same mutation ids, payloads, attempts and creation times) after the caller
   * deleted them, in the order given: conflict resolution rebuilds a port's queue this way.
   */
  reinsert(rows: readonly QueuedRow[], baseRevision: string | null): void {
    for (const r of rows) {
      if (!r.change) continue;
      this.s.insert.run(r.mutationId, r.portId, r.entity, r.entityId, r.change.op, JSON.stringify(r.change.payload), baseRevision, r.attempts, r.createdAt);
    }
  }

  /**
   * Drop the changes still queued for one entity, when a newer change makes them moot (an
   * attachment deleted, or renamed before it was ever pushed). Returns how many were dropped.
   */
  dropQueued(entity: NewOutboxEntry['entity'], entityId: string): number {
    return this.s.drop.run(entity, entityId).changes;
  }

  count(): number {
    return (this.s.count.get() as { n: number }).n;
  }

  list(): OutboxEntry[] {
    return (this.s.list.all() as Record<string, unknown>[]).map((r) => ({
      seq: Number(r.seq),
      mutationId: String(r.mutation_id),
      portId: String(r.port_id),
      entity: String(r.entity),
      entityId: String(r.entity_id),
      op: r.op as OutboxOp,
      payload: JSON.parse(String(r.payload)) as unknown,
      baseRevision: (r.base_revision as string | null) ?? null,
      attempts: Number(r.attempts),
      lastError: (r.last_error as string | null) ?? null,
      nextAttemptAt: Number(r.next_attempt_at),
      status: r.status as 'queued' | 'blocked',
      createdAt: Number(r.created_at),
    }));
  }

  /** Ports with queued (not blocked) changes for this remote, oldest change first; conflicted ports wait. */
  pendingPorts(remoteId: string): string[] {
    return (this.s.pendingPorts.all({ remoteId }) as { portId: string }[]).map((r) => r.portId);
  }

  /** A port's rows in order, each validated (an unreadable row comes back with `invalid` set). */
  rows(portId: string): QueuedRow[] {
    return (this.s.rowsOf.all(portId) as Record<string, unknown>[]).map(readRow);
  }

  /** Count an attempt before sending it: after a crash, attempts > 0 means "it may have arrived". */
  bumpAttempt(seq: number): void {
    this.s.bumpAttempt.run(seq);
  }

  retryLater(seq: number, message: string, at: number): void {
    this.s.retryLater.run(message, at, seq);
  }

  deleteRow(seq: number): void {
    this.s.deleteRow.run(seq);
  }

  deleteFieldRowsUpTo(portId: string, seq: number): void {
    this.s.deleteFieldRowsUpTo.run(portId, seq);
  }

  deleteOfPort(portId: string): void {
    this.s.deleteOfPort.run(portId);
  }

  deleteByMutation(mutationId: string): void {
    this.s.deleteByMutation.run(mutationId);
  }

  block(seq: number, message: string): void {
    this.s.block.run(message, seq);
  }

  remaining(portId: string): number {
    return (this.s.remaining.get(portId) as { n: number }).n;
  }

  hasCreate(portId: string): boolean {
    return this.s.hasCreate.get(portId) !== undefined;
  }

  /** Queued, blocked and conflicted counts of one remote; deletes whose port row is gone count as queued. */
  counts(remoteId: string): QueueCounts {
    const c = this.s.counts.get({ r: remoteId }) as QueueCounts;
    const orphans = (this.s.orphanDeletes.get(remoteId) as { n: number }).n;
    return { queued: c.queued + orphans, blocked: c.blocked, conflicts: c.conflicts };
  }

  /** Rows of ports with no remote: they wait until the port gets one. */
  unassignedCount(): number {
    return (this.s.unassigned.get() as { n: number }).n;
  }

  /** Ids of the entities of a kind that have rows queued (e.g. attachments a pull must not remove). */
  queuedEntityIds(entity: NewOutboxEntry['entity']): Set<string> {
    return new Set((this.s.queuedEntities.all(entity) as { id: string }[]).map((r) => r.id));
  }

  /** Remote objects of `remoteId` whose local port was deleted, the delete not sent yet (queued or blocked). */
  deletingObjects(remoteId: string): Set<string> {
    return new Set((this.s.deletingObjects.all(remoteId) as { id: string }[]).map((r) => r.id));
  }

  /** Put a port's blocked rows back in the queue as if never tried; answers how many. */
  requeueBlocked(portId: string): number {
    return this.s.requeue.run(portId).changes;
  }

  /** The port's queued submit carries `acceptCharges` from now on. */
  acceptCharges(portId: string): void {
    this.s.acceptCharges.run(portId);
  }

  /** The port's queued or blocked moves to Scheduled without a date take `date`; how many did. */
  dateUndatedSchedule(portId: string, date: string): number {
    return this.s.dateSchedule.run(date, portId).changes;
  }

  /** Drop every row bound for a remote that is being removed. */
  forgetRemote(remoteId: string): void {
    this.s.forgetRemote.run(remoteId, remoteId);
  }
}

function readRow(r: Record<string, unknown>): QueuedRow {
  const op = String(r.op);
  let payload: unknown;
  try {
    payload = JSON.parse(String(r.payload));
  } catch {
    payload = undefined;
  }
  const parsed = parseOutboxChange(op, payload);
  return {
    seq: Number(r.seq),
    mutationId: String(r.mutation_id),
    portId: String(r.port_id),
    entity: String(r.entity),
    entityId: String(r.entity_id),
    op,
    change: parsed.ok ? parsed.change : null,
    invalid: parsed.ok ? null : parsed.message,
    baseRevision: (r.base_revision as string | null) ?? null,
    attempts: Number(r.attempts),
    nextAttemptAt: Number(r.next_attempt_at),
    status: r.status === 'blocked' ? 'blocked' : 'queued',
    createdAt: Number(r.created_at),
  };
}
