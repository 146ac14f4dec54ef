import { useState } from 'react';
import type { PortDetail } from '../../../shared/model';
import { rpc } from '../rpc/transport';
import { Modal } from '../ui/Modal';

/** Confirmation before deleting; the service's refusal (e.g. LOCKED) is shown in the dialog. */
export function DeletePortDialog({ port, onCancel, onDeleted }: { port: PortDetail; onCancel(): void; onDeleted(): void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await rpc.call('ports.delete', { id: port.id });
      onDeleted();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={`Delete “${port.name}”?`}
      tone="danger"
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel} autoFocus>
            Cancel
          </button>
          <button type="button" className="btn btn-danger-solid" disabled={busy} onClick={() => void confirm()}>
            Delete port
          </button>
        </>
      }
    >
      <p>
        The port request and its {port.numbers.length} {port.numbers.length === 1 ? 'number' : 'numbers'} will be removed from this computer
        {port.remoteObjectId ? ' and the deletion sent to the carrier on the next sync' : ''}. This cannot be undone.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
