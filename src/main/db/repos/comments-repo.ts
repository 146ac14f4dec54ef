import type { Db } from '../connection';
import type { Comment } from '../../../shared/model';

/** Comments on a port, oldest first. */
export class CommentsRepo {
  private readonly listStmt;
  private readonly insertStmt;

  constructor(db: Db) {
    this.listStmt = db.prepare(
      `SELECT id, port_id AS portId, body, author, is_private AS isPrivate, action_required AS actionRequired, created_at AS createdAt
       FROM comments WHERE port_id = ? ORDER BY created_at, id`,
    );
    this.insertStmt = db.prepare(
      'INSERT INTO comments (id, port_id, body, author, is_private, action_required, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
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
}
