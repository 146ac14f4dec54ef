import { useMemo } from 'react';
import { usePortsStore } from '../stores/portsStore';

/**
 * Connection and sync status. Until the sync engine lands this shows local queue facts: how many
 * ports have changes waiting to be pushed and how many need a decision (conflict/error).
 */
export function StatusSlot() {
  const byId = usePortsStore((s) => s.byId);
  const status = usePortsStore((s) => s.status);
  const { pending, problems } = useMemo(() => {
    let pendingCount = 0;
    let problemCount = 0;
    for (const p of byId.values()) {
      if (p.syncStatus === 'pending') pendingCount++;
      else if (p.syncStatus === 'conflict' || p.syncStatus === 'error') problemCount++;
    }
    return { pending: pendingCount, problems: problemCount };
  }, [byId]);
  const label = status === 'error' ? 'Disconnected' : 'Working offline';
  return (
    <div className="status-slot" role="status" aria-label="Sync status">
      <span className={`status-dot ${status === 'error' ? 'is-error' : 'is-local'}`} aria-hidden="true" />
      <span className="status-text">{label}</span>
      {pending > 0 && <span className="badge badge-accent tabular">{pending} to sync</span>}
      {problems > 0 && <span className="badge badge-danger tabular">{problems} need attention</span>}
    </div>
  );
}
