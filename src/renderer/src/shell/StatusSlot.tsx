import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { SyncStatusView } from '../../../shared/rpc/methods/sync';
import { connection } from '../rpc/transport';
import { useSyncStatus } from '../sync/useSyncStatus';
import { usePortsStore } from '../stores/portsStore';
import { syncLabel } from './syncLabel';

const DOT: Record<SyncStatusView['state'] | 'disconnected', string> = {
  idle: 'is-local',
  online: 'is-ok',
  syncing: 'is-busy',
  offline: 'is-local',
  paused: 'is-warn',
  error: 'is-error',
  disconnected: 'is-error',
};

/** The current time, updated every 30 s: enough for "2 min ago" to stay true without re-rendering often. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * Connection and sync status: whether this view reaches PortDesk (the host's event socket; always
 * true in Electron), the sync engine's summary ("Syncing 12 of 40", "Offline since 14:02"), and
 * local queue facts: changes waiting to be pushed and ports that need a decision.
 */
export function StatusSlot() {
  const byId = usePortsStore((s) => s.byId);
  const loadError = usePortsStore((s) => s.status) === 'error';
  const online = useSyncExternalStore(connection.subscribe, connection.isConnected);
  const sync = useSyncStatus();
  const now = useNow();
  const { pending, problems } = useMemo(() => {
    let pendingCount = 0;
    let problemCount = 0;
    for (const p of byId.values()) {
      if (p.syncStatus === 'pending') pendingCount++;
      else if (p.syncStatus === 'conflict' || p.syncStatus === 'error') problemCount++;
    }
    return { pending: pendingCount, problems: problemCount };
  }, [byId]);
  const disconnected = !online || loadError;
  const label = disconnected ? 'Disconnected from PortDesk' : sync && sync.state !== 'idle' ? syncLabel(sync, now) : 'Local only: no connection set up';
  const dot = DOT[disconnected ? 'disconnected' : (sync?.state ?? 'idle')];
  return (
    <div className="status-slot" role="status" aria-label="Sync status" title={sync?.remotes.map((r) => `${r.name}: ${r.message ?? r.state}`).join('\n') || undefined}>
      <span className={`status-dot ${dot}`} aria-hidden="true" />
      <span className="status-text">{label}</span>
      {pending > 0 && <span className="badge badge-accent tabular">{pending} to sync</span>}
      {problems > 0 && <span className="badge badge-danger tabular">{problems} need attention</span>}
    </div>
  );
}
