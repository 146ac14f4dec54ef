import { UndoToast } from '../ui/UndoToast';
import { useImportStore } from './importStore';

/**
 * After an import: what was written, with Undo. Lives outside the Import screen because the
 * window switches to the board, where the new ports appear, right after the commit.
 */
export function ImportUndoToast() {
  const last = useImportStore((s) => s.lastImport);
  const undo = useImportStore((s) => s.undo);
  const dismiss = useImportStore((s) => s.dismissLast);
  if (!last) return null;
  return <UndoToast className="imp-undo-toast" message={last.message} onUndo={last.batchId ? () => void undo() : undefined} onDismiss={dismiss} />;
}
