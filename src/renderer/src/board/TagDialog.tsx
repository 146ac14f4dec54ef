import { useId, useState } from 'react';
import { AppError } from '../../../shared/errors';
import { rpc } from '../rpc/transport';
import { useNoticeStore } from '../stores/noticeStore';
import { FormModal } from '../ui/FormModal';
import { useKnownTags } from './useKnownTags';

/**
 * Add or remove one tag on the selected ports. The board updates from the change event that
 * tags.set emits, so nothing is applied optimistically here: tags are local and answer at once.
 */
export function TagDialog({ ids, onClose }: { ids: readonly string[]; onClose(): void }) {
  const known = useKnownTags();
  const listId = useId();
  const [tag, setTag] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const count = ids.length === 1 ? '1 port' : `${ids.length} ports`;

  const apply = async (op: 'add' | 'remove') => {
    const value = tag.trim();
    if (!value) {
      setError('Type a tag first');
      return;
    }
    setBusy(true);
    try {
      const { changed } = await rpc.call('tags.set', { portIds: [...ids], ...(op === 'add' ? { add: [value] } : { remove: [value] }) });
      useNoticeStore.getState().announce(`${op === 'add' ? 'Tagged' : 'Untagged'} ${changed.length} of ${count} with "${value}"`);
      onClose();
    } catch (err) {
      setError(err instanceof AppError || err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <FormModal
      title={`Tag ${count}`}
      onClose={onClose}
      width={400}
      onSubmit={() => void apply('add')}
      submitLabel="Add tag"
      busy={busy}
      formClassName="field"
      actions={
        <button type="button" className="btn" disabled={busy} onClick={() => void apply('remove')}>
          Remove tag
        </button>
      }
    >
      <label className="field-label" htmlFor={`${listId}-input`}>
        Tag
      </label>
      <input
        id={`${listId}-input`}
        className="input"
        list={listId}
        autoFocus
        maxLength={40}
        value={tag}
        aria-invalid={error !== null}
        aria-describedby={error ? `${listId}-error` : undefined}
        onChange={(e) => {
          setTag(e.target.value);
          setError(null);
        }}
      />
      <datalist id={listId}>
        {known.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <p className="field-hint">Tags stay on this computer; they are not sent to the carrier.</p>
      {error && (
        <p id={`${listId}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </FormModal>
  );
}
