import type { MouseEvent } from 'react';
import type { SyncStatus } from '../../../shared/model';
import { useUiStore } from '../stores/uiStore';
import { useSyncStore } from '../sync/syncStore';

const LABELS: Partial<Record<SyncStatus, { text: string; tone: string }>> = {
  // Not "Pending": that is a port state (the carrier is working on it). This is our own queue.
  pending: { text: 'Queued', tone: 'badge-queued' },
  conflict: { text: 'Conflict', tone: 'badge-danger' },
  error: { text: 'Sync error', tone: 'badge-danger' },
};

interface SyncBadgeProps {
  status: SyncStatus;
  error: string | null;
  /** Given, an error or conflict badge is a button to that port's recovery on the Sync screen. */
  portId?: string;
  /** Cards are reached by the board's roving focus, so their badge stays out of the tab order. */
  tabIndex?: number;
}

/** Sync state worth a glance: local-only and synced ports show nothing. */
export function SyncBadge({ status, error, portId, tabIndex }: SyncBadgeProps) {
  const label = LABELS[status];
  if (!label) return null;
  const title = error ?? (status === 'pending' ? 'Changed here; queued to be sent at the next sync' : `Sync: ${label.text.toLowerCase()}`);
  if (!portId || (status !== 'error' && status !== 'conflict')) {
    return (
      <span className={`badge ${label.tone}`} title={title}>
        {label.text}
      </span>
    );
  }
  const open = (e: MouseEvent) => {
    // Inside a card the click would also open the detail panel.
    e.stopPropagation();
    useSyncStore.getState().focusPort(portId);
    useUiStore.getState().openPort(null);
    useUiStore.getState().setScreen('sync');
  };
  return (
    <button type="button" className={`badge badge-button ${label.tone}`} title={`${title}\nOpen on the Sync screen`} tabIndex={tabIndex} onClick={open}>
      {label.text}
    </button>
  );
}
