import type { Db } from '../connection';
import type { PortState, TimelineEvent } from '../../../shared/model';

export type NewEvent = Omit<TimelineEvent, 'id'>;

/** The per-port timeline: state changes, edits and sync events, oldest first. */
export class EventsRepo {
  private readonly insertStmt;
  private readonly listStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO events (port_id, at, kind, from_state, to_state, message, actor) VALUES (@portId, @at, @kind, @fromState, @toState, @message, @actor)',
    );
    this.listStmt = db.prepare(
      'SELECT id, port_id AS portId, at, kind, from_state AS fromState, to_state AS toState, message, actor FROM events WHERE port_id = ? ORDER BY at, id',
    );
  }

  add(event: NewEvent): void {
    this.insertStmt.run(event);
  }

  list(portId: string): TimelineEvent[] {
    return (this.listStmt.all(portId) as (Omit<TimelineEvent, 'fromState' | 'toState'> & { fromState: string | null; toState: string | null })[]).map(
      (e) => ({ ...e, fromState: e.fromState as PortState | null, toState: e.toState as PortState | null }),
    );
  }
}
