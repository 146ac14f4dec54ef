import type { SyncStatus } from '../../../shared/model';

const LABELS: Partial<Record<SyncStatus, { text: string; tone: string }>> = {
  pending: { text: 'Pending', tone: 'badge-accent' },
  conflict: { text: 'Conflict', tone: 'badge-danger' },
  error: { text: 'Sync error', tone: 'badge-danger' },
};

/** Sync state worth a glance: local-only and synced ports show nothing. */
export function SyncBadge({ status, error }: { status: SyncStatus; error: string | null }) {
  const label = LABELS[status];
  if (!label) return null;
  return (
    <span className={`badge ${label.tone}`} title={error ?? `Sync: ${label.text.toLowerCase()}`}>
      {label.text}
    </span>
  );
}
