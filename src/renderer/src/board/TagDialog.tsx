import { useId, useState } from 'react';
import { AppError } from '../../../shared/errors';
import { rpc } from '../rpc/transport';
import { useNoticeStore } from '../stores/noticeStore';
import { usePortsStore } from '../stores/portsStore';
import { useEditStore, type Skipped } from '../queue/editStore';
import { FormModal } from '../ui/FormModal';
import { useKnownTags } from './useKnownTags';

/**
 * Take a tag change back on the ports it changed: the tag comes off where it was added, back on
 * where it was removed. Ports deleted since are skipped (tags.set refuses unknown ports).
 */
async function revertTag(changed: readonly string[], op: 'add' | 'remove', tag: string): Promise<Skipped[]> {
  const byId = usePortsStore.getState().byId;
  const present = changed.filter((id) => byId.has(id));
  const skipped = changed.filter((id) => !byId.has(id)).map((id) => ({ id, name: '', reason: 'no longer exists' }));
  if (present.length > 0) await rpc.call('tags.set', { portIds: present, ...(op === 'add' ? { remove: [tag] } : { add: [tag] }) });
  return skipped;
}

/**
 * Add or remove one tag on the selected ports, one undoable step. The board updates from the
 * change event that tags.set emits, so nothing is applied optimistically here: tags are local and
 * answer at once.
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
      const ports = changed.length === 1 ? '1 port' : `${changed.length} ports`;
      const message = op === 'add' ? `Tagged ${ports} with "${value}"` : `Removed tag "${value}" from ${ports}`;
      useNoticeStore.getState().announce(`${op === 'add' ? 'Tagged' : 'Untagged'} ${changed.length} of ${count} with "${value}"`);
      if (changed.length > 0) useEditStore.getState().record({ message, revert: () => revertTag(changed, op, value) });
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
