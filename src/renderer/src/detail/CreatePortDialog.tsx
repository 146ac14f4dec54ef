import { useState } from 'react';
import { AppError } from '../../../shared/errors';
import { PortFieldsSchema } from '../../../shared/model';
import { rpc } from '../rpc/transport';
import { splitNumbers } from '../lib/numberInput';
import { toSummary } from '../lib/summary';
import { usePortsStore } from '../stores/portsStore';
import { useUiStore } from '../stores/uiStore';
import { useNoticeStore } from '../stores/noticeStore';
import { Modal } from '../ui/Modal';
import { FormError } from '../ui/FormError';

/** New port: a name and (optionally) numbers in any format; opens the detail after creating. */
export function CreatePortDialog() {
  const setCreateOpen = useUiStore((s) => s.setCreateOpen);
  const openPort = useUiStore((s) => s.openPort);
  const [name, setName] = useState('');
  const [carrier, setCarrier] = useState('');
  const [numbers, setNumbers] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameCheck = PortFieldsSchema.shape.name.safeParse(name);
  const nameError = touched && !nameCheck.success ? `Name ${nameCheck.error.issues[0]?.message ?? 'is invalid'}` : null;
  const close = () => setCreateOpen(false);

  const create = async () => {
    setTouched(true);
    if (!nameCheck.success) return;
    setBusy(true);
    setError(null);
    try {
      const port = await rpc.call('ports.create', {
        fields: { name: nameCheck.data, ...(carrier.trim() ? { losingCarrier: carrier.trim() } : {}) },
        numbers: splitNumbers(numbers),
      });
      usePortsStore.getState().upsert([toSummary(port)]);
      useNoticeStore.getState().toast('success', `Created “${port.name}” with ${port.numbers.length} ${port.numbers.length === 1 ? 'number' : 'numbers'}`);
      close();
      openPort(port.id);
    } catch (err) {
      setError(err instanceof AppError || err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <Modal
      title="New port request"
      onClose={close}
      width={520}
      footer={
        <>
          <button type="button" className="btn" onClick={close}>
            Cancel
          </button>
          <button type="submit" form="create-port-form" className="btn btn-primary" disabled={busy}>
            Create port
          </button>
        </>
      }
    >
      <form
        id="create-port-form"
        className="create-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label className="field">
          <span className="field-label">Name</span>
          <input
            className="input"
            value={name}
            autoFocus
            placeholder="e.g. Acme Dental – main office"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? 'create-name-error' : undefined}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => setTouched(true)}
          />
          {nameError && (
            <span id="create-name-error" className="field-error">
              {nameError}
            </span>
          )}
        </label>
        <label className="field">
          <span className="field-label">Losing carrier (optional)</span>
          <input className="input" value={carrier} onChange={(e) => setCarrier(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">Numbers (optional)</span>
          <textarea
            className="textarea"
            rows={4}
            value={numbers}
            placeholder={'Paste numbers in any format, one per line\n(202) 555-9000\n+1 202 555 9001'}
            onChange={(e) => setNumbers(e.target.value)}
          />
          <span className="field-hint">{splitNumbers(numbers).length} numbers</span>
        </label>
        <FormError message={error} />
      </form>
    </Modal>
  );
}
