import { useEffect } from 'react';

const UNDO_VISIBLE_MS = 20_000;

/** What was just written, with Undo; it leaves by itself after 20 s. */
export function UndoToast({ message, className, undoTitle, onUndo, onDismiss }: { message: string; className: string; undoTitle?: string; onUndo?: () => void; onDismiss(): void }) {
  useEffect(() => {
    const timer = setTimeout(onDismiss, UNDO_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [message, onDismiss]);
  return (
    <div className={`${className} toast toast-success`} role="status">
      <span className="toast-text">{message}</span>
      {onUndo && (
        <button type="button" className="btn btn-sm" title={undoTitle} onClick={onUndo}>
          Undo
        </button>
      )}
      <button type="button" className="btn btn-ghost btn-sm" aria-label="Dismiss" onClick={onDismiss}>
        ✕
      </button>
    </div>
  );
}
