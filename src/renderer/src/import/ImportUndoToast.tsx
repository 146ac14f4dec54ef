import { useEffect } from 'react';
import { useImportStore } from './importStore';

const UNDO_VISIBLE_MS = 20_000;

/**
 * After an import: what was written, with Undo. Lives outside the Import screen because the
 * window switches to the board, where the new ports appear, right after the commit.
 */
export function ImportUndoToast() {
  const last = useImportStore((s) => s.lastImport);
  const undo = useImportStore((s) => s.undo);
  const dismiss = useImportStore((s) => s.dismissLast);
  useEffect(() => {
    if (!last) return;
    const timer = setTimeout(dismiss, UNDO_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [last, dismiss]);
  if (!last) return null;
  return (
    <div className="imp-undo-toast toast toast-success" role="status">
      <span className="toast-text">{last.message}</span>
      {last.batchId && (
        <button type="button" className="btn btn-sm" onClick={() => void undo()}>
          Undo
        </button>
      )}
      <button type="button" className="btn btn-ghost btn-sm" aria-label="Dismiss" onClick={dismiss}>
        ✕
      </button>
    </div>
  );
}
