import { Modal } from '../ui/Modal';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { rpc } from '../rpc/transport';
import { usePortsStore } from '../stores/portsStore';
import { useNoticeStore } from '../stores/noticeStore';
import { useSyncStore, type RemoteInfo } from '../sync/syncStore';
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
  return (
    <ConfirmDialog
      title={`Remove "${remote.name}"?`}
      confirmLabel="Remove connection"
      onCancel={onClose}
      onConfirm={async () => {
        await rpc.call('remotes.remove', { id: remote.id });
        toast('success', `Removed "${remote.name}"`);
        onClose();
        void refresh();
      }}
    >
      <p className="prompt-message">
        {linked === 0
          ? 'No port is linked to this connection. Its token is deleted from this computer.'
          : `${linked} ${linked === 1 ? 'port stays' : 'ports stay'} on this computer as local ${linked === 1 ? 'port' : 'ports'}. Changes not yet sent to this server and open conflicts with it are discarded; nothing is deleted on the server.`}
      </p>
    </ConfirmDialog>
  );
}
