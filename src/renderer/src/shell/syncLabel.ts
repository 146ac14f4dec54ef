import type { SyncStatusView } from '../../../shared/rpc/methods/sync';
import { clockTime, timeAgo } from '../lib/relativeTime';

/**
 * The status line for the sync engine's state. Main's summary carries machine timestamps; the
 * offline and online lines are rebuilt here from the per-remote times so they read in the
 * specialist's clock and relative to now. Other states keep main's wording.
 */
export function syncLabel(sync: SyncStatusView, now: number = Date.now()): string {
  if (sync.state === 'offline') {
    const since = sync.remotes.map((r) => r.offlineSince).filter((t): t is number => t !== null);
    return since.length > 0 ? `Offline since ${clockTime(Math.min(...since), now)}` : 'Offline';
  }
  if (sync.state === 'online') {
    const last = Math.max(0, ...sync.remotes.map((r) => r.lastSyncedAt ?? 0));
    return last > 0 ? `Online, last synced ${timeAgo(last, now)}` : 'Online, not synced yet';
  }
  return sync.summary;
}
