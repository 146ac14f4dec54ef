import type { Db } from './db';
import type Database from 'better-sqlite3';

type Statement = Database.Statement;

/** Kinds of Telnyx objects the sandbox keeps. */
export type TelnyxKind = 'port_request' | 'sub_request' | 'comment' | 'document' | 'draft' | 'draft_sub' | 'upload';

export interface TelnyxRecord<T> {
  id: string;
  accountId: string;
  parentId: string | null;
  doc: T;
}

/**
 * A small document store for the Telnyx family: every object is JSON keyed by kind and id, with
 * the owning account and parent so lists and account scoping are simple queries.
 */
export class TelnyxObjectStore {
  /**
   * Statements by SQL text, prepared once: a client pulling 10,000 requests asks for each one's
   * documents and comments, and preparing on every call was most of the sandbox's time then.
   */
  private readonly statements = new Map<string, Statement>();
  /** Bumped by every write: {@link version} tells a caller's cache it is stale. */
  private writes = 0;

  constructor(private readonly db: Db) {}

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /** Changes with every write to the objects (for caches of what is read from them). */
  get version(): number {
    return this.writes;
  }

  put<T>(kind: TelnyxKind, rec: TelnyxRecord<T>): void {
    const seq = (this.stmt('SELECT COALESCE(MAX(seq), 0) + 1 AS s FROM tx_objects').get() as { s: number }).s;
    this.stmt(
      `INSERT INTO tx_objects (kind, id, account_id, parent_id, doc, seq) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(kind, id) DO UPDATE SET doc = excluded.doc, parent_id = excluded.parent_id`,
    ).run(kind, rec.id, rec.accountId, rec.parentId, JSON.stringify(rec.doc), seq);
    this.writes += 1;
  }

  get<T>(kind: TelnyxKind, id: string): TelnyxRecord<T> | undefined {
    const row = this.stmt('SELECT * FROM tx_objects WHERE kind = ? AND id = ?').get(kind, id) as
      | { id: string; account_id: string; parent_id: string | null; doc: string }
      | undefined;
    return row ? { id: row.id, accountId: row.account_id, parentId: row.parent_id, doc: JSON.parse(row.doc) as T } : undefined;
  }

  /** Objects of a kind, filtered by parent and/or owning accounts, in creation order. */
  list<T>(kind: TelnyxKind, filter: { parentId?: string; accountIds?: string[] } = {}): TelnyxRecord<T>[] {
    let sql = 'SELECT * FROM tx_objects WHERE kind = ?';
    const params: string[] = [kind];
    if (filter.parentId !== undefined) {
      sql += ' AND parent_id = ?';
      params.push(filter.parentId);
    }
    if (filter.accountIds) {
      if (filter.accountIds.length === 0) return [];
      sql += ` AND account_id IN (${filter.accountIds.map(() => '?').join(',')})`;
      params.push(...filter.accountIds);
    }
    sql += ' ORDER BY seq';
    const rows = this.stmt(sql).all(...params) as {
      id: string;
      account_id: string;
      parent_id: string | null;
      doc: string;
    }[];
    return rows.map((r) => ({ id: r.id, accountId: r.account_id, parentId: r.parent_id, doc: JSON.parse(r.doc) as T }));
  }

  putBlob(id: string, contentType: string, data: Buffer): void {
    this.db.prepare('INSERT OR REPLACE INTO tx_blobs (id, content_type, data) VALUES (?, ?, ?)').run(id, contentType, data);
  }

  getBlob(id: string): { contentType: string; data: Buffer } | undefined {
    const row = this.db.prepare('SELECT content_type, data FROM tx_blobs WHERE id = ?').get(id) as
      | { content_type: string; data: Buffer }
      | undefined;
    return row ? { contentType: row.content_type, data: row.data } : undefined;
  }

  putLink(token: string, documentId: string, expiresAt: number): void {
    this.db.prepare('INSERT INTO tx_links (token, document_id, expires_at) VALUES (?, ?, ?)').run(token, documentId, expiresAt);
  }

  getLink(token: string): { documentId: string; expiresAt: number } | undefined {
    const row = this.db.prepare('SELECT document_id, expires_at FROM tx_links WHERE token = ?').get(token) as
      | { document_id: string; expires_at: number }
      | undefined;
    return row ? { documentId: row.document_id, expiresAt: row.expires_at } : undefined;
  }
}
