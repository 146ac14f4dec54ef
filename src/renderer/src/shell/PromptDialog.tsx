import { useNoticeStore } from '../stores/noticeStore';
import { Modal } from '../ui/Modal';

/** The question after a refused action, with the service's message verbatim and the recovery on offer. */
export function PromptDialog() {
  const prompt = useNoticeStore((s) => s.prompt);
  const ask = useNoticeStore((s) => s.ask);
  if (!prompt) return null;
  const close = () => ask(null);
  return (
    <Modal
      title={prompt.title}
      onClose={close}
      tone="danger"
      footer={
        <>
          <button type="button" className="btn" onClick={close} autoFocus>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              close();
              prompt.onConfirm();
            }}
          >
            {prompt.confirmLabel}
          </button>
        </>
      }
    >
      <p role="alert" className="prompt-message">
        {prompt.message}
      </p>
    </Modal>
  );
}
