import type { Db } from './db';

/** A stored Kazoo port request: its JSON document plus the columns we query on. */
export interface PortRecord {
  id: string;
  accountId: string;
  state: string;
  rev: number;
  created: number;
  updated: number;
  /** The full document as clients see it, extra client fields included. */
  doc: Record<string, unknown>;
}

/** A stored port request with its document still the JSON text stored. */
export type StoredPort = Omit<PortRecord, 'doc'> & { docText: string };

/** The record of a {@link StoredPort}: its document read. */
export function readStored(row: StoredPort): PortRecord {
  const { docText, ...rest } = row;
  return { ...rest, doc: JSON.parse(docText) as Record<string, unknown> };
}

export interface Transition {
  at: number;
  from: string | null;
  to: string;
  reason: string | null;
  /** Account that made the move. */
  who: string;
  userId?: string | null;
}

export interface AttachmentMeta {
  name: string;
  contentType: string;
  length: number;
}

interface PortRow {
  id: string;
  account_id: string;
  port_state: string;
  rev: number;
  doc: string;
  created: number;
  updated: number;
}

const toStored = (r: PortRow): StoredPort => ({
  id: r.id,
  accountId: r.account_id,
  state: r.port_state,
  rev: r.rev,
  created: r.created,
  updated: r.updated,
  docText: r.doc,
});

const toRecord = (r: PortRow): PortRecord => readStored(toStored(r));

/** Persistence of Kazoo port requests, their numbers index, attachments and transitions. */
export class KazooPortStore {
  /** Prepared once: listings call attachments() for every port, and preparing dominated a 10,000-port listing. */
  private readonly attachmentsStmt;

  constructor(private readonly db: Db) {
    this.attachmentsStmt = db.prepare('SELECT name, content_type, length(data) AS len FROM kz_attachments WHERE port_id = ? ORDER BY name');
  }

