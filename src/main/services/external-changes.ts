import { dataVersion, type Db } from '../db/connection';
import type { ChangeBus } from './changes';

/**
 * Notice commits made by other processes on the same database file (the CLI while the app is
 * open) and tell the views to reload. SQLite bumps `data_version` only for other connections'
 * commits, so our own writes do not trigger a reload.
 */
export function watchExternalChanges(db: Db, changes: ChangeBus, intervalMs = 500): () => void {
  let last = dataVersion(db);
  const timer = setInterval(() => {
    if (!db.open) return;
    const now = dataVersion(db);
    if (now !== last) {
      last = now;
      changes.emit({ type: 'reload' });
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
