import type { PortDetail } from '../../../shared/model';
import { rpc } from '../rpc/transport';
import { ConfirmDialog } from '../ui/ConfirmDialog';

/** Confirmation before deleting; the service's refusal (e.g. LOCKED) is shown in the dialog. */
export function DeletePortDialog({ port, onCancel, onDeleted }: { port: PortDetail; onCancel(): void; onDeleted(leftOnRemote: string | null): void }) {
  return (
    <ConfirmDialog
      title={`Delete “${port.name}”?`}
      confirmLabel="Delete port"
      onCancel={onCancel}
      onConfirm={async () => {
        const { leftOnRemote } = await rpc.call('ports.delete', { id: port.id });
        onDeleted(leftOnRemote);
      }}
    >
      <p>
        The port request and its {port.numbers.length} {port.numbers.length === 1 ? 'number' : 'numbers'} will be removed from this computer
        {port.remoteObjectId ? ' and the deletion sent to its remote on the next sync (Telnyx cannot delete: its copy stays there)' : ''}. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
