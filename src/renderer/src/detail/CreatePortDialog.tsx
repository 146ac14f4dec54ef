import { useState } from 'react';
import { AppError } from '../../../shared/errors';
import { PortFieldsSchema } from '../../../shared/model';
import { rpc } from '../rpc/transport';
import { checkNumberLines, validNumbers, type LineCheck } from '../../../shared/domain/numberLines';
import { formatNumber } from '../../../shared/domain/numbers';
import { toSummary } from '../lib/summary';
import { usePortsStore } from '../stores/portsStore';
import { useUiStore } from '../stores/uiStore';
import { useNoticeStore } from '../stores/noticeStore';
import { FormModal } from '../ui/FormModal';
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
  const checks = checkNumberLines(numbers);
  const valid = validNumbers(checks);
  const invalidCount = checks.filter((c) => c.status === 'invalid').length;
  const duplicateCount = checks.filter((c) => c.status === 'duplicate').length;

  const create = async () => {
    setTouched(true);
    if (!nameCheck.success) return;
    setBusy(true);
    setError(null);
    try {
      const port = await rpc.call('ports.create', {
        fields: { name: nameCheck.data, ...(carrier.trim() ? { losingCarrier: carrier.trim() } : {}) },
        numbers: valid,
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
    <FormModal
      title="New port request"
      onClose={close}
      width={520}
      onSubmit={() => void create()}
      submitLabel={invalidCount > 0 ? `Create with the ${valid.length} valid ${valid.length === 1 ? 'number' : 'numbers'}` : 'Create port'}
      busy={busy}
      formClassName="create-form"
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
      </label>
      {checks.length > 0 && <LineChecks checks={checks} valid={valid.length} invalid={invalidCount} duplicates={duplicateCount} />}
      <FormError message={error} />
    </FormModal>
  );
}

function checkText(c: LineCheck): string {
  if (c.status === 'invalid') return `Not added: ${c.reason}`;
  if (c.status === 'duplicate') return `${formatNumber(c.e164)}: duplicate of line ${c.firstLine}, added once`;
  return c.extension ? `${formatNumber(c.e164)}: extension ${c.extension} dropped (a port moves the number, not its extensions)` : formatNumber(c.e164);
}

/** Every pasted entry and what becomes of it, before anything is created. */
function LineChecks({ checks, valid, invalid, duplicates }: { checks: LineCheck[]; valid: number; invalid: number; duplicates: number }) {
  const summary = [`${valid} valid`, ...(invalid > 0 ? [`${invalid} invalid`] : []), ...(duplicates > 0 ? [`${duplicates} ${duplicates === 1 ? 'duplicate' : 'duplicates'}`] : [])];
  return (
    <section className="line-checks" aria-label="Number check">
      <p className="field-hint" aria-live="polite">
        {summary.join(', ')}
        {invalid > 0 && ': invalid lines are left out unless you correct them'}
      </p>
      <ol className="line-check-list">
        {checks.map((c) => (
          <li key={c.line} className={`line-check line-check-${c.status === 'valid' && c.extension ? 'note' : c.status}`}>
            <span className="line-check-no tabular">{c.line}</span>
            <span className="line-check-status">{c.status === 'valid' ? (c.extension ? 'Extension dropped' : 'Valid') : c.status === 'invalid' ? 'Invalid' : 'Duplicate'}</span>
            <span className="line-check-text">{checkText(c)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
