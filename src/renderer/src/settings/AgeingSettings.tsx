import { useState } from 'react';
import { PORT_STATES, type PortState } from '../../../shared/model';
import { stateLabel } from '../../../shared/domain/states';
import type { AgeingThresholds } from '../../../shared/domain/ageing';
import { rpc } from '../rpc/transport';
import { messageOf } from '../lib/messageOf';
import { useNoticeStore } from '../stores/noticeStore';
import { useViewStore } from '../stores/viewStore';

const AGEING_STATES = PORT_STATES.filter((s) => s !== 'completed' && s !== 'canceled');

/** Days a port may stay in each state before the board and table flag it; empty means never. */
export function AgeingSettings() {
  const thresholds = useViewStore((s) => s.thresholds);
  const [draft, setDraft] = useState<Partial<Record<PortState, string>>>(() => Object.fromEntries(AGEING_STATES.map((s) => [s, thresholds[s]?.toString() ?? ''])));
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    const next: AgeingThresholds = {};
    for (const s of AGEING_STATES) {
      const text = (draft[s] ?? '').trim();
      if (text === '') continue;
      const days = Number(text);
      if (!Number.isInteger(days) || days < 1 || days > 365) return setError(`${stateLabel(s)}: give whole days from 1 to 365, or leave it empty`);
      next[s] = days;
    }
    try {
      useViewStore.getState().setThresholds(await rpc.call('settings.setAgeing', { thresholds: next }));
      setError(null);
      useNoticeStore.getState().toast('success', 'Ageing limits saved');
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <section className="settings-card" aria-labelledby="ageing-title">
      <div className="settings-card-head">
        <h2 id="ageing-title">Ageing</h2>
        <span className="muted">Flag a port on the board and in the table when it stays in a state longer than this.</span>
      </div>
      <form
        className="ageing-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {AGEING_STATES.map((s) => (
          <label key={s} className="field">
            <span className="field-label">{stateLabel(s)} (days)</span>
            <input className="input" inputMode="numeric" value={draft[s] ?? ''} placeholder="never" onChange={(e) => setDraft({ ...draft, [s]: e.target.value })} />
          </label>
        ))}
        <button type="submit" className="btn btn-primary">
          Save limits
        </button>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
