import type { Db } from '../connection';
import { StoredPortVersionSchema, type StoredPortVersion } from './outbox-entries';

// Both sides as stored. Field values are checked for type only: the remote side holds what the
// remote said, verbatim (a date in its own format must still show, not fail the whole list).
const StoredSideSchema = StoredPortVersionSchema;
export type StoredSide = StoredPortVersion;

export interface ConflictRow {
  portId: string;
  local: StoredSide;
  remote: StoredSide;
  remoteRevision: string | null;
  detectedAt: number;
}

/** Conflicts kept side by side until the specialist resolves them (one per port). */
export class ConflictsRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      upsert: db.prepare(
        `INSERT INTO conflicts (port_id, local, remote, remote_revision, detected_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (port_id) DO UPDATE SET local = excluded.local, remote = excluded.remote, remote_revision = excluded.remote_revision`,
      ),
      refreshRemote: db.prepare('UPDATE conflicts SET remote = ?, remote_revision = ? WHERE port_id = ?'),
      list: db.prepare('SELECT * FROM conflicts ORDER BY detected_at, port_id'),
      get: db.prepare('SELECT * FROM conflicts WHERE port_id = ?'),
      has: db.prepare('SELECT 1 FROM conflicts WHERE port_id = ?'),
      delete: db.prepare('DELETE FROM conflicts WHERE port_id = ?'),
      forgetRemote: db.prepare('DELETE FROM conflicts WHERE port_id IN (SELECT id FROM ports WHERE remote_id = ?)'),
    };
  }

  put(portId: string, local: StoredSide, remote: StoredSide, remoteRevision: string, now: number): void {
    this.s.upsert.run(portId, JSON.stringify(local), JSON.stringify(remote), remoteRevision, now);
  }

  refreshRemote(portId: string, remote: StoredSide, remoteRevision: string): void {
    this.s.refreshRemote.run(JSON.stringify(remote), remoteRevision, portId);
  }

  list(): ConflictRow[] {
    return (this.s.list.all() as Record<string, unknown>[]).map(toConflict);
  }

  get(portId: string): ConflictRow | undefined {
    const row = this.s.get.get(portId) as Record<string, unknown> | undefined;
    return row ? toConflict(row) : undefined;
  }

  has(portId: string): boolean {
    return this.s.has.get(portId) !== undefined;
  }

  delete(portId: string): void {
    this.s.delete.run(portId);
  }

  forgetRemote(remoteId: string): void {
    this.s.forgetRemote.run(remoteId);
  }
}

function toConflict(r: Record<string, unknown>): ConflictRow {
  return {
    portId: String(r.port_id),
    local: StoredSideSchema.parse(JSON.parse(String(r.local))),
    remote: StoredSideSchema.parse(JSON.parse(String(r.remote))),
    remoteRevision: (r.remote_revision as string | null) ?? null,
    detectedAt: Number(r.detected_at),
  };
}
