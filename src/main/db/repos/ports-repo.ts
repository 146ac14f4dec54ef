import type { Db } from '../connection';
import type { PortFields, PortState, PortSummary, SyncStatus } from '../../../shared/model';
import { PORT_FIELD_COLUMNS, PORT_FIELD_KEYS, fieldsFromRow, toColumnValue } from './port-columns';

export interface PortRow extends PortFields {
  id: string;
  state: PortState;
  remoteId: string | null;
  remoteObjectId: string | null;
  remoteRevision: string | null;
  remoteAccountId: string;
  createdAt: number;
  updatedAt: number;
  dirty: boolean;
  syncStatus: SyncStatus;
  syncError: string | null;
}

const SUMMARY_SQL = `
SELECT p.*,
  (SELECT COUNT(*) FROM numbers n WHERE n.port_id = p.id) AS number_count,
  (SELECT COUNT(*) FROM attachments a WHERE a.port_id = p.id) AS attachment_count,
  EXISTS (SELECT 1 FROM attachments a WHERE a.port_id = p.id AND a.kind = 'loa') AS has_loa,
  EXISTS (SELECT 1 FROM attachments a WHERE a.port_id = p.id AND a.kind = 'bill') AS has_bill,
  (SELECT COUNT(*) FROM comments c WHERE c.port_id = p.id) AS comment_count,
  -- Unit separator: a tag may hold commas and spaces, never a control character (TagSchema).
  (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM port_tags t WHERE t.port_id = p.id ORDER BY tag)) AS tags
FROM ports p`;

function rowToPort(row: Record<string, unknown>): PortRow {
  return {
    ...fieldsFromRow(row),
    id: String(row.id),
    state: row.state as PortState,
    remoteId: (row.remote_id as string | null) ?? null,
    remoteObjectId: (row.remote_object_id as string | null) ?? null,
    remoteRevision: (row.remote_revision as string | null) ?? null,
    remoteAccountId: String(row.remote_account_id ?? ''),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    dirty: Number(row.dirty) === 1,
    syncStatus: row.sync_status as SyncStatus,
    syncError: (row.sync_error as string | null) ?? null,
  };
}

function rowToSummary(row: Record<string, unknown>): PortSummary {
  const port = rowToPort(row);
  return {
    ...fieldsFromRow(row),
    id: port.id,
    state: port.state,
    remoteId: port.remoteId,
    remoteObjectId: port.remoteObjectId,
    remoteAccountId: port.remoteAccountId,
    numberCount: Number(row.number_count),
    attachmentCount: Number(row.attachment_count),
    hasLoa: Number(row.has_loa) === 1,
    hasBill: Number(row.has_bill) === 1,
    commentCount: Number(row.comment_count),
    tags: row.tags ? String(row.tags).split('\u001f') : [],
    syncStatus: port.syncStatus,
    syncError: port.syncError,
    stateReason: (row.state_reason as string | null) ?? null,
    createdAt: port.createdAt,
    updatedAt: port.updatedAt,
  };
}

/** Data access for the ports table. Statements are prepared once per connection. */
export class PortsRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly summaryByIdStmt;
  private readonly listAllStmt;
  private readonly listByStateStmt;

  constructor(private readonly db: Db) {
    const cols = PORT_FIELD_KEYS.map((k) => PORT_FIELD_COLUMNS[k]);
    this.insertStmt = db.prepare(
      `INSERT INTO ports (id, state, remote_id, remote_account_id, created_at, updated_at, dirty, sync_status, ${cols.join(', ')})
       VALUES (@id, @state, @remoteId, @remoteAccountId, @now, @now, 1, @syncStatus, ${cols.map((c) => `@${c}`).join(', ')})`,
    );
    this.byIdStmt = db.prepare('SELECT * FROM ports WHERE id = ?');
    this.summaryByIdStmt = db.prepare(`${SUMMARY_SQL} WHERE p.id = ?`);
    this.listAllStmt = db.prepare(`${SUMMARY_SQL} ORDER BY p.updated_at DESC, p.id`);
    this.listByStateStmt = db.prepare(`${SUMMARY_SQL} WHERE p.state = ? ORDER BY p.updated_at DESC, p.id`);
  }

  insert(port: { id: string; state: PortState; remoteId: string | null; remoteAccountId: string; fields: PortFields; now: number }): void {
    const params: Record<string, unknown> = {
      id: port.id,
      state: port.state,
      remoteId: port.remoteId,
      remoteAccountId: port.remoteAccountId,
      now: port.now,
      syncStatus: port.remoteId ? 'pending' : 'local',
    };
    for (const key of PORT_FIELD_KEYS) params[PORT_FIELD_COLUMNS[key]] = toColumnValue(key, port.fields[key]);
    this.insertStmt.run(params);
  }

  get(id: string): PortRow | undefined {
    const row = this.byIdStmt.get(id) as Record<string, unknown> | undefined;
    return row ? rowToPort(row) : undefined;
  }

  summary(id: string): PortSummary | undefined {
    const row = this.summaryByIdStmt.get(id) as Record<string, unknown> | undefined;
    return row ? rowToSummary(row) : undefined;
  }

  /** Summaries of the given ports that still exist, in no particular order. */
  summaries(ids: readonly string[]): PortSummary[] {
    return ids.map((id) => this.summary(id)).filter((s): s is PortSummary => s !== undefined);
  }

  list(state?: PortState): PortSummary[] {
    const rows = (state ? this.listByStateStmt.all(state) : this.listAllStmt.all()) as Record<string, unknown>[];
    return rows.map(rowToSummary);
  }

  /** Write changed fields, mark the port dirty (it has a local change to push) and bump updated_at. */
  updateFields(id: string, patch: Partial<PortFields>, now: number): void {
    const keys = PORT_FIELD_KEYS.filter((k) => patch[k] !== undefined);
    if (keys.length === 0) return;
    const sets = keys.map((k) => `${PORT_FIELD_COLUMNS[k]} = @${k}`).join(', ');
    const params: Record<string, unknown> = { id, now };
    for (const k of keys) params[k] = toColumnValue(k, patch[k] as PortFields[typeof k]);
    this.db.prepare(`UPDATE ports SET ${sets}, updated_at = @now, dirty = 1 WHERE id = @id`).run(params);
  }

  setState(id: string, state: PortState, now: number): void {
    // The remote's reason described the state being left.
    this.db.prepare('UPDATE ports SET state = ?, state_reason = NULL, updated_at = ?, dirty = 1 WHERE id = ?').run(state, now, id);
  }

  /** Record that a local change awaits push (unless the port is in conflict, which wins). */
  markPending(id: string): void {
    this.db
      .prepare("UPDATE ports SET sync_status = CASE WHEN sync_status = 'conflict' THEN 'conflict' ELSE 'pending' END WHERE id = ? AND remote_id IS NOT NULL")
      .run(id);
  }

  touch(id: string, now: number): void {
    this.db.prepare('UPDATE ports SET updated_at = ?, dirty = 1 WHERE id = ?').run(now, id);
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM ports WHERE id = ?').run(id);
  }
}
