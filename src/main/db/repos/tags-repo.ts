import type { Db } from '../connection';

/** Local labels on ports (table port_tags). Never synced, so no outbox rows go with them. */
export class TagsRepo {
  private readonly addStmt;
  private readonly removeStmt;
  private readonly listStmt;
  private readonly allStmt;

  constructor(db: Db) {
    this.addStmt = db.prepare('INSERT OR IGNORE INTO port_tags (port_id, tag) VALUES (?, ?)');
    this.removeStmt = db.prepare('DELETE FROM port_tags WHERE port_id = ? AND tag = ?');
    this.listStmt = db.prepare('SELECT tag FROM port_tags WHERE port_id = ? ORDER BY tag');
    this.allStmt = db.prepare('SELECT DISTINCT tag FROM port_tags ORDER BY tag');
  }

  /** Returns whether the tag was new on the port. */
  add(portId: string, tag: string): boolean {
    return this.addStmt.run(portId, tag).changes > 0;
  }

  /** Returns whether the port had the tag. */
  remove(portId: string, tag: string): boolean {
    return this.removeStmt.run(portId, tag).changes > 0;
  }

  list(portId: string): string[] {
    return (this.listStmt.all(portId) as { tag: string }[]).map((r) => r.tag);
  }

  /** Every tag in use, sorted: what the tag filter offers. */
  all(): string[] {
    return (this.allStmt.all() as { tag: string }[]).map((r) => r.tag);
  }
}
