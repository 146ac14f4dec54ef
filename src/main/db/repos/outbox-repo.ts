import { randomUUID } from 'node:crypto';
import type { Db } from '../connection';

/** The kinds of local change the sync engine pushes. */
export type OutboxOp =
  | 'port.create'
  | 'port.update'
  | 'port.numbers'
  | 'port.move'
  | 'port.delete'
  | 'attachment.add'
  | 'attachment.replace'
  | 'attachment.delete'
  | 'comment.add';

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

export interface NewOutboxEntry {
  portId: string;
  entity: 'port' | 'attachment' | 'comment';
  entityId: string;
  op: OutboxOp;
  payload: unknown;
  baseRevision: string | null;
  now: number;
}

/**
 * The outbox of local changes. Callers append inside the same transaction as the change it
 * describes, so a change and its outbox row are committed (or lost) together.
 */
export class OutboxRepo {
  private readonly insertStmt;
  private readonly countStmt;
  private readonly listStmt;
  private readonly dropStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO outbox (mutation_id, port_id, entity, entity_id, op, payload, base_revision, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.countStmt = db.prepare('SELECT COUNT(*) AS n FROM outbox');
    this.listStmt = db.prepare('SELECT * FROM outbox ORDER BY seq');
    this.dropStmt = db.prepare('DELETE FROM outbox WHERE entity = ? AND entity_id = ?');
  }

  append(entry: NewOutboxEntry): string {
    const mutationId = randomUUID();
    this.insertStmt.run(mutationId, entry.portId, entry.entity, entry.entityId, entry.op, JSON.stringify(entry.payload), entry.baseRevision, entry.now);
    return mutationId;
  }

  /**
   * Drop the changes still queued for one entity, when a newer change makes them moot (an
   * attachment deleted, or renamed before it was ever pushed). Returns how many were dropped.
   */
  dropQueued(entity: NewOutboxEntry['entity'], entityId: string): number {
    return this.dropStmt.run(entity, entityId).changes;
  }

  count(): number {
    return (this.countStmt.get() as { n: number }).n;
  }

  list(): OutboxEntry[] {
    return (this.listStmt.all() as Record<string, unknown>[]).map((r) => ({
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
}
