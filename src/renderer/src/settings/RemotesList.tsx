import { useState } from 'react';
import type { RemoteSyncStatus } from '../../../shared/rpc/methods/sync';
import { remoteStateText } from '../sync/syncText';
import { useSyncStore, type RemoteInfo } from '../sync/syncStore';
import { RemoveRemoteDialog, ReplaceTokenDialog } from './RemoteDialogs';

const KIND_LABEL = { kazoo: 'Kazoo', telnyx: 'Telnyx' } as const;

export const STATE_TONE: Record<RemoteSyncStatus['state'], string> = {
  online: 'badge-ok',
  syncing: 'badge-accent',
  offline: 'badge-warn',
  paused: 'badge-warn',
  error: 'badge-danger',
};

function StatusCell({ remote, status }: { remote: RemoteInfo; status: RemoteSyncStatus | undefined }) {
  if (!remote.hasToken) return <span className="badge badge-warn">No token</span>;
  if (!status) return <span className="muted">Not synced yet</span>;
  return (
    <span className={`badge ${STATE_TONE[status.state]}`} title={status.message ?? undefined}>
      {remoteStateText(status)}
    </span>
  );
}

/** The connected porting API accounts, with token replacement and removal. */
export function RemotesList() {
  const remotes = useSyncStore((s) => s.remotes);
  const statuses = useSyncStore((s) => s.status?.remotes);
  const loaded = useSyncStore((s) => s.loaded);
  const [dialog, setDialog] = useState<{ kind: 'token' | 'remove'; remote: RemoteInfo } | null>(null);
  if (!loaded) return <div className="settings-card settings-skeleton" aria-busy="true" />;
  return (
    <section className="settings-card" aria-labelledby="remotes-title">
      <h2 id="remotes-title">Connections</h2>
      {remotes.length === 0 ? (
        <p className="empty-line">No porting API account is connected: ports stay on this computer until you add one below.</p>
      ) : (
        <table className="table remotes-table" aria-labelledby="remotes-title">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Server URL</th>
              <th scope="col">Account ID</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {remotes.map((r) => (
              <tr key={r.id}>
                <th scope="row" className="remote-name">
                  {r.name}
                </th>
                <td>{KIND_LABEL[r.kind]}</td>
                <td className="mono cell-clip" title={r.baseUrl}>
                  {r.baseUrl}
                </td>
                <td className="mono cell-clip" title={r.accountId}>
                  {r.accountId}
                </td>
                <td>
                  <StatusCell remote={r} status={statuses?.find((s) => s.remoteId === r.id)} />
                </td>
                <td className="cell-actions">
                  <button type="button" className="btn btn-sm" aria-label={`Replace token of ${r.name}`} onClick={() => setDialog({ kind: 'token', remote: r })}>
                    Replace token
                  </button>
                  <button type="button" className="btn btn-sm btn-danger" aria-label={`Remove ${r.name}`} onClick={() => setDialog({ kind: 'remove', remote: r })}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog?.kind === 'token' && <ReplaceTokenDialog remote={dialog.remote} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'remove' && <RemoveRemoteDialog remote={dialog.remote} onClose={() => setDialog(null)} />}
    </section>
  );
}
