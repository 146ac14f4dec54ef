import type { Db } from '../connection';
import type { Attachment } from '../../../shared/model';

export type AttachmentKind = Attachment['kind'];
export type VersionReason = 'added' | 'replaced' | 'annotated';

/** An attachment row with what the documents service needs beyond the shared summary. */
export interface AttachmentRow extends Attachment {
  /** The name the remote stores it under once pushed (Kazoo's attachment id); null until then. */
  remoteName: string | null;
  version: number;
  updatedAt: number;
}

export interface AttachmentVersionRow {
  version: number;
  sha256: string;
  size: number;
  reason: VersionReason;
  createdAt: number;
  /** For an LOA: signed as of this version (null: not recorded). */
  signed: boolean | null;
}

export interface AnnotationDraftRow {
  attachmentId: string;
  baseSha256: string;
  draftSha256: string;
  /** The draft's annotations include a signature placed in the viewer. */
  signed: boolean;
  updatedAt: number;
}

const ROW_COLUMNS = `a.id, a.port_id AS portId, a.name, a.kind, a.content_type AS contentType, a.size, a.sha256,
  a.created_at AS createdAt, a.updated_at AS updatedAt, a.remote_name AS remoteName, a.unsigned,
  COALESCE((SELECT MAX(v.version) FROM attachment_versions v WHERE v.attachment_id = a.id), 1) AS version`;

/** A row as SQLite returns it: the flag is an integer. */
type Raw<T> = Omit<T, 'unsigned'> & { unsigned: number };

function withUnsigned<T extends { unsigned: boolean }>(row: Raw<T>): T {
  return { ...row, unsigned: row.unsigned === 1 } as T;
}

/**
 * Attachment metadata, versions, annotation drafts and the saved signature; the bytes live in the
 * content-addressed store under their sha256. Writers are called inside the service's transaction.
 */
export class AttachmentsRepo {
  private readonly listStmt;
  private readonly rowsStmt;
  private readonly getStmt;
  private readonly insertStmt;
  private readonly contentStmt;
  private readonly unsignedStmt;
  private readonly renameStmt;
  private readonly deleteStmt;
  private readonly namesStmt;
  private readonly versionsStmt;
  private readonly addVersionStmt;
  private readonly draftGetStmt;
  private readonly draftPutStmt;
  private readonly draftDeleteStmt;
  private readonly referencedStmt;
  private readonly refCountsStmt;
  private readonly portBlobsStmt;
  private readonly remoteNameStmt;
  private readonly imageGetStmt;
  private readonly imagePutStmt;
  private readonly imageDeleteStmt;
  private readonly ofRemoteStmt;
  private readonly insertPulledStmt;
  private readonly fillDownloadedStmt;

