import type { Repos } from '../db/repos';
import type { ChangeBus } from './changes';
import type { RemoteStateChange } from '../../shared/domain/remoteMoves';

/**
 * Tell `onMove` about every state change that pull recorded (timeline events by actor 'remote'),
 * once each, in order, as data: from, to, and the reason the remote gave (kept on the port by the
 * pull that recorded the move). Reading the events table rather than listening to the engine
 * also reports moves pulled by another process (the CLI). Starts after the newest event present
 * when called, so a restart does not replay old moves as notifications.
 */
export function watchRemoteMoves(repos: Repos, changes: ChangeBus, onMove: (change: RemoteStateChange) => void): () => void {
  let seen = repos.events.latestId();
  return changes.subscribe((event) => {
    if (event.type !== 'ports' || event.ids.length === 0 || !repos.db.open) return;
    for (const row of repos.events.remoteMovesAfter(seen)) {
      seen = row.id;
      onMove({
        portId: row.portId,
        portName: row.name,
        from: row.fromState,
        to: row.toState,
        numberCount: row.numberCount,
        ...(row.focDate ? { focDate: row.focDate } : {}),
        ...(row.reason ? { reason: row.reason } : {}),
      });
    }
  });
}
