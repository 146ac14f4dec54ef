import { useState, type ReactNode } from 'react';
import { Modal } from './Modal';
import { FormError } from './FormError';

export interface ConfirmDialogProps {
  title: string;
  /** The label of the destructive button, saying what it does ("Delete port"). */
  confirmLabel: string;
  /** The work to do; a thrown error's message is shown in the dialog, which stays open. */
  onConfirm(): Promise<void>;
  onCancel(): void;
  children: ReactNode;
}

/** A destructive action, confirmed: Cancel has the focus, the server's refusal is shown verbatim. */
export function ConfirmDialog({ title, confirmLabel, onConfirm, onCancel, children }: ConfirmDialogProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={title}
      tone="danger"
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel} autoFocus>
            Cancel
          </button>
          <button type="button" className="btn btn-danger-solid" disabled={busy} onClick={() => void confirm()}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
      <FormError message={error} />
    </Modal>
  );
}
