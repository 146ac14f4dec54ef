import { UndoToast } from '../ui/UndoToast';
import { useEditStore } from './editStore';

/** After a bulk or inline edit: what changed, with Undo (Ctrl+Z does the same while it shows). */
export function EditUndoToast() {
  const last = useEditStore((s) => s.last);
  const undo = useEditStore((s) => s.undo);
  const dismiss = useEditStore((s) => s.dismiss);
  if (!last) return null;
  return <UndoToast className="edit-undo-toast" message={last.message} undoTitle="Undo (Ctrl+Z)" onUndo={() => void undo()} onDismiss={dismiss} />;
}
