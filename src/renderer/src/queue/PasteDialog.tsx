import { useMemo, useState } from 'react';
import { messageOf } from '../lib/messageOf';
import type { PortSummary } from '../../../shared/model';
import type { TextField } from '../detail/fieldDefs';
import { Modal } from '../ui/Modal';
import { EDITABLE_FIELDS, fieldLabel, useEditStore } from './editStore';
import { parseClipboardBlock, planPaste } from './pastePlan';

/** The fields after `first` in form order: a pasted block's later columns go there by default. */
function defaultFields(first: TextField, count: number): TextField[] {
  const keys = EDITABLE_FIELDS.map((f) => f.key);
  const start = Math.max(0, keys.indexOf(first));
  return Array.from({ length: count }, (_, i) => keys[(start + i) % keys.length] as TextField);
}

/**
 * Paste a column (or a block) copied from a spreadsheet onto the selected ports, in order: a
 * preview of every change, refused values and skipped ports first; one undoable step on Apply.
 */
export function PasteDialog({ text, ports, firstField, onClose }: { text: string; ports: PortSummary[]; firstField: TextField; onClose(): void }) {
  const block = useMemo(() => parseClipboardBlock(text), [text]);
  const width = Math.max(1, ...block.map((l) => l.length));
  const [fields, setFields] = useState<TextField[]>(() => defaultFields(firstField, width));
  const [error, setError] = useState<string | null>(null);
  const busy = useEditStore((s) => s.busy);
  const plan = useMemo(() => planPaste(block, ports, fields), [block, ports, fields]);
  const skipped = plan.rows.filter((r) => r.skip);
  const changes = plan.edits.length;

  const apply = async () => {
    try {
      await useEditStore.getState().apply(plan.edits, `Pasted ${fields.map(fieldLabel).join(', ')}`);
      onClose();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <Modal
      title={`Paste ${block.length} ${block.length === 1 ? 'line' : 'lines'} onto ${ports.length} selected ${ports.length === 1 ? 'port' : 'ports'}`}
      onClose={onClose}
      width={720}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={busy || changes === 0 || plan.errors > 0} onClick={() => void apply()}>
            Apply to {changes} {changes === 1 ? 'port' : 'ports'}
          </button>
        </>
      }
    >
      <div className="paste-fields" role="group" aria-label="Pasted columns">
        {fields.map((f, i) => (
          <label key={i} className="field">
            <span className="field-label">Column {i + 1} is</span>
            <select className="select" value={f} onChange={(e) => setFields(fields.map((x, j) => (j === i ? (e.target.value as TextField) : x)))}>
              {EDITABLE_FIELDS.map((d) => (
                <option key={d.key} value={d.key}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <p className="paste-summary" aria-live="polite">
        {`${changes} ${changes === 1 ? 'port changes' : 'ports change'}`}
        {skipped.length > 0 && ` · ${skipped.length} skipped (state does not allow edits)`}
        {plan.errors > 0 && ` · ${plan.errors} ${plan.errors === 1 ? 'value is' : 'values are'} refused: fix them in the spreadsheet`}
        {plan.extraLines > 0 && ` · ${plan.extraLines} pasted ${plan.extraLines === 1 ? 'line has' : 'lines have'} no selected port and ${plan.extraLines === 1 ? 'is' : 'are'} left out`}
        {block.length < ports.length && ` · ${ports.length - block.length} selected ports get nothing`}
      </p>
      <div className="paste-preview">
        <table className="paste-table" aria-label="What changes">
          <thead>
            <tr>
              <th scope="col">Port</th>
              {fields.map((f, i) => (
                <th key={i} scope="col">
                  {fieldLabel(f)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {plan.rows.map((r) => (
              <tr key={r.port.id} className={r.skip ? 'is-skipped' : undefined}>
                <th scope="row" title={r.port.name}>
                  {r.port.name}
                  {r.skip && <span className="paste-skip"> — skipped, {r.skip}</span>}
                </th>
                {r.cells.map((c, i) => (
                  <td key={i} className={c.error && !r.skip ? 'is-invalid' : c.from !== c.to ? 'is-changed' : undefined} title={c.error ?? undefined}>
                    {c.from === c.to ? (
                      <span className="muted">{c.to || '—'}</span>
                    ) : (
                      <>
                        <del>{c.from || '—'}</del> → <ins>{c.to || '(empty)'}</ins>
                      </>
                    )}
                    {c.error && !r.skip && <span className="field-error">{c.error}</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
