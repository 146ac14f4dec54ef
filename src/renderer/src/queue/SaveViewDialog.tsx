import { useId, useState } from 'react';
import { messageOf } from '../lib/messageOf';
import { ViewNameSchema } from '../../../shared/domain/views';
import { FormModal } from '../ui/FormModal';
import { useViewStore } from '../stores/viewStore';
import { useSavedViews } from './savedViews';

/** Name the current filters, sort and columns; an existing name is replaced (the dialog says so). */
export function SaveViewDialog({ onClose }: { onClose(): void }) {
  const id = useId();
  const [name, setName] = useState(useViewStore.getState().activeView ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const exists = useSavedViews((s) => s.views.some((v) => v.name === name.trim()));

  const save = async () => {
    const parsed = ViewNameSchema.safeParse(name);
    if (!parsed.success) return setError(`Name ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
    setBusy(true);
    try {
      await useSavedViews.getState().saveCurrent(parsed.data);
      onClose();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <FormModal
      title="Save view"
      onClose={onClose}
      width={400}
      onSubmit={() => void save()}
      submitLabel={exists ? 'Replace view' : 'Save view'}
      busy={busy}
      formClassName="field"
    >
      <label className="field-label" htmlFor={`${id}-name`}>
        View name
      </label>
      <input
        id={`${id}-name`}
        className="input"
        autoFocus
        maxLength={80}
        value={name}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        onChange={(e) => {
          setName(e.target.value);
          setError(null);
        }}
      />
      <p id={`${id}-hint`} className="field-hint">
        {exists ? 'A view with this name exists: saving replaces it.' : 'Saves the filters, the sort and the table columns. It appears in the sidebar with its count.'}
      </p>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </FormModal>
  );
}