  constructor(private readonly db: Db) {
    this.listStmt = db.prepare(
      `SELECT id, port_id AS portId, name, kind, content_type AS contentType, size, sha256, created_at AS createdAt, unsigned
       FROM attachments WHERE port_id = ? ORDER BY created_at, id`,
    );
    this.rowsStmt = db.prepare(`SELECT ${ROW_COLUMNS} FROM attachments a WHERE a.port_id = ? ORDER BY a.created_at, a.id`);
    this.getStmt = db.prepare(`SELECT ${ROW_COLUMNS} FROM attachments a WHERE a.id = ?`);
    this.insertStmt = db.prepare(
      `INSERT INTO attachments (id, port_id, name, kind, content_type, size, sha256, created_at, updated_at)
       VALUES (@id, @portId, @name, @kind, @contentType, @size, @sha256, @now, @now)`,
    );
    this.contentStmt = db.prepare('UPDATE attachments SET sha256 = ?, size = ?, updated_at = ? WHERE id = ?');
    this.unsignedStmt = db.prepare('UPDATE attachments SET unsigned = ? WHERE id = ?');
    this.renameStmt = db.prepare('UPDATE attachments SET name = ?, kind = ?, updated_at = ? WHERE id = ?');
    this.deleteStmt = db.prepare('DELETE FROM attachments WHERE id = ?');
    this.namesStmt = db.prepare('SELECT name FROM attachments WHERE port_id = ? AND id <> ?');
    this.versionsStmt = db.prepare(
      `SELECT version, sha256, size, reason, created_at AS createdAt, signed FROM attachment_versions
       WHERE attachment_id = ? ORDER BY version DESC`,
    );
    this.addVersionStmt = db.prepare(
      `INSERT INTO attachment_versions (attachment_id, version, sha256, size, reason, created_at)
       VALUES (?, (SELECT COALESCE(MAX(version), 0) + 1 FROM attachment_versions WHERE attachment_id = ?), ?, ?, ?, ?)`,
    );
    this.draftGetStmt = db.prepare(
      `SELECT attachment_id AS attachmentId, base_sha256 AS baseSha256, draft_sha256 AS draftSha256, signed, updated_at AS updatedAt
       FROM annotation_drafts WHERE attachment_id = ?`,
    );
    this.draftPutStmt = db.prepare(
      `INSERT INTO annotation_drafts (attachment_id, base_sha256, draft_sha256, signed, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (attachment_id) DO UPDATE SET base_sha256 = excluded.base_sha256, draft_sha256 = excluded.draft_sha256, signed = excluded.signed, updated_at = excluded.updated_at`,
    );
    this.draftDeleteStmt = db.prepare('DELETE FROM annotation_drafts WHERE attachment_id = ?');
    this.referencedStmt = db.prepare(
      `SELECT EXISTS (SELECT 1 FROM attachments WHERE sha256 = @sha)
           OR EXISTS (SELECT 1 FROM attachment_versions WHERE sha256 = @sha)
           OR EXISTS (SELECT 1 FROM annotation_drafts WHERE draft_sha256 = @sha)
           OR EXISTS (SELECT 1 FROM annotation_draft_steps WHERE draft_sha256 = @sha) AS used`,
    );
    // Every row that points at a blob: current content, each version, each draft and its base.
    const references = `SELECT sha256 AS sha FROM attachments WHERE sha256 IS NOT NULL
      UNION ALL SELECT sha256 FROM attachment_versions
      UNION ALL SELECT draft_sha256 FROM annotation_drafts
      UNION ALL SELECT draft_sha256 FROM annotation_draft_steps
      UNION ALL SELECT base_sha256 FROM annotation_drafts`;
    this.refCountsStmt = db.prepare(`SELECT sha, COUNT(*) AS refs FROM (${references}) GROUP BY sha`);
    this.portBlobsStmt = db.prepare(
      `SELECT v.sha256 AS sha FROM attachment_versions v JOIN attachments a ON a.id = v.attachment_id WHERE a.port_id = @portId
       UNION SELECT d.draft_sha256 FROM annotation_drafts d JOIN attachments a ON a.id = d.attachment_id WHERE a.port_id = @portId
       UNION SELECT s.draft_sha256 FROM annotation_draft_steps s JOIN attachments a ON a.id = s.attachment_id WHERE a.port_id = @portId
       UNION SELECT sha256 FROM attachments WHERE port_id = @portId AND sha256 IS NOT NULL`,
    );
    this.remoteNameStmt = db.prepare('UPDATE attachments SET remote_name = ? WHERE id = ?');
    this.imageGetStmt = db.prepare('SELECT png, updated_at AS updatedAt FROM saved_images WHERE name = ?');
    this.imagePutStmt = db.prepare(
      `INSERT INTO saved_images (name, png, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET png = excluded.png, updated_at = excluded.updated_at`,
    );
    this.imageDeleteStmt = db.prepare('DELETE FROM saved_images WHERE name = ?');
    this.ofRemoteStmt = db.prepare('SELECT a.id, a.port_id AS portId, a.name, a.remote_name AS remoteName FROM attachments a JOIN ports p ON p.id = a.port_id WHERE p.remote_id = ?');
    this.insertPulledStmt = db.prepare(
      `INSERT INTO attachments (id, port_id, name, kind, content_type, size, sha256, remote_name, created_at, updated_at)
       VALUES (@id, @portId, @name, @kind, @contentType, @size, NULL, @remoteName, @now, @now)`,
    );
    this.fillDownloadedStmt = db.prepare('UPDATE attachments SET sha256 = ?, size = ?, updated_at = ? WHERE id = ? AND sha256 IS NULL');
  }

