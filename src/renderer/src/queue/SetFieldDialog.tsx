import { useId, useState } from 'react';
import { messageOf } from '../lib/messageOf';
import type { TextField } from '../detail/fieldDefs';
import { FormModal } from '../ui/FormModal';
import { EDITABLE_FIELDS, fieldLabel, useEditStore } from './editStore';
import { fieldProblem } from '../../../shared/domain/fieldProblems';

/** Set one field to the same value on every selected port, as one undoable step. */
export function SetFieldDialog({ ids, initialField = 'losingCarrier', onClose }: { ids: string[]; initialField?: TextField; onClose(): void }) {
  const id = useId();
  const [field, setField] = useState<TextField>(initialField);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const busy = useEditStore((s) => s.busy);
  const type = EDITABLE_FIELDS.find((f) => f.key === field)?.type ?? 'text';
  const invalid = fieldProblem(field, value);

  const apply = async () => {
    if (invalid) return setError(invalid);
    try {
      await useEditStore.getState().apply(
        ids.map((portId) => ({ id: portId, patch: { [field]: value.trim() } })),
        `Set ${fieldLabel(field)}`,
      );
      onClose();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <FormModal
      title={`Set a field on ${ids.length} ${ids.length === 1 ? 'port' : 'ports'}`}
      onClose={onClose}
      width={420}
      onSubmit={() => void apply()}
      submitLabel={`Set on ${ids.length} ${ids.length === 1 ? 'port' : 'ports'}`}
      busy={busy}
      formClassName="stack"
    >
      <label className="field">
        <span className="field-label">Field</span>
        <select
          className="select"
          value={field}
          onChange={(e) => {
            setField(e.target.value as TextField);
            setError(null);
          }}
        >
          {EDITABLE_FIELDS.map((f) => (
            <option key={f.key} value={f.key}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">New value</span>
        <input
          className="input"
          type={type}
          autoFocus
          value={value}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
        />
      </label>
      <p className="field-hint">Ports that can no longer be edited (submitted onwards) are skipped and listed. Undo with Ctrl+Z.</p>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </FormModal>
  );
}
