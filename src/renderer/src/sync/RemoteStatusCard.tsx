import { useState } from 'react';
import type { RemoteSyncStatus } from '../../../shared/rpc/methods/sync';
import { formatDateTime } from '../lib/format';
import { rpc } from '../rpc/transport';
import { useNoticeStore } from '../stores/noticeStore';
import { STATE_TONE } from '../settings/RemotesList';
import { TokenForm } from '../settings/TokenForm';
import { remoteStateText, unfinishedSyncText } from './syncText';
import { messageOf, useSyncStore } from './syncStore';

/** One remote's state, counts and what the specialist can do about it (a new token, held removals). */
export function RemoteStatusCard({ status }: { status: RemoteSyncStatus }) {
  const refresh = useSyncStore((s) => s.refresh);
  const apiUser = useSyncStore((s) => s.remotes.find((r) => r.id === status.remoteId)?.apiUser ?? null);
  const toast = useNoticeStore((s) => s.toast);
  const [confirming, setConfirming] = useState(false);
  const confirmRemovals = async () => {
    setConfirming(true);
    try {
      const report = await rpc.call('sync.now', { remoteId: status.remoteId, confirmRemovals: true });
      toast(report.converged ? 'success' : 'info', report.converged ? report.message : unfinishedSyncText(report));
    } catch (err) {
      toast('error', messageOf(err));
    } finally {
      setConfirming(false);
      void refresh();
    }
  };
  const counts = [
    status.queued > 0 ? `${status.queued} queued` : null,
    status.blocked > 0 ? `${status.blocked} blocked` : null,
    status.conflicts > 0 ? `${status.conflicts} in conflict` : null,
  ].filter(Boolean);
  return (
    <article className="sync-card remote-status" aria-label={status.name}>
      <div className="remote-status-head">
        <h3>{status.name}</h3>
        <span className="muted">{status.kind === 'kazoo' ? 'Kazoo' : 'Telnyx'}</span>
        <span className={`badge ${STATE_TONE[status.state]}`}>{remoteStateText(status)}</span>
      </div>
      {status.state === 'syncing' && status.progress && (
        <progress className="sync-progress" max={status.progress.total} value={status.progress.done} aria-label={`${status.name} progress`} />
      )}
      {status.message && status.state !== 'online' && <p className="server-message">{status.message}</p>}
      <p className="remote-status-facts muted">
        {status.lastSyncedAt ? `Last synced ${formatDateTime(status.lastSyncedAt)}` : 'Never synced'}
        {counts.length > 0 && ` · ${counts.join(' · ')}`}
      </p>
      {status.state === 'paused' && <TokenForm remote={{ id: status.remoteId, name: status.name, kind: status.kind, apiUser }} onSaved={() => void refresh()} />}
      {status.heldRemovals && (
        <div className="held-removals" role="alert">
          <p>
            The server no longer lists {status.heldRemovals.wouldRemove} of {status.heldRemovals.of} ports linked to this connection. They were kept here in case the listing was
            incomplete.
          </p>
          <button type="button" className="btn btn-sm btn-danger" disabled={confirming} onClick={() => void confirmRemovals()}>
            Remove them here too
          </button>
        </div>
      )}
    </article>
  );
}