  /** The shared summary of a port's attachments (port detail). */
  list(portId: string): Attachment[] {
    return (this.listStmt.all(portId) as Raw<Attachment>[]).map((r) => withUnsigned<Attachment>(r));
  }

  rows(portId: string): AttachmentRow[] {
    return (this.rowsStmt.all(portId) as Raw<AttachmentRow>[]).map((r) => withUnsigned<AttachmentRow>(r));
  }

  get(id: string): AttachmentRow | undefined {
    const row = this.getStmt.get(id) as Raw<AttachmentRow> | undefined;
    return row && withUnsigned<AttachmentRow>(row);
  }

  insert(row: { id: string; portId: string; name: string; kind: AttachmentKind; contentType: string; size: number; sha256: string; now: number }): void {
    this.insertStmt.run(row);
    this.addVersionStmt.run(row.id, row.id, row.sha256, row.size, 'added', row.now);
  }

  /** Make `sha256` the current content, recording it as the next version. */
  setContent(id: string, content: { sha256: string; size: number; reason: VersionReason; now: number }): void {
    this.contentStmt.run(content.sha256, content.size, content.now, id);
    this.addVersionStmt.run(id, id, content.sha256, content.size, content.reason, content.now);
  }

  /** Mark an LOA unsigned (PortDesk generated it) or signed (signature applied, signed file put in its place). */
  setUnsigned(id: string, unsigned: boolean): void {
    this.unsignedStmt.run(unsigned ? 1 : 0, id);
  }

  rename(id: string, name: string, kind: AttachmentKind, now: number): void {
    this.renameStmt.run(name, kind, now, id);
  }

  delete(id: string): void {
    this.deleteStmt.run(id);
  }

  /** Names of the port's other attachments (Kazoo keys attachments by name, so they must differ). */
  otherNames(portId: string, exceptId = ''): Set<string> {
    return new Set((this.namesStmt.all(portId, exceptId) as { name: string }[]).map((r) => r.name));
  }

  versions(id: string): AttachmentVersionRow[] {
    return (this.versionsStmt.all(id) as (Omit<AttachmentVersionRow, 'signed'> & { signed: number | null })[]).map((v) => ({ ...v, signed: v.signed === null ? null : v.signed === 1 }));
  }

  /** Record an LOA's current signed state on its newest version. */
  recordSigned(id: string): void {
    this.db
      .prepare(
        `UPDATE attachment_versions SET signed = (SELECT 1 - unsigned FROM attachments WHERE id = @id)
         WHERE attachment_id = @id AND version = (SELECT MAX(version) FROM attachment_versions WHERE attachment_id = @id)`,
      )
      .run({ id });
  }

  /** The earlier states of the draft, oldest first. */
  draftSteps(id: string): { step: number; draftSha256: string; signed: boolean }[] {
    const rows = this.db.prepare('SELECT step, draft_sha256 AS draftSha256, signed FROM annotation_draft_steps WHERE attachment_id = ? ORDER BY step').all(id) as { step: number; draftSha256: string; signed: number }[];
    return rows.map((r) => ({ ...r, signed: r.signed === 1 }));
  }

  pushDraftStep(id: string, draftSha256: string, signed: boolean): void {
    this.db
      .prepare('INSERT INTO annotation_draft_steps (attachment_id, step, draft_sha256, signed) VALUES (?, (SELECT COALESCE(MAX(step), 0) + 1 FROM annotation_draft_steps WHERE attachment_id = ?), ?, ?)')
      .run(id, id, draftSha256, signed ? 1 : 0);
  }

