import type { Db } from '../connection';

/** A port an import touched, with what undo needs to know about it. */
export interface BatchItemRow {
  port_id: string;
  created: number;
  mutation_id: string;
  numbers: string;
  /** Null when the port was deleted since. */
  name: string | null;
  remote_object_id: string | null;
  /** The outbox row the import queued, null once it is gone (pushed). */
  queued: number | null;
  attempts: number | null;
  /** Numbers the port holds now (0 once it was deleted). */
  port_numbers: number;
}

export interface BatchRow {
  id: string;
  created_at: number;
  source: string;
  summary: string;
  undone_at: number | null;
}

/** Import batches (tables import_batches, import_batch_ports): what each import did, for undo. */
export class ImportBatchesRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare('INSERT INTO import_batches (id, created_at, source, summary) VALUES (?, ?, ?, ?)'),
      insertItem: db.prepare('INSERT INTO import_batch_ports (batch_id, port_id, created, mutation_id, numbers) VALUES (?, ?, ?, ?, ?)'),
      summary: db.prepare('UPDATE import_batches SET summary = ? WHERE id = ?'),
      get: db.prepare('SELECT id, created_at, source, summary, undone_at FROM import_batches WHERE id = ?'),
      undone: db.prepare('UPDATE import_batches SET undone_at = ? WHERE id = ?'),
      recent: db.prepare('SELECT id, created_at, source, summary, undone_at FROM import_batches ORDER BY created_at DESC, rowid DESC LIMIT ?'),
      items: db.prepare(
        `SELECT i.port_id, i.created, i.mutation_id, i.numbers, p.name, p.remote_object_id, o.seq AS queued, o.attempts,
           (SELECT COUNT(*) FROM numbers n WHERE n.port_id = i.port_id) AS port_numbers
         FROM import_batch_ports i LEFT JOIN ports p ON p.id = i.port_id LEFT JOIN outbox o ON o.mutation_id = i.mutation_id
         WHERE i.batch_id = ?`,
      ),
    };
  }

  insert(id: string, source: string, now: number): void {
    this.s.insert.run(id, now, source, '{}');
  }

  addItem(batchId: string, item: { portId: string; created: boolean; mutationId: string; numbers: readonly string[] }): void {
    this.s.insertItem.run(batchId, item.portId, item.created ? 1 : 0, item.mutationId, JSON.stringify(item.numbers));
  }

  setSummary(batchId: string, summary: { ports: number; numbers: number }): void {
    this.s.summary.run(JSON.stringify(summary), batchId);
  }

  get(batchId: string): BatchRow | undefined {
    return this.s.get.get(batchId) as BatchRow | undefined;
  }

  markUndone(batchId: string, now: number): void {
    this.s.undone.run(now, batchId);
  }

  recent(limit: number): BatchRow[] {
    return this.s.recent.all(limit) as BatchRow[];
  }

  items(batchId: string): BatchItemRow[] {
    return this.s.items.all(batchId) as BatchItemRow[];
  }
}
