import { useId, type ReactNode } from 'react';
import { Modal } from './Modal';

interface FormModalProps {
  title: string;
  onClose(): void;
  /** Enter in a field or the submit button: the form's default submit is prevented. */
  onSubmit(): void;
  submitLabel: ReactNode;
  /** The footer's first button, which closes the modal (default "Cancel"; "Close" where saving keeps it open). */
  cancelLabel?: string;
  busy?: boolean;
  /** Buttons between Cancel and the submit button (e.g. a second action). */
  actions?: ReactNode;
  formClassName?: string;
  width?: number;
  children: ReactNode;
}

/** A modal holding one form: Cancel and the submit button in the footer, bound to the form by its id. */
export function FormModal({ title, onClose, onSubmit, submitLabel, cancelLabel = 'Cancel', busy = false, actions, formClassName, width, children }: FormModalProps) {
  const formId = useId();
  return (
    <Modal
      title={title}
      onClose={onClose}
      width={width}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {cancelLabel}
          </button>
          {actions}
          <button type="submit" form={formId} className="btn btn-primary" disabled={busy}>
            {submitLabel}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className={formClassName}
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
    </Modal>
  );
}
