import { useState } from 'react';
import type { RemoteSyncStatus } from '../../../shared/rpc/methods/sync';
import { remoteStateText, remoteStateWord } from '../sync/syncText';
import { rpc } from '../rpc/transport';
import { useNoticeStore } from '../stores/noticeStore';
import { messageOf, useSyncStore, type RemoteInfo } from '../sync/syncStore';
import { RemoveRemoteDialog, ReplaceTokenDialog } from './RemoteDialogs';
import { expiryText } from '../../../shared/domain/trustedCa';
import { TrustedCaDialog, trustedCaExpiry, trustedCaLine } from './TrustedCaDialog';

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
    <span className={`badge ${STATE_TONE[status.state]}`} title={[remoteStateText(status), status.message].filter(Boolean).join('\n')}>
      {remoteStateWord(status)}
    </span>
  );
}

/** The connected porting API accounts, with token replacement and removal. */
export function RemotesList() {
  const remotes = useSyncStore((s) => s.remotes);
  const statuses = useSyncStore((s) => s.status?.remotes);
  const loaded = useSyncStore((s) => s.loaded);
  const [dialog, setDialog] = useState<{ kind: 'token' | 'remove' | 'certificate'; remote: RemoteInfo } | null>(null);
  const refresh = useSyncStore((s) => s.refresh);
  const toast = useNoticeStore((s) => s.toast);
  const makeDefault = async (remote: RemoteInfo) => {
    try {
      await rpc.call('remotes.setDefault', { id: remote.id });
      await refresh();
    } catch (err) {
      toast('error', messageOf(err));
    }
  };
  if (!loaded) return <div className="settings-card settings-skeleton" aria-busy="true" />;
  return (
    <section className="settings-card" aria-labelledby="remotes-title">
      <div className="settings-card-head">
        <h2 id="remotes-title">Connections</h2>
        {remotes.length > 0 && <span className="muted">New ports sync with the default connection.</span>}
      </div>
      {remotes.length === 0 ? (
        <p className="empty-line">No porting API account is connected: ports stay on this computer until you add one below.</p>
      ) : (
        <table className="table remotes-table" aria-labelledby="remotes-title">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Server URL, account ID and API user</th>
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
                  <span className="remote-name-line">
                    <span className="cell-clip" title={r.name}>
                      {r.name}
                    </span>
                    {r.isDefault && <span className="badge badge-accent">Default</span>}
                  </span>
                </th>
                <td>{KIND_LABEL[r.kind]}</td>
                {/* Stacked: a 32-character Kazoo account ID (and a Telnyx API user) need the width of the URL column. */}
                <td className="mono remote-where">
                  <span className="cell-clip" title={r.baseUrl}>
                    {r.baseUrl}
                  </span>
                  <span className="cell-clip muted" title={r.accountId}>
                    {r.accountId}
                  </span>
                  {r.apiUser && (
                    <span className="cell-clip muted" title={`API user ${r.apiUser}`}>
                      {r.apiUser}
                    </span>
                  )}
                  <TrustLine remote={r} />
                </td>
                <td>
                  <StatusCell remote={r} status={statuses?.find((s) => s.remoteId === r.id)} />
                </td>
                <td className="cell-actions">
                  {!r.isDefault && (
                    <button type="button" className="btn btn-sm btn-ghost" aria-label={`Make ${r.name} the default`} onClick={() => void makeDefault(r)}>
                      Make default
                    </button>
                  )}
                  <button type="button" className="btn btn-sm" aria-label={`Replace token of ${r.name}`} onClick={() => setDialog({ kind: 'token', remote: r })}>
                    Replace token
                  </button>
                  <button type="button" className="btn btn-sm" aria-label={`Trusted certificate of ${r.name}`} title="Trust a private certificate authority for this server" onClick={() => setDialog({ kind: 'certificate', remote: r })}>
                    Certificate
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
      {dialog?.kind === 'certificate' && <TrustedCaDialog remote={dialog.remote} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'remove' && <RemoveRemoteDialog remote={dialog.remote} onClose={() => setDialog(null)} />}
    </section>
  );
}

/**
 * What the connection trusts beside the public authorities, with each certificate's fingerprint
 * on hover, and a line of its own once its end is near or past (the row clips the first line);
 * nothing when it trusts only them.
 */
function TrustLine({ remote }: { remote: RemoteInfo }) {
  const line = trustedCaLine(remote);
  if (!line) return null;
  const expiry = trustedCaExpiry(remote);
  return (
    <>
      <span className="cell-clip muted" title={remote.trustedCertificates.map((c) => `${c.subject}\nSHA-256 ${c.fingerprint}\nValid until ${c.validTo}`).join('\n')}>
        {line}
      </span>
      {expiry && <span className="cell-clip trusted-ca-expiry">Trusted certificate {expiryText(expiry)}</span>}
    </>
  );
}
