import type { Db } from '../connection';
import type { Comment } from '../../../shared/model';

/** Comments on a port, oldest first. */
export class CommentsRepo {
  private readonly listStmt;
  private readonly insertStmt;
  private readonly ofRemoteStmt;
  private readonly insertPulledStmt;
  private readonly setRemoteIdStmt;

  constructor(db: Db) {
    this.listStmt = db.prepare(
      `SELECT id, port_id AS portId, body, author, is_private AS isPrivate, action_required AS actionRequired, created_at AS createdAt
       FROM comments WHERE port_id = ? ORDER BY created_at, id`,
    );
    this.insertStmt = db.prepare(
      'INSERT INTO comments (id, port_id, body, author, is_private, action_required, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.ofRemoteStmt = db.prepare('SELECT c.id, c.port_id AS portId, c.remote_id AS remoteId, c.body FROM comments c JOIN ports p ON p.id = c.port_id WHERE p.remote_id = ?');
    this.insertPulledStmt = db.prepare(
      'INSERT INTO comments (id, port_id, remote_id, body, author, is_private, action_required, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.setRemoteIdStmt = db.prepare('UPDATE comments SET remote_id = ? WHERE id = ?');
  }

  list(portId: string): Comment[] {
    return (this.listStmt.all(portId) as (Omit<Comment, 'isPrivate' | 'actionRequired'> & { isPrivate: number; actionRequired: number })[]).map((c) => ({
      ...c,
      isPrivate: c.isPrivate === 1,
      actionRequired: c.actionRequired === 1,
    }));
  }

  insert(c: Comment): void {
    this.insertStmt.run(c.id, c.portId, c.body, c.author, c.isPrivate ? 1 : 0, c.actionRequired ? 1 : 0, c.createdAt);
  }

  /** For pull: every comment of the ports of one remote (loaded once per pull). */
  ofRemote(remoteId: string): { id: string; portId: string; remoteId: string | null; body: string }[] {
    return this.ofRemoteStmt.all(remoteId) as { id: string; portId: string; remoteId: string | null; body: string }[];
  }

  /** For pull: a comment made on the remote. */
  insertPulled(c: Comment & { remoteId: string }): void {
    this.insertPulledStmt.run(c.id, c.portId, c.remoteId, c.body, c.author, c.isPrivate ? 1 : 0, c.actionRequired ? 1 : 0, c.createdAt);
  }

  /** For sync: the remote id of a comment PortDesk posted (or found posted). */
  setRemoteId(id: string, remoteId: string): void {
    this.setRemoteIdStmt.run(remoteId, id);
  }
}
