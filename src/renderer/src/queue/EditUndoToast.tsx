import { UndoToast } from '../ui/UndoToast';
import { useEditStore } from './editStore';

/** After an edit or an undo: what changed, with Undo naming the step it takes back (Ctrl+Z does the same). */
export function EditUndoToast() {
  const toast = useEditStore((s) => s.toast);
  const next = useEditStore((s) => s.undoStack.at(-1));
  const undo = useEditStore((s) => s.undo);
  const dismiss = useEditStore((s) => s.dismiss);
  if (!toast) return null;
  return (
    <UndoToast className="edit-undo-toast" message={toast} undoTitle={next && `Undo: ${next.message} (Ctrl+Z)`} onUndo={next ? () => void undo() : undefined} onDismiss={dismiss} />
  );
}
