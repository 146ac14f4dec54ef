import { useState } from 'react';
import { Modal } from '../ui/Modal';
import { rpc } from '../rpc/transport';
import { usePortsStore } from '../stores/portsStore';
import { useNoticeStore } from '../stores/noticeStore';
import { messageOf, useSyncStore, type RemoteInfo } from '../sync/syncStore';
import { TokenForm } from './TokenForm';

/** Replace a remote's token (after a 401, or when the account's key was rotated). */
export function ReplaceTokenDialog({ remote, onClose }: { remote: RemoteInfo; onClose(): void }) {
  const refresh = useSyncStore((s) => s.refresh);
  const toast = useNoticeStore((s) => s.toast);
  return (
    <Modal title={`Replace the token of "${remote.name}"`} onClose={onClose}>
      <TokenForm
        remote={remote}
        onCancel={onClose}
        onSaved={() => {
          toast('success', `New token saved for "${remote.name}"`);
          onClose();
          void refresh();
        }}
      />
    </Modal>
  );
}

/** Confirm removing a remote, saying what happens to the ports linked to it. */
export function RemoveRemoteDialog({ remote, onClose }: { remote: RemoteInfo; onClose(): void }) {
  const linked = usePortsStore((s) => [...s.byId.values()].filter((p) => p.remoteId === remote.id).length);
  const refresh = useSyncStore((s) => s.refresh);
  const toast = useNoticeStore((s) => s.toast);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await rpc.call('remotes.remove', { id: remote.id });
      toast('success', `Removed "${remote.name}"`);
      onClose();
      void refresh();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={`Remove "${remote.name}"?`}
      tone="danger"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button type="button" className="btn btn-danger-solid" disabled={busy} onClick={() => void remove()}>
            Remove connection
          </button>
        </>
      }
    >
      <p className="prompt-message">
        {linked === 0
          ? 'No port is linked to this connection. Its token is deleted from this computer.'
          : `${linked} ${linked === 1 ? 'port stays' : 'ports stay'} on this computer as local ${linked === 1 ? 'port' : 'ports'}. Changes not yet sent to this server and open conflicts with it are discarded; nothing is deleted on the server.`}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
