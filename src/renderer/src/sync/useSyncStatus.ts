import { useEffect, useState } from 'react';
import type { SyncStatusView } from '../../../shared/rpc/methods/sync';
import { rpc } from '../rpc/transport';

/**
 * The sync engine's status, read again whenever main reports that sync moved ('sync') and when the
 * event stream becomes live or comes back after a gap ('reload', also told to a late subscriber):
 * so a connection that pauses (401) while a view is open shows as paused. Null until the first
 * answer, or when the read failed. Reads overlap; an answer older than one shown is dropped.
 */
export function useSyncStatus(): SyncStatusView | null {
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  useEffect(() => {
    let live = true;
    let asked = 0;
    let shown = 0;
    const refresh = () => {
      const mine = (asked += 1);
      const show = (value: SyncStatusView | null) => {
        if (!live || mine < shown) return;
        shown = mine;
        setStatus(value);
      };
      rpc.call('sync.status', {}).then(show, () => show(null));
    };
    const stop = rpc.subscribe((e) => (e.type === 'sync' || e.type === 'reload') && refresh());
    return () => {
      live = false;
      stop();
    };
  }, []);
  return status;
}
