import { useState } from 'react';
import { AppError } from '../../../shared/errors';
import type { PortDetail } from '../../../shared/model';
import { formatNumber } from '../../../shared/domain/numbers';
import { isEditable } from '../../../shared/domain/states';
import { rpc } from '../rpc/transport';
import { splitNumbers } from '../lib/numberInput';
import { useNoticeStore } from '../stores/noticeStore';
import { ComposeBox } from '../ui/ComposeBox';
import { Icon } from '../ui/Icon';

/** The port's numbers: formatted, with per-number status; add many at once (paste) and remove. */
export function NumbersTable({ port, onChanged }: { port: PortDetail; onChanged(): void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const toast = useNoticeStore((s) => s.toast);
  const editable = isEditable(port.state);
  // A completed request moved every number it carries; the remote keeps no per-number status.
  const ported = port.state === 'completed';

  const add = async () => {
    const numbers = splitNumbers(text);
    if (numbers.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const r = await rpc.call('numbers.add', { portId: port.id, numbers });
      setText('');
      const parts = [`Added ${r.added.length} ${r.added.length === 1 ? 'number' : 'numbers'}`];
      if (r.alreadyOnPort.length > 0) parts.push(`${r.alreadyOnPort.length} already on this port`);
      toast('success', [...parts, ...r.notes].join('; '));
      onChanged();
    } catch (err) {
      setError(err instanceof AppError || err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (e164: string) => {
    try {
      await rpc.call('numbers.remove', { portId: port.id, numbers: [e164] });
      onChanged();
    } catch (err) {
      toast('error', err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <section className="detail-section" aria-labelledby="numbers-title">
      <h3 id="numbers-title" className="section-title">
        Numbers <span className="section-count tabular">{port.numbers.length}</span>
        {ported && port.numbers.length > 0 && <span className="muted section-note">all ported</span>}
      </h3>
      {editable && (
        <ComposeBox
          label="Add numbers"
          value={text}
          placeholder={'Any format, one per line or comma separated\n2025559000, +1 202-555-9001'}
          errorId="numbers-error"
          error={error}
          busy={busy}
          submitLabel="Add numbers"
          onChange={setText}
          onSubmit={() => void add()}
        />
      )}
      {port.numbers.length === 0 ? (
        <p className="empty-line">No numbers yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Numbers">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Status</th>
                <th scope="col">Carrier</th>
                {editable && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {port.numbers.map((n) => (
                <tr key={n.e164}>
                  <td className="mono tabular" title={n.e164}>
                    {formatNumber(n.e164)}
                  </td>
                  <td>{n.status || (ported ? <span className="badge badge-ok">Ported</span> : <span className="muted">—</span>)}</td>
                  <td>{n.carrier || <span className="muted">—</span>}</td>
                  {editable && (
                    <td className="cell-action">
                      <button type="button" className="btn btn-ghost btn-icon" aria-label={`Remove ${formatNumber(n.e164)}`} onClick={() => void remove(n.e164)}>
                        <Icon name="close" size={14} />
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