  get(id: string): PortRecord | undefined {
    const row = this.db.prepare('SELECT * FROM kz_ports WHERE id = ?').get(id) as PortRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /**
   * Ports in `states`, oldest first, that a listing under `accountId` may hold, as stored (the
   * document unread): the account's own or, under `descendants`, those whose document names the
   * account anywhere (its JSON string in the text). A superset for the listing's own scope rule to
   * decide on; it spares reading every other document of the store.
   */
  listable(states: readonly string[], accountId: string, descendants: boolean): StoredPort[] {
    if (states.length === 0) return [];
    const scope = descendants ? 'instr(doc, ?) > 0' : 'account_id = ?';
    const sql = `SELECT id, account_id, port_state, rev, doc, created, updated FROM kz_ports WHERE port_state IN (${states.map(() => '?').join(',')}) AND ${scope} ORDER BY created, id`;
    return (this.db.prepare(sql).all(...states, descendants ? JSON.stringify(accountId) : accountId) as PortRow[]).map(toStored);
  }

  /** Ports of the given accounts, optionally only in `states`, oldest first. */
  list(accountIds: string[], states?: readonly string[]): PortRecord[] {
    if (accountIds.length === 0) return [];
    const acc = accountIds.map(() => '?').join(',');
    let sql = `SELECT * FROM kz_ports WHERE account_id IN (${acc})`;
    const params: string[] = [...accountIds];
    if (states) {
      if (states.length === 0) return [];
      sql += ` AND port_state IN (${states.map(() => '?').join(',')})`;
      params.push(...states);
    }
    sql += ' ORDER BY created, id';
    return (this.db.prepare(sql).all(...params) as PortRow[]).map(toRecord);
  }

  /** Ports (any account) that carry `number`. */
  byNumber(number: string): PortRecord[] {
    const rows = this.db
      .prepare('SELECT p.* FROM kz_ports p JOIN kz_numbers n ON n.port_id = p.id WHERE n.number = ? ORDER BY p.created')
      .all(number) as PortRow[];
    return rows.map(toRecord);
  }

  /** Insert or overwrite a port and re-index its numbers. */
  save(rec: PortRecord, numbers: string[]): void {
    this.db
      .prepare(
        `INSERT INTO kz_ports (id, account_id, port_state, rev, doc, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id, port_state = excluded.port_state, rev = excluded.rev,
         doc = excluded.doc, updated = excluded.updated`,
      )
      .run(rec.id, rec.accountId, rec.state, rec.rev, JSON.stringify(rec.doc), rec.created, rec.updated);
    this.db.prepare('DELETE FROM kz_numbers WHERE port_id = ?').run(rec.id);
    const ins = this.db.prepare('INSERT OR IGNORE INTO kz_numbers (number, port_id) VALUES (?, ?)');
    for (const n of numbers) ins.run(n, rec.id);
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM kz_ports WHERE id = ?').run(id);
    this.db.prepare('DELETE FROM kz_numbers WHERE port_id = ?').run(id);
    this.db.prepare('DELETE FROM kz_attachments WHERE port_id = ?').run(id);
    this.db.prepare('DELETE FROM kz_transitions WHERE port_id = ?').run(id);
  }

  putAttachment(portId: string, name: string, contentType: string, data: Buffer): void {
    this.db
      .prepare(
        `INSERT INTO kz_attachments (port_id, name, content_type, data) VALUES (?, ?, ?, ?)
         ON CONFLICT(port_id, name) DO UPDATE SET content_type = excluded.content_type, data = excluded.data`,
      )
      .run(portId, name, contentType, data);
  }

  getAttachment(portId: string, name: string): { contentType: string; data: Buffer } | undefined {
    const row = this.db
      .prepare('SELECT content_type, data FROM kz_attachments WHERE port_id = ? AND name = ?')
      .get(portId, name) as { content_type: string; data: Buffer } | undefined;
    return row ? { contentType: row.content_type, data: row.data } : undefined;
  }

  deleteAttachment(portId: string, name: string): boolean {
    return this.db.prepare('DELETE FROM kz_attachments WHERE port_id = ? AND name = ?').run(portId, name).changes > 0;
  }

  /** Every port's attachments at once, by port (what {@link attachments} answers per port), for listings. */
  attachmentsByPort(): Map<string, AttachmentMeta[]> {
    const rows = this.db.prepare('SELECT port_id, name, content_type, length(data) AS len FROM kz_attachments ORDER BY port_id, name').all() as {
      port_id: string;
      name: string;
      content_type: string;
      len: number;
    }[];
    const out = new Map<string, AttachmentMeta[]>();
    for (const r of rows) {
      const list = out.get(r.port_id) ?? [];
      list.push({ name: r.name, contentType: r.content_type, length: r.len });
      out.set(r.port_id, list);
    }
    return out;
  }

  attachments(portId: string): AttachmentMeta[] {
    const rows = this.attachmentsStmt.all(portId) as { name: string; content_type: string; len: number }[];
    return rows.map((r) => ({ name: r.name, contentType: r.content_type, length: r.len }));
  }

  addTransition(portId: string, t: Transition): void {
    this.db
      .prepare('INSERT INTO kz_transitions (port_id, at, from_state, to_state, reason, who, user_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(portId, t.at, t.from, t.to, t.reason, t.who, t.userId ?? null);
  }

  transitions(portId: string): Transition[] {
    const rows = this.db
      .prepare('SELECT at, from_state, to_state, reason, who, user_id FROM kz_transitions WHERE port_id = ? ORDER BY seq')
      .all(portId) as { at: number; from_state: string | null; to_state: string; reason: string | null; who: string; user_id: string | null }[];
    return rows.map((r) => ({ at: r.at, from: r.from_state, to: r.to_state, reason: r.reason, who: r.who, userId: r.user_id }));
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM kz_ports').get() as { n: number }).n;
  }
}