  /** Forget the steps from `fromStep` on (all of them by default); returns their blobs. */
  dropDraftSteps(id: string, fromStep = 0): string[] {
    const rows = this.db.prepare('DELETE FROM annotation_draft_steps WHERE attachment_id = ? AND step >= ? RETURNING draft_sha256 AS sha').all(id, fromStep) as { sha: string }[];
    return rows.map((r) => r.sha);
  }

  /** Keep at most `keep` steps (the newest); returns the blobs of those dropped. */
  trimDraftSteps(id: string, keep: number): string[] {
    const rows = this.db
      .prepare(
        `DELETE FROM annotation_draft_steps WHERE attachment_id = @id AND step <= (SELECT MAX(step) FROM annotation_draft_steps WHERE attachment_id = @id) - @keep
         RETURNING draft_sha256 AS sha`,
      )
      .all({ id, keep }) as { sha: string }[];
    return rows.map((r) => r.sha);
  }

  draft(id: string): AnnotationDraftRow | undefined {
    const row = this.draftGetStmt.get(id) as (Omit<AnnotationDraftRow, 'signed'> & { signed: number }) | undefined;
    return row && { ...row, signed: row.signed === 1 };
  }

  putDraft(id: string, baseSha256: string, draftSha256: string, signed: boolean, now: number): void {
    this.draftPutStmt.run(id, baseSha256, draftSha256, signed ? 1 : 0, now);
  }

  deleteDraft(id: string): void {
    this.draftDeleteStmt.run(id);
  }

  /** Whether any attachment, version or draft still points at this content (else its blob may go). */
  isReferenced(sha256: string): boolean {
    return Number((this.referencedStmt.get({ sha: sha256 }) as { used: number }).used) === 1;
  }

  /** How many rows reference each blob; a blob missing from the map has no reference at all. */
  referenceCounts(): Map<string, number> {
    return new Map((this.refCountsStmt.all() as { sha: string; refs: number }[]).map((r) => [r.sha, Number(r.refs)]));
  }

  /** Every blob a port's attachments use (versions and drafts): what deleting the port may orphan. */
  portBlobs(portId: string): string[] {
    return (this.portBlobsStmt.all({ portId }) as { sha: string }[]).map((r) => r.sha);
  }

  /** For sync: record the name the remote stored the attachment under after a successful push. */
  setRemoteName(id: string, remoteName: string | null): void {
    this.remoteNameStmt.run(remoteName, id);
  }

  /** For pull: every attachment of the ports of one remote (loaded once per pull). */
  ofRemote(remoteId: string): { id: string; portId: string; name: string; remoteName: string | null }[] {
    return this.ofRemoteStmt.all(remoteId) as { id: string; portId: string; name: string; remoteName: string | null }[];
  }

  /** For pull: a remote file new to PortDesk; its bytes come on demand ({@link fillDownloaded}). */
  insertPulled(row: { id: string; portId: string; name: string; kind: AttachmentKind; contentType: string; size: number; remoteName: string; now: number }): void {
    this.insertPulledStmt.run(row);
  }

  /** Bytes of a pulled attachment arrived: they become version 1, unless a concurrent download or a local replace came first. */
  fillDownloaded(id: string, sha256: string, size: number, now: number): boolean {
    if (this.fillDownloadedStmt.run(sha256, size, now, id).changes === 0) return false;
    this.addVersionStmt.run(id, id, sha256, size, 'added', now);
    return true;
  }

  savedImage(name: 'signature'): { png: Uint8Array; updatedAt: number } | undefined {
    const row = this.imageGetStmt.get(name) as { png: Buffer; updatedAt: number } | undefined;
    return row ? { png: new Uint8Array(row.png), updatedAt: row.updatedAt } : undefined;
  }

  putSavedImage(name: 'signature', png: Uint8Array, now: number): void {
    this.imagePutStmt.run(name, Buffer.from(png), now);
  }

  deleteSavedImage(name: 'signature'): void {
    this.imageDeleteStmt.run(name);
  }
}
