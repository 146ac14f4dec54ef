import type { Db } from '../db/connection';
import type { PortState } from '../../shared/model';
import type { ChangeBus } from './changes';
import type { RemoteStateChange } from '../../shared/domain/remoteMoves';

interface MoveRow {
  id: number;
  portId: string;
  fromState: PortState;
  toState: PortState;
  message: string;
  name: string;
  focDate: string;
  numberCount: number;
}

const REASON = /on the remote: (.+)$/;

/**
 * Tell `onMove` about every state change that pull recorded (timeline events by actor 'remote'),
 * once each, in order. Starts after the newest event present when called, so a restart does not
 * replay old moves as notifications.
 */
export function watchRemoteMoves(db: Db, changes: ChangeBus, onMove: (change: RemoteStateChange) => void): () => void {
  const latest = db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM events').get() as { id: number };
  let seen = latest.id;
  const query = db.prepare(
    `SELECT e.id, e.port_id AS portId, e.from_state AS fromState, e.to_state AS toState, e.message, p.name, p.foc_date AS focDate,
       (SELECT COUNT(*) FROM numbers n WHERE n.port_id = p.id) AS numberCount
     FROM events e JOIN ports p ON p.id = e.port_id
     WHERE e.id > ? AND e.actor = 'remote' AND e.kind = 'state' AND e.from_state IS NOT NULL AND e.to_state IS NOT NULL
     ORDER BY e.id`,
  );
  return changes.subscribe((event) => {
    if (event.type !== 'ports' || event.ids.length === 0 || !db.open) return;
    for (const row of query.all(seen) as MoveRow[]) {
      seen = row.id;
      const reason = REASON.exec(row.message)?.[1];
      onMove({
        portId: row.portId,
        portName: row.name,
        from: row.fromState,
        to: row.toState,
        numberCount: row.numberCount,
        ...(row.focDate ? { focDate: row.focDate } : {}),
        ...(reason ? { reason } : {}),
      });
    }
  });
}
