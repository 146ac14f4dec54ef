import { useEffect, useRef, useState } from 'react';
import { formatDateTime } from '../lib/format';
import { rpc } from '../rpc/transport';
import { useNoticeStore } from '../stores/noticeStore';
import { useUiStore } from '../stores/uiStore';
import { conflictKeyLabel, onlyIn, sideValue } from './syncText';
import { messageOf, useSyncStore, type ConflictView } from './syncStore';
import { FormError } from '../ui/FormError';

type Choice = 'local' | 'remote';
type Side = ConflictView['local'];

/** How many numbers to list before "and N more": enough to recognise a range, short enough to scan. */
const NUMBERS_SHOWN = 6;

function listed(numbers: string[]): string {
  const head = numbers.slice(0, NUMBERS_SHOWN).join(', ');
  return numbers.length > NUMBERS_SHOWN ? `${head} and ${numbers.length - NUMBERS_SHOWN} more` : head;
}

/** A side's value; for numbers, the count and what only this side has, since lists can be long. */
function Value({ side, other, field }: { side: Side; other: Side; field: string }) {
  if (field === 'numbers') {
    const extra = onlyIn(side.numbers, other.numbers);
    return (
      <span className="choice-value">
        {side.numbers.length} {side.numbers.length === 1 ? 'number' : 'numbers'}
        {extra.length > 0 && <span className="choice-extra mono">only here: {listed(extra)}</span>}
      </span>
    );
  }
  const text = sideValue(side, field);
  return <span className="choice-value">{text === '' ? <span className="muted">(empty)</span> : text}</span>;
}

function ChoiceRow({ field, conflict, choice, onChoose }: { field: string; conflict: ConflictView; choice: Choice | undefined; onChoose(c: Choice): void }) {
  const label = conflictKeyLabel(field);
  const name = `${conflict.portId}-${field}`;
  const option = (side: Choice, prefix: string) => (
    <label className={`choice${choice === side ? ' is-chosen' : ''}`}>
      <input type="radio" name={name} checked={choice === side} onChange={() => onChoose(side)} />
      <span className="visually-hidden">{prefix}: </span>
      <Value side={conflict[side]} other={conflict[side === 'local' ? 'remote' : 'local']} field={field} />
    </label>
  );
  return (
    <div className="conflict-row" role="radiogroup" aria-label={label}>
      <span className="conflict-field">{label}</span>
      {option('local', 'This computer')}
      {option('remote', 'Server')}
    </div>
  );
}

/**
 * Both versions of a port side by side, one choice per differing field. Resolve stays disabled
 * until every field has a choice: the service refuses a partial answer, and nothing is dropped
 * by default.
 */
export function ConflictCard({ conflict, name, focused }: { conflict: ConflictView; name: string; focused: boolean }) {
  const [choices, setChoices] = useState<Partial<Record<string, Choice>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const openPort = useUiStore((s) => s.openPort);
  const toast = useNoticeStore((s) => s.toast);
  const refreshAfter = useSyncStore((s) => s.refreshAfter);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [focused]);
  const missing = conflict.differs.filter((k) => !choices[k]).length;
  const chooseAll = (c: Choice) => setChoices(Object.fromEntries(conflict.differs.map((k) => [k, c])));
  const resolve = async () => {
    setBusy(true);
    setError(null);
    try {
      await rpc.call('conflicts.resolve', { portId: conflict.portId, choices });
      await refreshAfter(conflict.portId);
      toast('success', `Resolved "${name}": the merged version will be sent at the next sync`);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };
  return (
    <article ref={ref} className={`sync-card conflict${focused ? ' is-focused' : ''}`} aria-label={`Conflict: ${name}`}>
      <header className="conflict-head">
        <button type="button" className="link-button attention-name" onClick={() => openPort(conflict.portId)}>
          {name}
        </button>
        <span className="muted">Changed here and on the server · found {formatDateTime(conflict.detectedAt)}</span>
        <span className="conflict-bulk">
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => chooseAll('local')}>
            Keep all mine
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => chooseAll('remote')}>
            Take all from server
          </button>
        </span>
      </header>
      <div className="conflict-grid">
        <div className="conflict-row conflict-cols" aria-hidden="true">
          <span />
          <span>On this computer</span>
          <span>On the server</span>
        </div>
        {conflict.differs.map((field) => (
          <ChoiceRow key={field} field={field} conflict={conflict} choice={choices[field]} onChoose={(c) => setChoices((prev) => ({ ...prev, [field]: c }))} />
        ))}
      </div>
      <FormError message={error} />
      <footer className="conflict-foot">
        <span className="muted">{missing > 0 ? `Choose a value for ${missing} more ${missing === 1 ? 'field' : 'fields'}` : 'Every field has a choice'}</span>
        <button type="button" className="btn btn-primary btn-sm" disabled={missing > 0 || busy} onClick={() => void resolve()}>
          Resolve conflict
        </button>
      </footer>
    </article>
  );
}
