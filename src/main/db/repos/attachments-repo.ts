import type { Db } from '../connection';
import type { Attachment } from '../../../shared/model';

/** Attachment metadata; the bytes live in the content-addressed store under their sha256. */
export class AttachmentsRepo {
  private readonly listStmt;

  constructor(db: Db) {
    this.listStmt = db.prepare(
      `SELECT id, port_id AS portId, name, kind, content_type AS contentType, size, sha256, created_at AS createdAt
       FROM attachments WHERE port_id = ? ORDER BY created_at, id`,
    );
  }

  list(portId: string): Attachment[] {
    return this.listStmt.all(portId) as Attachment[];
  }
}
